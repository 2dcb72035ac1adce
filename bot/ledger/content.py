"""The ledger (台账)'s content: a summary sheet first, then one sheet per park.

What the sheets, rows and columns hold lives here; how a workbook is written is
bot.ledger.workbook (XlsxWriter).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO

from xlsxwriter.utility import xl_col_to_name

from bot.formatting import MONEY_EXCEL_FORMAT
from bot.i18n import Catalogue, format_moment, format_period, list_separator
from bot.ledger.workbook import (
    MOMENT_FORMAT,
    Look,
    Row,
    Sheet,
    column_widths,
    display_width,
    row_height,
    save,
    sheet_title,
)
from bot.status.lights import describe
from bot.status.summaries import ParkSummary, by_park
from bot.status.types import Color, Light, ProjectStatus

__all__ = ["COLUMNS", "LIGHT_FILLS", "MAX_WIDTH", "WRAP_WIDTH", "display_width", "sheet_title"]
__all__ += ["write_ledger"]

# Excel's own colour-scale hues: readable when printed and familiar to the command centre.
LIGHT_FILLS: dict[Color, str] = {"green": "FF63BE7B", "yellow": "FFFFD966", "red": "FFF8696B"}
HEADER_FILL = "FFD9E1F2"
MONEY_FORMAT = MONEY_EXCEL_FORMAT  # whole 万元, grouped; the cell keeps the exact value
PERCENT_FORMAT = "0.0"
MAX_WIDTH = 60
WRAP_WIDTH = 40  # wrapped columns stay narrower: their text flows onto more lines instead
LIGHTS: tuple[Color, ...] = ("green", "yellow", "red")


def _colour(argb: str) -> str:
    """FF63BE7B as XlsxWriter spells it: #63BE7B."""
    return "#" + argb[2:]


_TOP: Look = {"valign": "top"}
# Each cell names one of these looks; XlsxWriter turns each into one cell format.
LOOKS: dict[str, Look] = {
    "plain": {},
    "text": _TOP,
    "header": {
        "bold": True,
        "bg_color": _colour(HEADER_FILL),
        "pattern": 1,
        "bottom": 1,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
    },
    "bold": {"bold": True},
    "title": {"bold": True, "font_size": 14},
    "wrap": {**_TOP, "text_wrap": True},
    "money": {**_TOP, "num_format": MONEY_FORMAT},
    "percent": {**_TOP, "num_format": PERCENT_FORMAT},
    "count": {**_TOP, "num_format": 1},
    "moment": {**_TOP, "num_format": MOMENT_FORMAT},
    **{
        f"light-{color}": {
            "bg_color": _colour(LIGHT_FILLS[color]),
            "pattern": 1,
            "align": "center",
            "valign": "top",
        }
        for color in LIGHTS
    },
}


# --- the ledger's content ---------------------------------------------------------------------


@dataclass
class _Context:
    """What the column values need: texts looked up once per ledger, not once per row."""

    language: str
    catalogue: Catalogue
    tz: tzinfo
    separator: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    def text(self, key: str, **args: object) -> str:
        """A catalogue text in the ledger's language."""
        return self.catalogue.text(self.language, key, **args)

    def reasons(self, light: Light) -> str:
        """The light's rules in words, each with what would turn it green."""
        return self.text("export-reason-separator").join(describe(light, self.text))

    def label(self, prefix: str, value: str | None) -> str:
        """The catalogue label `<prefix>-<value>`, or the value itself when none is defined."""
        if not value:
            return ""
        key = f"{prefix}-{value}"
        if key not in self.labels:
            known = key in self.catalogue.keys(self.language)
            self.labels[key] = self.text(key) if known else value
        return self.labels[key]


@dataclass(frozen=True)
class _Column:
    """One project column: its header key, the look of its cells, and where its value is."""

    key: str
    look: str
    value: Callable[[ProjectStatus, _Context], object]


