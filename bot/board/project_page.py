"""A project's page (/project/<id>): the chat card's data, the year's money month by month,
every report revision with what changed, problems with their history, site photos."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from bot.board.page_scope import PageScope
from bot.escalations.queries import Instruction, instructions
from bot.people.access import can_view  # the one rule every chat command asks
from bot.problems import service as problems_service
from bot.reporting.evidence import PhotoFacts, photo_facts
from bot.status import queries as status
from bot.status.compute import freshness
from bot.status.types import ProjectStatus
from models import Person, Problem, ProblemEvent, ProblemStatus, ProgressReport, Project
from models.project import ProjectLiaison
from models.report import ReportPhoto

HISTORY_LIMIT = 60  # report revisions shown, newest first (five years of monthly reports)


@dataclass(frozen=True)
class Contact:
    """A person responsible for the project; the phone only where the viewer may see phones."""

    name: str
    phone: str | None


@dataclass(frozen=True)
class MonthPoint:
    """One month of the year: its reported investment, the year so far, the plan to date."""

    period: str  # YYYY-MM
    investment: Decimal  # reported for the month (0 when not reported)
    year_to_date: Decimal  # the year's reports up to this month
    planned: Decimal  # the time-proportional plan (序时进度) at the month's end
    reported: bool


@dataclass(frozen=True)
class Revision:
    """One revision of a monthly report: who filed it, when, and what it changed."""

    report_id: int
    period: str
    revision: int
    current: bool
    reporter: str
    submitted_at: datetime
    investment_month: Decimal
    stage: str
    percent: Decimal
    progress: str
    problems: str
    changes: dict[str, list[str]]  # {field: [old, new]} against the revision before


@dataclass(frozen=True)
class ProblemStep:
    """One step of a problem's life (raise / assign / progress / resolve)."""

    action: str
    actor: str
    at: datetime
    note: str
    unit: str | None
    due_date: date | None


@dataclass(frozen=True)
class ProblemHistory:
    """A problem and its steps, oldest first."""

    problem: Problem
    steps: list[ProblemStep]


@dataclass(frozen=True)
class Photo:
    """A site photo kept on disk, of one report."""

    photo_id: int
    period: str
    facts: PhotoFacts | None = None  # time, place, distance, suspected reuse


@dataclass(frozen=True)
class ProjectPage:
    """Everything /project/<id> shows, in the viewer's scope."""

    status: ProjectStatus  # the chat card's data: light, reasons, money, stage, people
    leader: Contact | None
    liaisons: list[Contact]
    series: list[MonthPoint]
    revisions: list[Revision]
    problems: list[ProblemHistory]
    photos: list[Photo]
    reports_as_of: datetime | None  # the newest report of the project
    problems_as_of: datetime | None  # the newest step of its problems
    year: str = field(default="")
    instructions: list[Instruction] = field(default_factory=list)  # 领导批示, newest first


def project_page(session: Session, scope: PageScope, project_id: int) -> ProjectPage | None:
    """The project's page, or None when it does not exist or is outside the viewer's scope.

    Both answers are the same to the caller (404), so project ids cannot be probed.
    """
    if not in_scope(session, scope, project_id):
        return None
    asked = scope.asked
    row = status.project_status(session, asked, project_id)
    if row is None:  # an inactive project: the chat shows no card for it either
        return None
    leader, liaisons = _contacts(session, project_id, scope.shows_phones)
    histories = _problems(session, project_id)
    steps = [step.at for history in histories for step in history.steps]
    return ProjectPage(
        status=row,
        leader=leader,
        liaisons=liaisons,
        series=month_series(session, project_id, asked.period, row.annual_plan),
        revisions=revisions(session, project_id),
        problems=histories,
        photos=photos(session, project_id),
        reports_as_of=freshness(session, asked, Project.id == project_id),
        problems_as_of=max(steps, default=None),
        year=asked.period[:4],
        instructions=instructions(session, project_id),
    )


def in_scope(session: Session, scope: PageScope, project_id: int) -> bool:
    """Whether the viewer may see the project: the chat's rule, and a park link's park."""
    project = session.get(Project, project_id)
    if project is None or not project.active or not scope.allows_park(project.park_id):
        return False
    return can_view(session, scope.asked.person, project_id)


