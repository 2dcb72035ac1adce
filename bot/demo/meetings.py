"""The demo's dispatch meetings: last month's, already held, and the next one, in a few days.

Each month a different park hosts the 现场调度会; the demo's last meeting was hosted by the
first park and the next is hosted by the second, so the pre-meeting pack has a host, the
last meeting's assignments have a meeting to belong to, and reminders have a deadline.
"""

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from bot.parsing import period_of
from models import Meeting, Park
from models.meeting import MeetingStatus

MEETING_TIME = time(9, 30)
DEADLINE_TIME = time(18, 0)
NEXT_MEETING_IN_DAYS = 5
DEADLINE_DAYS_BEFORE = 3


def seed_demo_meetings(session: Session, *, now: datetime, today: date) -> list[Meeting]:
    """Adds last month's meeting and the next one, unless the demo has meetings already."""
    if session.exec(select(Meeting.id).limit(1)).first() is not None:
        return []
    parks = list(session.exec(select(Park).order_by(Park.id)).all())
    if len(parks) < 2:
        return []
    tz = now.tzinfo
    last_day = today.replace(day=1) - timedelta(days=1)
    held = _meeting(
        parks[0], datetime.combine(last_day.replace(day=15), MEETING_TIME, tzinfo=tz), now
    )
    upcoming = _meeting(
        parks[1],
        datetime.combine(today + timedelta(days=NEXT_MEETING_IN_DAYS), MEETING_TIME, tzinfo=tz),
        now,
    )
    session.add_all([held, upcoming])
    session.flush()
    return [held, upcoming]


def _meeting(park: Park, starts_at: datetime, now: datetime) -> Meeting:
    deadline_day = starts_at.date() - timedelta(days=DEADLINE_DAYS_BEFORE)
    deadline = datetime.combine(deadline_day, DEADLINE_TIME, tzinfo=starts_at.tzinfo)
    return Meeting(
        starts_at=starts_at,
        park_id=park.id,
        place=f"{park.name}管委会会议室",
        deadline=deadline,
        period=period_of(deadline_day),
        status=MeetingStatus.SCHEDULED.value,
        created_at=now,
        updated_at=now,
    )