def _local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    """A moment as the city's wall-clock time, without a zone."""
    # Excel has no time zones: store the wall-clock time people in the city read.
    return None if moment is None else moment.astimezone(tz).replace(tzinfo=None)


def _problems(row: ProjectStatus) -> str:
    """The problems column of a project."""
    # The period's own report says it best; otherwise list the problems still open.
    return row.period_problems or "\n".join(row.problem_texts)


COLUMNS: tuple[_Column, ...] = (
    _Column("name", "text", lambda r, c: r.name),
    _Column("enterprise", "text", lambda r, c: r.enterprise),
    _Column("category", "text", lambda r, c: c.label("export-category", r.category)),
    _Column("chain", "text", lambda r, c: r.industry_chain),
    _Column("leader", "text", lambda r, c: r.leader),
    # Wrapped: a project often has several liaisons ("张伟、王芳"), and none may be cut off.
    _Column("liaisons", "wrap", lambda r, c: c.separator.join(r.liaisons)),
    _Column("total", "money", lambda r, c: r.total_investment),
    _Column("plan", "money", lambda r, c: r.annual_plan),
    _Column("year", "money", lambda r, c: r.year_investment),
    _Column("plan-percent", "percent", lambda r, c: r.plan_percent),
    _Column("expected-percent", "percent", lambda r, c: r.expected_percent),
    _Column("cumulative", "money", lambda r, c: r.cumulative_investment),
    _Column("stage", "text", lambda r, c: c.label("stage", r.stage)),
    _Column("physical", "percent", lambda r, c: r.physical_percent),
    _Column("period-investment", "money", lambda r, c: r.period_investment),
    _Column("progress", "wrap", lambda r, c: r.period_progress),
    _Column("problems", "wrap", lambda r, c: _problems(r)),
    _Column("open-problems", "count", lambda r, c: r.open_problems),
    _Column("light", "light", lambda r, c: c.label("export-light", r.light.color)),
    _Column("reasons", "wrap", lambda r, c: c.reasons(r.light)),
    _Column("last-report", "moment", lambda r, c: _local(r.last_submitted_at, c.tz)),
)
_LIGHT_COLUMN = next(i for i, column in enumerate(COLUMNS) if column.look == "light")
_WRAPPED = [i for i, column in enumerate(COLUMNS) if column.look == "wrap"]
_CAPS = [WRAP_WIDTH if column.look == "wrap" else MAX_WIDTH for column in COLUMNS]

SUMMARY_KEYS = (
    "rank",
    "park",
    "projects",
    "green",
    "yellow",
    "red",
    "reported",
    "reported-percent",
)
SUMMARY_KEYS += ("plan", "year", "plan-percent")
_SUMMARY_LOOKS = ("count", "text", "count", "count", "count", "count", "count", "percent")
_SUMMARY_LOOKS += ("money", "money", "percent")


def _park_sheet(title: str, rows: list[ProjectStatus], ctx: _Context) -> Sheet:
    """A park's sheet: header row, then one row per project."""
    headers = [ctx.text(f"export-col-{column.key}") for column in COLUMNS]
    table = [[column.value(row, ctx) for column in COLUMNS] for row in rows]
    widths = column_widths([headers, *table], _CAPS)
    header_height = row_height(headers, range(len(COLUMNS)), widths)
    header = Row(headers, ["header"] * len(COLUMNS), header_height)
    lines = [header]
    plain = [column.look for column in COLUMNS]
    looks = {
        color: [*plain[:_LIGHT_COLUMN], f"light-{color}", *plain[_LIGHT_COLUMN + 1 :]]
        for color in LIGHTS
    }
    for row, values in zip(rows, table, strict=True):
        lines.append(Row(values, looks[row.light.color], row_height(values, _WRAPPED, widths)))
    last = xl_col_to_name(len(COLUMNS) - 1)
    # Frozen at B2: the header row and the project name stay in view while scrolling.
    return Sheet(title, lines, widths, frozen="B2", table=f"A1:{last}{len(rows) + 1}")


