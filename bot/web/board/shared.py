"""Board answers shared by identical wall displays: rendered once, sent to all of them.

Fifty screens on one city board link ask for the same 2 MB of HTML; at province scale each
render is ~60 ms of the event loop's time (snapshot and template), so fifty a minute would be
three seconds of it, and fifty a second would starve the chat. A board link's answer is the
same for every screen showing that link's scope in one language within one minute at one data
version (bot.board.version), so it is kept and reused under that key. Members' boards (their
own scope, checked on every request) are not shared.

A kept answer is also kept gzip-compressed (made once, on the first screen that accepts it):
a city board's HTML is mostly repeated table markup, ~15 times smaller compressed, so each
screen costs the server and the network a fraction of the bytes.
"""

from __future__ import annotations

import gzip
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field

GZIP_LEVEL = 6


@dataclass
class Answer:
    """One rendered answer, plain and (once asked for) gzip-compressed."""

    html: bytes
    _gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        """The HTML gzip-compressed (compressed once)."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.html, GZIP_LEVEL, mtime=0)
        return self._gzipped


@dataclass
class SharedAnswers:
    """The newest answers by key (least recently used dropped beyond `size`)."""

    size: int = 16
    _answers: OrderedDict[Hashable, Answer] = field(default_factory=OrderedDict)

    def get(self, key: Hashable) -> Answer | None:
        """The answer kept under `key`, if any."""
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, key: Hashable, html: bytes) -> Answer:
        """Keeps `html` under `key`."""
        answer = self._answers[key] = Answer(html)
        self._answers.move_to_end(key)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)
        return answer


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (`gzip;q=0` refuses it)."""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        if name.strip() in ("gzip", "*"):
            params = params.strip()
            if not params.startswith("q="):
                return True
            try:
                return float(params[2:]) > 0
            except ValueError:
                return False
    return False
