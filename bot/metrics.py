"""The process's Prometheus instruments, and the outbox gauges read at scrape time.

Two kinds of metric, two lifetimes:

- The counters and the histogram (`INSTRUMENTS`) are process-wide, created once at import on a
  registry of this module's own (not prometheus-client's global one). The hot paths (the update
  processor, the Bot API request class, the error handler) only increment them: a pre-bound
  child, a lock and an add, no database and no label lookup. Tests build many Applications in
  one process; those share the instruments, so a test reads a difference, never an absolute.
- The outbox gauges are computed from the database when `/metrics` is scraped, by an
  `OutboxCollector` built per web app around that app's database (`scrape_registry`). Each web
  app gets a fresh registry holding the shared instruments, its own collector and the process
  collector, so two apps in one process never clash over a registered name.

Knows nothing of Telegram: callers say which kind an update was or which method they called.
"""

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

INSTRUMENTS = CollectorRegistry(auto_describe=True)

# The kinds an update is counted under (bot.telegram.updates.update_kind decides), in the order
# tried: a button press; an edited message; then of a new message, a command (text starting
# with a bot_command entity), a shared contact, a photo, any other message (text, documents,
# stickers ...); everything else (membership changes, polls, unknown objects) is "other".
UPDATE_KINDS = (
    "callback_query",
    "edited_message",
    "command",
    "contact",
    "photo",
    "message",
    "other",
)

# How a Bot API call that got no successful answer ended (bot.telegram.http decides). A 429 is
# counted apart (parkbot_bot_api_429_total), not here.
API_ERROR_KINDS = (
    "timeout",  # no answer in time (connect, read, write or the connection pool)
    "network",  # the connection failed or dropped
    "bad_request",  # 400: the request itself was refused (text, markup, a chat not found)
    "forbidden",  # 403: blocked by the user, or not a member of the chat
    "unauthorized",  # 401 or 404: the token was refused
    "conflict",  # 409: another process polls with the same token, or a webhook is set
    "server",  # 5xx: the Bot API failed
    "other",  # any other status
)

UPDATES = Counter(
    "parkbot_updates",
    "Updates handled, by kind.",
    ["kind"],
    registry=INSTRUMENTS,
)
UPDATE_SECONDS = Histogram(
    "parkbot_update_seconds",
    "Time to handle one update, from its turn starting to its handlers finishing.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=INSTRUMENTS,
)
API_SENDS = Counter(
    "parkbot_bot_api_sends",
    "Bot API calls answered (any status), by method; getUpdates polling is not counted.",
    ["method"],
    registry=INSTRUMENTS,
)
API_429 = Counter(
    "parkbot_bot_api_429",
    "Bot API answers of 429 Too Many Requests (flood control).",
    registry=INSTRUMENTS,
)
API_ERRORS = Counter(
    "parkbot_bot_api_errors",
    "Bot API calls that failed other than by a 429, by kind.",
    ["kind"],
    registry=INSTRUMENTS,
)
HANDLER_ERRORS = Counter(
    "parkbot_handler_errors",
    "Updates whose handlers raised (each reached the error handler).",
    registry=INSTRUMENTS,
)

# Pre-bound children: `labels()` takes a lock and builds a tuple, so the hot path skips it.
_UPDATE_KIND = {kind: UPDATES.labels(kind) for kind in UPDATE_KINDS}
_API_ERROR_KIND = {kind: API_ERRORS.labels(kind) for kind in API_ERROR_KINDS}
_API_METHOD: dict[str, Counter] = {}


def update_handled(kind: str, seconds: float) -> None:
    """Counts one handled update of `kind` (one of UPDATE_KINDS) and its handling time."""
    _UPDATE_KIND.get(kind, _UPDATE_KIND["other"]).inc()
    UPDATE_SECONDS.observe(seconds)


def api_answered(method: str) -> None:
    """Counts one Bot API call that got an answer."""
    child = _API_METHOD.get(method)
    if child is None:
        # Methods are names in parkbot's code (sendMessage, editMessageText ...), a few dozen.
        child = _API_METHOD.setdefault(method, API_SENDS.labels(method))
    child.inc()


def api_flooded() -> None:
    """Counts one 429 answer."""
    API_429.inc()


def api_failed(kind: str) -> None:
    """Counts one failed Bot API call of `kind` (one of API_ERROR_KINDS)."""
    _API_ERROR_KIND.get(kind, _API_ERROR_KIND["other"]).inc()


def handler_failed() -> None:
    """Counts one update whose handlers raised."""
    HANDLER_ERRORS.inc()


@dataclass(frozen=True)
class Backlog:
    """The outbox's queued rows: how many, and how long the oldest has waited (seconds)."""

    queued: int
    oldest_seconds: float


class OutboxCollector(Collector):
    """parkbot_outbox_queued and parkbot_outbox_oldest_queued_seconds, read when scraped."""

    def __init__(self, read: Callable[[], Backlog]) -> None:
        self._read = read

    def describe(self) -> list[Metric]:
        """The metrics' names, without reading the database (registration calls this)."""
        return list(self._families(Backlog(0, 0.0)))

    def collect(self) -> Iterator[Metric]:
        """Reads the backlog; on a database failure the two gauges are left out of the scrape."""
        try:
            backlog = self._read()
        except Exception:  # the other metrics still matter when the database does not answer
            log.warning("metrics: cannot read the outbox backlog", exc_info=True)
            return
        yield from self._families(backlog)

    @staticmethod
    def _families(backlog: Backlog) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "parkbot_outbox_queued",
            "Outbox rows waiting to be sent (status queued, due or postponed).",
            value=backlog.queued,
        )
        yield GaugeMetricFamily(
            "parkbot_outbox_oldest_queued_seconds",
            "Age of the oldest queued outbox row (seconds since it was written; 0 if none).",
            value=backlog.oldest_seconds,
        )


class _Shared(Collector):
    """Forwards the process-wide instruments into a per-app registry."""

    def collect(self) -> Iterator[Metric]:
        """The instruments' current values."""
        yield from INSTRUMENTS.collect()


def scrape_registry(read_backlog: Callable[[], Backlog]) -> CollectorRegistry:
    """A registry for one web app: the shared instruments, its outbox gauges, the process."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Shared())
    registry.register(OutboxCollector(read_backlog))
    registry.register(ProcessCollector(registry=None))
    return registry
