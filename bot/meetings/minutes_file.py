"""A meeting's minutes as an XLSX: the blank template, and the import of its filled rows.

The template has one row a decision under five headers (what, project, owner unit,
responsible leader, due date), with drop-down lists of the active projects and leaders (kept
on a second sheet, so names with commas work). The import checks every row first: one bad
row and every error is listed with its row number, and nothing is written.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session

from bot.meetings import assignments
from bot.meetings.assignments import AssignmentRefused
from bot.parsing import ParseError, parse_date
from bot.people.accounts import Notices
from bot.people.roster_file import RosterError, read_workbook
from models import Meeting, Person, Problem, Project

COLUMNS = ("text", "project", "unit", "leader", "due")
VALIDATED_ROWS = 200
WIDTHS = (48, 28, 24, 14, 14)


@dataclass(frozen=True)
class RowProblem:
    """One reason a row (0: the whole file) cannot be imported, as a catalogue key."""

    row: int
    key: str
    params: dict[str, object]


class MinutesRejected(Exception):
    """Nothing was imported; `problems` lists every reason, row by row."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def write_template(session: Session, path: Path, t: Callable[..., str]) -> None:
    """The blank minutes sheet, with drop-down lists of projects and leaders."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("minutes-sheet")
    sheet.append([t(f"minutes-col-{column}") for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    lists = book.create_sheet(t("minutes-sheet-lists"))
    projects = [project.name for project in assignments.projects(session)]
    leaders = [person.name for person in assignments.leaders(session)]
    for row, name in enumerate(projects, start=1):
        lists.cell(row=row, column=1, value=name)
    for row, name in enumerate(leaders, start=1):
        lists.cell(row=row, column=2, value=name)
    title = lists.title.replace("'", "''")
    for column, letter, names in (("B", "A", projects), ("D", "B", leaders)):
        if not names:
            continue
        validation = DataValidation(
            type="list",
            formula1=f"'{title}'!${letter}$1:${letter}${len(names)}",
            allow_blank=True,
        )
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{VALIDATED_ROWS + 1}")
    sheet.freeze_panes = "A2"
    book.save(path)


@dataclass
class _Decision:
    row: int
    text: str
    unit: str
    leader: Person | None
    due: date | None
    project: Project | None


def import_minutes(
    session: Session,
    meeting: Meeting,
    path: Path,
    *,
    now: datetime,
    notices: Notices,
    actor: Person | None = None,
    operator: bool = False,
) -> tuple[list[Problem], int]:
    """Records every row as an assignment and tells the owners; returns them and how many told.

    Raises MinutesRejected (nothing written) when any row, or the file, is not right.
    """
    decisions, problems = _read(session, path, now)
    flagged = {problem.row for problem in problems}
    seen: dict[tuple[str, str], int] = {}
    for decision in decisions:
        if decision.row in flagged:
            continue
        try:
            key = assignments.check(
                session,
                meeting,
                text=decision.text,
                unit=decision.unit,
                leader=decision.leader,
                due=decision.due,
                project=decision.project,
                actor=actor,
                now=now,
                operator=operator,
            )
        except AssignmentRefused as refusal:
            problems.append(RowProblem(decision.row, refusal.key, refusal.params))
            continue
        if key in seen:
            problems.append(
                RowProblem(decision.row, "assignment-refused-repeated", {"row": seen[key]})
            )
        seen.setdefault(key, decision.row)
    if problems:
        raise MinutesRejected(sorted(problems, key=lambda p: p.row))
    recorded, told = [], 0
    for decision in decisions:
        problem = assignments.record(
            session,
            meeting,
            text=decision.text,
            unit=decision.unit,
            leader=decision.leader,
            due=decision.due,
            project=decision.project,
            actor=actor,
            now=now,
            operator=operator,
        )
        told += assignments.notify_owners(session, problem, notices=notices, now=now)
        recorded.append(problem)
    return recorded, told


def _read(session: Session, path: Path, now: datetime) -> tuple[list[_Decision], list[RowProblem]]:
    """The rows as decisions with their project and leader looked up, and what was not found.

    An unreadable file raises MinutesRejected at once.
    """
    try:
        tables = read_workbook(path)
    except RosterError as error:
        problems = [RowProblem(e.row, e.message_key, e.params) for e in error.errors]
        raise MinutesRejected(problems) from None
    rows = tables[0][1] if tables else []
    projects = {project.name: project for project in assignments.projects(session)}
    leaders: dict[str, list[Person]] = {}
    for person in assignments.leaders(session):
        leaders.setdefault(person.name, []).append(person)
    decisions: list[_Decision] = []
    problems: list[RowProblem] = []
    for number, cells in enumerate(rows[1:], start=2):
        values = [_text(cell) for cell in (*cells, *[None] * len(COLUMNS))[: len(COLUMNS)]]
        if not any(values):
            continue
        text, project_name, unit, leader_name, due_text = values
        project = projects.get(project_name) if project_name else None
        if project_name and project is None:
            problems.append(
                RowProblem(number, "assignment-refused-project-not-found", {"value": project_name})
            )
        found = leaders.get(leader_name, [])
        if leader_name and len(found) != 1:
            problems.append(
                RowProblem(number, "assignment-refused-leader-not-found", {"value": leader_name})
            )
        due = _due(cells[4] if len(cells) > 4 else None, due_text, now)
        if due_text and due is None:
            problems.append(RowProblem(number, "assignment-refused-bad-date", {"value": due_text}))
        leader = found[0] if len(found) == 1 else None
        decisions.append(_Decision(number, text, unit, leader, due, project))
    if not decisions:
        raise MinutesRejected([RowProblem(0, "assignment-refused-no-rows", {})])
    return decisions, problems


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    return str(cell).strip()


def _due(cell: object, text: str, now: datetime) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if not text:
        return None
    try:
        return parse_date(text, today=now.date())
    except ParseError:
        return None
