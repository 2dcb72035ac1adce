"""Stores imported schemes as numbered versions; earlier versions stay readable."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment.scheme import Scheme
from models import AssessmentScheme, Park


def park_names(session: Session) -> set[str]:
    """The parks a scheme may name."""
    return set(session.exec(select(Park.name)).all())


def save_scheme(session: Session, scheme: Scheme, *, now: datetime, actor: str) -> Scheme:
    """Stores `scheme` as the next version (audited); returns it with its version set."""
    latest = session.exec(select(func.max(AssessmentScheme.version))).one()
    version = (latest or 0) + 1
    session.add(
        AssessmentScheme(version=version, imported_at=now, actor=actor, content=scheme.to_json())
    )
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="assessment-scheme-imported",
        entity="assessment_scheme",
        entity_id=version,
        detail={
            "categories": len(scheme.categories),
            "indicators": len(scheme.indicators),
            "parks": len(scheme.park_types),
        },
    )
    return Scheme.from_json(str(version), scheme.to_json())


def load_scheme(session: Session, version: int | None = None) -> Scheme | None:
    """The scheme of `version` (default: the newest), or None if there is none."""
    query = select(AssessmentScheme).order_by(col(AssessmentScheme.version).desc())
    if version is not None:
        query = query.where(AssessmentScheme.version == version)
    row = session.exec(query.limit(1)).first()
    return None if row is None else Scheme.from_json(str(row.version), row.content)


def versions(session: Session) -> list[AssessmentScheme]:
    """Every stored version, oldest first."""
    return list(session.exec(select(AssessmentScheme).order_by(col(AssessmentScheme.version))))
