"""What a submitted report tells others: an escalation to the project's leader (bot/escalations)."""

from datetime import datetime

from sqlmodel import Session

from bot.escalations import sources
from bot.i18n import format_period
from bot.outbox import queue as outbox
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.reporting import evidence
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
    return True


def notify_duplicates(
    session: Session, *, submitted: Submitted, reporter: Person, notices: Notices, now: datetime
) -> bool:
    """Tells the project's leader when photos of the report look like another period's.

    The report is taken as it is (nothing is refused); the reviewer is asked to check. Once
    per report revision (the outbox's dedupe key). Returns whether a row was queued.
    """
    project = submitted.project
    facts = evidence.photo_facts(session, [submitted.report.id])
    reused = [fact for fact in facts if fact.duplicate_period]
    if not reused or project.leader_id is None:
        return False
    leader = people.person(session=session, person_id=project.leader_id)
    if leader is None or not leader.active:
        return False
    language = leader.language or notices.default_language
    details = "\n".join(
        notices.text(leader, "evidence-leader-notice-line", period=fact.duplicate_period)
        for fact in reused
    )
    text = notices.text(
        leader,
        "evidence-leader-notice",
        project=project.name,
        period=format_period(notices.catalogue, language, submitted.report.period),
        count=len(reused),
        details=details,
        reporter=reporter.name,
    )
    outbox.enqueue(
        session,
        kind="notice",
        text=text,
        now=now,
        person=leader,
        dedupe_key=f"report{submitted.report.id}:reused-photos",
    )
    return True
