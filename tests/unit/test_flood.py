"""The flood guard: a burst is told once and ignored a while; strangers are told once a minute."""

import pytest

from bot.flood import MEMBER_MEMORY, FloodGuard, FloodPolicy, Verdict
from bot.telegram.limits import SendLimiter

PERSON, OTHER = 1, 2


class Clock:
    """A monotonic clock tests move by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def guard(clock: Clock, **policy: float) -> FloodGuard:
    values = {"max_updates": 3, "window": 10.0, "mute": 60.0, "stranger_every": 60.0}
    values.update(policy)
    return FloodGuard(FloodPolicy(**values), clock=clock)


def test_a_burst_is_warned_once_then_dropped_until_the_mute_ends():
    clock = Clock()
    flood = guard(clock)
    verdicts = [flood.admit(PERSON) for _ in range(6)]
    assert verdicts == [Verdict.PASS] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert flood.admit(OTHER) is Verdict.PASS  # someone else is not affected
    clock.now = 59.9
    assert flood.admit(PERSON) is Verdict.DROP
    clock.now = 60.0
    assert flood.admit(PERSON) is Verdict.PASS  # and counting starts afresh


def test_a_person_at_human_speed_is_never_stopped():
    clock = Clock()
    flood = guard(clock)
    for second in range(0, 600, 4):  # one message every 4 s: 3 in any 10 s window
        clock.now = float(second)
        assert flood.admit(PERSON) is Verdict.PASS, second


def test_an_album_counts_once():
    clock = Clock()
    flood = guard(clock)
    assert [flood.admit(PERSON, album="a1") for _ in range(10)] == [Verdict.PASS] * 10
    assert flood.admit(PERSON) is Verdict.PASS
    assert flood.admit(PERSON, album="a2") is Verdict.PASS
    assert flood.admit(PERSON, album="a3") is Verdict.WARN


def test_a_stranger_is_told_at_most_once_a_minute():
    clock = Clock()
    flood = guard(clock)
    assert flood.may_explain(PERSON)
    clock.now = 30.0
    assert not flood.may_explain(PERSON)
    assert flood.may_explain(OTHER)
    clock.now = 60.0
    assert flood.may_explain(PERSON)


def test_zero_means_every_time():
    flood = guard(Clock(), stranger_every=0)
    assert all(flood.may_explain(PERSON) for _ in range(5))


def test_memory_stays_flat_under_a_wave_of_strangers():
    clock = Clock()
    flood = guard(clock)
    for sender in range(5000):
        clock.now = sender * 1.0  # one new stranger a second, each seen once
        flood.admit(sender)
    assert len(flood) < 2100
    assert flood.admit(4999) is Verdict.PASS  # the recent ones are still counted


def test_a_handlers_send_holds_the_chat_for_the_outbox_sender():
    clock = Clock()
    limiter = SendLimiter(clock=clock, margin=0.0)
    limiter.begin_direct(PERSON)
    assert limiter.chat_delay(PERSON, is_group=False) == 1.0  # in flight: wait
    assert limiter.in_flight == 0  # not one of the sender's own sends
    clock.now = 0.2
    limiter.end_direct(PERSON, is_group=False)
    clock.now = 0.7
    assert limiter.chat_delay(PERSON, is_group=False) == pytest.approx(0.5)  # 1 s after answer
    assert limiter.chat_delay(OTHER, is_group=False) == 0.0
    clock.now = 1.2
    assert limiter.chat_delay(PERSON, is_group=False) == 0.0


def test_a_member_is_remembered_a_minute_and_a_stranger_never():
    clock = Clock()
    flood = guard(clock)
    assert not flood.known_member(PERSON)
    flood.may_explain(OTHER)  # a stranger told about access is not taken for a member
    assert not flood.known_member(OTHER)
    flood.note_member(PERSON)
    assert flood.known_member(PERSON)
    clock.now += MEMBER_MEMORY - 1
    assert flood.known_member(PERSON)
    clock.now += 1
    assert not flood.known_member(PERSON)
