"""The 公示 objection window on China's official calendar: holidays, 调休, time zone, no data.

Expected dates are written by hand from the State Council's schedules (each case says how it
counts); the package's own data is checked separately, so a wrong package and a wrong count
cannot hide each other.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.assessment.calendar import (
    NoOfficialCalendar,
    ObjectionWindow,
    describe_closed,
    describe_window,
    has_official_calendar,
    is_official_workday,
    objection_window,
    working_days_between,
)
from bot.i18n import Catalogue
from bot.settings import Settings

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A Shanghai wall-clock moment."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def closes(window: ObjectionWindow) -> datetime:
    """The closing moment on the Shanghai wall clock, for readable comparisons."""
    return window.closes_at.astimezone(SHANGHAI)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


# --- the package's data, checked against the State Council's notices ---


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2025 National Day + Mid-Autumn: 10月1日–8日 off; 9月28日 (Sunday) and 10月11日
        # (Saturday) worked in exchange.
        (date(2025, 9, 28), True),
        (date(2025, 10, 1), False),
        (date(2025, 10, 6), False),
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),
        (date(2025, 10, 12), False),
        # 2025 Spring Festival: 1月28日–2月4日 off; 1月26日 (Sunday), 2月8日 (Saturday) worked.
        (date(2025, 1, 26), True),
        (date(2025, 1, 28), False),
        (date(2025, 2, 4), False),
        (date(2025, 2, 8), True),
        (date(2025, 2, 9), False),
        # An ordinary week.
        (date(2025, 3, 7), True),
        (date(2025, 3, 8), False),
    ],
)
def test_the_package_knows_the_2025_schedule(day, working):
    assert is_official_workday(day) is working


def test_a_year_without_data_is_refused_by_the_strict_question():
    assert has_official_calendar(2025)
    assert not has_official_calendar(2031)
    with pytest.raises(NoOfficialCalendar) as error:
        is_official_workday(date(2031, 3, 6))
    assert error.value.year == 2031


# --- the window ---


def test_a_window_across_a_weekend():
    # Thu 2025-03-06: the day itself does not count. Fri 7th = 1; Sat 8th, Sun 9th off;
    # Mon 10th = 2, Tue 11th = 3, Wed 12th = 4, Thu 13th = 5.
    window = objection_window(at(2025, 3, 6, 15))
    assert closes(window) == at(2025, 3, 13, 18)
    assert window.assumed_years == ()


def test_a_window_across_golden_week_counts_the_make_up_saturday():
    # Tue 2025-09-30. 10月1日–8日 holidays; Thu 9th = 1, Fri 10th = 2, Sat 11th (调休) = 3,
    # Sun 12th off, Mon 13th = 4, Tue 14th = 5. Without the 调休 Saturday it would be the 15th.
    window = objection_window(at(2025, 9, 30))
    assert closes(window) == at(2025, 10, 14, 18)


def test_a_window_starting_before_golden_week_counts_the_make_up_sunday():
    # Fri 2025-09-26. Sat 27th off, Sun 28th (调休) = 1, Mon 29th = 2, Tue 30th = 3,
    # 10月1日–8日 off, Thu 9th = 4, Fri 10th = 5.
    window = objection_window(at(2025, 9, 26))
    assert closes(window) == at(2025, 10, 10, 18)


def test_published_during_a_holiday_counts_from_the_next_working_day():
    # Fri 2025-10-03, a holiday: the 4th–8th are off too, so 9, 10, 11 (调休), 13, 14.
    window = objection_window(at(2025, 10, 3, 20))
    assert closes(window) == at(2025, 10, 14, 18)


def test_spring_festival_2025_before_the_holiday():
    # Fri 2025-01-24. Sat 25th off, Sun 26th (调休) = 1, Mon 27th = 2, 1月28日–2月4日 off,
    # Wed 5th = 3, Thu 6th = 4, Fri 7th = 5.
    window = objection_window(at(2025, 1, 24))
    assert closes(window) == at(2025, 2, 7, 18)


def test_spring_festival_2025_after_the_holiday():
    # Wed 2025-02-05. Thu 6th = 1, Fri 7th = 2, Sat 8th (调休) = 3, Sun 9th off, Mon 10th = 4,
    # Tue 11th = 5 (the 12th if the Saturday were a rest day).
    window = objection_window(at(2025, 2, 5))
    assert closes(window) == at(2025, 2, 11, 18)


def test_the_hour_of_publication_does_not_matter():
    # The day of publication never counts, so 17:59 and 18:01 give the same window.
    before = objection_window(at(2025, 3, 6, 17, 59))
    after = objection_window(at(2025, 3, 6, 18, 1))
    assert closes(before) == closes(after) == at(2025, 3, 13, 18)


def test_the_local_day_decides_not_the_utc_one():
    # 23:30 UTC on Wed 5 March is 07:30 on Thu 6 March in Shanghai: counted from Fri 7th, so it
    # closes Thu 13th 18:00 (10:00 UTC); counting from the UTC day would close on the 12th.
    window = objection_window(datetime(2025, 3, 5, 23, 30, tzinfo=UTC))
    assert closes(window) == at(2025, 3, 13, 18)
    assert window.closes_at.astimezone(UTC) == datetime(2025, 3, 13, 10, 0, tzinfo=UTC)


def test_another_time_zone_closes_at_its_own_evening():
    tz = ZoneInfo("Asia/Urumqi")  # UTC+6, on the same official calendar
    window = objection_window(datetime(2025, 3, 6, 10, tzinfo=tz), tz=tz)
    assert window.closes_at == datetime(2025, 3, 13, 18, tzinfo=tz)
    assert window.closes_at.astimezone(SHANGHAI) == at(2025, 3, 13, 20)


def test_the_length_and_closing_time_are_parameters():
    # Thu 2025-03-06: one working day is Fri 7th; ten are 7, 10–14, 17–20.
    assert closes(objection_window(at(2025, 3, 6), working_days=1)) == at(2025, 3, 7, 18)
    ten = objection_window(at(2025, 3, 6), working_days=10, closes_at=time(17, 30))
    assert closes(ten) == at(2025, 3, 20, 17, 30)


@pytest.mark.parametrize("days", [0, -1, 31])
def test_a_length_out_of_bounds_is_refused(days):
    with pytest.raises(ValueError, match="working_days"):
        objection_window(at(2025, 3, 6), working_days=days)


def test_a_naive_publication_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        objection_window(datetime(2025, 3, 6, 10))


def test_an_objection_is_late_from_the_closing_minute():
    window = objection_window(at(2025, 9, 30))
    assert window.is_open(at(2025, 9, 30, 10, 1))
    assert window.is_open(at(2025, 10, 14, 17, 59))
    assert not window.is_open(at(2025, 10, 14, 18))
    assert not window.is_open(at(2025, 9, 30, 9, 59))


def test_the_window_agrees_with_working_days_between():
    window = objection_window(at(2025, 9, 30))
    counted = working_days_between(date(2025, 9, 30), closes(window).date())
    assert counted.days == (
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),
        date(2025, 10, 13),
        date(2025, 10, 14),
    )
    assert len(counted) == window.working_days
    assert counted.assumed_years == ()


# --- a year the package has no data for ---


def test_a_year_without_data_falls_back_to_monday_to_friday_and_says_so():
    # Thu 2031-03-06, no schedule: Fri 7th = 1, Mon 10th–Thu 13th = 2–5.
    window = objection_window(at(2031, 3, 6))
    assert closes(window) == at(2031, 3, 13, 18)
    assert window.assumed_years == (2031,)


def test_a_window_into_a_year_without_data_names_only_that_year():
    # Mon 2026-12-28 (2026 known): Tue 29th = 1, Wed 30th = 2, Thu 31st = 3; 2027 unknown, so
    # Fri 1 January (in fact New Year's Day) = 4, Mon 4th = 5: the flag is why this is shown.
    assert not has_official_calendar(2027)
    window = objection_window(at(2026, 12, 28))
    assert closes(window) == at(2027, 1, 4, 18)
    assert window.assumed_years == (2027,)
    assert working_days_between(date(2026, 12, 28), date(2027, 1, 4)).assumed_years == (2027,)


def test_a_window_inside_known_years_flags_nothing_even_near_the_edge():
    # Mon 2026-12-21 closes Mon 28th: every day counted is in 2026.
    window = objection_window(at(2026, 12, 21))
    assert closes(window) == at(2026, 12, 28, 18)
    assert window.assumed_years == ()


# --- how people read it ---


def test_the_window_as_people_read_it(catalogue):
    window = objection_window(at(2025, 9, 30))
    assert describe_window(catalogue, "zh_CN", window, SHANGHAI) == (
        "公示期至 2025年10月14日 18:00（5个工作日）"
    )
    assert describe_window(catalogue, "en", window, SHANGHAI) == (
        "Open for objections until 2025-10-14 18:00 (5 working days)"
    )
    one = objection_window(at(2025, 9, 30), working_days=1)
    assert describe_window(catalogue, "en", one, SHANGHAI).endswith("(1 working day)")


def test_an_assumed_year_is_visible_in_both_languages(catalogue):
    window = objection_window(at(2031, 3, 6))
    zh = describe_window(catalogue, "zh_CN", window, SHANGHAI).splitlines()
    assert zh[0] == "公示期至 2031年3月13日 18:00（5个工作日）"
    assert "2031" in zh[1] and "周一至周五" in zh[1]
    en = describe_window(catalogue, "en", window, SHANGHAI).splitlines()
    assert "2031" in en[1] and "Monday to Friday" in en[1]


def test_a_late_objection_is_told_when_the_window_closed(catalogue):
    window = objection_window(at(2025, 9, 30))
    assert describe_closed(catalogue, "zh_CN", window, SHANGHAI) == (
        "公示期已于 2025年10月14日 18:00 结束，不再受理异议。"
    )


# --- settings ---


@pytest.fixture
def clean_environment(monkeypatch, tmp_path):
    for name in ("PARKBOT_OBJECTION_WORKING_DAYS", "PARKBOT_OBJECTION_CLOSES_AT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env of the checkout


def test_settings_defaults(clean_environment):
    settings = Settings()
    assert settings.objection_working_days == 5
    assert settings.objection_closing_time == time(18, 0)


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("30", 30), ("10", 10)])
def test_settings_take_working_days_within_bounds(clean_environment, monkeypatch, value, expected):
    monkeypatch.setenv("PARKBOT_OBJECTION_WORKING_DAYS", value)
    assert Settings().objection_working_days == expected


@pytest.mark.parametrize("value", ["0", "31", "-5", "five"])
def test_settings_refuse_working_days_out_of_bounds(clean_environment, monkeypatch, value):
    monkeypatch.setenv("PARKBOT_OBJECTION_WORKING_DAYS", value)
    with pytest.raises(ValidationError, match="PARKBOT_OBJECTION_WORKING_DAYS"):
        Settings()


@pytest.mark.parametrize(("value", "expected"), [("17:30", time(17, 30)), ("9:00", time(9))])
def test_settings_take_a_closing_time(clean_environment, monkeypatch, value, expected):
    monkeypatch.setenv("PARKBOT_OBJECTION_CLOSES_AT", value)
    assert Settings().objection_closing_time == expected


@pytest.mark.parametrize("value", ["24:00", "18", "6pm", "18:60", ""])
def test_settings_refuse_a_bad_closing_time(clean_environment, monkeypatch, value):
    monkeypatch.setenv("PARKBOT_OBJECTION_CLOSES_AT", value)
    with pytest.raises(ValidationError, match="PARKBOT_OBJECTION_CLOSES_AT"):
        Settings()


def test_settings_feed_the_window(clean_environment, monkeypatch):
    monkeypatch.setenv("PARKBOT_OBJECTION_WORKING_DAYS", "3")
    monkeypatch.setenv("PARKBOT_OBJECTION_CLOSES_AT", "17:00")
    settings = Settings()
    window = objection_window(
        at(2025, 9, 30),
        working_days=settings.objection_working_days,
        tz=settings.tz,
        closes_at=settings.objection_closing_time,
    )
    # 9th, 10th, 11th (调休 Saturday).
    assert closes(window) == at(2025, 10, 11, 17)