def _summary_values(rank: int | None, name: str, summary: ParkSummary) -> list[object]:
    """One summary line's cells, in SUMMARY_KEYS order."""
    projects = len(summary.rows)
    # Exact shares: the cell's format rounds what is shown, not what is kept.
    reported = 100 * summary.reported / projects if projects else None
    plan, year = summary.annual_plan, summary.year_investment
    done = float(100 * year / plan) if plan else None
    counts = [summary.counts[color] for color in LIGHTS]
    return [
        rank,
        name,
        projects,
        *counts,
        summary.reported,
        reported,
        float(plan),
        float(year),
        done,
    ]


def _summary_lines(parks: list[ParkSummary], period: str, total: str) -> list[list]:
    """One summary line per park, in rank order, then the city's."""
    lines = [
        _summary_values(rank, summary.name, summary) for rank, summary in enumerate(parks, start=1)
    ]
    city = ParkSummary(None, total, [row for summary in parks for row in summary.rows], period)
    return [*lines, _summary_values(None, total, city)]


def _period_label(ctx: _Context, period: str) -> str:
    """The period as people read it in the ledger's language."""
    return format_period(ctx.catalogue, ctx.language, period)


def _summary_sheet(title: str, lines: list[list], heading: tuple[str, str], ctx: _Context) -> Sheet:
    """The summary sheet: title, freshness line, then the park table, frozen and filtered."""
    headers = [ctx.text(f"export-sum-{key}") for key in SUMMARY_KEYS]
    widths = column_widths([headers, *lines], [MAX_WIDTH] * len(SUMMARY_KEYS))
    rows = [Row([heading[0]], ["title"]), Row([heading[1]], ["plain"]), Row([], [])]
    rows.append(
        Row(headers, ["header"] * len(headers), row_height(headers, range(len(headers)), widths))
    )
    rows += [Row(values, _SUMMARY_LOOKS) for values in lines[:-1]]
    # The city line's name is bold; its numbers keep their formats.
    rows.append(Row(lines[-1], [_SUMMARY_LOOKS[0], "bold", *_SUMMARY_LOOKS[2:]]))
    header_row = 4
    last = xl_col_to_name(len(SUMMARY_KEYS) - 1)
    # The header stays in view; the filter covers the parks, not the city line below them.
    return Sheet(
        title,
        rows,
        widths,
        frozen=f"A{header_row + 1}",
        table=f"A{header_row}:{last}{header_row + len(lines) - 1}",
    )


def _by_park(rows: list[ProjectStatus], period: str, unnamed: str) -> list[ParkSummary]:
    """Park summaries for `period`, ranked as /overview ranks them (summaries.by_park)."""
    # Projects keep the order the caller sorted them in within a park.
    parks = by_park(rows, period)
    for summary in parks:
        summary.name = summary.name or unnamed
    return parks


def write_ledger(
    target: Path | BinaryIO,
    *,
    rows: list[ProjectStatus],
    period: str,
    as_of: datetime,
    language: str,
    catalogue: Catalogue,
    tz: tzinfo,
) -> None:
    """Writes the ledger for `period` (YYYY-MM): a summary sheet, then one sheet per park."""
    ctx = _Context(language, catalogue, tz)
    ctx.separator = list_separator(catalogue, language)
    parks = _by_park(rows, period, ctx.text("export-unnamed-park"))
    lines = _summary_lines(parks, period, ctx.text("export-sum-total"))
    moment = format_moment(catalogue, language, as_of, tz, key="moment-dated")
    heading = (
        ctx.text("export-title", period=_period_label(ctx, period)),
        ctx.text("export-as-of", moment=moment),
    )
    taken: set[str] = set()
    summary = _summary_sheet(
        sheet_title(ctx.text("export-summary-sheet"), taken), lines, heading, ctx
    )
    sheets = [_park_sheet(sheet_title(park.name, taken), park.rows, ctx) for park in parks]
    save(target, [summary, *sheets], LOOKS)
