"""The ledger (台账): an XLSX workbook with a summary sheet first, then one sheet per park.

The workbook is written as SpreadsheetML directly rather than through openpyxl: openpyxl spends
about 40 µs on each cell, so 5,000 projects × 21 columns took 4–5 s, over the 3 s budget. The
subset written here (inline strings, one style table, frozen panes, autofilter) is small;
the tests read every file back with openpyxl.
"""

import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
)

from bot.formatting import MONEY_EXCEL_FORMAT, format_money
from bot.i18n import Catalogue
from bot.status.lights import describe
from bot.status.service import by_park
from bot.status.types import Color, Light, ProjectStatus

# Excel's own colour-scale hues: readable when printed and familiar to the command centre.
LIGHT_FILLS: dict[Color, str] = {"green": "FF63BE7B", "yellow": "FFFFD966", "red": "FFF8696B"}
HEADER_FILL = "FFD9E1F2"
MONEY_FORMAT = MONEY_EXCEL_FORMAT  # whole 万元, grouped; the cell keeps the exact value
PERCENT_FORMAT = "0.0"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
WRAP_WIDTH = 40  # wrapped columns stay narrower: their text flows onto more lines instead
MIN_WIDTH = 6
MAX_LINES = 6
LINE_HEIGHT = 15.0
SHEET_NAME_LIMIT = 31
CELL_TEXT_LIMIT = 32767
LIGHTS: tuple[Color, ...] = ("green", "yellow", "red")

# Excel refuses these in sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# XML 1.0 cannot carry these at all, not even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH = datetime(1899, 12, 30)

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"


# --- the style table --------------------------------------------------------------------------

_FONTS = (
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>'
)
_FILL_COLORS = (HEADER_FILL, *(LIGHT_FILLS[color] for color in LIGHTS))
_FILLS = (
    '<fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    + "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
        for rgb in _FILL_COLORS
    )
)
_BORDERS = (
    "<border><left/><right/><top/><bottom/><diagonal/></border>"
    '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom>'
    "<diagonal/></border>"
)
_TOP = '<alignment vertical="top"/>'
_NUMBER_FORMATS = {164: PERCENT_FORMAT, 165: MOMENT_FORMAT, 166: MONEY_FORMAT}
# look: (numFmtId, fontId, fillId, borderId, alignment); the index is the cell's style id.
_LOOKS: dict[str, tuple[int, int, int, int, str]] = {
    "plain": (0, 0, 0, 0, ""),
    "text": (0, 0, 0, 0, _TOP),
    "header": (0, 1, 2, 1, '<alignment horizontal="center" vertical="center" wrapText="1"/>'),
    "bold": (0, 1, 0, 0, ""),
    "title": (0, 2, 0, 0, ""),
    "wrap": (0, 0, 0, 0, '<alignment vertical="top" wrapText="1"/>'),
    "money": (166, 0, 0, 0, _TOP),
    "percent": (164, 0, 0, 0, _TOP),
    "count": (1, 0, 0, 0, _TOP),
    "moment": (165, 0, 0, 0, _TOP),
    **{
        f"light-{color}": (0, 0, 3 + index, 0, '<alignment horizontal="center" vertical="top"/>')
        for index, color in enumerate(LIGHTS)
    },
}
_STYLE_IDS = {look: index for index, look in enumerate(_LOOKS)}


def _xf(number_format: int, font: int, fill: int, border: int, alignment: str) -> str:
    """One cell format record of the style table."""
    attrs = (
        f'numFmtId="{number_format}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
        f' applyNumberFormat="{int(number_format > 0)}" applyFont="{int(font > 0)}"'
        f' applyFill="{int(fill > 0)}" applyBorder="{int(border > 0)}"'
    )
    if not alignment:
        return f"<xf {attrs}/>"
    return f'<xf {attrs} applyAlignment="1">{alignment}</xf>'


