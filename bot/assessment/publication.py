"""Publishing a draft with its notices, and closing windows that have passed.

A window closes into the final result only when no objection is still pending: the close
check runs every minute, so the result becomes final right after the last answer.
"""

from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment import notices, runs
from bot.assessment.calendar import ObjectionWindow, objection_window
from bot.assessment.notices import Texts
from bot.assessment.period import Period
from models import AssessmentRun, Objection, ObjectionStatus, Publication, PublicationStatus

CLOSE_ACTOR = "system:assessment-close"


@dataclass(frozen=True)
class Published:
    """A publication made now, its window, and how many park people were told."""

    publication: Publication
    run: AssessmentRun
    window: ObjectionWindow
    told: int


def newest_draft(session: Session, period: str) -> AssessmentRun | None:
    """The period's newest run that was never published."""
    drafts = [run for run in runs.runs_of(session, period) if run.publication_id is None]
    return drafts[-1] if drafts else None


def recent_periods(now: datetime) -> list[str]:
    """The periods offered in chat: this quarter, the two before it, and this year."""
    year, quarter = now.year, (now.month - 1) // 3 + 1
    found = []
    for _ in range(3):
        found.append(f"{year}-Q{quarter}")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return [*found, str(now.year)]


def draft_once(
    session: Session, period: Period, tz: tzinfo, *, known: int, now: datetime, actor: str
) -> tuple[AssessmentRun, bool]:
    """A new draft unless the period's runs changed since `known` were counted (a second press).

    Returns the run and whether it was made now; on a repeated press, the period's newest run.
    """
    existing = runs.runs_of(session, period.label)
    if len(existing) != known and existing:
        return existing[-1], False
    return runs.draft_run(session, period, tz, now=now, actor=actor), True


def run_by_id(session: Session, run_id: int) -> AssessmentRun | None:
    """A run by its id (None for a forged id)."""
    return session.get(AssessmentRun, run_id)


def publish_run(
    session: Session,
    run: AssessmentRun,
    texts: Texts,
    *,
    now: datetime,
    actor: str,
    working_days: int,
    closes_at: time,
) -> Published:
    """Publishes the draft (audited) and queues the notices to parks and admins."""
    publication = runs.publish(
        session,
        run,
        texts.tz,
        now=now,
        actor=actor,
        working_days=working_days,
        closes_at=closes_at,
    )
    window = window_of(publication, working_days, texts)
    told = notices.notify_published(session, publication, run, window, texts, now=now)
    return Published(publication, run, window, told)


def window_of(publication: Publication, working_days: int, texts: Texts) -> ObjectionWindow:
    """The publication's window as stored (its close), for describe_window."""
    window = objection_window(publication.published_at, working_days, texts.tz)
    return ObjectionWindow(
        publication.published_at,
        publication.closes_at,
        working_days,
        window.assumed_years,
    )


def pending_objections(session: Session, publication_id: int) -> int:
    """How many of a publication's objections are still unanswered."""
    query = select(func.count()).where(
        Objection.publication_id == publication_id,
        Objection.status == ObjectionStatus.PENDING.value,
    )
    return session.exec(query).one()


def close_due(session: Session, texts: Texts, *, now: datetime) -> list[Publication]:
    """Finalizes every open assessment whose window passed with nothing pending; broadcasts it."""
    query = select(Publication).where(
        Publication.kind == runs.KIND,
        Publication.status == PublicationStatus.OPEN.value,
        col(Publication.closes_at) <= now,
    )
    final = []
    for publication in session.exec(query.order_by(col(Publication.id))).all():
        assert publication.id is not None
        pending = pending_objections(session, publication.id)
        if pending:
            notices.notify_held(session, publication, pending, texts, now=now)
            continue
        runs.finalize(session, publication, now=now, actor=CLOSE_ACTOR)
        run = session.get(AssessmentRun, publication.run_id)
        assert run is not None, "a published assessment always has a run"
        told = notices.notify_final(session, publication, run, texts, now=now)
        audit.record(
            session,
            now=now,
            actor=CLOSE_ACTOR,
            action="assessment-final-broadcast",
            entity="publication",
            entity_id=publication.id,
            detail={"run": run.id, "recipients": told},
        )
        final.append(publication)
    return final


def close_early(
    session: Session, publication: Publication, *, now: datetime, actor: str, reason: str
) -> datetime:
    """Ends an open window now (audited with the reason and the close it replaced)."""
    was = publication.closes_at
    publication.closes_at = min(was, now)
    session.add(publication)
    audit.record(
        session,
        now=now,
        actor=actor,
        action="assessment-window-closed-early",
        entity="publication",
        entity_id=publication.id,
        detail={"was": was.isoformat(), "reason": reason},
    )
    return was


def latest_final(session: Session) -> tuple[Publication, AssessmentRun] | None:
    """The newest final assessment publication and its run (for the board)."""
    query = select(Publication).where(
        Publication.kind == runs.KIND, Publication.status == PublicationStatus.FINAL.value
    )
    publication = session.exec(query.order_by(col(Publication.final_at).desc())).first()
    if publication is None or publication.run_id is None:
        return None
    run = session.get(AssessmentRun, publication.run_id)
    return None if run is None else (publication, run)


def publication_of(session: Session, run: AssessmentRun) -> Publication | None:
    """The publication a run belongs to, if any."""
    return None if run.publication_id is None else session.get(Publication, run.publication_id)
