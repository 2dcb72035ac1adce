"""Reads a roster file (CSV or XLSX) into sheets of rows keyed by canonical field names."""

import csv
import io
import logging
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)
SheetKind = Literal["projects", "people", "enterprises", "pairings"]

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
    # Optional: the site's registered location, "纬度, 经度" in degrees (29.0312, 111.6981).
    "location": ("经纬度", "坐标", "location", "lat_lon"),
}
PEOPLE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系电话", "phone", "mobile"),
    "roles": ("角色", "roles", "role"),
    "unit": ("单位", "工作单位", "unit"),
    "title": ("职务", "title"),
    "report_parks": ("指标填报园区", "填报园区", "report_parks"),
}
# 三个一 (optional sheets): the enterprises and the leader pairing table.
ENTERPRISE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "enterprise_name"),
    "kind": ("企业类型", "企业类别", "kind"),
    "park": ("所属园区", "园区", "park"),
    "contact": ("联系人", "联系方式", "contact"),
    "note": ("备注", "note"),
}
PAIRING_HEADERS: dict[str, tuple[str, ...]] = {
    "leader": ("结对领导", "领导", "leader"),
    "project": ("10亿项目", "十亿项目", "亿元项目", "billion_project"),
    "backbone": ("重点骨干企业", "骨干企业", "backbone"),
    "struggling": ("特困企业", "struggling"),
    "liaison": ("联络员", "liaison"),
    "milestones": ("时间节点", "milestones"),
}
HEADERS: dict[SheetKind, dict[str, tuple[str, ...]]] = {
    "projects": PROJECT_HEADERS,
    "people": PEOPLE_HEADERS,
    "enterprises": ENTERPRISE_HEADERS,
    "pairings": PAIRING_HEADERS,
}
REQUIRED_COLUMNS: dict[SheetKind, tuple[str, ...]] = {
    "projects": ("name", "park"),
    "people": ("name", "phone", "roles"),
    "enterprises": ("name", "kind", "park"),
    "pairings": ("leader", "backbone", "struggling"),
}
# Files often carry a title row (e.g. "重点项目领导结对联系表") above the header row.
HEADER_SCAN_ROWS = 10
# How many unrecognised headers an error message quotes.
MAX_SHOWN = 8
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Caps on what a file may make the reader do. A real roster of 3,000 projects is 0.2 MB,
# 2.5 MB unpacked and reads in 0.4 s; a hostile one must be refused, not parsed for minutes.
MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 5 * MEGABYTE
MAX_UNPACKED_BYTES = 25 * MEGABYTE  # an XLSX is a zip: its parts' sizes once unpacked
MAX_ROWS = 20_000  # rows read in all sheets, title, header and empty rows included
MAX_COLUMNS = 100  # cells beyond are never read; the tables have 14 and 5 columns


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


def read_roster(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS
) -> list[RosterSheet]:
    """Every non-empty sheet of a roster file; raises RosterError for unusable files.

    Files over `max_bytes` or `max_rows` are refused; reading stops at the cap.
    """
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise _file_error(path, "file-type", suffix=suffix or "-")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _os_error(path, error) from None
    if size > max_bytes:
        raise _file_error(path, "file-too-large", size=_megabytes(size), max=_megabytes(max_bytes))
    if suffix in CSV_SUFFIXES:
        tables = [(path.name, _csv_rows(path, max_rows))]
    else:
        tables = _xlsx_tables(path, max_rows)
    results = [_sheet(name, rows) for name, rows in tables if _non_empty(rows)]
    errors = [result for result in results if isinstance(result, RowError)]
    if errors:
        raise RosterError(errors)
    if not results:
        raise _file_error(path, "file-empty")
    return [result for result in results if isinstance(result, RosterSheet)]


