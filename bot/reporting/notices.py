"""What a submitted report tells others: an escalation to the project's leader (bot/escalations)."""

from datetime import datetime

from sqlmodel import Session

from bot.escalations import sources
from bot.i18n import format_period
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.reporting.reports import Submitted
from models import Person


def notify_leader(
    session: Session, *, submitted: Submitted, reporter: Person, notices: Notices, now: datetime
) -> bool:
    """Escalates to the project's leader when the report raises a problem (with the 批示 buttons).

    Only an active leader is told, in their language, once per problem (the escalation's
    key); the reporter is named. Returns whether a row was queued (the sender should look).
    """
    project = submitted.project
    if submitted.problem is None or project.leader_id is None:
        return False
    leader = people.person(session=session, person_id=project.leader_id)
    if leader is None or not leader.active:
        return False
    language = leader.language or notices.default_language
    park = people.park(session=session, park_id=project.park_id)
    text = notices.text(
        leader,
        "report-leader-notice",
        project=project.name,
        park=park.name if park else "",
        period=format_period(notices.catalogue, language, submitted.report.period),
        text=submitted.problem.text,
        reporter=reporter.name,
    )
    # An escalation: the leader answers it with one tap (批示), bot/escalations.
    return sources.problem_raised(
        session, problem=submitted.problem, leader=leader, text=text, notices=notices, now=now
    )
