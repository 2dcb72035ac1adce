"""The pack's tables in one language: titles, headings and cells, shared by the PDF and XLSX.

Cells keep their type (int, Decimal, date, str) so the workbook stores numbers as numbers;
the PDF writes them with `cell_text`. Both renderers show exactly these tables.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Literal

from bot.formatting import format_money
from bot.i18n import Catalogue, format_moment, format_period
from bot.meetings.pack.content import Pack, ProblemLine, StatusBlock
from bot.status.lights import reason_args

Kind = Literal["text", "int", "money", "percent", "date"]
Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    """A column's heading, what its cells hold, and its share of the page's width."""

    heading: str
    kind: Kind
    weight: float  # relative width in the PDF
    wrap: bool = False  # long text, wrapped in the XLSX


@dataclass(frozen=True)
class Table:
    """One of the pack's tables: a section title, a sheet name, columns and rows."""

    key: str  # the sheet's key: status, parks, flagged ...
    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Per row, the light colour its first cell is filled with (red and yellow projects).
    lights: tuple[str, ...] = ()


@dataclass(frozen=True)
class Texts:
    """The catalogue in one language, and the time zone moments are shown in."""

    catalogue: Catalogue
    language: str
    tz: tzinfo

    def t(self, key: str, **args: object) -> str:
        """A catalogue text."""
        return self.catalogue.text(self.language, key, **args)

    def moment(self, moment: datetime) -> str:
        """A moment with its year: 2026-03-12 09:00."""
        return format_moment(self.catalogue, self.language, moment, self.tz, key="moment-dated")

    def period(self, period: str) -> str:
        """A YYYY-MM period in words."""
        return format_period(self.catalogue, self.language, period)


