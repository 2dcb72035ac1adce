"""What a submitted report tells others: the notice to the project's leader, through the outbox."""

from datetime import datetime

from sqlmodel import Session

from bot.i18n import format_period
from bot.outbox import queue as outbox
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.reporting.reports import Submitted
from models import Person


def notify_leader(
    session: Session, *, submitted: Submitted, reporter: Person, notices: Notices, now: datetime
) -> bool:
    """Queues a short notice to the project's leader when the report raises a problem.

    Only an active leader is told, in their language, once per problem (the outbox's dedupe
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
    outbox.enqueue(
        session,
        kind="notice",
        text=text,
        now=now,
        person=leader,
        dedupe_key=f"problem{submitted.problem.id}:leader",
    )
    return True
