"""The pack as a workbook: the PDF's tables, one sheet each, in the ledger's house style.

Written through bot.ledger.workbook (XlsxWriter, text always stored as text) with the
ledger's looks: a bold title, the meeting line, a filled header row that stays frozen and
filters, numbers stored as numbers (万元 exact, shown whole).
"""

from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from xlsxwriter.utility import xl_col_to_name

from bot.ledger.content import LOOKS, MAX_WIDTH, WRAP_WIDTH
from bot.ledger.workbook import Row, Sheet, column_widths, row_height, save, sheet_title
from bot.meetings.pack.content import Pack
from bot.meetings.pack.tables import Cell, Kind, Table, Texts, heading_lines, tables

PACK_LOOKS = {**LOOKS, "day": {"valign": "top", "num_format": "yyyy-mm-dd"}}
_LOOK: dict[Kind, str] = {
    "text": "text",
    "int": "count",
    "money": "money",
    "percent": "percent",
    "date": "day",
}
HEADER_ROW = 3  # title, meeting line, generated line, then the header


def write_xlsx(target: Path | BinaryIO, pack: Pack, texts: Texts) -> None:
    """Writes the pack's workbook to a path or a binary stream."""
    heading = heading_lines(pack, texts)
    taken: set[str] = set()
    sheets = [_sheet(table, heading, texts, taken) for table in tables(pack, texts)]
    save(target, sheets, PACK_LOOKS)


def _value(value: Cell) -> object:
    # A date as a midnight datetime, so the cell is a real date Excel can sort and filter.
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time.min)
    return value


def _sheet(table: Table, heading: list[str], texts: Texts, taken: set[str]) -> Sheet:
    columns = table.columns
    width = len(columns)
    blank = [""] * (width - 1)
    rows = [
        Row([table.title, *blank], ["title", *(["plain"] * (width - 1))]),
        Row([heading[1], *blank], ["plain"] * width),
        Row([heading[2], *blank], ["plain"] * width),
        Row([column.heading for column in columns], ["header"] * width),
    ]
    caps = [WRAP_WIDTH if column.wrap else MAX_WIDTH for column in columns]
    headings = [[column.heading for column in columns]]
    body = [[_value(value) for value in values] for values in table.rows]
    widths = column_widths(headings + [list(values) for values in table.rows], caps)
    wrapped = [index for index, column in enumerate(columns) if column.wrap]
    looks = ["wrap" if column.wrap else _LOOK[column.kind] for column in columns]
    for number, (values, original) in enumerate(zip(body, table.rows, strict=True)):
        # A red or yellow project's light cell in the ledger's light colour.
        shown = [f"light-{table.lights[number]}", *looks[1:]] if table.lights else looks
        rows.append(Row(values, shown, row_height(original, wrapped, widths) or None))
    if not body:
        rows.append(Row([texts.t("pack-none"), *blank], ["text"] * width))
    last = xl_col_to_name(width - 1)
    return Sheet(
        title=sheet_title(table.sheet, taken),
        rows=rows,
        widths=widths,
        frozen=f"A{HEADER_ROW + 2}",
        table=f"A{HEADER_ROW + 1}:{last}{HEADER_ROW + 1 + max(len(body), 1)}",
    )