def read_workbook(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS
) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every sheet of an XLSX file as (title, rows), under the roster's caps; RosterError if not.

    Other imports (the assessment scheme) share the roster's file checks through this.
    """
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES:
        raise _file_error(path, "file-type", suffix=suffix or "-")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _os_error(path, error) from None
    if size > max_bytes:
        raise _file_error(path, "file-too-large", size=_megabytes(size), max=_megabytes(max_bytes))
    return _xlsx_tables(path, max_rows)


def _megabytes(size: int) -> str:
    return f"{max(size / MEGABYTE, 0.1):.1f}"


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


class _TooManyRows(Exception):
    """More rows than the cap: the file is refused as a whole."""


def _csv_rows(path: Path, max_rows: int) -> list[tuple[object, ...]]:
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
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        return _capped((tuple(record[:MAX_COLUMNS]) for record in records), max_rows)
    except csv.Error:
        raise _file_error(path, "file-unreadable") from None
    except _TooManyRows:
        raise _file_error(path, "too-many-rows", max=max_rows) from None


def _capped(rows: Iterable[tuple[object, ...]], max_rows: int) -> list[tuple[object, ...]]:
    """The rows; _TooManyRows once there are more than `max_rows` (one past it is read)."""
    taken = list(islice(rows, max_rows + 1))
    if len(taken) > max_rows:
        raise _TooManyRows
    return taken


def _xlsx_tables(path: Path, max_rows: int) -> list[tuple[str, list[tuple[object, ...]]]]:
    try:
        with zipfile.ZipFile(path) as archive:
            # zipfile unpacks no more than a part's declared size, so the sum bounds the work.
            unpacked = sum(item.file_size for item in archive.infolist())
    except OSError as error:
        raise _os_error(path, error) from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _file_error(path, "file-unreadable") from None
    if unpacked > MAX_UNPACKED_BYTES:
        limit = _megabytes(MAX_UNPACKED_BYTES)
        raise _file_error(path, "file-unpacked-too-large", size=_megabytes(unpacked), max=limit)
    # openpyxl (and the numpy it loads) costs ~0.3 s to import: only .xlsx files need it.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise _os_error(path, error) from None
    except Exception as error:  # see _unreadable
        raise _unreadable(path, error) from None
    try:
        tables = []
        left = max_rows  # the cap is for the whole file
        for sheet in workbook.worksheets:
            rows = _capped(_worksheet_rows(sheet, left), left)
            left -= len(rows)
            tables.append((sheet.title, rows))
        return tables
    except _TooManyRows:
        raise _file_error(path, "too-many-rows", max=max_rows) from None
    except Exception as error:  # see _unreadable
        raise _unreadable(path, error) from None
    finally:
        workbook.close()


def _unreadable(path: Path, error: Exception) -> RosterError:
    """A file openpyxl failed on: one line for the user, the cause in the debug log.

    A malformed part fails openpyxl with whatever its parser hits first (an XML ParseError,
    KeyError, TypeError, zlib.error, ...); for a file from outside each means "unreadable".
    Entity expansion (billion laughs) and external entities (XXE) end here too: expat refuses
    them with a ParseError.
    """
    log.debug("roster file %s unreadable: %r", path.name, error)
    return _file_error(path, "file-unreadable")


def _worksheet_rows(sheet: object, max_rows: int) -> Iterator[tuple[object, ...]]:
    """The sheet's rows, at most one past `max_rows`; a declared size past it is refused."""
    declared = getattr(sheet, "max_row", None)  # the sheet's <dimension>, if it has one
    if isinstance(declared, int) and declared > max_rows:
        raise _TooManyRows
    # Some writers store a wrong <dimension>; ignore it and read from row 1. The parser stops
    # one row past the cap (max_row), so a sheet of 200k rows is never parsed whole.
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    rows = sheet.iter_rows(  # type: ignore[attr-defined]
        min_row=1, max_row=max_rows + 1, max_col=MAX_COLUMNS, values_only=True
    )
    return (_trimmed(row) for row in rows)


def _trimmed(row: tuple[object, ...]) -> tuple[object, ...]:
    """A row without the empty cells max_col pads it with on the right."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])


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
