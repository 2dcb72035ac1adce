"""The demo's escalation: one problem raised in a report waits for its leader's instruction
(批示), with its message and four buttons, so a new user answers it with one tap."""

from datetime import datetime

from sqlmodel import Session, col, select

from bot.escalations import sources
from bot.i18n import Catalogue, format_period
from bot.people.accounts import Notices
from models import Escalation, Park, Person, ProblemStatus, ProgressReport, Project
from models import Problem as ProblemRow

DEMO_LEADER_PHONE = "13900000011"  # 李明, the demo's 包联领导


def seed_demo_escalation(session: Session, *, now: datetime) -> Escalation | None:
    """Escalates the demo leader's newest open problem, once (its key); None if none is left."""
    leader = session.exec(select(Person).where(Person.phone == DEMO_LEADER_PHONE)).first()
    if leader is None or not leader.active:
        return None
    query = (
        select(ProblemRow, Project)
        .join(Project, col(Project.id) == ProblemRow.project_id)
        .where(Project.leader_id == leader.id, ProblemRow.status == ProblemStatus.OPEN.value)
        .order_by(col(ProblemRow.raised_at).desc())
    )
    found = session.exec(query).first()
    if found is None:
        return None
    problem, project = found
    catalogue = Catalogue()
    notices = Notices(catalogue, "zh_CN")
    language = leader.language or notices.default_language
    report = session.get(ProgressReport, problem.report_id) if problem.report_id else None
    reporter = session.get(Person, problem.raised_by_id) if problem.raised_by_id else None
    park = session.get(Park, project.park_id)
    text = notices.text(
        leader,
        "report-leader-notice",
        project=project.name,
        park=park.name if park else "",
        period=format_period(catalogue, language, report.period) if report else "",
        text=problem.text,
        reporter=reporter.name if reporter else "",
    )
    sources.problem_raised(
        session, problem=problem, leader=leader, text=text, notices=notices, now=now
    )
    key = f"problem{problem.id}:leader{leader.id}"
    return session.exec(select(Escalation).where(Escalation.key == key)).first()