def _styles_xml() -> str:
    """xl/styles.xml: number formats, fonts, fills, borders and one format per look."""
    formats = "".join(
        f'<numFmt numFmtId="{key}" formatCode={quoteattr(code)}/>'
        for key, code in _NUMBER_FORMATS.items()
    )
    xfs = "".join(_xf(*look) for look in _LOOKS.values())
    return (
        f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">'
        f'<numFmts count="{len(_NUMBER_FORMATS)}">{formats}</numFmts>'
        f'<fonts count="3">{_FONTS}</fonts>'
        f'<fills count="{2 + len(_FILL_COLORS)}">{_FILLS}</fills>'
        f'<borders count="2">{_BORDERS}</borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(_LOOKS)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


# --- sheets and the package -------------------------------------------------------------------


@dataclass
class _Row:
    """One sheet row: its values, the look of each cell, and a height when text wraps."""

    values: Sequence[object]
    looks: Sequence[str]
    height: float | None = None


@dataclass
class _Sheet:
    """One worksheet as written: rows, column widths, frozen pane and filtered table."""

    title: str
    rows: list[_Row]
    widths: list[float]
    frozen: str | None = None  # the top-left cell of the scrolling pane, e.g. "B2"
    table: str | None = None  # the autofilter's range, e.g. "A1:U40"


def _text(value: str) -> str:
    """Text as XML can carry it: cut to Excel's cell limit, illegal characters dropped."""
    text = value[:CELL_TEXT_LIMIT]
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return escape(text)


def _cell(ref: str, value: object, style: int) -> str:
    """One <c> element; numbers and dates as values, text inline."""
    attrs = f'r="{ref}" s="{style}"' if style else f'r="{ref}"'
    if isinstance(value, str):
        return f'<c {attrs} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'
    if isinstance(value, datetime):
        value = (value - _EXCEL_EPOCH).total_seconds() / 86400
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return f"<c {attrs}><v>{value!r}</v></c>"


def _row_xml(number: int, row: _Row, letters: Sequence[str]) -> str:
    """One <row> element, leaving out empty cells."""
    cells = "".join(
        _cell(f"{letters[index]}{number}", value, _STYLE_IDS[look])
        for index, (value, look) in enumerate(zip(row.values, row.looks, strict=True))
        if value is not None and value != ""
    )
    height = f' ht="{row.height}" customHeight="1"' if row.height else ""
    return f'<row r="{number}"{height}>{cells}</row>'


def _pane_xml(frozen: str | None, selected: bool) -> str:
    """The sheet view, with the rows above and columns left of `frozen` frozen."""
    tab = ' tabSelected="1"' if selected else ""
    if frozen is None:
        return f'<sheetViews><sheetView{tab} workbookViewId="0"/></sheetViews>'
    column, row = coordinate_from_string(frozen)
    split = f'xSplit="{column_index_from_string(column) - 1}" ySplit="{row - 1}"'
    return (
        f'<sheetViews><sheetView{tab} workbookViewId="0"><pane {split} topLeftCell="{frozen}"'
        ' activePane="bottomRight" state="frozen"/><selection pane="topRight"/>'
        '<selection pane="bottomLeft"/>'
        f'<selection pane="bottomRight" activeCell="{frozen}" sqref="{frozen}"/>'
        "</sheetView></sheetViews>"
    )


def _sheet_xml(sheet: _Sheet, selected: bool) -> str:
    """One worksheet part."""
    width = max([len(sheet.widths), *(len(row.values) for row in sheet.rows)], default=1)
    letters = [get_column_letter(index) for index in range(1, width + 1)]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(sheet.widths, 1)
    )
    rows = "".join(_row_xml(number, row, letters) for number, row in enumerate(sheet.rows, 1))
    table = f'<autoFilter ref="{sheet.table}"/>' if sheet.table else ""
    return (
        f'{_XML_HEAD}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'{_pane_xml(sheet.frozen, selected)}<sheetFormatPr defaultRowHeight="15"/>'
        f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>{rows}</sheetData>{table}"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"'
        ' footer="0.3"/></worksheet>'
    )


def _quoted(title: str) -> str:
    """A sheet name as formulas write it: 'it''s'."""
    return "'" + title.replace("'", "''") + "'"


def _workbook_xml(sheets: list[_Sheet]) -> str:
    """xl/workbook.xml: the sheets in order and their filter ranges."""
    entries = "".join(
        f'<sheet name={quoteattr(sheet.title)} sheetId="{index}" r:id="rId{index}"/>'
        for index, sheet in enumerate(sheets, 1)
    )
    # Excel looks for each sheet's filter range under this hidden name.
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
        f"{escape(_quoted(sheet.title))}!{_absolute(sheet.table)}</definedName>"
        for index, sheet in enumerate(sheets)
        if sheet.table
    )
    defined = f"<definedNames>{names}</definedNames>" if names else ""
    return (
        f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets>{defined}</workbook>"
    )


