"""The sender's flood limiter on a fake clock: overall, per private chat, per group; no sleeping."""

import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.limits import SendLimiter
from bot.telegram.outcome import classify
from tests.emulator.limits import RateLimiter


@dataclass
class FakeClock:
    """Monotonic seconds that only move when told."""

    now: float = 100.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: FakeClock, **limits: float) -> SendLimiter:
    """A limiter without margin or pacing, so the figures are exact."""
    return SendLimiter(clock=clock, margin=0.0, burst=1000, **limits)


def send(limits: SendLimiter, chat_id: int, *, is_group: bool = False) -> None:
    """A send answered instantly."""
    limits.begin(chat_id)
    limits.end(chat_id, is_group=is_group)


def test_thirty_sends_fill_the_second_then_wait_for_the_oldest_to_age_out():
    clock = FakeClock()
    limits = limiter(clock)
    for chat in range(30):
        assert limits.delay(chat, is_group=False) == 0
        send(limits, chat)
        clock.now += 0.01
    assert limits.overall_delay() == pytest.approx(1.0 - 0.30)
    clock.now += 0.70
    assert limits.overall_delay() == 0  # the first send is a full second old
    send(limits, 30)
    assert limits.overall_delay() == pytest.approx(0.01)


def test_sends_in_flight_hold_their_place_until_answered():
    clock = FakeClock()
    limits = limiter(clock)
    for chat in range(30):
        limits.begin(chat)
    assert limits.in_flight == 30
    assert limits.overall_delay() == pytest.approx(1.0)  # only an answer can free a place
    clock.now += 5.0
    limits.end(0, is_group=False)
    # Answered now, so Telegram may have counted it a moment ago: it keeps its place 1 s.
    assert limits.overall_delay() == pytest.approx(1.0)
    clock.now += 1.0
    assert limits.overall_delay() == 0


def test_a_private_chat_gets_one_message_per_second_counted_from_the_answer():
    clock = FakeClock()
    limits = limiter(clock)
    limits.begin(7)
    assert limits.chat_delay(7, is_group=False) > 0  # never two at once to one chat
    clock.now += 0.2
    limits.end(7, is_group=False)
    assert limits.chat_delay(7, is_group=False) == pytest.approx(1.0)
    assert limits.chat_delay(8, is_group=False) == 0
    clock.now += 0.6
    assert limits.delay(7, is_group=False) == pytest.approx(0.4)
    clock.now += 0.4
    assert limits.delay(7, is_group=False) == 0


def test_five_messages_to_one_chat_are_spaced_by_a_second():
    clock = FakeClock()
    limits = limiter(clock)
    times = []
    for _ in range(5):
        clock.now += limits.delay(1, is_group=False)
        times.append(clock.now)
        send(limits, 1)
    assert [round(b - a, 6) for a, b in pairwise(times)] == [1.0] * 4


def test_a_group_gets_twenty_messages_per_minute():
    clock = FakeClock()
    limits = limiter(clock)
    group = -1001
    for _ in range(20):
        assert limits.chat_delay(group, is_group=True) == 0
        send(limits, group, is_group=True)
        clock.now += 1.0
    assert limits.chat_delay(group, is_group=True) == pytest.approx(40.0)
    assert limits.chat_delay(-1002, is_group=True) == 0
    clock.now += 40.0
    assert limits.chat_delay(group, is_group=True) == 0
    send(limits, group, is_group=True)
    assert limits.chat_delay(group, is_group=True) == pytest.approx(1.0)


def test_sends_are_paced_after_a_short_burst():
    clock = FakeClock()
    limits = SendLimiter(clock=clock, margin=0.0, overall_per_s=30, burst=5)
    for chat in range(5):
        assert limits.overall_delay() == 0
        send(limits, chat)
    assert limits.overall_delay() == pytest.approx(1 / 30)
    clock.now += 1 / 30
    assert limits.overall_delay() == pytest.approx(0)
    clock.now += 10.0  # after a pause the burst is available again
    for chat in range(5, 10):
        assert limits.overall_delay() == 0
        send(limits, chat)


def test_the_margin_lengthens_every_window():
    clock = FakeClock()
    limits = SendLimiter(clock=clock, margin=0.02, burst=1000)
    send(limits, 1)
    assert limits.chat_delay(1, is_group=False) == pytest.approx(1.02)
    for chat in range(2, 31):
        send(limits, chat)
    assert limits.overall_delay() == pytest.approx(1.02)


def test_idle_chats_are_forgotten():
    clock = FakeClock()
    limits = limiter(clock)
    for chat in range(3000):
        send(limits, chat)
        clock.now += 0.01
    assert len(limits._chats) < 1100


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter(int)
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: RetryAfter(3), "flood"),
        (lambda: RetryAfter(timedelta(seconds=3)), "flood"),
        (lambda: Forbidden("Forbidden: bot was blocked by the user"), "unreachable"),
        (lambda: Forbidden("Forbidden: user is deactivated"), "unreachable"),
        (lambda: BadRequest("Bad Request: chat not found"), "unreachable"),
        (lambda: BadRequest("Bad Request: message is too long"), "failed"),
        (lambda: ChatMigrated(-1002), "migrated"),
        (lambda: NetworkError("Bad Gateway"), "retry"),
        (lambda: TimedOut(), "retry"),
    ],
)
def test_errors_are_classified(make, kind):
    outcome = classify(make())
    assert outcome.kind == kind
    if kind == "flood":
        assert outcome.seconds == 3


