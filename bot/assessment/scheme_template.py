"""Writes a scheme as the XLSX file the command centre edits, and the default scheme."""

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from bot.assessment.scheme import HUNDRED, Category, Indicator, Method, Scheme
from bot.assessment.scheme_file import (
    CATEGORIES_COLUMNS,
    CATEGORIES_SHEET,
    INDICATORS_COLUMNS,
    INDICATORS_SHEET,
    METHOD_LABELS,
    TYPES_COLUMNS,
    TYPES_SHEET,
)

DEFAULT_TYPE = "综合类园区"
D = Decimal
# The campaign document's five categories (分类计分和综合考核), weights summing to 100.
DEFAULT_CATEGORIES = (
    Category("速度效益", D(30)),
    Category("产城融合", D(15)),
    Category("发展后劲", D(20)),
    Category("平台建设", D(15)),
    Category("基础工作", D(20)),
)
# Editable examples; targets are placeholders the command centre replaces.
DEFAULT_INDICATORS = (
    Indicator("investment", "完成投资", "速度效益", "万元", D(20), Method.COMPLETION, D(100000)),
    Indicator("new_starts", "新开工项目", "速度效益", "个", D(10), Method.COMPLETION, D(5)),
    Indicator(
        "infrastructure", "基础设施投入", "产城融合", "万元", D(15), Method.COMPLETION, D(20000)
    ),
    Indicator("output_growth", "规模工业总产值增长", "发展后劲", "%", D(10), Method.GROWTH, D(10)),
    Indicator("tax", "税收收入", "发展后劲", "万元", D(10), Method.RANK),
    Indicator("factories", "标准厂房", "平台建设", "万平方米", D(15), Method.COMPLETION, D(10)),
    Indicator("timeliness", "填报及时率", "基础工作", "%", D(10), Method.COMPLETION, D(100)),
    Indicator(
        "problems_closed", "问题按期销号率", "基础工作", "%", D(10), Method.COMPLETION, D(100)
    ),
    Indicator("safety", "安全事故", "基础工作", "次", D(10), Method.DEDUCTION, per_occurrence=D(5)),
    Indicator(
        "inspection", "环保督察问题", "基础工作", "个", D(10), Method.DEDUCTION, per_occurrence=D(2)
    ),
)


def default_scheme(parks: Iterable[str]) -> Scheme:
    """The default scheme: the document's five categories, every park of one type to edit."""
    return Scheme(
        version="default",
        park_types=dict.fromkeys(parks, DEFAULT_TYPE),
        categories=DEFAULT_CATEGORIES,
        indicators=DEFAULT_INDICATORS,
    )


def write_scheme(path: Path, scheme: Scheme) -> None:
    """Writes `scheme` as the three sheets 园区类型, 考核类别 and 考核指标."""
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    _sheet(
        book,
        TYPES_SHEET,
        list(TYPES_COLUMNS.values()),
        [[park, kind] for park, kind in scheme.park_types.items()],
        bold,
    )
    _sheet(
        book,
        CATEGORIES_SHEET,
        list(CATEGORIES_COLUMNS.values()),
        [[c.name, _number(c.weight)] for c in scheme.categories],
        bold,
    )
    types = scheme.types
    headers = [*INDICATORS_COLUMNS.values(), *(f"目标值（{kind}）" for kind in types)]
    rows = [_indicator_row(item, types) for item in scheme.indicators]
    sheet = _sheet(book, INDICATORS_SHEET, headers, rows, bold)
    method_column = list(INDICATORS_COLUMNS).index("method")
    sheet.data_validation(
        1,
        method_column,
        1000,
        method_column,
        {"validate": "list", "source": list(METHOD_LABELS.values())},
    )
    book.close()


def _sheet(
    book: xlsxwriter.Workbook, name: str, headers: list[str], rows: list[list[object]], bold: Format
) -> Worksheet:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, headers, bold)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    for column, header in enumerate(headers):
        sheet.set_column(column, column, max(10, 2 * len(header) + 2))
    sheet.freeze_panes(1, 0)
    return sheet


def _indicator_row(item: Indicator, types: list[str]) -> list[object]:
    cap = _number(item.cap) if item.cap != HUNDRED else None
    return [
        item.category,
        item.key,
        item.name,
        item.unit,
        _number(item.weight),
        METHOD_LABELS[item.method],
        _number(item.target),
        cap,
        _number(item.per_occurrence),
        *(_number(item.targets_by_type.get(kind)) for kind in types),
    ]


def _number(value: Decimal | None) -> int | float | None:
    """A cell value: whole numbers as int, others as float (what Excel stores anyway)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
