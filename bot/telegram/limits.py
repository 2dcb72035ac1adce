"""Telegram's flood limits on the sending side, shared by the outbox sender and the handlers."""

import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter


class SendLimiter:
    """Telegram's flood limits on the sending side: overall, per private chat, per group.

    A send holds its place in a window from the moment it starts until its answer arrives,
    and the window is counted from that answer: Telegram handled the request before we saw
    the answer, so however the network delays requests, Telegram never counts more than the
    limit in any window. `margin` is added to every window against timer granularity.
    """

    def __init__(
        self,
        *,
        overall_per_s: int = 30,
        chat_interval: float = 1.0,
        group_per_min: int = 20,
        margin: float = 0.002,
        burst: int = 5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall_per_s = overall_per_s
        self.chat_interval = chat_interval + margin
        self.group_per_min = group_per_min
        self.second = 1.0 + margin
        self.minute = 60.0 + margin
        # A leaky bucket spreads sends over the second instead of bursting the whole allowance,
        # yet lets a few through at once to catch up after a delay (a fixed gap never could).
        self.burst = burst
        self._bucket = 0.0
        self._bucket_at = clock()
        self.clock = clock
        self._overall: deque[float] = deque()  # answer times of the sends in the last second
        self._groups: dict[int, deque[float]] = {}
        self._chats: dict[int, float] = {}  # answer time of the last send to a private chat
        self._in_flight: Counter[int] = Counter()
        self._direct: Counter[int] = Counter()  # handlers' sends in flight, per chat
        self._sweep_at = 1024

    @property
    def in_flight(self) -> int:
        """Sends started and not yet answered."""
        return self._in_flight.total()

    def overall_delay(self) -> float:
        """Seconds before any send may start (0: now)."""
        now = self.clock()
        _prune(self._overall, now - self.second)
        pacing = (self._drain(now) + 1 - self.burst) / self.overall_per_s
        excess = self.in_flight + len(self._overall) - self.overall_per_s
        if excess < 0:
            return max(pacing, 0.0)
        if excess >= len(self._overall):
            return self.second  # only answers can free a place: wait for one
        return max(self._overall[excess] + self.second - now, pacing, 0.0)

    def chat_delay(self, chat_id: int, *, is_group: bool) -> float:
        """Seconds before a send to this chat may start (0: now)."""
        if self._in_flight[chat_id] or self._direct[chat_id]:
            return self.chat_interval
        now = self.clock()
        if not is_group:
            last = self._chats.get(chat_id)
            return 0.0 if last is None else max(last + self.chat_interval - now, 0.0)
        window = self._groups.get(chat_id, deque())
        _prune(window, now - self.minute)
        excess = len(window) - self.group_per_min
        return 0.0 if excess < 0 else max(window[excess] + self.minute - now, 0.0)

    def delay(self, chat_id: int, *, is_group: bool) -> float:
        """Seconds before a send to this chat may start, all limits considered."""
        return max(self.overall_delay(), self.chat_delay(chat_id, is_group=is_group))

    def begin(self, chat_id: int) -> None:
        """Counts a send that starts now."""
        self._in_flight[chat_id] += 1
        self._bucket = self._drain(self.clock()) + 1

    def end(self, chat_id: int, *, is_group: bool) -> None:
        """Counts the answer (or failure) of a send: its windows start now."""
        self._in_flight[chat_id] -= 1
        if self._in_flight[chat_id] <= 0:
            del self._in_flight[chat_id]
        self._answered(chat_id, is_group=is_group)

    def begin_direct(self, chat_id: int) -> None:
        """Counts a send of someone else's (a handler's answer) to this chat, starting now."""
        self._direct[chat_id] += 1

    def end_direct(self, chat_id: int, *, is_group: bool) -> None:
        """Counts the answer of such a send: the chat's window starts now for us too."""
        self._direct[chat_id] -= 1
        if self._direct[chat_id] <= 0:
            del self._direct[chat_id]
        self._answered(chat_id, is_group=is_group)

    def _answered(self, chat_id: int, *, is_group: bool) -> None:
        now = self.clock()
        self._overall.append(now)
        if is_group:
            self._groups.setdefault(chat_id, deque()).append(now)
        else:
            self._chats[chat_id] = now
        if len(self._chats) + len(self._groups) > self._sweep_at:
            self._forget_idle(now)

    def _drain(self, now: float) -> float:
        self._bucket = max(self._bucket - (now - self._bucket_at) * self.overall_per_s, 0.0)
        self._bucket_at = now
        return self._bucket

    def _forget_idle(self, now: float) -> None:
        # Keeps memory flat on a long run: chats out of every window need no entry.
        self._chats = {c: t for c, t in self._chats.items() if t > now - self.chat_interval}
        for chat_id, window in list(self._groups.items()):
            _prune(window, now - self.minute)
            if not window:
                del self._groups[chat_id]
        self._sweep_at = max(1024, 2 * (len(self._chats) + len(self._groups)))


def _prune(window: deque[float], horizon: float) -> None:
    while window and window[0] <= horizon:
        window.popleft()


# The Bot API methods that post a message into a chat: Telegram's flood limits count these.
SEND_ENDPOINTS = frozenset(
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendContact",
        "sendLocation", "sendSticker", "sendVoice", "sendAudio", "sendVideo", "sendAnimation",
        "copyMessage", "forwardMessage",
    }
)  # fmt: skip


class SharedChatLimits(AIORateLimiter):
    """The Application's rate limiter; its sends count in the outbox sender's limits too.

    Handlers answer directly. Without this, the sender would send a queued message to the
    same chat right after a handler's answer, get a 429 for it, and pause every queued
    message for the retry time.
    """

    def __init__(self, limiter: SendLimiter, **options: Any) -> None:
        super().__init__(**options)
        self.limiter = limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Runs the request under AIORateLimiter, noting a send's chat in the shared limits."""
        chat_id = data.get("chat_id") if endpoint in SEND_ENDPOINTS else None
        if not isinstance(chat_id, int):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        self.limiter.begin_direct(chat_id)
        try:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        finally:
            self.limiter.end_direct(chat_id, is_group=chat_id < 0)