def cell_text(value: Cell, kind: Kind) -> str:
    """A cell as printed: money grouped in whole 万元, percentages with one decimal."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return format_money(value)
    if kind == "percent":
        return f"{Decimal(value):.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def heading_lines(pack: Pack, texts: Texts) -> list[str]:
    """The lines above the tables: title, meeting, generation time."""
    t = texts.t
    return [
        t("pack-title", park=pack.park),
        t(
            "pack-meeting",
            when=texts.moment(pack.starts_at),
            place=pack.place,
            park=pack.park,
            period=texts.period(pack.period),
        ),
        t("pack-generated", when=texts.moment(pack.generated_at)),
    ]


def tables(pack: Pack, texts: Texts) -> list[Table]:
    """Every table of the pack, in the order printed; the ranking only once one exists."""
    found = [
        _status(pack, texts),
        _parks(pack, texts),
        _flagged(pack, texts),
        _problems(pack, texts),
        _assignments(pack, texts),
        _missing(pack, texts),
    ]
    if pack.ranking is not None:
        found.append(_ranking(pack, texts))
    return found


def _status_columns(t: Callable[..., str], first: str) -> tuple[Column, ...]:
    return (
        Column(t(first), "text", 2.2),
        Column(t("pack-col-projects"), "int", 1),
        Column(t("pack-col-green"), "int", 0.8),
        Column(t("pack-col-yellow"), "int", 0.8),
        Column(t("pack-col-red"), "int", 0.8),
        Column(t("pack-col-reported"), "int", 1),
        Column(t("pack-col-reported-percent"), "percent", 1),
        Column(t("pack-col-plan"), "money", 1.5),
        Column(t("pack-col-year"), "money", 1.5),
        Column(t("pack-col-plan-percent"), "percent", 1),
        Column(t("pack-col-expected"), "percent", 1),
    )


def _status_row(block: StatusBlock, name: str) -> tuple[Cell, ...]:
    return (
        name,
        block.projects,
        block.green,
        block.yellow,
        block.red,
        block.reported,
        block.reported_percent,
        block.annual_plan,
        block.year_investment,
        block.plan_percent,
        block.expected_percent,
    )


def _status(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    rows = (_status_row(pack.host, pack.park), _status_row(pack.city, t("pack-col-city")))
    return Table(
        "status",
        t("pack-section-status"),
        t("pack-sheet-status"),
        _status_columns(t, "pack-col-scope"),
        rows,
    )


def _parks(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    rows = tuple(_status_row(block, block.name) for block in pack.parks)
    return Table(
        "parks",
        t("pack-section-parks"),
        t("pack-sheet-parks"),
        _status_columns(t, "pack-col-park"),
        rows,
    )


def _flagged(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    columns = (
        Column(t("pack-col-light"), "text", 0.6),
        Column(t("pack-col-project"), "text", 2),
        Column(t("pack-col-leader"), "text", 1),
        Column(t("pack-col-plan"), "money", 1.2),
        Column(t("pack-col-year"), "money", 1.2),
        Column(t("pack-col-plan-percent"), "percent", 0.9),
        Column(t("pack-col-reasons"), "text", 3.2, wrap=True),
        Column(t("pack-col-fixes"), "text", 3.2, wrap=True),
    )
    rows = tuple(
        (
            t(f"pack-color-{project.color}"),
            project.name,
            project.leader,
            project.annual_plan,
            project.year_investment,
            project.plan_percent,
            "\n".join(
                t(f"light-reason-{reason.rule}", **reason_args(reason))
                for reason in project.reasons
            ),
            "\n".join(
                t(f"light-fix-{reason.rule}", **reason_args(reason)) for reason in project.reasons
            ),
        )
        for project in pack.flagged
    )
    return Table(
        "flagged",
        t("pack-section-flagged", park=pack.park),
        t("pack-sheet-flagged"),
        columns,
        rows,
        tuple(project.color for project in pack.flagged),
    )


def _problem_columns(t: Callable[..., str], what: str) -> tuple[Column, ...]:
    return (
        Column(t("pack-col-project"), "text", 1.8),
        Column(t(what), "text", 3.6, wrap=True),
        Column(t("pack-col-status"), "text", 1),
        Column(t("pack-col-unit"), "text", 1.5),
        Column(t("pack-col-leader"), "text", 1),
        Column(t("pack-col-due"), "date", 1.2),
        Column(t("pack-col-overdue"), "text", 0.8),
    )


def _problem_row(line: ProblemLine, t: Callable[..., str]) -> tuple[Cell, ...]:
    return (
        line.project,
        line.text,
        t(f"pack-status-{line.status}"),
        line.unit,
        line.leader,
        line.due,
        t("pack-overdue-yes") if line.overdue else "",
    )


def _problems(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    return Table(
        "problems",
        t("pack-section-problems", park=pack.park),
        t("pack-sheet-problems"),
        _problem_columns(t, "pack-col-problem"),
        tuple(_problem_row(line, t) for line in pack.problems),
    )


def _assignments(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    previous = pack.previous
    title = (
        t("pack-section-assignments")
        if previous is None
        else t(
            "pack-section-assignments-of", when=texts.moment(previous.starts_at), park=previous.park
        )
    )
    return Table(
        "assignments",
        title,
        t("pack-sheet-assignments"),
        _problem_columns(t, "pack-col-assignment"),
        tuple(_problem_row(line, t) for line in pack.assignments),
    )


def _missing(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    columns = (
        Column(t("pack-col-park"), "text", 1),
        Column(t("pack-col-project"), "text", 2),
        Column(t("pack-col-note"), "text", 1.2),
    )
    rows = tuple(
        (line.park, line.project, t("pack-excused") if line.excused else "")
        for line in pack.missing
    )
    return Table(
        "missing",
        t("pack-section-missing", period=texts.period(pack.period)),
        t("pack-sheet-missing"),
        columns,
        rows,
    )


def _ranking(pack: Pack, texts: Texts) -> Table:
    t = texts.t
    ranking = pack.ranking
    assert ranking is not None
    columns = (
        Column(t("pack-col-type"), "text", 1),
        Column(t("pack-col-rank"), "int", 0.6),
        Column(t("pack-col-park"), "text", 2),
        Column(t("pack-col-total"), "percent", 0.8),
    )
    rows = tuple((park.park_type, park.rank, park.park, park.total) for park in ranking.parks)
    state = t("pack-ranking-final" if ranking.final else "pack-ranking-open")
    return Table(
        "ranking",
        t("pack-section-ranking", period=ranking.period, state=state),
        t("pack-sheet-ranking"),
        columns,
        rows,
    )