def _absolute(ref: str) -> str:
    """A1:U40 as $A$1:$U$40."""
    cells = (coordinate_from_string(part) for part in ref.split(":"))
    return ":".join(f"${column}${row}" for column, row in cells)


def _workbook_rels(count: int) -> str:
    """The workbook's relationships to its sheets and style table."""
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    styles = f'<Relationship Id="rId{count + 1}" Type="{kind}/styles" Target="styles.xml"/>'
    return f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{sheets}{styles}</Relationships>'


def _content_types(count: int) -> str:
    """[Content_Types].xml: what each part of the package is."""
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_CT}"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_XML_HEAD}<Types xmlns="{_CT_NS}">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_CT}"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_STYLES_CT}"/>{sheets}</Types>'
    )


_ROOT_RELS = (
    f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def _save(target: Path | BinaryIO, sheets: list[_Sheet]) -> None:
    """Writes the package: a zip of the parts above."""
    # Level 1 deflates XML nearly as well as the default and several times faster.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _workbook_xml(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", _styles_xml())
        for index, sheet in enumerate(sheets, 1):
            package.writestr(f"xl/worksheets/sheet{index}.xml", _sheet_xml(sheet, index == 1))


# --- widths, heights, names -------------------------------------------------------------------


def display_width(value: object) -> int:
    """How many character columns a value needs; CJK characters count double."""
    if value is None:
        return 0
    if isinstance(value, Decimal | float):
        return len(format_money(value))
    if isinstance(value, datetime):
        return len(MOMENT_FORMAT)
    text = str(value)
    lines = text.splitlines() if "\n" in text else [text]
    # UTF-8 takes 3 bytes for a CJK character and 1 for ASCII: (3 - 1) / 2 + 1 = 2 columns.
    return max((len(line.encode()) - len(line)) // 2 + len(line) for line in lines)


def column_widths(rows: Sequence[Sequence[object]], caps: Sequence[int]) -> list[float]:
    """Fitted widths for each column, from its widest value, within sensible bounds."""
    widths = [0] * len(caps)
    for values in rows:
        for index, value in enumerate(values):
            width = display_width(value)
            if width > widths[index]:
                widths[index] = width
    return [
        float(min(cap, max(MIN_WIDTH, width + 2))) for width, cap in zip(widths, caps, strict=True)
    ]


def _height(values: Sequence[object], wrapped: Sequence[int], widths: Sequence[float]) -> float:
    """A row height showing all wrapped lines (up to MAX_LINES), or 0 for the default."""
    lines = 1
    for index in wrapped:
        text = values[index]
        if isinstance(text, str) and text:
            usable = max(1.0, widths[index] - 2)
            count = sum(math.ceil(display_width(line) / usable) or 1 for line in text.split("\n"))
            lines = max(lines, count)
    return LINE_HEIGHT * min(lines, MAX_LINES) if lines > 1 else 0.0


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, no []:*?/\\); records it in `taken`."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip().strip("'")[:SHEET_NAME_LIMIT].strip("'")
    base = base or "_"
    title, number = base, 1
    # Excel compares sheet names case-insensitively and reserves "History".
    while title.casefold() in taken or title.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        title = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


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


def _park_sheet(title: str, rows: list[ProjectStatus], ctx: _Context) -> _Sheet:
    """A park's sheet: header row, then one row per project."""
    headers = [ctx.text(f"export-col-{column.key}") for column in COLUMNS]
    table = [[column.value(row, ctx) for column in COLUMNS] for row in rows]
    widths = column_widths([headers, *table], _CAPS)
    header = _Row(headers, ["header"] * len(COLUMNS), _height(headers, range(len(COLUMNS)), widths))
    lines = [header]
    plain = [column.look for column in COLUMNS]
    looks = {
        color: [*plain[:_LIGHT_COLUMN], f"light-{color}", *plain[_LIGHT_COLUMN + 1 :]]
        for color in LIGHTS
    }
    for row, values in zip(rows, table, strict=True):
        lines.append(_Row(values, looks[row.light.color], _height(values, _WRAPPED, widths)))
    last = get_column_letter(len(COLUMNS))
    # Frozen at B2: the header row and the project name stay in view while scrolling.
    return _Sheet(title, lines, widths, frozen="B2", table=f"A1:{last}{len(rows) + 1}")


@dataclass
class _Totals:
    """One summary line: a park's (or the city's) project counts and investment."""

    projects: int = 0
    lights: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LIGHTS, 0))
    reported: int = 0
    plan: Decimal = Decimal(0)
    year: Decimal = Decimal(0)

    def add(self, row: ProjectStatus, period: str) -> None:
        """Counts one project in."""
        self.projects += 1
        self.lights[row.light.color] += 1
        # The period's report shows up as its figures, or as the project's latest period.
        self.reported += row.period_investment is not None or row.last_period == period
        self.plan += row.annual_plan
        self.year += row.year_investment

    def values(self, rank: int | None, name: str) -> list[object]:
        """The line's cells, in SUMMARY_KEYS order."""
        reported = 100 * self.reported / self.projects if self.projects else None
        done = float(100 * self.year / self.plan) if self.plan else None
        counts = [self.lights[color] for color in LIGHTS]
        plan, year = float(self.plan), float(self.year)
        return [rank, name, self.projects, *counts, self.reported, reported, plan, year, done]


