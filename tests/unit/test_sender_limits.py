"""The sender's flood limiter on a fake clock: overall, per private chat, per group; no sleeping."""

from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.limits import SendLimiter
from bot.telegram.outcome import classify


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
