"""Rate limits: a sliding-window counter per key (client address, session)."""

import threading
import time
from collections import deque
from collections.abc import Callable


class Window:
    """At most `limit` events per `seconds` per key; old events fall out of the window."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        events = self._events.setdefault(key, deque())
        horizon = self.clock() - self.seconds
        while events and events[0] <= horizon:
            events.popleft()
        if not events:
            del self._events[key]  # memory stays bounded by the keys active in the window
            return deque()
        return events

    def full(self, key: str) -> bool:
        """Whether the key has used up its events in the window."""
        with self._lock:
            return len(self._recent(key)) >= self.limit

    def hit(self, key: str) -> bool:
        """Count one event; False (and not counted) when the window was already full."""
        with self._lock:
            events = self._recent(key)
            if len(events) >= self.limit:
                return False
            self._events.setdefault(key, events).append(self.clock())
            return True
