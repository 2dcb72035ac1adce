"""What is escalated to leaders: a problem raised in a report, a project turned red, an
assignment (交办) overdue. Each source writes an escalation once (its key), with its message."""

from datetime import date, datetime
from functools import partial

from sqlmodel import Session, col, select

from bot.escalations.service import escalate
from bot.people.accounts import Notices
from bot.status.city_view import CITY_VIEW
from bot.status.compute import Asked
from bot.status.lights import LightPolicy, explain
from bot.status.queries import statuses
from bot.status.types import ProjectStatus
from models import EscalationKind, Park, Person, Problem, ProblemStatus, Project, ProjectLight


def problem_raised(
    session: Session,
    *,
    problem: Problem,
    leader: Person,
    text: str,
    notices: Notices,
    now: datetime,
) -> bool:
    """Escalates a problem raised in a report to the project's leader, once per problem."""
    escalation = escalate(
        session,
        kind=EscalationKind.PROBLEM_RAISED,
        key=f"problem{problem.id}:leader{leader.id}",
        leader=leader,
        text=text,
        notices=notices,
        now=now,
        project_id=problem.project_id,
        problem_id=problem.id,
    )
    return escalation is not None


def red_projects(session: Session, *, notices: Notices, policy: LightPolicy, now: datetime) -> int:
    """Escalates each project whose light turned red since the last look; returns how many.

    The light seen is kept per project (ProjectLight). A project never looked at counts as not
    red before, so its leader is asked once when it is first seen red; after that, only a
    change to red asks again (at most once a day per project and leader, by the key).
    """
    asked = Asked(CITY_VIEW, now.date(), now.tzinfo, policy)
    seen = {row.project_id: row for row in session.exec(select(ProjectLight))}
    rows = statuses(session, asked)
    red = [row.project_id for row in rows if row.light.color == "red"]
    leaders = dict(
        session.exec(select(Project.id, Project.leader_id).where(col(Project.id).in_(red))).all()
    )
    told = 0
    for row in rows:
        color = row.light.color
        before = seen.get(row.project_id)
        leader_id = leaders.get(row.project_id)
        if color == "red" and (before is None or before.color != "red") and leader_id:
            told += _escalate_red(session, row, leader_id, notices, now)
        if before is None:
            session.add(ProjectLight(project_id=row.project_id, color=color, seen_at=now))
        elif before.color != color:
            before.color, before.seen_at = color, now
            session.add(before)
    session.flush()
    return told


def _escalate_red(
    session: Session, row: ProjectStatus, leader_id: int, notices: Notices, now: datetime
) -> int:
    leader = session.get(Person, leader_id)
    if leader is None or not leader.active:
        return 0
    t = partial(notices.text, leader)
    reasons = "\n".join(explain(reason, t) for reason in row.light.reasons if reason.color == "red")
    text = t("escalation-red", project=row.name, park=row.park, reasons=reasons)
    escalation = escalate(
        session,
        kind=EscalationKind.PROJECT_RED,
        key=f"red:{row.project_id}:leader{leader.id}:{now.date().isoformat()}",
        leader=leader,
        text=text,
        notices=notices,
        now=now,
        project_id=row.project_id,
    )
    return escalation is not None


def overdue_assignments(session: Session, *, notices: Notices, today: date, now: datetime) -> int:
    """Escalates each meeting assignment past its due date to its responsible leader (责任领导),
    else the project's leader; once per assignment and due date. Returns how many."""
    query = (
        select(Problem, Project)
        .join(Project, col(Project.id) == Problem.project_id, isouter=True)
        .where(
            col(Problem.meeting_id).is_not(None),
            Problem.status == ProblemStatus.ASSIGNED.value,
            col(Problem.due_date) < today,
        )
        .order_by(Problem.id)
    )
    told = 0
    for problem, project in session.exec(query).all():
        leader_id = problem.leader_id or (project.leader_id if project else None)
        leader = session.get(Person, leader_id) if leader_id else None
        if leader is None or not leader.active:
            continue
        park = session.get(Park, project.park_id) if project else None
        text = notices.text(
            leader,
            "escalation-overdue",
            project=project.name if project else "",
            park=park.name if park else "",
            text=problem.text[:300],
            unit=problem.assigned_unit or "",
            due=problem.due_date.isoformat() if problem.due_date else "",
        )
        escalation = escalate(
            session,
            kind=EscalationKind.ASSIGNMENT_OVERDUE,
            key=f"overdue:{problem.id}:{problem.due_date}:leader{leader.id}",
            leader=leader,
            text=text,
            notices=notices,
            now=now,
            project_id=problem.project_id,
            problem_id=problem.id,
        )
        told += escalation is not None
    return told
