"""The pairing table (领导结对联系表) with its figures as an XLSX workbook."""

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.pairing.view import TABLE_COLUMNS


def write_pairing_table(
    path: Path, rows: list[dict[str, object]], headers: dict[str, str], title: str
) -> None:
    """One sheet: a title row, the header row (bold, frozen) and one row per leader."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = headers["sheet"]
    sheet.append([title])
    sheet.append([headers[column] for column in TABLE_COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row[column]) for column in TABLE_COLUMNS])
    sheet.freeze_panes = "A3"
    workbook.save(path)


def _cell(value: object) -> object:
    """Decimals as floats (Excel numbers); everything else as it is."""
    return float(value) if isinstance(value, Decimal) else value
