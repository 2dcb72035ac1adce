"""Reminder planning, a pure function of meetings, policy and time (Asia/Shanghai vs UTC)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.meetings.planning import Kind, MeetingTimes, after_quiet_hours, decide, plan
from bot.meetings.policy import ReminderPolicy, parse_offsets, parse_quiet_hours

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(text: str) -> datetime:
    """A Shanghai wall-clock time as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def policy(offsets="7d,3d,1d,2h", notice="2h", quiet="22:00-08:00") -> ReminderPolicy:
    return ReminderPolicy(
        parse_offsets(offsets), parse_offsets(notice)[0], parse_quiet_hours(quiet), SHANGHAI
    )


MEETING = MeetingTimes(1, starts_at=local("2025-03-15 09:00"), deadline=local("2025-03-12 18:00"))


def test_plan_for_a_meeting_in_shanghai():
    planned = plan(MEETING, policy())
    assert [(r.kind, r.label, r.due_at.astimezone(SHANGHAI)) for r in planned] == [
        (Kind.LIAISON, "7d", local("2025-03-05 18:00")),
        (Kind.LIAISON, "3d", local("2025-03-09 18:00")),
        (Kind.LIAISON, "1d", local("2025-03-11 18:00")),
        (Kind.LIAISON, "2h", local("2025-03-12 16:00")),
        (Kind.DEADLINE, "0", local("2025-03-12 18:00")),
        (Kind.NOTICE, "2h", local("2025-03-15 08:00")),
    ]


def test_times_are_the_same_whatever_the_server_clock_zone():
    as_utc = MeetingTimes(1, MEETING.starts_at.astimezone(UTC), MEETING.deadline.astimezone(UTC))
    assert plan(as_utc, policy()) == plan(MEETING, policy())
    # 18:00 in Shanghai is 10:00 UTC: a UTC reading of quiet hours would get this wrong.
    assert plan(as_utc, policy())[0].due_at == datetime(2025, 3, 5, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2025-03-10 21:59", "2025-03-10 21:59"),
        ("2025-03-10 22:00", "2025-03-11 08:00"),
        ("2025-03-10 23:30", "2025-03-11 08:00"),
        ("2025-03-11 03:00", "2025-03-11 08:00"),
        ("2025-03-11 07:59", "2025-03-11 08:00"),
        ("2025-03-11 08:00", "2025-03-11 08:00"),
    ],
)
def test_quiet_hours_edges(due, expected):
    assert after_quiet_hours(local(due), policy()) == local(expected)


def test_daytime_quiet_window_and_none():
    lunch = policy(quiet="12:00-13:30")
    assert after_quiet_hours(local("2025-03-10 12:10"), lunch) == local("2025-03-10 13:30")
    assert after_quiet_hours(local("2025-03-10 23:10"), policy(quiet="")) == local(
        "2025-03-10 23:10"
    )


def test_reminder_pushed_past_the_deadline_by_quiet_hours_is_dropped():
    late = MeetingTimes(2, local("2025-03-15 09:00"), deadline=local("2025-03-12 07:00"))
    planned = plan(late, policy(offsets="2h,10h"))
    labels = [r.label for r in planned if r.kind is Kind.LIAISON]
    # 2h before 07:00 is 05:00, quiet until 08:00, after the deadline: dropped.
    # 10h before is 21:00 the evening before: sent.
    assert labels == ["10h"]


def test_nothing_due_before_time_and_next_due_is_reported():
    decision = decide([MEETING], policy(), local("2025-03-01 09:00"), handled=set())
    assert decision.fire == [] and decision.skip == []
    assert decision.next_due == local("2025-03-05 18:00")


def test_due_reminder_fires_once_then_is_handled():
    now = local("2025-03-05 18:00")
    first = decide([MEETING], policy(), now, handled=set())
    assert [r.label for r in first.fire] == ["7d"]
    handled = {(r.meeting_id, r.key) for r in first.fire}
    second = decide([MEETING], policy(), now + timedelta(minutes=5), handled)
    assert second.fire == [] and second.next_due == local("2025-03-09 18:00")


def test_downtime_gives_one_catch_up_not_a_burst():
    # Bot down from before the 7d reminder until after the 1d one.
    decision = decide([MEETING], policy(), local("2025-03-11 19:00"), handled=set())
    assert [r.label for r in decision.fire] == ["1d"]
    assert sorted(r.label for r in decision.skip) == ["3d", "7d"]


def test_meeting_created_close_to_its_deadline_skips_past_offsets():
    decision = decide([MEETING], policy(), local("2025-03-12 15:00"), handled=set())
    assert [r.label for r in decision.fire] == ["1d"]
    assert {r.label for r in decision.skip} == {"7d", "3d"}


def test_after_the_deadline_liaison_reminders_are_useless_but_the_summary_is_sent():
    decision = decide([MEETING], policy(), local("2025-03-13 10:00"), handled=set())
    assert [(r.kind, r.label) for r in decision.fire] == [(Kind.DEADLINE, "0")]
    assert all(r.kind is Kind.LIAISON for r in decision.skip)


def test_after_the_meeting_nothing_fires():
    decision = decide([MEETING], policy(), local("2025-03-15 10:00"), handled=set())
    assert decision.fire == [] and decision.next_due is None


def test_editing_the_meeting_time_replans_with_new_keys():
    handled = {(r.meeting_id, r.key) for r in plan(MEETING, policy()) if r.label == "7d"}
    moved = MeetingTimes(1, local("2025-03-22 09:00"), deadline=local("2025-03-19 18:00"))
    decision = decide([moved], policy(), local("2025-03-12 18:00"), handled)
    assert [r.label for r in decision.fire] == ["7d"]
    assert decision.fire[0].key.endswith("2025-03-19T10:00Z")


def test_offsets_in_minutes_for_tests():
    short = MeetingTimes(3, local("2025-03-10 10:00"), deadline=local("2025-03-10 09:30"))
    planned = plan(short, policy(offsets="10m,1m", notice="5m", quiet=""))
    assert [r.due_at for r in planned] == [
        local("2025-03-10 09:20"),
        local("2025-03-10 09:29"),
        local("2025-03-10 09:30"),
        local("2025-03-10 09:55"),
    ]


@pytest.mark.parametrize("bad", ["", "7x", "0d", "d7", "7d,,3q"])
def test_bad_offsets_are_refused(bad):
    with pytest.raises(ValueError):
        parse_offsets(bad)


@pytest.mark.parametrize("bad", ["22-8", "25:00-08:00", "08:00-08:00"])
def test_bad_quiet_hours_are_refused(bad):
    with pytest.raises(ValueError):
        parse_quiet_hours(bad)


def test_quiet_hours_parse():
    assert parse_quiet_hours("22:00-08:00") == (time(22), time(8))
