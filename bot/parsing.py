"""Pure parsers for what cadres type on phones: money, percentages, dates, periods, phones, names.

Every parser either returns a clean value or raises `ParseError`, whose `code` maps to the
message-catalogue key `parse-<code>`. Nothing here reads the clock: "today" is a parameter.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bot.formatting import format_money

MAX_INPUT_LENGTH = 200
MAX_MONEY_WAN = Decimal(10) ** 9
_EXCERPT_LENGTH = 40
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060"))
_MINUS_SIGNS = frozenset({"-", "\u2212", "负"})


class ParseError(ValueError):
    """Input that cannot be read; `code` names a message-catalogue key, `params` its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message_key(self) -> str:
        """Return the catalogue key for this error, e.g. `parse-money-empty`."""
        return f"parse-{self.code}"

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


def normalize_text(text: str) -> str:
    """NFKC-normalize, drop zero-width characters and strip surrounding whitespace."""
    return unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH)).strip()


def _excerpt(text: str) -> str:
    # The excerpt is echoed back to the user: control characters are dropped first.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    if len(text) <= _EXCERPT_LENGTH:
        return text
    return text[: _EXCERPT_LENGTH - 1] + "…"


def _invalid(code: str, text: str) -> ParseError:
    return ParseError(code, text=_excerpt(text))


def _cleaned(text: str, empty_code: str, invalid_code: str) -> str:
    """Normalize `text`, rejecting empty (empty_code) and overlong (invalid_code) input."""
    cleaned = normalize_text(text)
    if not cleaned:
        if empty_code == invalid_code:  # that message quotes the text: give it the empty text
            raise _invalid(invalid_code, cleaned)
        raise ParseError(empty_code)
    if len(cleaned) > MAX_INPUT_LENGTH:
        raise _invalid(invalid_code, cleaned)
    return cleaned


def _strip_zeros(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1200.0000 -> 1200)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# --- money ---------------------------------------------------------------------------------

_MONEY_RE = re.compile(
    r"(?P<sign>[-+\u2212]|负)?\s*"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"\s*(?P<unit>万元|万|亿元|亿|元)?"
)
# unit -> (decimal places that make one yuan in that unit, power of ten converting it to 万元)
_MONEY_UNITS: dict[str | None, tuple[int, int]] = {
    None: (4, 0),
    "万": (4, 0),
    "万元": (4, 0),
    "亿": (8, 4),
    "亿元": (8, 4),
    "元": (0, -4),
}


def parse_money(text: str) -> Decimal:
    """Parse an amount into 万元, rounded to one yuan (4 decimal places)."""
    cleaned = _cleaned(text, "money-empty", "money-invalid")
    match = _MONEY_RE.fullmatch(cleaned)
    if match is None:
        raise _invalid("money-invalid", cleaned)
    places, shift = _MONEY_UNITS[match["unit"]]
    amount = Decimal(match["number"].replace(",", ""))
    if match["sign"] in _MINUS_SIGNS and amount:
        raise _invalid("money-negative", cleaned)
    if amount > MAX_MONEY_WAN.scaleb(-shift):
        max_text = format_money(MAX_MONEY_WAN)
        raise ParseError("money-too-large", text=_excerpt(cleaned), max=max_text)
    yuan_step = Decimal(1).scaleb(-places)
    return _strip_zeros(amount.quantize(yuan_step, rounding=ROUND_HALF_UP).scaleb(shift))


# --- percent -------------------------------------------------------------------------------

_PERCENT_RE = re.compile(r"(?P<sign>[-+\u2212])?\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*%?")


def parse_percent(text: str) -> Decimal:
    """Parse a percentage 0..100 (optional `%`), rounded to one decimal place."""
    cleaned = _cleaned(text, "percent-invalid", "percent-invalid")
    match = _PERCENT_RE.fullmatch(cleaned)
    if match is None:
        raise _invalid("percent-invalid", cleaned)
    value = Decimal(match["number"])
    if (match["sign"] in _MINUS_SIGNS and value) or value > 100:
        raise _invalid("percent-range", cleaned)
    return _strip_zeros(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# --- dates ---------------------------------------------------------------------------------

_DATE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]?",
        r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})",
        r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})",
        r"(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]?",
        r"(?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})",
        r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月份?",
        r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})",
    )
)
_WHITESPACE_RE = re.compile(r"\s+")
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MAX_SERIAL = (date.max - _EXCEL_EPOCH).days