# -- pipelining: the overall window counted from the starts, on a measured round trip ----------


def warm(limits: SendLimiter, clock: FakeClock, rtt: float, sends: int = 40) -> None:
    """Measured sends of a steady round trip to chats of their own, then a quiet 2 s."""
    for chat in range(-sends, 0):
        limits.begin(10_000 + chat)
        clock.now += rtt
        limits.end(10_000 + chat, is_group=False)
    clock.now += 2.0


def test_once_the_round_trip_is_known_a_place_counts_from_the_start():
    clock = FakeClock()
    limits = limiter(clock)
    warm(limits, clock, 0.12)
    assert limits.srtt == pytest.approx(0.12)
    assert limits.second == pytest.approx(1.0, abs=1e-4)  # a steady round trip: no jitter margin
    first = clock.now
    for chat in range(30):
        limits.begin(chat)
    clock.now = first + 0.12
    for chat in range(30):
        limits.end(chat, is_group=False)
    # 30 starts in the last second: the next may start one second after the first start,
    # not one second after its answer (which would cap the rate at 30 / (1 + RTT)).
    assert limits.overall_delay() == pytest.approx(1.0 - 0.12, abs=1e-4)


def test_sends_in_flight_always_hold_a_place():
    clock = FakeClock()
    limits = limiter(clock)
    warm(limits, clock, 0.05)
    for chat in range(30):
        limits.begin(chat)
    clock.now += 5.0  # long past their starts, still unanswered
    assert limits.overall_delay() > 0


def test_a_late_answer_moves_the_place_to_where_it_may_have_been_seen():
    clock = FakeClock()
    limits = limiter(clock)
    warm(limits, clock, 0.1)
    started = clock.now
    limits.begin(1)
    clock.now += 0.6  # 0.5 s later than the usual round trip
    limits.end(1, is_group=False)
    [place] = list(limits._overall)[-1:]
    assert place == pytest.approx(started + 0.5)


def test_jitter_lengthens_the_window():
    clock = FakeClock()
    limits = limiter(clock)
    for n in range(40):
        limits.begin(n)
        clock.now += 0.1 if n % 2 else 0.14
        limits.end(n, is_group=False)
    assert 0.05 < limits.second - 1.0 < 0.2  # about four mean deviations (20 ms each)


def test_in_flight_follows_rate_times_round_trip():
    clock = FakeClock()
    limits = limiter(clock)
    assert limits.target_in_flight(16) == 1  # nothing measured yet
    warm(limits, clock, 0.12)
    assert limits.target_in_flight(16) == 5  # ceil(30 × 0.12) + 1
    assert limits.target_in_flight(3) == 3
    warm(limits, clock, 0.001, sends=40)
    assert limits.target_in_flight(16) == 2


def simulate(delays: Callable[[random.Random], tuple[float, float]], count: int = 600):
    """A pipelined sender against the emulator's limits, on a fake clock.

    `delays` gives each send's way there and way back. Returns (sends the emulator refused,
    the rate at which the emulator accepted them, the most in flight).
    """
    rng = random.Random(13)
    clock = FakeClock()
    limits = SendLimiter(clock=clock)
    telegram = RateLimiter(clock)
    events: list[tuple[float, int, str, int]] = []  # (time, order, what, chat)
    order = itertools.count()
    accepted: list[float] = []
    refused = most = chat = 0
    while len(accepted) + refused < count:
        can = chat < count and limits.in_flight < limits.target_in_flight(16)
        wait = limits.overall_delay() if can else math.inf
        if wait <= 0:
            limits.begin(chat)
            there, back = delays(rng)
            heapq.heappush(events, (clock.now + there, next(order), "seen", chat))
            heapq.heappush(events, (clock.now + there + back, next(order), "answer", chat))
            most = max(most, limits.in_flight)
            chat += 1
            continue
        if not events or clock.now + wait < events[0][0]:  # the limiter's wait ends first
            clock.now += max(wait, 1e-6)
            continue
        moment, _, what, target = heapq.heappop(events)
        clock.now = moment
        if what == "seen":
            if telegram.check(target, private=True) is None:
                telegram.record(target, private=True)
                accepted.append(moment)
            else:
                refused += 1
        else:
            limits.end(target, is_group=False)
    return refused, (len(accepted) - 1) / (accepted[-1] - accepted[0]), most


@pytest.mark.parametrize(
    ("delays", "least"),
    [
        pytest.param(lambda rng: (0.0005, 0.0005), 0.97, id="loopback"),
        pytest.param(lambda rng: (0.06, 0.06), 0.97, id="steady 120 ms"),
        pytest.param(
            lambda rng: (rng.uniform(0.04, 0.08), rng.uniform(0.04, 0.08)), 0.9, id="80-160 ms"
        ),
        pytest.param(
            lambda rng: (rng.uniform(0.01, 0.2), rng.uniform(0.01, 0.2)), 0.7, id="20-400 ms"
        ),
        pytest.param(  # one in 20 held 400 ms before Telegram sees it (a new connection, say)
            lambda rng: (0.06 + (0.4 if rng.random() < 0.05 else 0.0), 0.06), 0.7, id="stalls"
        ),
    ],
)
def test_a_pipelined_broadcast_is_never_refused_and_fills_the_window(delays, least):
    refused, rate, most = simulate(delays)
    assert refused == 0
    assert most <= 16
    assert rate >= least * 30  # jitter costs a margin, never a refusal
