"""The service log (服务企业): a leader or their liaison records each service to an enterprise."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from bot import audit
from bot.pairing.access import own_pairings
from bot.parsing import ParseError, parse_date
from bot.refusals import Refused
from models import Enterprise, Person, Problem, ProblemEvent, ServiceStatus, ServiceVisit

MAX_TEXT = 1000
STATUSES = tuple(status.value for status in ServiceStatus)


class ServiceRefused(Refused):
    """The service cannot be logged: the reason is the catalogue text `service-refused-<code>`."""

    prefix = "service-refused-"


@dataclass(frozen=True)
class ServiceChoice:
    """An enterprise this person may log a service to, and the leader served."""

    enterprise_id: int
    enterprise: str
    kind: str
    leader_id: int
    leader: str


def choices(session: Session, person: Person | None) -> list[ServiceChoice]:
    """The enterprises of the person's own pairings (as leader or as named liaison), in order."""
    found: list[ServiceChoice] = []
    for pairing in own_pairings(session, person):
        leader = session.get(Person, pairing.leader_id)
        for enterprise_id in (pairing.backbone_id, pairing.struggling_id):
            enterprise = session.get(Enterprise, enterprise_id) if enterprise_id else None
            if enterprise is not None and leader is not None and leader.active:
                found.append(
                    ServiceChoice(
                        enterprise.id, enterprise.name, enterprise.kind, leader.id, leader.name
                    )
                )
    return found


def choice(
    session: Session, person: Person | None, enterprise_id: int, leader_id: int
) -> ServiceChoice:
    """One of the person's choices; refused if it is not (any longer) theirs."""
    for option in choices(session, person):
        if (option.enterprise_id, option.leader_id) == (enterprise_id, leader_id):
            return option
    raise ServiceRefused("not-allowed")


def visit_date(text: str, *, today: date) -> date:
    """The service's date as typed; a future date is refused."""
    try:
        day = parse_date(text, today=today)
    except ParseError:
        raise ServiceRefused("date-invalid", text=text.strip()[:40]) from None
    if day > today:
        raise ServiceRefused("date-future", date=day.isoformat())
    return day


def text(value: str) -> str:
    """A service text (诉求, 服务内容, problem), cleaned; refused if empty or too long."""
    value = value.strip()
    if not value or len(value) > MAX_TEXT:
        raise ServiceRefused("text-invalid", limit=MAX_TEXT)
    return value


def status(value: str) -> str:
    """One of the service statuses."""
    if value not in STATUSES:
        raise ServiceRefused("status-invalid")
    return value


def log_service(
    session: Session,
    *,
    person: Person,
    enterprise_id: int,
    leader_id: int,
    day: date,
    asked: str,
    done: str,
    state: str,
    problem: str | None,
    now: datetime,
) -> ServiceVisit:
    """Stores the service and the problem it raised (on the enterprise), audited; rechecked."""
    choice(session, person, enterprise_id, leader_id)
    day = visit_date(day.isoformat(), today=now.date())
    raised = _raise(session, person, enterprise_id, text(problem), now) if problem else None
    visit = ServiceVisit(
        enterprise_id=enterprise_id,
        leader_id=leader_id,
        filed_by_id=person.id,
        visit_date=day,
        asked=text(asked),
        done=text(done),
        status=status(state),
        problem_id=raised.id if raised else None,
        created_at=now,
    )
    session.add(visit)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=f"person:{person.id}",
        actor_person_id=person.id,
        action="service-log",
        entity="service_visit",
        entity_id=visit.id,
        detail={
            "enterprise_id": enterprise_id,
            "leader_id": leader_id,
            "date": day.isoformat(),
            "status": visit.status,
            "problem_id": visit.problem_id,
        },
    )
    return visit


def _raise(
    session: Session, person: Person, enterprise_id: int, note: str, now: datetime
) -> Problem:
    """A problem on the enterprise, with the same lifecycle and history as a project's."""
    problem = Problem(enterprise_id=enterprise_id, text=note, raised_by_id=person.id, raised_at=now)
    session.add(problem)
    session.flush()
    session.add(
        ProblemEvent(problem_id=problem.id, action="raise", actor_id=person.id, at=now, note=note)
    )
    return problem


def visits(session: Session, enterprise_id: int, first: date, last: date) -> list[ServiceVisit]:
    """The enterprise's services dated within [first, last], oldest first."""
    query = select(ServiceVisit).where(
        ServiceVisit.enterprise_id == enterprise_id,
        ServiceVisit.visit_date >= first,
        ServiceVisit.visit_date <= last,
    )
    return list(session.exec(query.order_by(ServiceVisit.visit_date, ServiceVisit.id)))