def _match_date(compact: str, today: date) -> date:
    """Build a date from the first matching pattern; raise ValueError if none fits."""
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            year = int(match["y"]) if "y" in pattern.groupindex else today.year
            day = int(match["d"]) if "d" in pattern.groupindex else 1
            return date(year, int(match["m"]), day)
    raise ValueError(compact)


def _parse_clean_date(cleaned: str, today: date) -> date:
    compact = _WHITESPACE_RE.sub("", cleaned)
    try:
        return _match_date(compact, today)
    except ValueError:
        raise _invalid("date-invalid", cleaned) from None


def parse_date(text: str, *, today: date) -> date:
    """Parse a calendar date; month-day forms take today's year, month-only forms the 1st."""
    return _parse_clean_date(_cleaned(text, "date-empty", "date-invalid"), today)


def _safe_str(value: object) -> str:
    """Render a value for an error message; huge ints exceed Python's str() digit limit."""
    try:
        return str(value)
    except ValueError:
        return type(value).__name__


def _excel_serial_to_date(serial: float | Decimal) -> date:
    """Convert an Excel 1900-system serial (fraction = time of day, ignored) to a date."""
    try:
        number = float(serial)
    except (ValueError, OverflowError):  # signalling NaN, or an int too big for a float
        number = math.nan
    if not (math.isfinite(number) and 1 <= number < _EXCEL_MAX_SERIAL + 1):
        raise ParseError("date-invalid", text=_excerpt(_safe_str(serial)))
    days = math.floor(number)
    if days == 60:  # Excel's fictitious 1900-02-29
        raise ParseError("date-invalid", text=str(serial))
    if days < 60:  # before the fictitious leap day the epoch is one day later
        days += 1
    return _EXCEL_EPOCH + timedelta(days=days)


def coerce_date(value: object, *, today: date) -> date:
    """Turn a date, datetime, Excel serial number or text into a date."""
    if value is None:
        raise ParseError("date-empty")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ParseError("date-invalid", text=str(value))
    if isinstance(value, int | float | Decimal):
        return _excel_serial_to_date(value)
    if isinstance(value, str):
        return parse_date(value, today=today)
    raise ParseError("date-invalid", text=_excerpt(type(value).__name__))


# --- date and time -------------------------------------------------------------------------

_DAY_PERIODS = "上午|早上|早晨|凌晨|中午|下午|傍晚|晚上"
_DATETIME_RE = re.compile(
    r"(?P<date>.+?)"
    rf"(?:(?:\s*(?P<period>{_DAY_PERIODS})\s*|\s+|(?<=[^0-9\s]))"
    r"(?:(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"|(?P<cn_hour>[0-9]{1,2})[点时](?:(?P<half>半)|(?P<cn_minute>[0-9]{1,2})分?|整)?))?",
    re.DOTALL,
)
_PM_PERIODS = frozenset({"下午", "傍晚", "晚上"})
_AM_PERIODS = frozenset({"上午", "早上", "早晨", "凌晨"})


def _hour_in_day(hour: int, period: str | None) -> int:
    """Apply a 上午/下午-style qualifier to a spoken hour."""
    if period in _PM_PERIODS and hour < 12:
        return hour + 12
    if period == "中午" and hour < 11:
        return hour + 12
    if period in _AM_PERIODS and hour > 12:
        raise ValueError(hour)
    return 0 if period == "凌晨" and hour == 12 else hour


def _clock_from_match(match: re.Match[str]) -> time:
    """Build the time of day from a `_DATETIME_RE` match that has a time part."""
    if match["hour"] is not None:
        hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    else:
        hour, second = int(match["cn_hour"]), 0
        minute = 30 if match["half"] else int(match["cn_minute"] or 0)
    return time(_hour_in_day(hour, match["period"]), minute, second)


def parse_datetime(text: str, *, today: date, default_time: time) -> datetime:
    """Parse a date optionally followed by a time (`9:00`, `9点半`, `下午3点`) into a datetime."""
    cleaned = _cleaned(text, "date-empty", "date-invalid")
    match = _DATETIME_RE.fullmatch(cleaned)
    if match is None:  # pragma: no cover - `.+?` always matches non-empty text
        raise _invalid("date-invalid", cleaned)
    day = _parse_clean_date(match["date"].strip(), today)
    if match["hour"] is None and match["cn_hour"] is None:
        return datetime.combine(day, default_time)
    try:
        return datetime.combine(day, _clock_from_match(match))
    except ValueError:
        raise _invalid("date-invalid", cleaned) from None


# --- periods (YYYY-MM) ---------------------------------------------------------------------

