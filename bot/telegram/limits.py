"""Telegram's flood limits on the sending side, shared by the outbox sender and the handlers."""

import math
import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

# Round-trip estimate as TCP keeps it (RFC 6298): smoothed RTT and mean deviation.
RTT_GAIN = 1 / 8
RTT_VAR_GAIN = 1 / 4
JITTER_DEVIATIONS = 4  # the window's jitter margin: this many mean deviations of the RTT
WARM_SAMPLES = 8  # answers measured before places are counted from the start


class SendLimiter:
    """Telegram's flood limits on the sending side: overall, per private chat, per group.

    Overall (30/s), a send's place in the one-second window is counted from its START, and
    the window is lengthened by a jitter margin. Telegram sees a request somewhere between
    our start and our answer, at start + d, where d is the one-way delay. If no 31 starts
    fall within 1 s + J, where J bounds how much d varies from one send to the next, no 31
    arrivals fall within any 1 s at Telegram. J is taken as 4 mean deviations of the measured
    round trip (the TCP estimator), plus `margin` against timer granularity; so with a stable
    round trip 30 sends start per (1 s + a few ms) whatever the round trip is, and the number
    in flight only has to cover rate × RTT (`target_in_flight`).

    Two guards keep this safe when a send is delayed unusually (a new connection, a stall):
    - a send still in flight always holds a place (it may reach Telegram any moment);
    - an answered send is placed at max(start, answer - smoothed RTT): one that came back
      late is moved to where Telegram would have seen it had the extra delay been on the
      way there, never earlier than it can have been seen.
    Until WARM_SAMPLES answers have been measured, a send is placed at its answer and the
    window has no jitter margin (the rule before pipelining: safe whatever the link does, as
    Telegram has seen a request before we see its answer); `target_in_flight` is 1 until the
    first answer.

    Per private chat (1/s) and per group (20/min), windows are counted from the answer, as
    before: a chat gets few messages, so this conservative rule costs no throughput. Sends of
    the handlers (`begin_direct`/`end_direct`) are counted the same way overall too: they go
    through AIORateLimiter, which may hold them back after we saw them start.
    """

    def __init__(
        self,
        *,
        overall_per_s: int = 30,
        chat_interval: float = 1.0,
        group_per_min: int = 20,
        margin: float = 0.005,
        burst: int = 5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall_per_s = overall_per_s
        self.chat_interval = chat_interval + margin
        self.group_per_min = group_per_min
        self.margin = margin
        self.minute = 60.0 + margin
        # A leaky bucket spreads sends over the second instead of bursting the whole allowance,
        # yet lets a few through at once to catch up after a delay (a fixed gap never could).
        self.burst = burst
        self._bucket = 0.0
        self._bucket_at = clock()
        self.clock = clock
        self._overall: deque[float] = deque()  # places of the answered sends, oldest first
        self._groups: dict[int, deque[float]] = {}
        self._chats: dict[int, float] = {}  # answer time of the last send to a private chat
        self._starts: dict[int, deque[float]] = {}  # start times of our sends in flight, per chat
        self._in_flight: Counter[int] = Counter()
        self._direct: Counter[int] = Counter()  # handlers' sends in flight, per chat
        self._sweep_at = 1024
        self.srtt: float | None = None  # smoothed round trip of our sends, seconds
        self.rttvar = 0.0
        self._samples = 0
        self.peak_in_flight = 0

    @property
    def in_flight(self) -> int:
        """Sends started and not yet answered."""
        return self._in_flight.total()

    def chats_in_flight(self) -> set[int]:
        """Chats with a send of ours in flight."""
        return set(self._in_flight)

    @property
    def second(self) -> float:
        """The overall window: one second, plus the jitter margin."""
        if self._samples < WARM_SAMPLES:
            return 1.0 + self.margin
        return 1.0 + self.margin + min(JITTER_DEVIATIONS * self.rttvar, 1.0)

    def target_in_flight(self, cap: int) -> int:
        """Sends to keep in flight to fill the window: rate × (RTT + its jitter) + 1, ≤ cap."""
        if self.srtt is None:
            return 1
        jitter = JITTER_DEVIATIONS * self.rttvar
        wanted = math.ceil(self.overall_per_s * (self.srtt + jitter)) + 1
        return max(1, min(cap, wanted))

    def overall_delay(self) -> float:
        """Seconds before any send may start (0: now)."""
        now = self.clock()
        second = self.second
        _prune(self._overall, now - second)
        pacing = (self._drain(now) + 1 - self.burst) / self.overall_per_s
        held = self.in_flight + self._direct.total()  # in flight: a place each, always
        excess = held + len(self._overall) - self.overall_per_s
        if excess < 0:
            return max(pacing, 0.0)
        if excess >= len(self._overall):
            return 1.0 + self.margin  # only answers can free a place: wait for one
        return max(self._overall[excess] + second - now, pacing, 0.0)

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
        now = self.clock()
        self._in_flight[chat_id] += 1
        self._starts.setdefault(chat_id, deque()).append(now)
        self._bucket = self._drain(now) + 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def end(self, chat_id: int, *, is_group: bool, measured: bool = True) -> None:
        """Counts the answer (or failure) of a send; `measured`: its round trip is a sample
        (not a timeout or a dropped connection)."""
        now = self.clock()
        self._in_flight[chat_id] -= 1
        if self._in_flight[chat_id] <= 0:
            del self._in_flight[chat_id]
        starts = self._starts.get(chat_id)
        started = starts.popleft() if starts else now
        if not starts:
            self._starts.pop(chat_id, None)
        place = now
        if self._samples >= WARM_SAMPLES and self.srtt is not None:
            place = min(max(started, now - self.srtt), now)
        if measured:
            self._observe(now - started)
        self._answered(chat_id, is_group=is_group, now=now, place=place)

    def begin_direct(self, chat_id: int) -> None:
        """Counts a send of someone else's (a handler's answer) to this chat, starting now."""
        self._direct[chat_id] += 1

    def end_direct(self, chat_id: int, *, is_group: bool) -> None:
        """Counts the answer of such a send: its windows start now for us too."""
        self._direct[chat_id] -= 1
        if self._direct[chat_id] <= 0:
            del self._direct[chat_id]
        now = self.clock()
        self._answered(chat_id, is_group=is_group, now=now, place=now)

    def _observe(self, rtt: float) -> None:
        self._samples += 1
        if self.srtt is None:
            self.srtt, self.rttvar = rtt, rtt / 2
            return
        self.rttvar += RTT_VAR_GAIN * (abs(rtt - self.srtt) - self.rttvar)
        self.srtt += RTT_GAIN * (rtt - self.srtt)

    def _answered(self, chat_id: int, *, is_group: bool, now: float, place: float) -> None:
        _insert(self._overall, place)
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


def _insert(window: deque[float], moment: float) -> None:
    """Adds a moment, keeping the window sorted (a place may be earlier than the last one)."""
    if not window or window[-1] <= moment:
        window.append(moment)
        return
    position = len(window)
    while position and window[position - 1] > moment:
        position -= 1
    window.insert(position, moment)


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
