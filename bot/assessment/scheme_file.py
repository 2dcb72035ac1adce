"""Reads and validates an assessment scheme file (XLSX): every problem found, with its row."""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bot.assessment.scheme import HUNDRED, Category, Indicator, Method, Scheme
from bot.people.roster_file import XLSX_SUFFIXES, RosterError, normalize_header, read_workbook

TYPES_SHEET = "园区类型"
CATEGORIES_SHEET = "考核类别"
INDICATORS_SHEET = "考核指标"
# Canonical column -> header the template writes (matched after normalize_header).
TYPES_COLUMNS = {"park": "园区", "type": "园区类型"}
CATEGORIES_COLUMNS = {"name": "类别", "weight": "权重"}
INDICATORS_COLUMNS = {
    "category": "类别",
    "key": "指标代码",
    "name": "指标名称",
    "unit": "单位",
    "weight": "分值",
    "method": "计分方法",
    "target": "目标值",
    "cap": "封顶(%)",
    "per_occurrence": "每次扣分",
}
REQUIRED = {
    TYPES_SHEET: ("park", "type"),
    CATEGORIES_SHEET: ("name", "weight"),
    INDICATORS_SHEET: ("category", "key", "name", "weight", "method"),
}
# A per-type target column: 目标值（一类园区）.
TYPE_TARGET_HEADER = re.compile(r"^目标值[（(](.+)[）)]$")
METHOD_LABELS = {
    Method.COMPLETION: "完成率",
    Method.GROWTH: "增长率",
    Method.RANK: "排名",
    Method.DEDUCTION: "扣分",
}
_METHODS = {label: method for method, label in METHOD_LABELS.items()} | {m.value: m for m in Method}
NAME_LENGTH = 50
MAX_NUMBER = Decimal(10) ** 12


@dataclass(frozen=True)
class SchemeProblem:
    """One problem in a scheme file; row 0 means the whole sheet or file."""

    sheet: str
    row: int
    key: str  # the catalogue key of the reason
    params: dict[str, object] = field(default_factory=dict)


class SchemeError(Exception):
    """The scheme cannot be imported; `problems` lists every one found."""

    def __init__(self, problems: list[SchemeProblem]) -> None:
        super().__init__(f"{len(problems)} scheme problem(s): {[p.key for p in problems[:5]]}")
        self.problems = problems


def read_scheme(path: Path, *, parks: Collection[str]) -> Scheme:
    """The scheme in `path`, checked whole against the known `parks`; SchemeError if not."""
    if path.suffix.lower() not in XLSX_SUFFIXES:
        # The roster's message offers CSV too; a scheme is XLSX only.
        suffix = path.suffix or "-"
        raise SchemeError(
            [SchemeProblem(path.name, 0, "assess-error-file-type", {"suffix": suffix})]
        )
    try:
        tables = dict(read_workbook(path))
    except RosterError as error:
        raise SchemeError(
            [SchemeProblem(e.sheet, e.row, e.message_key, e.params) for e in error.errors]
        ) from None
    if not any(_clean(cell) is not None for rows in tables.values() for r in rows for cell in r):
        raise SchemeError([SchemeProblem(path.name, 0, "roster-error-file-empty")])
    reader = _Reader(tables, set(parks))
    scheme = reader.scheme()
    if reader.problems:
        raise SchemeError(reader.problems)
    return scheme


