"""Progress reports: which projects a liaison reports on, prefill, revisions and submission."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from bot import audit, lookup
from bot.formatting import format_money
from bot.outbox.burden import settle_reminders
from bot.people.access import can_report
from bot.refusals import Refused
from bot.reporting.evidence import find_duplicate
from models import Person, Project, ProjectLiaison
from models.problem import Problem
from models.problem_event import ProblemEvent
from models.report import ProgressReport, ReportPhoto

REPORT_FIELDS = ("investment_month", "stage", "percent", "progress", "problems")


class ReportRefused(Refused):
    """The report cannot be written: the reason is the catalogue text `report-<code>`."""

    prefix = "report-"


@dataclass
class ReportInput:
    """The answers of a finished form."""

    project_id: int
    period: str
    investment_month: Decimal
    stage: str
    percent: Decimal
    progress: str
    problems: str
    photos: list[dict]
    # A location shared during the form
    lat: float | None = None
    lon: float | None = None
    located_at: datetime | None = None


@dataclass
class Submitted:
    """What a submission wrote."""

    report: ProgressReport
    project: Project
    problem: Problem | None


def own_projects(session: Session, person: Person) -> list[Project]:
    """The active projects this person is liaison of, by name."""
    query = (
        select(Project)
        .join(ProjectLiaison, col(ProjectLiaison.project_id) == Project.id)
        .where(ProjectLiaison.person_id == person.id, Project.active)
        .order_by(Project.name)
    )
    return list(session.exec(query))


def find_reportable(session: Session, person: Person, text: str, limit: int = 10) -> list[Project]:
    """Projects whose name contains `text` that this person may report on, best first.

    Ranked as every lookup is (bot.lookup): an exact name wins over names containing it.
    """
    text = lookup.cleaned(text)
    name = col(Project.name)
    query = select(Project, lookup.tier(text, name)).where(
        Project.active, lookup.matches(text, name)
    )
    if not person.is_admin:
        served = select(ProjectLiaison.project_id).where(ProjectLiaison.person_id == person.id)
        query = query.where(col(Project.id).in_(served))
    found = session.exec(query.order_by(*lookup.best_first(text, name), Project.id).limit(limit))
    return lookup.rank(
        lookup.Candidate(tier, project.name, "project", project.id, project)
        for project, tier in found
    )


def current_report(session: Session, project_id: int, period: str) -> ProgressReport | None:
    """The current revision of a project's report for a period."""
    query = select(ProgressReport).where(
        ProgressReport.project_id == project_id,
        ProgressReport.period == period,
        ProgressReport.is_current,
    )
    return session.exec(query).first()


def prior_report(session: Session, project_id: int, period: str) -> ProgressReport | None:
    """The latest current report of an earlier period (the prefill of a new report)."""
    query = (
        select(ProgressReport)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.period < period,
            ProgressReport.is_current,
        )
        .order_by(col(ProgressReport.period).desc())
    )
    return session.exec(query).first()


def current_and_prior(
    session: Session, project_id: int, period: str
) -> tuple[ProgressReport | None, ProgressReport | None]:
    """`current_report` and `prior_report` of a period, in one statement.

    A project has at most one current report per period, so the newest two current reports
    up to the period are the period's own (if any) and the one before it.
    """
    query = (
        select(ProgressReport)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.period <= period,
            ProgressReport.is_current,
        )
        .order_by(col(ProgressReport.period).desc())
        .limit(2)
    )
    newest = list(session.exec(query))
    if newest and newest[0].period == period:
        return newest[0], newest[1] if len(newest) > 1 else None
    return None, newest[0] if newest else None


def cumulative_before(session: Session, project_id: int, period: str) -> Decimal:
    """Cumulative investment (万元) as of the last report before `period`.

    Taken from that report rather than summed, so investment made before the campaign's
    first report (a continuing project's opening balance) counts.
    """
    prior = prior_report(session, project_id, period)
    return prior.investment_cumulative if prior is not None else Decimal(0)


def reported_projects(session: Session, project_ids: list[int], period: str) -> set[int]:
    """Which of these projects already have a report for the period."""
    if not project_ids:
        return set()
    query = select(ProgressReport.project_id).where(
        col(ProgressReport.project_id).in_(project_ids),
        ProgressReport.period == period,
        ProgressReport.is_current,
    )
    return set(session.exec(query))


