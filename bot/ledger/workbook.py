"""How a workbook is written: sheets of rows with named looks, through XlsxWriter.

Nothing here knows what a ledger holds (that is bot.ledger.content). XlsxWriter runs in
constant-memory mode: each row goes to disk as it is written, so a province-sized ledger
stays small in memory, and text is always written as a string, so a cell that starts with
"=" stays text and never becomes a formula.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from bot.formatting import format_money

MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH = 6
MAX_LINES = 6
LINE_HEIGHT = 15.0
SHEET_NAME_LIMIT = 31
CELL_TEXT_LIMIT = 32767

# Excel refuses these in sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# XML 1.0 cannot carry these at all, not even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# One character column is 7 pixels at Calibri 11. Widths go in as pixels: XlsxWriter's
# set_column adds 5 pixels of padding, which would store 40.14 for a width of 40.
_DIGIT_PIXELS = 7

Look = Mapping[str, object]  # XlsxWriter format properties, e.g. {"bold": True}


@dataclass
class Row:
    """One sheet row: its values, the look of each cell, and a height when text wraps."""

    values: Sequence[object]
    looks: Sequence[str]
    height: float | None = None


@dataclass
class Sheet:
    """One worksheet as written: rows, column widths, frozen pane and filtered table."""

    title: str
    rows: list[Row]
    widths: list[float]
    frozen: str | None = None  # the top-left cell of the scrolling pane, e.g. "B2"
    table: str | None = None  # the autofilter's range, e.g. "A1:U40"


def _text(value: str) -> str:
    """Text as a cell can carry it: cut to Excel's cell limit, illegal characters dropped."""
    text = value[:CELL_TEXT_LIMIT]
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return text


def _write_sheet(worksheet, sheet: Sheet, formats: Mapping[str, object]) -> None:
    """Writes one sheet's columns, rows, pane and filter, row by row (constant memory)."""
    for index, width in enumerate(sheet.widths):
        worksheet.set_column_pixels(index, index, round(width * _DIGIT_PIXELS))
    if sheet.frozen:
        worksheet.freeze_panes(sheet.frozen)
    if sheet.table:
        worksheet.autofilter(sheet.table)
    for number, row in enumerate(sheet.rows):
        if row.height:
            worksheet.set_row(number, row.height)
        for column, (value, look) in enumerate(zip(row.values, row.looks, strict=True)):
            if value is None or value == "":
                continue
            style = formats[look]
            if isinstance(value, str):
                worksheet.write_string(number, column, _text(value), style)
            elif isinstance(value, datetime):
                worksheet.write_datetime(number, column, value, style)
            else:
                number_value = float(value) if isinstance(value, Decimal) else value
                if isinstance(number_value, float) and not math.isfinite(number_value):
                    continue
                worksheet.write_number(number, column, number_value, style)


def save(target: Path | BinaryIO, sheets: list[Sheet], looks: Mapping[str, Look]) -> None:
    """Writes the workbook: `sheets` in order, each cell formatted by its named look."""
    book = xlsxwriter.Workbook(
        str(target) if isinstance(target, Path) else target,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False},
    )
    try:
        formats = {
            name: book.add_format(dict(properties)) if properties else None
            for name, properties in looks.items()
        }
        for sheet in sheets:
            _write_sheet(book.add_worksheet(sheet.title), sheet, formats)
    finally:
        _close(book)


def _close(book: xlsxwriter.Workbook) -> None:
    """Closes (writes) the workbook; a file that cannot be created raises its own OSError."""
    try:
        book.close()
    except FileCreateError as error:
        # XlsxWriter wraps the OSError; callers name the cause (missing folder, permission).
        cause = error.args[0] if error.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise


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


def row_height(values: Sequence[object], wrapped: Sequence[int], widths: Sequence[float]) -> float:
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
