"""The reminder policy from settings: offsets before the deadline, notice offset, quiet hours."""

from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from bot.durations import Offset, parse_offsets, parse_quiet_hours


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out, relative to a meeting's deadline and start."""

    offsets: tuple[Offset, ...]
    notice: Offset
    quiet_hours: tuple[time, time] | None
    tz: ZoneInfo


def policy_from(settings: object) -> ReminderPolicy:
    """The policy the settings describe."""
    return ReminderPolicy(
        offsets=parse_offsets(settings.reminder_offsets),
        notice=parse_offsets(settings.meeting_notice_offset)[0],
        quiet_hours=parse_quiet_hours(settings.quiet_hours),
        tz=settings.tz,
    )