def check_investment(project: Project, prior: ProgressReport | None, amount: Decimal) -> Decimal:
    """The cumulative investment after this month (on top of `prior`, the last report before
    it); refuses amounts past the project's total."""
    before = prior.investment_cumulative if prior is not None else Decimal(0)
    cumulative = before + amount
    if cumulative > project.total_investment:
        raise ReportRefused(
            "over-total",
            cumulative=format_money(cumulative, exact=True),
            total=format_money(project.total_investment, exact=True),
        )
    return cumulative


def submit_report(
    session: Session, *, person: Person, data: ReportInput, now: datetime
) -> Submitted:
    """Writes the report (a new revision if one exists), its photos and its problem."""
    project = session.get(Project, data.project_id)
    if project is None or not can_report(session, person, data.project_id):
        raise ReportRefused("not-yours")
    existing, prior = current_and_prior(session, project.id, data.period)
    cumulative = check_investment(project, prior, data.investment_month)
    report = ProgressReport(
        project_id=project.id,
        period=data.period,
        revision=existing.revision + 1 if existing else 1,
        investment_month=data.investment_month,
        investment_cumulative=cumulative,
        stage=data.stage,
        percent=data.percent,
        progress=data.progress,
        problems=data.problems,
        reporter_id=person.id,
        submitted_at=now,
        changes=_changes(existing, data),
        lat=data.lat,
        lon=data.lon,
        located_at=data.located_at,
    )
    if existing is not None:
        existing.is_current = False
        session.add(existing)
        session.flush()  # the old revision stops being current before the new one is
        _shift_later_cumulatives(session, project.id, data.period, report, existing)
    session.add(report)
    session.flush()
    for photo in data.photos:
        duplicate_of = find_duplicate(session, photo.get("phash"), period=data.period)
        session.add(ReportPhoto(report_id=report.id, duplicate_of_id=duplicate_of, **photo))
    problem = _raise_problem(session, person, report, existing, now)
    # Reminders stop the moment the report is in: queued ones to those who owe nothing more.
    settle_reminders(
        session, project_id=project.id, period=data.period, reporter_id=person.id, now=now
    )
    audit.record(
        session,
        now=now,
        actor=f"person:{person.id}",
        actor_person_id=person.id,
        action="revise" if existing else "report",
        entity="progress_report",
        entity_id=report.id,
        detail={"project": project.name, "period": data.period, "changes": report.changes},
    )
    return Submitted(report, project, problem)


def history(session: Session, project_id: int, period: str) -> list[ProgressReport]:
    """Every revision of a project's report for a period, oldest first."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.project_id == project_id, ProgressReport.period == period)
        .order_by(col(ProgressReport.revision))
    )
    return list(session.exec(query))


def _changes(existing: ProgressReport | None, data: ReportInput) -> dict[str, list[str]]:
    if existing is None:
        return {}
    changed = {}
    for field in REPORT_FIELDS:
        old, new = getattr(existing, field), getattr(data, field)
        if isinstance(old, Decimal):
            old, new = _plain(old), _plain(Decimal(new))
        if old != new:
            changed[field] = [str(old), str(new)]
    return changed


def _shift_later_cumulatives(
    session: Session, project_id: int, period: str, new: ProgressReport, old: ProgressReport
) -> None:
    delta = new.investment_month - old.investment_month
    if not delta:
        return
    later = select(ProgressReport).where(
        ProgressReport.project_id == project_id,
        ProgressReport.period > period,
        ProgressReport.is_current,
    )
    for report in session.exec(later):
        report.investment_cumulative += delta
        session.add(report)


def _raise_problem(
    session: Session,
    person: Person,
    report: ProgressReport,
    existing: ProgressReport | None,
    now: datetime,
) -> Problem | None:
    text = report.problems.strip()
    if not text or (existing is not None and existing.problems.strip() == text):
        return None
    problem = Problem(
        project_id=report.project_id,
        report_id=report.id,
        text=text,
        raised_by_id=person.id,
        raised_at=now,
    )
    session.add(problem)
    session.flush()
    session.add(
        ProblemEvent(problem_id=problem.id, action="raise", actor_id=person.id, at=now, note=text)
    )
    return problem


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros (1200, 1200.5)."""
    text = format(value.normalize(), "f")
    return text