def month_series(
    session: Session, project_id: int, period: str, annual_plan: Decimal
) -> list[MonthPoint]:
    """Every month of the period's year up to it, from the year's current reports."""
    reported = {month: total for month, total, _ in status.year_points(session, project_id, period)}
    points, before = [], Decimal(0)
    for month in range(1, int(period[5:7]) + 1):
        key = f"{period[:4]}-{month:02d}"
        total = reported.get(key, before)
        planned = (annual_plan * month / 12).quantize(Decimal("0.01"))
        points.append(MonthPoint(key, total - before, total, planned, key in reported))
        before = total
    return points


def revisions(session: Session, project_id: int, limit: int = HISTORY_LIMIT) -> list[Revision]:
    """The project's report revisions, newest period first, newest revision first within it."""
    query = (
        select(ProgressReport, Person.name)
        .join(Person, col(Person.id) == ProgressReport.reporter_id, isouter=True)
        .where(ProgressReport.project_id == project_id)
        .order_by(col(ProgressReport.period).desc(), col(ProgressReport.revision).desc())
        .limit(limit)
    )
    return [
        Revision(
            report_id=report.id,
            period=report.period,
            revision=report.revision,
            current=report.is_current,
            reporter=name or "",
            submitted_at=report.submitted_at,
            investment_month=report.investment_month,
            stage=report.stage,
            percent=report.percent,
            progress=report.progress,
            problems=report.problems,
            changes=dict(report.changes or {}),
        )
        for report, name in session.exec(query)
    ]


def photos(session: Session, project_id: int) -> list[Photo]:
    """The site photos of the project's current reports that were kept on disk, newest first."""
    query = (
        select(ReportPhoto.id, ProgressReport.period)
        .join(ProgressReport, col(ProgressReport.id) == ReportPhoto.report_id)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.is_current,
            col(ReportPhoto.local_path).is_not(None),
        )
        .order_by(col(ProgressReport.period).desc(), ReportPhoto.id)
    )
    rows = list(session.exec(query.add_columns(ReportPhoto.report_id)))
    facts = {fact.photo_id: fact for fact in photo_facts(session, sorted({r[2] for r in rows}))}
    return [Photo(photo_id, period, facts.get(photo_id)) for photo_id, period, _ in rows]


def photo_file(session: Session, scope: PageScope, project_id: int, photo_id: int) -> str | None:
    """The local file of a photo, if the viewer may see the project and the photo is its own."""
    if not in_scope(session, scope, project_id):
        return None
    query = (
        select(ReportPhoto.local_path)
        .join(ProgressReport, col(ProgressReport.id) == ReportPhoto.report_id)
        .where(ReportPhoto.id == photo_id, ProgressReport.project_id == project_id)
    )
    return session.exec(query).first()


def _contacts(
    session: Session, project_id: int, phones: bool
) -> tuple[Contact | None, list[Contact]]:
    project = session.get(Project, project_id)
    leader = session.get(Person, project.leader_id) if project and project.leader_id else None
    query = (
        select(Person)
        .join(ProjectLiaison, col(ProjectLiaison.person_id) == Person.id)
        .where(ProjectLiaison.project_id == project_id)
        .order_by(ProjectLiaison.position)
    )

    def contact(person: Person) -> Contact:
        return Contact(person.name, person.phone if phones else None)

    return (contact(leader) if leader else None), [contact(p) for p in session.exec(query)]


def _problems(session: Session, project_id: int) -> list[ProblemHistory]:
    """Every problem of the project, unresolved first, each with its steps in order."""
    query = select(Problem).where(Problem.project_id == project_id)

    def problem_steps(problem_id: int) -> list[tuple[ProblemEvent, str]]:
        return problems_service.history(session, problem_id)

    found = sorted(
        session.exec(query),
        key=lambda p: (p.status == ProblemStatus.RESOLVED.value, p.raised_at, p.id),
    )
    return [
        ProblemHistory(problem, [_step(event, name) for event, name in problem_steps(problem.id)])
        for problem in found
    ]


def _step(event: ProblemEvent, actor: str) -> ProblemStep:
    return ProblemStep(event.action, actor, event.at, event.note, event.unit, event.due_date)