class _Reader:
    """Collects the problems while it builds the scheme's parts."""

    def __init__(self, tables: dict[str, list[tuple[object, ...]]], parks: set[str]) -> None:
        self.tables = tables
        self.parks = parks
        self.problems: list[SchemeProblem] = []
        # Every category named, its weight valid or not: its indicators are not "unknown".
        # Empty when the 考核类别 sheet is unusable: that problem is listed, not each indicator.
        self.category_names: set[str] = set()

    def problem(self, sheet: str, row: int, code: str, **params: object) -> None:
        self.problems.append(SchemeProblem(sheet, row, f"assess-error-{code}", params))

    def scheme(self) -> Scheme:
        types = self.park_types()
        categories = self.categories()
        indicators = self.indicators(categories, set(types.values()))
        return Scheme("", types, tuple(categories), tuple(indicators))

    def rows(self, sheet: str, columns: dict[str, str]) -> list[tuple[int, dict[str, object]]]:
        """(row number, canonical column -> cell) for each non-empty data row under row 1."""
        rows = self.tables.get(sheet)
        if rows is None:
            self.problem(sheet, 0, "missing-sheet")
            return []
        header = rows[0] if rows else ()
        wanted = {normalize_header(label): name for name, label in columns.items()}
        positions = {
            wanted[normalize_header(c)]: i
            for i, c in enumerate(header)
            if normalize_header(c) in wanted
        }
        if sheet == INDICATORS_SHEET:
            for index, cell in enumerate(header):
                found = TYPE_TARGET_HEADER.match(str(_clean(cell) or ""))
                if found:
                    positions[f"type:{found.group(1).strip()}"] = index
        missing = [columns[name] for name in REQUIRED[sheet] if name not in positions]
        if missing:
            self.problem(sheet, 1, "missing-columns", columns="、".join(missing))
            return []
        result = []
        for number, cells in enumerate(rows[1:], start=2):
            values = {
                name: _clean(cells[i]) if i < len(cells) else None for name, i in positions.items()
            }
            if any(value is not None for value in values.values()):
                result.append((number, values))
        if not result:
            self.problem(sheet, 0, "no-rows")
        return result

    def text(self, sheet: str, row: int, values: dict[str, object], name: str, label: str) -> str:
        value = values.get(name)
        if value is None:
            self.problem(sheet, row, "required", column=label)
            return ""
        text = str(value)
        if len(text) > NAME_LENGTH:
            self.problem(sheet, row, "too-long", column=label, max=NAME_LENGTH)
        return text

    def number(
        self, sheet: str, row: int, value: object, label: str, *, positive: bool = True
    ) -> Decimal | None:
        """The cell as a Decimal; a problem (and None) if it is not a number in range."""
        if value is None:
            self.problem(sheet, row, "required", column=label)
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > MAX_NUMBER:
            self.problem(sheet, row, "not-a-number", column=label, value=str(value))
            return None
        if positive and number <= 0:
            self.problem(sheet, row, "not-positive", column=label, value=str(value))
            return None
        return number

    def park_types(self) -> dict[str, str]:
        sheet, types, seen = TYPES_SHEET, {}, {}
        for row, values in self.rows(sheet, TYPES_COLUMNS):
            park = self.text(sheet, row, values, "park", TYPES_COLUMNS["park"])
            kind = self.text(sheet, row, values, "type", TYPES_COLUMNS["type"])
            if not park:
                continue
            if park in seen:
                self.problem(sheet, row, "duplicate-park", park=park, other_row=seen[park])
            elif park not in self.parks:
                self.problem(sheet, row, "unknown-park", park=park)
            seen.setdefault(park, row)
            types[park] = kind
        return types

    def categories(self) -> list[Category]:
        sheet, found, seen = CATEGORIES_SHEET, [], {}
        rows = self.rows(sheet, CATEGORIES_COLUMNS)
        for row, values in rows:
            name = self.text(sheet, row, values, "name", CATEGORIES_COLUMNS["name"])
            weight = self.number(sheet, row, values.get("weight"), CATEGORIES_COLUMNS["weight"])
            if name in seen:
                self.problem(sheet, row, "duplicate-category", name=name, other_row=seen[name])
                continue
            seen[name] = row
            self.category_names.add(name)
            if name and weight is not None:
                found.append(Category(name, weight))
        total = sum((c.weight for c in found), Decimal(0))
        if rows and len(found) == len(rows) and total != HUNDRED:
            self.problem(sheet, 0, "category-weights", total=_plain(total))
        return found

    def indicators(self, categories: list[Category], types: set[str]) -> list[Indicator]:
        sheet, found, seen = INDICATORS_SHEET, [], {}
        labels = INDICATORS_COLUMNS
        for row, values in self.rows(sheet, INDICATORS_COLUMNS):
            category = self.text(sheet, row, values, "category", labels["category"])
            key = self.text(sheet, row, values, "key", labels["key"])
            name = self.text(sheet, row, values, "name", labels["name"])
            unit = str(values.get("unit") or "")
            weight = self.number(sheet, row, values.get("weight"), labels["weight"])
            method = _METHODS.get(str(values.get("method") or "").strip().lower())
            if values.get("method") is None:
                self.problem(sheet, row, "required", column=labels["method"])
            elif method is None:
                self.problem(sheet, row, "unknown-method", value=str(values["method"]))
            if category and self.category_names and category not in self.category_names:
                self.problem(sheet, row, "unknown-category", name=category)
            if key in seen:
                self.problem(sheet, row, "duplicate-key", indicator=key, other_row=seen[key])
            seen.setdefault(key, row)
            by_type = self.type_targets(row, values, types)
            target = per = None
            cap = HUNDRED
            if method in (Method.COMPLETION, Method.GROWTH):
                if values.get("target") is not None or not types <= set(by_type):
                    target = self.number(sheet, row, values.get("target"), labels["target"])
                if values.get("cap") is not None:
                    cap = self.number(sheet, row, values["cap"], labels["cap"]) or HUNDRED
            if method is Method.DEDUCTION:
                per = self.number(
                    sheet, row, values.get("per_occurrence"), labels["per_occurrence"]
                )
            if method is not None and weight is not None and key and name and category:
                found.append(
                    Indicator(key, name, category, unit, weight, method, target, by_type, cap, per)
                )
        if not self.problems:
            for category in categories:
                scored = [
                    i.weight
                    for i in found
                    if i.category == category.name and i.method is not Method.DEDUCTION
                ]
                if sum(scored, Decimal(0)) != category.weight:
                    self.problem(
                        sheet,
                        0,
                        "indicator-weights",
                        category=category.name,
                        total=_plain(sum(scored, Decimal(0))),
                        weight=_plain(category.weight),
                    )
        return found

    def type_targets(
        self, row: int, values: dict[str, object], types: set[str]
    ) -> dict[str, Decimal]:
        found = {}
        for column, value in values.items():
            if not column.startswith("type:") or value is None:
                continue
            kind = column.removeprefix("type:")
            if kind not in types:
                if not any(p.params.get("type") == kind for p in self.problems):
                    self.problem(INDICATORS_SHEET, 1, "unknown-type", type=kind)
                continue
            number = self.number(INDICATORS_SHEET, row, value, f"目标值（{kind}）")
            if number is not None:
                found[kind] = number
        return found


def _clean(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 100, 99.5."""
    text = format(number.normalize(), "f")
    return text
