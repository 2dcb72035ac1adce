"""Scoring runs of a period, their publication with an objection window, and re-scores.

A run is stored whole and never changed. A draft (no publication) is for admins only.
Publishing opens the window; an accepted objection re-scores into a new run of the same
publication, so every earlier version stays readable with the reason it was replaced.
"""

from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment import result_json, store
from bot.assessment.calendar import objection_window
from bot.assessment.period import Period
from bot.assessment.scoring import Result, Value, score
from bot.assessment.values import Source, scoring_input
from models import AssessmentRun, Publication, PublicationStatus

KIND = "assessment"


class RunError(Exception):
    """Why a run or a publication cannot be made; `key` and `params` name the text."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class IndicatorChange:
    """One indicator whose value or points differ between two runs."""

    key: str
    name: str
    before: Value
    after: Value
    points_before: Decimal
    points_after: Decimal


@dataclass(frozen=True)
class ParkChange:
    """A park whose result differs between two runs."""

    park: str
    total_before: Decimal
    total_after: Decimal
    rank_before: int
    rank_after: int
    indicators: tuple[IndicatorChange, ...]


def draft_run(
    session: Session, period: Period, tz: tzinfo, *, now: datetime, actor: str
) -> AssessmentRun:
    """Scores `period` on the newest scheme into a new draft run (audited)."""
    scheme = store.load_scheme(session)
    if scheme is None:
        raise RunError("assess-none")
    values, sources = scoring_input(session, scheme, period, tz)
    result = score(scheme, values)
    return _save(session, period.label, result, sources, now=now, actor=actor, reason="draft")


def rescore(
    session: Session,
    publication: Publication,
    period: Period,
    tz: tzinfo,
    *,
    now: datetime,
    actor: str,
    reason: str,
) -> tuple[AssessmentRun, AssessmentRun]:
    """Re-scores a published run on today's values and its own scheme: (old run, new run)."""
    old = session.get(AssessmentRun, publication.run_id)
    assert old is not None, "a published assessment always has a run"
    scheme = store.load_scheme(session, old.scheme_version)
    assert scheme is not None, "scheme versions are never deleted"
    values, sources = scoring_input(session, scheme, period, tz)
    new = _save(
        session,
        period.label,
        score(scheme, values),
        sources,
        now=now,
        actor=actor,
        reason=reason,
        publication_id=publication.id,
    )
    publication.run_id = new.id
    session.add(publication)
    return old, new


def publish(
    session: Session,
    run: AssessmentRun,
    tz: tzinfo,
    *,
    now: datetime,
    actor: str,
    working_days: int,
    closes_at: time,
) -> Publication:
    """Publishes a draft run: its objection window starts now (audited)."""
    if run.publication_id is not None:
        raise RunError("assess-run-already-published", run=run.id)
    if open_publication(session, run.period) is not None:
        raise RunError("assess-period-open", period=run.period)
    window = objection_window(now, working_days, tz, closes_at)
    publication = Publication(
        kind=KIND,
        period=run.period,
        run_id=run.id,
        published_at=now,
        closes_at=window.closes_at,
        actor=actor,
    )
    session.add(publication)
    session.flush()
    run.publication_id = publication.id
    session.add(run)
    audit.record(
        session,
        now=now,
        actor=actor,
        action="assessment-published",
        entity="publication",
        entity_id=publication.id,
        detail={"run": run.id, "period": run.period, "closes_at": window.closes_at.isoformat()},
    )
    return publication


def finalize(session: Session, publication: Publication, *, now: datetime, actor: str) -> None:
    """Makes a publication's current result final (audited)."""
    publication.status = PublicationStatus.FINAL.value
    publication.final_at = now
    session.add(publication)
    audit.record(
        session,
        now=now,
        actor=actor,
        action="assessment-final",
        entity="publication",
        entity_id=publication.id,
        detail={"run": publication.run_id, "period": publication.period},
    )


def open_publication(session: Session, period: str) -> Publication | None:
    """The period's assessment publication still open for objections, if any."""
    query = select(Publication).where(
        Publication.kind == KIND,
        Publication.period == period,
        Publication.status == PublicationStatus.OPEN.value,
    )
    return session.exec(query).first()


def runs_of(session: Session, period: str) -> list[AssessmentRun]:
    """Every run of a period, oldest first."""
    query = select(AssessmentRun).where(AssessmentRun.period == period)
    return list(session.exec(query.order_by(col(AssessmentRun.number))))


def result_of(run: AssessmentRun) -> tuple[Result, dict[str, dict[str, Source]]]:
    """A stored run's result and the source of each value."""
    return result_json.load(run.result)


def diff(before: Result, after: Result) -> list[ParkChange]:
    """The parks whose total, rank or any indicator differs, in the new result's order."""
    old = {park.park: park for park in before.parks}
    changes = []
    for park in after.parks:
        was = old.get(park.park)
        if was is None:
            continue
        was_items = {i.key: i for c in was.categories for i in c.indicators}
        items = tuple(
            IndicatorChange(i.key, i.name, w.value, i.value, w.points, i.points)
            for c in park.categories
            for i in c.indicators
            if (w := was_items.get(i.key)) is not None
            and (w.value != i.value or w.points != i.points)
        )
        if items or was.total != park.total or was.rank != park.rank:
            changes.append(ParkChange(park.park, was.total, park.total, was.rank, park.rank, items))
    return changes


def _save(
    session: Session,
    period: str,
    result: Result,
    sources: dict[str, dict[str, Source]],
    *,
    now: datetime,
    actor: str,
    reason: str,
    publication_id: int | None = None,
) -> AssessmentRun:
    latest = session.exec(
        select(func.max(AssessmentRun.number)).where(AssessmentRun.period == period)
    ).one()
    run = AssessmentRun(
        period=period,
        number=(latest or 0) + 1,
        scheme_version=int(result.version),
        created_at=now,
        actor=actor,
        reason=reason,
        result=result_json.dump(result, sources),
        publication_id=publication_id,
    )
    session.add(run)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="assessment-run",
        entity="assessment_run",
        entity_id=run.id,
        detail={"period": period, "number": run.number, "reason": reason},
    )
    return run
