"""Seeded random and scripted fault injection for emulated Bot API requests."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# 429: flood error; 5xx: 502 Bad Gateway; slow: delay before processing;
# drop: close the connection unprocessed; drop_after: process, then close without answering.
FAULT_KINDS = ("429", "5xx", "slow", "drop", "drop_after")
DEFAULT_EXEMPT = frozenset({"getUpdates", "getMe"})
_SETTINGS = frozenset(
    {f"rate_{kind}" for kind in FAULT_KINDS} | {"retry_after", "slow_seconds", "methods"}
)


@dataclass
class Fault:
    """One fault to apply to one request."""

    kind: str
    retry_after: int = 3
    slow_seconds: float = 2.0


Matcher = Callable[[dict[str, Any]], bool]


@dataclass
class _Scripted:
    method: str
    kind: str
    remaining: int
    retry_after: int | None
    matching: Matcher | None = None  # only calls whose parameters it accepts


class FaultInjector:
    """Decides per request whether (and how) to fail it; thread-safe."""

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self.injected: Counter[str] = Counter()
        self._scripted: list[_Scripted] = []
        self.reset(seed)

    def reset(self, seed: int = 0) -> None:
        """Disable all random faults, forget scripted ones and zero the counters."""
        with self._lock:
            self.rate_429 = self.rate_5xx = self.rate_slow = 0.0
            self.rate_drop = self.rate_drop_after = 0.0
            self.retry_after = 3
            self.slow_seconds = 2.0
            self.methods: set[str] | None = None
            self._rng = random.Random(seed)
            self._scripted.clear()
            self.injected.clear()

    def configure(self, *, seed: int | None = None, **settings: Any) -> None:
        """Set rate_<kind> fractions, retry_after, slow_seconds, methods; reseed if seed given."""
        unknown = set(settings) - _SETTINGS
        if unknown:
            raise TypeError(f"unknown fault settings: {sorted(unknown)}")
        with self._lock:
            for name, value in settings.items():
                setattr(self, name, set(value) if name == "methods" and value else value)
            if seed is not None:
                self._rng = random.Random(seed)

    def fail_next(
        self,
        method: str,
        kind: str,
        count: int = 1,
        retry_after: int | None = None,
        matching: Matcher | None = None,
    ) -> None:
        """Fail the next `count` calls of `method` ('*' = any faultable method) with `kind`;
        with `matching`, only calls whose parameters it accepts count."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        with self._lock:
            self._scripted.append(_Scripted(method, kind, count, retry_after, matching))

    def applies_to(self, method: str) -> bool:
        """Whether random faults (and '*' scripts) may hit this method."""
        if self.methods is None:
            return method not in DEFAULT_EXEMPT
        return method in self.methods

    def pick(self, method: str, params: dict[str, Any] | None = None) -> Fault | None:
        """Return the fault for this request, or None to serve it normally."""
        with self._lock:
            kind, retry_after = self._pick_kind(method, params or {})
            if kind is None:
                return None
            self.injected[kind] += 1
            return Fault(kind, retry_after or self.retry_after, self.slow_seconds)

    def _pick_kind(self, method: str, params: dict[str, Any]) -> tuple[str | None, int | None]:
        for script in self._scripted:
            if script.matching is not None and not script.matching(params):
                continue
            if script.method == method or (script.method == "*" and self.applies_to(method)):
                script.remaining -= 1
                if script.remaining <= 0:
                    self._scripted.remove(script)
                return script.kind, script.retry_after
        rates = [(kind, getattr(self, f"rate_{kind}")) for kind in FAULT_KINDS]
        if not self.applies_to(method) or not any(rate for _, rate in rates):
            return None, None
        draw = self._rng.random()
        for kind, rate in rates:
            if draw < rate:
                return kind, None
            draw -= rate
        return None, None
