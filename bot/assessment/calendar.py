"""The 公示 objection window, counted on China's official working-day calendar.

The rule, as Chinese notices state "公示期为5个工作日": the day of publication never counts
(as the Civil Code's article 201 counts periods: "开始的当日不计入，自下一日开始计算"), whatever
the hour it was published at; from the next day on, each official working day counts one, and the
window closes at 18:00 (PARKBOT_OBJECTION_CLOSES_AT) local time on the Nth. Official working days
are the State Council's: Monday to Friday, less the statutory holidays, plus the 调休 make-up
days (a Saturday or Sunday worked in exchange for a longer holiday), from the `chinese-calendar`
package.

The State Council publishes next year's schedule each November, and the package may lag behind
it. For a year the package has no data for, a day counts as a working day when it is Monday to
Friday, and the result names that year in `assumed_years`: the caller shows
`objection-window-assumed` so that an admin checks the date against the published schedule. It
never guesses silently.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import chinese_calendar

from bot.i18n import Catalogue, format_list, format_moment

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOSES_AT = time(18, 0)
MOST_WORKING_DAYS = 30  # PARKBOT_OBJECTION_WORKING_DAYS's bound


class NoOfficialCalendar(LookupError):
    """The calendar package has no State Council schedule for this year."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no official working-day calendar for {year}")
        self.year = year


@dataclass(frozen=True)
class WorkingDays:
    """Working days in a span, and the years among them counted Monday to Friday."""

    days: tuple[date, ...]
    assumed_years: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.days)


@dataclass(frozen=True)
class ObjectionWindow:
    """When a publication's objection window closes, and how it was counted."""

    published_at: datetime
    closes_at: datetime
    working_days: int
    # Years the package has no schedule for, counted Monday to Friday: check these by hand.
    assumed_years: tuple[int, ...] = ()

    def is_open(self, now: datetime) -> bool:
        """Whether an objection filed at `now` is in time (the closing minute itself is late)."""
        return self.published_at <= now < self.closes_at


def has_official_calendar(year: int) -> bool:
    """Whether the package holds the State Council's holiday schedule for `year`."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_official_workday(day: date) -> bool:
    """Whether `day` is an official working day (调休 make-up days included).

    Raises NoOfficialCalendar for a year the package has no schedule for.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise NoOfficialCalendar(day.year) from None


def _workday(day: date) -> tuple[bool, bool]:
    """(is a working day, was assumed Monday to Friday for want of data)."""
    try:
        return is_official_workday(day), False
    except NoOfficialCalendar:
        return day.weekday() < 5, True


def working_days_between(start: date, end: date) -> WorkingDays:
    """The working days after `start` up to and including `end` (start not counted, as above)."""
    days: list[date] = []
    assumed: set[int] = set()
    day = start + timedelta(days=1)
    while day <= end:
        working, guessed = _workday(day)
        if guessed:
            assumed.add(day.year)
        if working:
            days.append(day)
        day += timedelta(days=1)
    return WorkingDays(tuple(days), tuple(sorted(assumed)))


def objection_window(
    published_at: datetime,
    working_days: int = 5,
    tz: tzinfo = SHANGHAI,
    closes_at: time = CLOSES_AT,
) -> ObjectionWindow:
    """The window of a result published at `published_at` (aware): see the module's rule."""
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise ValueError("published_at must be timezone-aware")
    if not 1 <= working_days <= MOST_WORKING_DAYS:
        raise ValueError(f"working_days must be 1-{MOST_WORKING_DAYS}, not {working_days}")
    # The local calendar day decides: 23:30 UTC is already the next day in Shanghai.
    day = published_at.astimezone(tz).date()
    counted, assumed = 0, set()
    while counted < working_days:
        day += timedelta(days=1)
        working, guessed = _workday(day)
        if guessed:
            assumed.add(day.year)
        if working:
            counted += 1
    closing = datetime.combine(day, closes_at, tzinfo=tz)
    return ObjectionWindow(published_at, closing, working_days, tuple(sorted(assumed)))


def describe_window(
    catalogue: Catalogue, language: str, window: ObjectionWindow, tz: tzinfo
) -> str:
    """The window as people read it, with the warning when a year was assumed Monday to Friday."""
    text = catalogue.text(
        language,
        "objection-window",
        closes=format_moment(catalogue, language, window.closes_at, tz, key="objection-moment"),
        days=window.working_days,
    )
    if window.assumed_years:
        years = format_list(catalogue, language, window.assumed_years)
        text += "\n" + catalogue.text(language, "objection-window-assumed", years=years)
    return text


def describe_closed(
    catalogue: Catalogue, language: str, window: ObjectionWindow, tz: tzinfo
) -> str:
    """The answer to an objection filed after the window closed."""
    closes = format_moment(catalogue, language, window.closes_at, tz, key="objection-moment")
    return catalogue.text(language, "objection-window-closed", closes=closes)
