"""Logging set-up: what an operator needs, never the bot token.

At INFO a running bot logs one line per start, stop, reminder run, broadcast and error. The
libraries' own INFO chatter (APScheduler's "Running job" pair every tick, "Adding job
tentatively" at start, every HTTP request) is kept at WARNING.
"""

import logging
import time
from collections.abc import Callable

REDACTED = "<redacted-token>"
# Loggers whose INFO lines narrate the library's work, not the bot's.
QUIET_LOGGERS = ("apscheduler", "httpx", "httpcore", "telegram", "telegram.ext")
NETWORK_REPORT_EVERY = 60.0  # seconds between reports of the same Bot API outage


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it appears in a log record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, REDACTED)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self.token in text:
                record.exc_text = text.replace(self.token, REDACTED)
        return True


class QuietNetworkErrors(logging.Filter):
    """PTB logs a traceback per failed getUpdates while the network is down: one line a minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self._reported_at: float | None = None
        self._suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not record.name.startswith("telegram") or not _is_network_error(error):
            return True
        now = self.clock()
        if self._reported_at is not None and now - self._reported_at < NETWORK_REPORT_EVERY:
            self._suppressed += 1
            return False
        self._reported_at = now
        first = str(error).strip().splitlines()
        record.msg = "Bot API unreachable (%s); retrying (%d more failures since last report)"
        record.args = (first[0] if first else type(error).__name__, self._suppressed)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        self._suppressed = 0
        return True


def _is_network_error(error: BaseException | None) -> bool:
    if error is None:
        return False
    from telegram.error import BadRequest, NetworkError

    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def configure(level: str, token: str | None) -> None:
    """Logs to stderr at `level`; library chatter only from WARNING up."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(QuietNetworkErrors())
    if token:
        handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # At DEBUG the operator asked for everything; otherwise the libraries speak up only for
    # warnings (httpx's request lines would carry the token in their URLs, too).
    quiet = logging.DEBUG if root.level <= logging.DEBUG else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