def _summary_lines(parks: dict[str, list[ProjectStatus]], period: str, total: str) -> list[list]:
    """One summary line per park, in rank order, then the city's."""
    city = _Totals()
    lines = []
    for rank, (park, rows) in enumerate(parks.items(), start=1):
        totals = _Totals()
        for row in rows:
            totals.add(row, period)
            city.add(row, period)
        lines.append(totals.values(rank, park))
    return [*lines, city.values(None, total)]


def _period_label(ctx: _Context, period: str) -> str:
    """The period as people read it in the ledger's language."""
    year, month = period.split("-")
    # The same shape the chat shows: 2025年3月, or 2025-03.
    return ctx.text(
        "period-label", year=year, month=str(int(month)) if ctx.language == "zh_CN" else month
    )


def _summary_sheet(
    title: str, lines: list[list], heading: tuple[str, str], ctx: _Context
) -> _Sheet:
    """The summary sheet: title, freshness line, then the park table, frozen and filtered."""
    headers = [ctx.text(f"export-sum-{key}") for key in SUMMARY_KEYS]
    widths = column_widths([headers, *lines], [MAX_WIDTH] * len(SUMMARY_KEYS))
    rows = [_Row([heading[0]], ["title"]), _Row([heading[1]], ["plain"]), _Row([], [])]
    rows.append(
        _Row(headers, ["header"] * len(headers), _height(headers, range(len(headers)), widths))
    )
    rows += [_Row(values, _SUMMARY_LOOKS) for values in lines[:-1]]
    # The city line's name is bold; its numbers keep their formats.
    rows.append(_Row(lines[-1], [_SUMMARY_LOOKS[0], "bold", *_SUMMARY_LOOKS[2:]]))
    header_row = 4
    last = get_column_letter(len(SUMMARY_KEYS))
    # The header stays in view; the filter covers the parks, not the city line below them.
    return _Sheet(
        title,
        rows,
        widths,
        frozen=f"A{header_row + 1}",
        table=f"A{header_row}:{last}{header_row + len(lines) - 1}",
    )


def _by_park(rows: list[ProjectStatus], unnamed: str) -> dict[str, list[ProjectStatus]]:
    """Projects grouped by park, ranked as /overview ranks them (bot.status.service.by_park)."""
    # Projects keep the order the caller sorted them in within a park.
    return {summary.name or unnamed: summary.rows for summary in by_park(rows)}


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
    ctx.separator = ctx.text("export-list-separator")
    parks = _by_park(rows, ctx.text("export-unnamed-park"))
    lines = _summary_lines(parks, period, ctx.text("export-sum-total"))
    moment = as_of.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    heading = (
        ctx.text("export-title", period=_period_label(ctx, period)),
        ctx.text("export-as-of", moment=moment),
    )
    taken: set[str] = set()
    summary = _summary_sheet(
        sheet_title(ctx.text("export-summary-sheet"), taken), lines, heading, ctx
    )
    sheets = [
        _park_sheet(sheet_title(park, taken), park_rows, ctx) for park, park_rows in parks.items()
    ]
    _save(target, [summary, *sheets])
