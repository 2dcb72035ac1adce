"""A run as a workbook: 排名 (per type), 明细 (park × indicator) and 缺失, under a status header."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from bot.assessment.result_text import ResultText, Sources
from bot.assessment.scoring import Result
from models import AssessmentRun

_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}


def write_run(
    target: Path | BinaryIO,
    run: AssessmentRun,
    status: str,
    result: Result,
    sources: Sources,
    texts: ResultText,
) -> None:
    """Writes the run's three sheets to a path or a binary stream."""
    t = texts.t
    book = xlsxwriter.Workbook(target, _OPTIONS)
    bold = book.add_format({"bold": True})
    header = t(
        "assess-xlsx-header",
        period=run.period,
        number=run.number,
        status=t(f"assess-xlsx-status-{status}"),
        scheme=run.scheme_version,
        at=texts.moment(run.created_at),
    )

    def sheet(key: str, columns: list[str], widths: list[int]) -> Worksheet:
        found = book.add_worksheet(t(key))
        found.write_string(0, 0, header, bold)
        for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
            found.write_string(1, index, t(f"assess-xlsx-col-{column}"), bold)
            found.set_column(index, index, width)
        found.freeze_panes(2, 0)
        return found

    ranking = sheet("assess-xlsx-sheet-ranking", ["type", "rank", "park", "total"], [16, 6, 20, 10])
    for row, park in enumerate(result.parks, start=2):
        _write(ranking, row, [park.park_type, park.rank, park.park, park.total])

    detail = sheet(
        "assess-xlsx-sheet-detail",
        ["park", "category", "code", "indicator", "value", "target", "points", "rule", "source"],
        [20, 12, 18, 18, 14, 10, 8, 48, 36],
    )
    row = 2
    for park in result.parks:
        of_park = sources.get(park.park, {})
        for category in park.categories:
            for item in category.indicators:
                values = [
                    park.park,
                    category.name,
                    item.key,
                    item.name,
                    texts.value(item.value),
                    item.target,
                    item.points,
                    texts.rule(item.rule, item.params),
                    texts.source(of_park.get(item.key)),
                ]
                _write(detail, row, values)
                row += 1

    missing = sheet("assess-xlsx-sheet-missing", ["park", "code", "indicator"], [20, 18, 18])
    row = 2
    for park in result.parks:
        names = {i.key: i.name for c in park.categories for i in c.indicators}
        for key in park.missing:
            _write(missing, row, [park.park, key, names.get(key, "")])
            row += 1
    book.close()


def run_bytes(
    run: AssessmentRun, status: str, result: Result, sources: Sources, texts: ResultText
) -> bytes:
    """The workbook in memory (for a chat document)."""
    stream = BytesIO()
    write_run(stream, run, status, result, sources, texts)
    return stream.getvalue()


def _write(sheet: Worksheet, row: int, values: list[object]) -> None:
    for column, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, Decimal | int):
            sheet.write_number(row, column, float(value))
        else:
            sheet.write_string(row, column, str(value))
