"""The leaders' instructions (领导批示) a project card and the board show: who, what, when."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlmodel import Session, col, select

from models import Escalation, Person


@dataclass(frozen=True)
class Instruction:
    """One decided escalation, as a line."""

    leader: str
    decision: str
    decided_at: datetime
    unit: str | None
    due_date: date | None
    note: str | None


def instructions(session: Session, project_id: int, limit: int = 5) -> list[Instruction]:
    """The project's latest decided escalations, newest first."""
    query = (
        select(Escalation, Person.name)
        .join(Person, col(Person.id) == Escalation.leader_id)
        .where(Escalation.project_id == project_id, col(Escalation.decision).is_not(None))
        .order_by(col(Escalation.decided_at).desc(), col(Escalation.id).desc())
        .limit(limit)
    )
    return [
        Instruction(name, row.decision or "", row.decided_at, row.unit, row.due_date, row.note)
        for row, name in session.exec(query)
    ]


def line(t: Callable[..., str], instruction: Instruction, tz: tzinfo) -> str:
    """One instruction as the card and the board show it."""
    what = t(
        f"escalation-what-{instruction.decision}",
        unit=instruction.unit or "",
        due=instruction.due_date.isoformat() if instruction.due_date else "",
        note=instruction.note or "",
    )
    at = instruction.decided_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return t("escalation-card-line", leader=instruction.leader, what=what, at=at)


def lines(t: Callable[..., str], found: list[Instruction], tz: tzinfo) -> list[str]:
    """The header and one line per instruction; nothing when there is none."""
    if not found:
        return []
    return [t("escalation-card-header"), *(line(t, item, tz) for item in found)]
