"""How the board's templates say things: moments, money, lights, stages, in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from markupsafe import Markup

from bot.formatting import format_money, format_yi
from bot.status.lights import reason_args
from bot.status.types import ProjectStatus
from bot.web.board.bars import progress_bar

Text = Callable[..., str]
# Formatted texts by (language, key, arguments). A city board repeats a few thousand of them
# (lights, stages, dates, reasons) on every refresh, and Fluent formatting was most of the
# page's server time at 5,000 projects. Bounded: cleared when full.
_TEXTS: dict[tuple, str] = {}
_TEXTS_MAX = 200_000


def cached_text(catalogue_text: Callable[..., str], language: str) -> Text:
    """The catalogue's `text` for `language`, remembering what it formatted."""

    def t(key: str, **args: object) -> str:
        memo = (language, key, *sorted(args.items()))
        found = _TEXTS.get(memo)
        if found is None:
            if len(_TEXTS) >= _TEXTS_MAX:
                _TEXTS.clear()
            found = _TEXTS[memo] = catalogue_text(language, key, **args)
        return found

    return t


@dataclass(frozen=True)
class Say:
    """The template's helpers, bound to one language and time zone."""

    t: Text
    tz: tzinfo

    def moment(self, at: datetime | None) -> str:
        """2025年3月1日 09:00 (the board's time zone)."""
        if at is None:
            return self.t("board-as-of-none")
        local = at.astimezone(self.tz)
        return self.t(
            "board-moment",
            year=str(local.year),
            month=str(local.month),
            day=str(local.day),
            time=f"{local:%H:%M}",
        )

    def day(self, on: date | datetime | None) -> str:
        """2025年3月1日."""
        if on is None:
            return ""
        if isinstance(on, datetime):
            on = on.astimezone(self.tz).date()
        return self.t("board-date", year=str(on.year), month=str(on.month), day=str(on.day))

    def short_day(self, on: datetime | None, year: int) -> str:
        """3月1日 within `year` (the board's), else the full date."""
        if on is None:
            return ""
        local = on.astimezone(self.tz).date()
        if local.year != year:
            return self.day(local)
        return self.t("board-date-short", month=str(local.month), day=str(local.day))

    def as_of(self, at: datetime | None) -> str:
        """数据截至 … for a panel."""
        if at is None:
            return self.t("board-as-of-none")
        return self.t("board-as-of", moment=self.moment(at))

    def period(self, period: str | None) -> str:
        """2025-03 -> 2025年3月."""
        if not period:
            return ""
        return self.t("board-period", year=period[:4], month=str(int(period[5:7])))

    def yi(self, amount_wan: Decimal) -> str:
        """An amount in 亿元."""
        return self.t("board-money-yi", amount=format_yi(amount_wan))

    def money(self, amount_wan: Decimal) -> str:
        """An amount in 万元, grouped."""
        return format_money(amount_wan)

    def light(self, color: str) -> str:
        """● 红灯 / ▲ 黄灯 / ✓ 绿灯: symbol and text, never colour alone."""
        return self.t(f"board-light-{color}")

    def reasons(self, row: ProjectStatus) -> str:
        """What the light says, in words (every reason, worst first)."""
        if not row.light.reasons:
            return self.t("board-reason-none")
        texts = (self.t(f"light-reason-{r.rule}", **reason_args(r)) for r in row.light.reasons)
        return "；".join(texts)

    def stage(self, stage: str | None) -> str:
        """The reported stage's name."""
        return self.t(f"stage-{stage}") if stage else self.t("board-stage-none")

    def percent(self, value: Decimal | None) -> str:
        """45.0 -> 45; None -> an en dash."""
        if value is None:
            return "–"
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"

    def bar(self, percent: Decimal | None, label: str, marker: Decimal | None = None) -> Markup:
        """An inline SVG progress bar."""
        return progress_bar(percent, label, marker)


def css_string(text: str) -> Markup:
    """`text` as a CSS string literal, safe inside a <style> element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " -:/·.,年月日" else f"\\{ord(ch):x} " for ch in text
    )
    return Markup(f'"{escaped}"')
