"""Reading the settings' reminder offsets ("7d,3d,1d,2h") and quiet hours ("22:00-08:00").

In the kernel, not in bot/meetings, because bot/settings.py checks these values when it loads.
"""

import re
from dataclasses import dataclass
from datetime import time, timedelta

OFFSET = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class Offset:
    """A named offset such as 7d or 2h."""

    label: str
    delta: timedelta


def parse_offsets(text: str) -> tuple[Offset, ...]:
    """Reads '7d,3d,1d,2h' into offsets, longest first; raises ValueError on anything else."""
    offsets = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = OFFSET.match(part)
        if match is None or int(match.group(1)) == 0:
            raise ValueError(f"offset {part!r} is not like 7d, 2h or 30m")
        delta = timedelta(**{UNITS[match.group(2)]: int(match.group(1))})
        offsets.append(Offset(f"{match.group(1)}{match.group(2)}", delta))
    if not offsets:
        raise ValueError("no offsets given")
    return tuple(sorted(set(offsets), key=lambda offset: offset.delta, reverse=True))


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """Reads '22:00-08:00' (empty: none)."""
    if not text.strip():
        return None
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$", text)
    if match is None:
        raise ValueError(f"quiet hours {text!r} are not like 22:00-08:00")
    start_h, start_m, end_h, end_m = map(int, match.groups())
    try:
        start, end = time(start_h, start_m), time(end_h, end_m)
    except ValueError as error:
        raise ValueError(f"quiet hours {text!r}: {error}") from None
    if start == end:
        raise ValueError("quiet hours start and end at the same time")
    return start, end


def parse_time_of_day(text: str) -> time:
    """Reads '18:00' (or '9:30') into a time; raises ValueError on anything else."""
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*$", text)
    if match is None:
        raise ValueError(f"time {text!r} is not like 18:00")
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError as error:
        raise ValueError(f"time {text!r}: {error}") from None
