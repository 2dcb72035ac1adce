"""The flood guard: who sends faster than a person can, and when a stranger was last told.

Whoever sends a burst costs the bot work and everyone else outbox capacity (each person's
updates are handled one after another, other people's beside them: bot.telegram.updates). A
person (member or stranger) sending more than `max_updates` updates within `window` seconds
is told once to slow down and then ignored for `mute` seconds; a stranger's idle messages get
the access explanation at most once per `stranger_every` seconds.

The counts live in memory on purpose: this is only a flood guard, not a record of anything,
and a restart that forgets them at worst lets a flooder start over once.
"""

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

# How long the guard remembers that a sender is on the roster (saves a lookup per message).
MEMBER_MEMORY = 60.0


class Verdict(StrEnum):
    """What to do with an update."""

    PASS = "pass"  # handle it
    WARN = "warn"  # the one that crossed the line: say "slow down", then ignore it
    DROP = "drop"  # ignore it silently


class FloodSettings(Protocol):
    """The settings the guard reads (bot.settings.Settings has them)."""

    flood_max_updates: int
    flood_window_seconds: float
    flood_mute_seconds: float
    stranger_notice_seconds: float


@dataclass(frozen=True)
class FloodPolicy:
    """How fast is too fast, and for how long a flooder is ignored."""

    max_updates: int = 6
    window: float = 10.0
    mute: float = 60.0
    stranger_every: float = 60.0

    @classmethod
    def from_settings(cls, settings: FloodSettings) -> "FloodPolicy":
        """The policy the settings configure."""
        return cls(
            max_updates=settings.flood_max_updates,
            window=settings.flood_window_seconds,
            mute=settings.flood_mute_seconds,
            stranger_every=settings.stranger_notice_seconds,
        )


@dataclass
class _Sender:
    arrivals: deque[float] = field(default_factory=deque)
    muted_until: float = float("-inf")
    explained_at: float = float("-inf")
    member_until: float = float("-inf")
    album: str | None = None


class FloodGuard:
    """Counts each sender's recent updates on a monotonic clock."""

    def __init__(self, policy: FloodPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.clock = clock
        self._senders: dict[int, _Sender] = {}
        self._sweep_at = 1024

    def admit(self, sender: int, *, album: str | None = None) -> Verdict:
        """Counts one update of `sender`; `album` is its media group (an album counts once)."""
        now = self.clock()
        state = self._senders.get(sender)
        if state is None:
            if len(self._senders) >= self._sweep_at:
                self._forget_idle(now)
            state = self._senders[sender] = _Sender()
        if now < state.muted_until:
            return Verdict.DROP
        # Telegram delivers an album as one update per photo, all at once: one human act.
        if album is not None and album == state.album:
            return Verdict.PASS
        state.album = album
        _prune(state.arrivals, now - self.policy.window)
        state.arrivals.append(now)
        if len(state.arrivals) <= self.policy.max_updates:
            return Verdict.PASS
        state.arrivals.clear()
        state.muted_until = now + self.policy.mute
        return Verdict.WARN

    def may_explain(self, sender: int) -> bool:
        """Whether a stranger may be told how to get access now (and notes that they were)."""
        now = self.clock()
        state = self._senders.setdefault(sender, _Sender())
        if now - state.explained_at < self.policy.stranger_every:
            return False
        state.explained_at = now
        return True

    def known_member(self, sender: int) -> bool:
        """Whether `sender` was found on the roster less than MEMBER_MEMORY seconds ago."""
        state = self._senders.get(sender)
        return state is not None and self.clock() < state.member_until

    def note_member(self, sender: int) -> None:
        """Remembers that `sender` is on the roster, so their next updates skip the lookup.

        Only members are remembered, never strangers: someone who has just been given access
        must not be taken for a stranger. A member removed meanwhile is still let through for
        at most MEMBER_MEMORY seconds, where the features find no person and explain access.
        """
        state = self._senders.setdefault(sender, _Sender())
        state.member_until = self.clock() + MEMBER_MEMORY

    def __len__(self) -> int:
        return len(self._senders)

    def _forget_idle(self, now: float) -> None:
        # Keeps memory flat under a wave of strangers: a sender with nothing left in any
        # window is the same as one never seen.
        horizon = now - max(self.policy.window, self.policy.stranger_every)
        self._senders = {
            key: state
            for key, state in self._senders.items()
            if state.muted_until > now
            or state.explained_at > horizon
            or (state.arrivals and state.arrivals[-1] > now - self.policy.window)
        }
        self._sweep_at = max(1024, 2 * len(self._senders))


def _prune(window: deque[float], horizon: float) -> None:
    while window and window[0] <= horizon:
        window.popleft()