_PERIOD_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})",
        r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})",
        r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月份?",
        r"(?P<m>[0-9]{1,2})月份?",
    )
)
_CANONICAL_PERIOD_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})")


def _format_period(year: int, month: int, source: str) -> str:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise _invalid("period-invalid", source)
    return f"{year:04d}-{month:02d}"


# Months a person may ask about: from 2000 to the end of next year. Earlier or later ones are
# typos (0001-01, 9999-12) that would only send computations past the calendar's ends.
FIRST_PERIOD_YEAR = 2000


def parse_period(text: str, *, today: date) -> str:
    """Parse a reporting month into canonical `YYYY-MM`; a bare month takes today's year.

    Months before 2000 or after next year are refused (`period-out-of-range`).
    """
    cleaned = _cleaned(text, "period-invalid", "period-invalid")
    compact = _WHITESPACE_RE.sub("", cleaned)
    for pattern in _PERIOD_PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            year = int(match["y"]) if "y" in pattern.groupindex else today.year
            period = _format_period(year, int(match["m"]), cleaned)
            if not FIRST_PERIOD_YEAR <= year <= today.year + 1:
                raise ParseError(
                    "period-out-of-range",
                    text=_excerpt(cleaned),
                    first=f"{FIRST_PERIOD_YEAR}-01",
                    last=f"{today.year + 1}-12",
                )
            return period
    raise _invalid("period-invalid", cleaned)


def _split_period(period: str) -> tuple[int, int]:
    """Split a canonical `YYYY-MM` period into (year, month)."""
    match = _CANONICAL_PERIOD_RE.fullmatch(period)
    if match is None:
        raise _invalid("period-invalid", period)
    year, month = int(match["y"]), int(match["m"])
    _format_period(year, month, period)
    return year, month


def period_of(day: date) -> str:
    """Return the `YYYY-MM` period containing `day`."""
    return f"{day.year:04d}-{day.month:02d}"


def previous_period(period: str) -> str:
    """Return the period before a canonical `YYYY-MM` period."""
    year, month = _split_period(period)
    return _format_period(year - (month == 1), 12 if month == 1 else month - 1, period)


def next_period(period: str) -> str:
    """Return the period after a canonical `YYYY-MM` period."""
    year, month = _split_period(period)
    return _format_period(year + (month == 12), 1 if month == 12 else month + 1, period)


def period_bounds(period: str) -> tuple[date, date]:
    """Return the first and last day of a canonical `YYYY-MM` period."""
    year, month = _split_period(period)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# --- phones --------------------------------------------------------------------------------

_PHONE_NOISE_RE = re.compile(r"[\s\-().\u2010-\u2015]")
_MOBILE_RE = re.compile(r"(?:\+86|0086|86)?(?P<mobile>1[3-9][0-9]{9})")
_LANDLINE_RE = re.compile(r"0[1-9][0-9]{1,2}[0-9]{7,8}")


def normalize_phone(text: str) -> str:
    """Return a mainland mobile as 11 digits or a landline as bare digits with area code."""
    digits = _PHONE_NOISE_RE.sub("", normalize_text(text))
    mobile = _MOBILE_RE.fullmatch(digits)
    if mobile:
        return mobile["mobile"]
    if _LANDLINE_RE.fullmatch(digits):
        return digits
    raise _invalid("phone-invalid", normalize_text(text))


_CONTACT_MOBILE_RE = re.compile(r"(?:\+|00)?86(?P<mobile>1[3-9][0-9]{9})")


def normalize_contact_phone(text: str) -> str:
    """Return the 11-digit mainland mobile of a shared contact; its 86 country code is required.

    A contact always carries its country code, so 11 digits without one are some other
    country's number (13471234567 is +1 347-123-4567), not a Chinese mobile: refused, unlike
    the lenient `normalize_phone` that roster cells (typed without a code) need.
    """
    digits = _PHONE_NOISE_RE.sub("", normalize_text(text))
    mobile = _CONTACT_MOBILE_RE.fullmatch(digits)
    if mobile:
        return mobile["mobile"]
    raise _invalid("phone-not-mainland", normalize_text(text))


# --- name lists ----------------------------------------------------------------------------

_NAME_SEPARATORS_RE = re.compile(r"\s*[、,;/\r\n]\s*")


def split_names(text: str) -> list[str]:
    """Split a typed list of names or phones on 、,，;；/ and line breaks; drop empty items."""
    parts = _NAME_SEPARATORS_RE.split(normalize_text(text))
    return [part.strip() for part in parts if part.strip()]
