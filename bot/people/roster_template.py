"""Writes the blank roster template (XLSX) the command centre fills in and uploads."""

import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot.people.roster_file import (
    ENTERPRISE_HEADERS,
    PAIRING_HEADERS,
    PEOPLE_HEADERS,
    PROJECT_HEADERS,
)
from bot.people.roster_vocabulary import EXAMPLE_MARK

PROJECTS_SHEET = "项目"
PEOPLE_SHEET = "人员"
ENTERPRISES_SHEET = "企业"
PAIRINGS_SHEET = "结对"
KIND_CHOICES = ("重点骨干企业", "特困企业")
# Rows the drop-down lists cover below the header.
VALIDATED_ROWS = 1000
CATEGORY_CHOICES = ("签约", "新开工", "续建", "投产")
ROLE_CHOICES = ("联络员", "包联领导", "市级领导", "指挥部")
TEXT_COLUMNS = ("leader_phone", "liaison_phones", "phone")
DATE_FORMAT = "yyyy-mm-dd"

# The example rows are obviously examples: every name says to delete the row (the import
# refuses rows carrying roster_vocabulary.EXAMPLE_MARK), and the phones are 138-0000-000x,
# numbers no real person on the roster has.
PROJECT_EXAMPLE: dict[str, object] = {
    "name": f"示例项目（{EXAMPLE_MARK}）",
    "park": "示例园区",
    "enterprise": "示例有限公司",
    "category": "续建",
    "industry_chain": "装备制造",
    "total_investment": 200000,
    "annual_plan": 80000,
    "planned_start": date(2026, 3, 1),
    "planned_production": date(2027, 12, 31),
    "leader": f"示例领导（{EXAMPLE_MARK}）",
    "leader_phone": "13800000001",
    "liaisons": f"示例联络员（{EXAMPLE_MARK}）",
    "liaison_phones": "13800000002",
    "location": "29.0312, 111.6981",
}
PERSON_EXAMPLE: dict[str, object] = {
    "name": f"示例联络员（{EXAMPLE_MARK}）",
    "phone": "13800000002",
    "roles": "联络员",
    "unit": "示例园区管委会",
    "title": "项目服务中心科员",
    # 指标填报园区: the parks whose assessment values this person files (optional).
    "report_parks": "示例园区",
}
ENTERPRISE_EXAMPLE: dict[str, object] = {
    "name": f"示例骨干企业（{EXAMPLE_MARK}）",
    "kind": "重点骨干企业",
    "park": "示例园区",
    "contact": "张经理 13800000003",
    "note": "",
}
# The leader and liaison as the roster identifies people: a phone, or a unique name.
PAIRING_EXAMPLE: dict[str, object] = {
    "leader": f"示例领导（{EXAMPLE_MARK}）",
    "project": f"示例项目（{EXAMPLE_MARK}）",
    "backbone": f"示例骨干企业（{EXAMPLE_MARK}）",
    "struggling": f"示例特困企业（{EXAMPLE_MARK}）",
    "liaison": "13800000002",
    "milestones": "2026年6月底前完成主体工程",
}


def write_template(path: Path) -> None:
    """Writes the template: 项目, 人员, 企业 and 结对 sheets, with headers and an example row."""
    workbook = Workbook()
    projects = workbook.active
    assert projects is not None
    projects.title = PROJECTS_SHEET
    _fill(projects, PROJECT_HEADERS, PROJECT_EXAMPLE)
    _choices(projects, PROJECT_HEADERS, "category", CATEGORY_CHOICES, strict=True)
    people = workbook.create_sheet(PEOPLE_SHEET)
    _fill(people, PEOPLE_HEADERS, PERSON_EXAMPLE)
    # Several roles ("联络员、包联领导") are allowed, so the role list only suggests.
    _choices(people, PEOPLE_HEADERS, "roles", ROLE_CHOICES, strict=False)
    # 三个一 (optional): a roster without these sheets imports as before.
    enterprises = workbook.create_sheet(ENTERPRISES_SHEET)
    _fill(enterprises, ENTERPRISE_HEADERS, ENTERPRISE_EXAMPLE)
    _choices(enterprises, ENTERPRISE_HEADERS, "kind", KIND_CHOICES, strict=True)
    _fill(workbook.create_sheet(PAIRINGS_SHEET), PAIRING_HEADERS, PAIRING_EXAMPLE)
    workbook.save(path)


def _fill(
    sheet: Worksheet, headers: dict[str, tuple[str, ...]], example: dict[str, object]
) -> None:
    """Header row (bold, frozen), the example row, text/date formats and column widths."""
    bold = Font(bold=True)
    for column, (key, aliases) in enumerate(headers.items(), start=1):
        header = sheet.cell(row=1, column=column, value=aliases[0])
        header.font = bold
        cell = sheet.cell(row=2, column=column, value=example.get(key))
        if key in TEXT_COLUMNS:
            cell.number_format = "@"
        if isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = _width(aliases[0], example.get(key))
    sheet.freeze_panes = "A2"


def _width(*values: object) -> float:
    """A column width fitting the widest value; CJK characters count double."""
    longest = max(_display_length(value) for value in values)
    return max(8, longest + 2)


def _display_length(value: object) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _choices(
    sheet: Worksheet,
    headers: dict[str, tuple[str, ...]],
    key: str,
    choices: tuple[str, ...],
    *,
    strict: bool,
) -> None:
    """A drop-down list on the column of `key`; strict lists reject other values."""
    letter = get_column_letter(list(headers).index(key) + 1)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=strict,
    )
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
    sheet.add_data_validation(validation)
