"""Reads a roster file (CSV or XLSX) into sheets of rows keyed by canonical field names."""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

SheetKind = Literal["projects", "people"]

# Canonical field -> accepted headers (compared after `normalize_header`); the first is the
# Chinese header the template writes.
PROJECT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "name", "project", "project_name"),
    "park": ("所属园区", "园区", "park"),
    "enterprise": ("项目单位", "建设单位", "enterprise", "company"),
    "category": ("项目类别", "类别", "category"),
    "industry_chain": ("产业链", "所属产业链", "industry_chain", "chain"),
    "total_investment": ("总投资(万元)", "总投资", "total_investment"),
    "annual_plan": ("年度计划投资(万元)", "年度计划投资", "年度计划", "annual_plan"),
    "planned_start": ("计划开工", "计划开工时间", "planned_start"),
    "planned_production": ("计划投产", "计划投产时间", "planned_production"),
    "leader": ("包联领导", "结对领导", "leader"),
    "leader_phone": ("领导电话", "包联领导电话", "leader_phone"),
    "liaisons": ("联络员", "liaisons", "liaison"),
    "liaison_phones": ("联络员电话", "liaison_phones", "liaison_phone"),
}
PEOPLE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系电话", "phone", "mobile"),
    "roles": ("角色", "roles", "role"),
    "unit": ("单位", "工作单位", "unit"),
    "title": ("职务", "title"),
}
HEADERS: dict[SheetKind, dict[str, tuple[str, ...]]] = {
    "projects": PROJECT_HEADERS,
    "people": PEOPLE_HEADERS,
}
REQUIRED_COLUMNS: dict[SheetKind, tuple[str, ...]] = {
    "projects": ("name", "park"),
    "people": ("name", "phone", "roles"),
}
# Files often carry a title row (e.g. "重点项目领导结对联系表") above the header row.
HEADER_SCAN_ROWS = 10
# How many unrecognised headers an error message quotes.
MAX_SHOWN = 8
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class RowError:
    """One problem found in a roster file; row 0 means the whole sheet or file."""

    sheet: str
    row: int
    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message_key(self) -> str:
        """The catalogue key describing this problem."""
        return f"roster-error-{self.code}"


class RosterError(Exception):
    """The roster cannot be imported; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} roster error(s): {[e.code for e in errors[:5]]}")
        self.errors = errors


@dataclass
class RosterRow:
    """One data row; `number` is the row number the user sees (header row = 1)."""

    number: int
    values: dict[str, object]


@dataclass
class RosterSheet:
    """One table of the roster: projects or people."""

    kind: SheetKind
    name: str
    rows: list[RosterRow]


def normalize_header(text: object) -> str:
    """A header cell reduced for matching: NFKC, no spaces, `_`, `-` or `*`, lower case."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "_-*")


_ALIASES: dict[SheetKind, dict[str, str]] = {
    kind: {normalize_header(alias): name for name, aliases in table.items() for alias in aliases}
    for kind, table in HEADERS.items()
}


