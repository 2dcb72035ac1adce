"""Telegram's documented flood limits for sending messages, on an injectable clock."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

SEND_METHODS = frozenset(
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendSticker", "sendVoice", "sendAudio",
        "sendVideo", "sendAnimation", "sendLocation", "sendContact", "sendMediaGroup",
        "copyMessage", "forwardMessage",
    }
)  # fmt: skip


def _retry(seconds: float) -> int:
    return max(1, math.ceil(seconds))


class RateLimiter:
    """Sliding-window limits: per private chat, per group and overall."""

    def __init__(
        self,
        clock: Callable[[], float],
        overall_per_s: int = 30,
        per_chat_per_s: float = 1.0,
        per_group_per_min: int = 20,
    ) -> None:
        self.clock = clock
        self.overall_per_s = overall_per_s
        self.chat_interval = 1.0 / per_chat_per_s
        self.per_group_per_min = per_group_per_min
        self._overall: deque[float] = deque()
        self._last_private: dict[int, float] = {}
        self._groups: dict[int, deque[float]] = {}

    def check(self, chat_id: int, private: bool) -> int | None:
        """Return retry_after seconds if a send to this chat now would exceed a limit."""
        now = self.clock()
        _prune(self._overall, now - 1.0)
        if len(self._overall) >= self.overall_per_s:
            return _retry(self._overall[0] + 1.0 - now)
        if private:
            last = self._last_private.get(chat_id)
            if last is not None and now - last < self.chat_interval:
                return _retry(last + self.chat_interval - now)
            return None
        window = self._groups.setdefault(chat_id, deque())
        _prune(window, now - 60.0)
        if len(window) >= self.per_group_per_min:
            return _retry(window[0] + 60.0 - now)
        return None

    def record(self, chat_id: int, private: bool) -> None:
        """Count an accepted send."""
        now = self.clock()
        self._overall.append(now)
        if private:
            self._last_private[chat_id] = now
        else:
            self._groups.setdefault(chat_id, deque()).append(now)


def _prune(window: deque[float], horizon: float) -> None:
    """Drop timestamps at or before the horizon (they are a full window old)."""
    while window and window[0] <= horizon:
        window.popleft()
