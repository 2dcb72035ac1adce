"""Status queries for leaders and the command centre: a few aggregate queries per answer.

Per-project computation is bot.status.compute, the cached city-wide view bot.status.city_view,
park summaries and rankings bot.status.summaries, search bot.status.search, who is missing
bot.status.missing; this module answers the other questions handlers ask, on top of them.
"""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.people.access import visible_projects
from bot.status import compute
from bot.status.city_view import city_statuses
from bot.status.compute import Asked, project_people
from bot.status.types import ProjectStatus
from models import Problem, ProblemStatus, ProgressReport, Project


def statuses(
    session: Session,
    asked: Asked,
    where: ColumnElement[bool] | None = None,
    *,
    detail: bool = False,
    park_id: int | None = None,
) -> list[ProjectStatus]:
    """The status of every active project in scope (and `where` or the park), laggards first."""
    if where is None and not detail:
        rows = city_statuses(session, asked)
        return rows if park_id is None else [row for row in rows if row.park_id == park_id]
    if park_id is not None:
        where = (
            Project.park_id == park_id if where is None else and_(where, Project.park_id == park_id)
        )
    return compute.compute_statuses(session, asked, where, detail=detail)


def project_status(session: Session, asked: Asked, project_id: int) -> ProjectStatus | None:
    """One project's full status, if the asker may see it."""
    rows = statuses(session, asked, Project.id == project_id, detail=True)
    return rows[0] if rows else None


def trend(session: Session, project_id: int, count: int = 3) -> list[ProgressReport]:
    """The project's last `count` reports, newest first."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.project_id == project_id, ProgressReport.is_current)
        .order_by(col(ProgressReport.period).desc())
        .limit(count)
    )
    return list(session.exec(query))


def open_problems_of(session: Session, project_id: int) -> list[Problem]:
    """A project's problems not yet resolved, oldest first."""
    query = (
        select(Problem)
        .where(
            Problem.project_id == project_id, col(Problem.status) != ProblemStatus.RESOLVED.value
        )
        .order_by(Problem.raised_at)
    )
    return list(session.exec(query))


def ledger_rows(session: Session, asked: Asked, period: str) -> list[ProjectStatus]:
    """Every project in scope with the given period's report fields and open problems."""
    # Copies of the (cached, shared) statuses, completed with what only the ledger shows.
    rows = [replace(row) for row in statuses(session, asked)]
    scope = and_(Project.active, visible_projects(asked.person))
    leaders, liaisons = project_people(session, scope)
    reports = {
        project_id: (investment, progress, problems)
        for project_id, investment, progress, problems in session.exec(
            select(
                ProgressReport.project_id,
                ProgressReport.investment_month,
                ProgressReport.progress,
                ProgressReport.problems,
            )
            .join(Project, col(Project.id) == ProgressReport.project_id)
            .where(ProgressReport.period == period, ProgressReport.is_current, scope)
        )
    }
    texts: dict[int, list[str]] = defaultdict(list)
    for project_id, text in session.exec(
        select(Problem.project_id, Problem.text)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, scope)
        .order_by(Problem.raised_at)
    ):
        texts[project_id].append(text)
    for row in rows:
        row.leader = leaders.get(row.project_id, "")
        row.liaisons = liaisons.get(row.project_id, [])
        report = reports.get(row.project_id)
        if report is not None:
            row.period_investment, row.period_progress, row.period_problems = report
            row.reported_periods = row.reported_periods | {period}
        row.problem_texts = texts.get(row.project_id, [])
    return sorted(rows, key=lambda row: (row.park, row.name))


def year_points(session: Session, project_id: int, period: str) -> list[tuple[str, Decimal, str]]:
    """(period, investment so far this year, stage) for each reported month of the year."""
    query = (
        select(ProgressReport.period, ProgressReport.investment_month, ProgressReport.stage)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.is_current,
            ProgressReport.period >= f"{period[:4]}-01",
            ProgressReport.period <= period,
        )
        .order_by(ProgressReport.period)
    )
    points, running = [], Decimal(0)
    for month, amount, stage in session.exec(query):
        running += amount
        points.append((month, running, stage))
    return points