def read_roster(path: Path) -> list[RosterSheet]:
    """Every non-empty sheet of a roster file; raises RosterError for unusable files."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        tables = [(path.name, _csv_rows(path))]
    elif suffix in XLSX_SUFFIXES:
        tables = _xlsx_tables(path)
    else:
        raise _file_error(path, "file-type", suffix=suffix or "-")
    results = [_sheet(name, rows) for name, rows in tables if _non_empty(rows)]
    errors = [result for result in results if isinstance(result, RowError)]
    if errors:
        raise RosterError(errors)
    if not results:
        raise _file_error(path, "file-empty")
    return [result for result in results if isinstance(result, RosterSheet)]


def _file_error(path: Path, code: str, **params: object) -> RosterError:
    return RosterError([RowError(sheet=path.name, row=0, code=code, params=params)])


def _os_error(path: Path, error: OSError) -> RosterError:
    """The actual cause of a file that cannot be opened (not "may be damaged")."""
    if isinstance(error, FileNotFoundError):
        return _file_error(path, "file-missing", file=str(path))
    if isinstance(error, PermissionError):
        return _file_error(path, "file-denied", file=str(path))
    if isinstance(error, IsADirectoryError):
        return _file_error(path, "file-is-directory", file=str(path))
    return _file_error(path, "file-unreadable")


def _csv_rows(path: Path) -> list[tuple[object, ...]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _os_error(path, error) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _file_error(path, "file-unreadable") from None
    try:
        return [tuple(record) for record in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error:
        raise _file_error(path, "file-unreadable") from None


def _xlsx_tables(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise _os_error(path, error) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        raise _file_error(path, "file-unreadable") from None
    try:
        return [(sheet.title, _worksheet_rows(sheet)) for sheet in workbook.worksheets]
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise _file_error(path, "file-unreadable") from None
    finally:
        workbook.close()


def _worksheet_rows(sheet: object) -> list[tuple[object, ...]]:
    # Some writers store a wrong <dimension>; ignore it and read every row from row 1.
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    return [tuple(row) for row in sheet.iter_rows(min_row=1, values_only=True)]  # type: ignore[attr-defined]


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _non_empty(rows: list[tuple[object, ...]]) -> bool:
    return any(_clean(cell) is not None for row in rows for cell in row)


def _matches(cells: tuple[object, ...], kind: SheetKind) -> set[str]:
    aliases = _ALIASES[kind]
    return {aliases[key] for key in map(normalize_header, cells) if key in aliases}


def _find_header(rows: list[tuple[object, ...]]) -> tuple[int, SheetKind] | None:
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = {kind: _matches(cells, kind) for kind in HEADERS}
        complete = [kind for kind in HEADERS if set(REQUIRED_COLUMNS[kind]) <= found[kind]]
        if complete:
            return index, max(complete, key=lambda kind: len(found[kind]))
    return None


def _sheet(name: str, rows: list[tuple[object, ...]]) -> RosterSheet | RowError:
    header = _find_header(rows)
    if header is None:
        return _header_error(name, rows)
    index, kind = header
    columns = _column_map(rows[index], kind)
    data = [_row(number, cells, columns) for number, cells in enumerate(rows, start=1)]
    kept = [row for row in data[index + 1 :] if row.values]
    return RosterSheet(kind=kind, name=name, rows=kept)


def _header_error(name: str, rows: list[tuple[object, ...]]) -> RowError:
    """Missing required columns if the sheet looks like one of the tables, else unknown."""
    best: tuple[int, SheetKind, int] | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        for kind in HEADERS:
            score = len(_matches(cells, kind))
            if score >= 2 and (best is None or score > best[0]):
                best = (score, kind, index)
    if best is None:
        first = next(cells for cells in rows if any(_clean(cell) is not None for cell in cells))
        found = [str(cell).strip() for cell in first if _clean(cell) is not None][:MAX_SHOWN]
        return RowError(sheet=name, row=0, code="unknown-headers", params={"headers": found})
    _, kind, index = best
    present = _matches(rows[index], kind)
    missing = [HEADERS[kind][col][0] for col in REQUIRED_COLUMNS[kind] if col not in present]
    return RowError(
        sheet=name, row=index + 1, code="missing-columns", params={"kind": kind, "columns": missing}
    )


def _column_map(cells: tuple[object, ...], kind: SheetKind) -> dict[int, str]:
    """Column index -> canonical field; the first column with a given field wins."""
    columns: dict[int, str] = {}
    for position, cell in enumerate(cells):
        field_name = _ALIASES[kind].get(normalize_header(cell))
        if field_name is not None and field_name not in columns.values():
            columns[position] = field_name
    return columns


def _row(number: int, cells: tuple[object, ...], columns: dict[int, str]) -> RosterRow:
    values: dict[str, object] = {}
    for position, field_name in columns.items():
        value = _clean(cells[position]) if position < len(cells) else None
        if value is not None:
            values[field_name] = value
    return RosterRow(number=number, values=values)
