"""The indicator values workbook (XLSX): one row per park, one column per filed indicator.

A growth indicator has a second column for its base (上年同期). Headers read 名称（代码）, e.g.
税收收入（tax） and 规模工业总产值增长上年同期（output_growth）; a header may also be the bare
code. Empty cells are not filed. Reading checks the whole file and lists every problem with
its row; nothing is returned unless the file is clean.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.assessment import computed
from bot.assessment.filing import Item
from bot.assessment.scheme_file import SchemeError, SchemeProblem
from bot.assessment.value_input import Kind, ValueRefused, cell_text, parse_value
from bot.assessment.values import Entry
from bot.people.roster_file import XLSX_SUFFIXES, RosterError, normalize_header, read_workbook

SHEET = "指标填报"
PARK_HEADER = "园区"
BASE_MARK = "上年同期"
_HEADER = re.compile(r"^(?P<name>.*?)[（(](?P<key>[A-Za-z][A-Za-z0-9_]*)[）)]$")


@dataclass(frozen=True)
class Column:
    """What one column of the file holds."""

    item: Item
    base: bool


def header(item: Item, *, base: bool = False) -> str:
    """The header the template writes for an indicator (or its base)."""
    return f"{item.name}{BASE_MARK if base else ''}（{item.key}）"


def write_values(
    path: Path,
    items: list[Item],
    parks: list[str],
    current: Mapping[str, Mapping[str, tuple[Decimal, Decimal | None]]],
) -> None:
    """Writes the workbook for one month: every park, prefilled with its current values."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    columns = [(item, base) for item in items for base in (False, True) if not base or item.growth]
    sheet.append([PARK_HEADER] + [header(item, base=base) for item, base in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for park in parks:
        filed = current.get(park, {})
        row: list[object] = [park]
        for item, base in columns:
            pair = filed.get(item.key)
            value = None if pair is None else pair[1 if base else 0]
            row.append(_cell(value))
        sheet.append(row)
    for index in range(1, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = "B2"
    workbook.save(path)


def read_values(path: Path, items: list[Item], parks: Collection[str]) -> dict[str, list[Entry]]:
    """Park -> the entries its row files; SchemeError listing every problem otherwise."""
    if path.suffix.lower() not in XLSX_SUFFIXES:
        suffix = {"suffix": path.suffix or "-"}
        raise SchemeError([SchemeProblem(path.name, 0, "assess-error-file-type", suffix)])
    try:
        tables = read_workbook(path)
    except RosterError as error:
        raise SchemeError(
            [SchemeProblem(e.sheet, e.row, e.message_key, e.params) for e in error.errors]
        ) from None
    filled = [(name, rows) for name, rows in tables if any(map(any, rows))]
    name, rows = filled[0] if filled else (path.name, [])
    reader = _Reader(name, items, set(parks))
    result = reader.read(rows)
    if reader.problems:
        raise SchemeError(reader.problems)
    return result


class _Reader:
    """Collects every problem while it reads the rows."""

    def __init__(self, sheet: str, items: list[Item], parks: set[str]) -> None:
        self.sheet, self.parks = sheet, parks
        self.items = {item.key: item for item in items}
        self.names = {normalize_header(item.name): item for item in items}
        self.problems: list[SchemeProblem] = []

    def problem(self, row: int, code: str, **params: object) -> None:
        self.problems.append(SchemeProblem(self.sheet, row, f"values-file-{code}", params))

    def read(self, rows: list[tuple[object, ...]]) -> dict[str, list[Entry]]:
        if not rows:
            self.problem(0, "empty")
            return {}
        columns = self.columns(rows[0])
        result: dict[str, list[Entry]] = {}
        seen: dict[str, int] = {}
        for number, cells in enumerate(rows[1:], start=2):
            if all(_blank(cell) for cell in cells):
                continue
            park = "" if _blank(cells[0]) else cell_text(cells[0]).strip()
            if not park:
                self.problem(number, "no-park")
                continue
            if park not in self.parks:
                self.problem(number, "unknown-park", park=park)
                continue
            if park in seen:
                self.problem(number, "duplicate-park", park=park, other_row=seen[park])
                continue
            seen[park] = number
            result[park] = self.entries(number, cells, columns)
        return result

    def columns(self, cells: tuple[object, ...]) -> dict[int, Column]:
        """Column position -> what it holds; every unusable header is a problem."""
        if not cells or normalize_header(cells[0]) != normalize_header(PARK_HEADER):
            self.problem(1, "park-column", header=PARK_HEADER)
        found: dict[int, Column] = {}
        taken: dict[tuple[str, bool], str] = {}
        for position, cell in enumerate(cells[1:], start=1):
            if _blank(cell):
                continue
            text = str(cell).strip()
            column = self.column(text)
            if column is None:
                continue
            if (column.item.key, column.base) in taken:
                self.problem(
                    1, "duplicate-column", header=text, other=taken[(column.item.key, column.base)]
                )
                continue
            taken[(column.item.key, column.base)] = text
            found[position] = column
        return found

    def column(self, text: str) -> Column | None:
        match = _HEADER.fullmatch(text)
        key, name = (match["key"], match["name"]) if match else (text, text)
        base = normalize_header(name).endswith(normalize_header(BASE_MARK))
        item = self.items.get(key)
        if item is None and not match:
            plain = normalize_header(name.removesuffix(BASE_MARK))
            item = self.names.get(plain)
        if item is None:
            computed_key = key in computed.KEYS
            self.problem(1, "computed-column" if computed_key else "unknown-column", header=text)
            return None
        if base and not item.growth:
            self.problem(1, "base-not-growth", header=text)
            return None
        return Column(item, base)

    def entries(
        self, number: int, cells: tuple[object, ...], columns: dict[int, Column]
    ) -> list[Entry]:
        pairs: dict[str, list[Decimal | None]] = {}
        for position, column in columns.items():
            cell = cells[position] if position < len(cells) else None
            if _blank(cell):
                continue
            kind = Kind.MONEY if column.base else Kind(column.item.kind)
            try:
                value = parse_value(cell_text(cell), kind)
            except ValueRefused as refusal:
                reason = {"reason_key": refusal.key, **refusal.params}
                self.problem(
                    number, "bad-value", column=header(column.item, base=column.base), **reason
                )
                continue
            pairs.setdefault(column.item.key, [None, None])[1 if column.base else 0] = value
        entries = []
        for key, (value, base) in pairs.items():
            if value is None:
                self.problem(number, "base-without-value", indicator=self.items[key].name)
            else:
                entries.append(Entry(key, value, base))
        return entries


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _cell(value: Decimal | None) -> object:
    """A value as a number cell when a float holds it exactly, else as text."""
    if value is None:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else format(value, "f")
