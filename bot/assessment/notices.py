"""Who is told about a published or final result, and the messages written to the outbox.

A park's people are the liaisons and leaders of its active projects and its designated
reporters (ParkReporter). Each gets their own park's detail and their type's ranking, never
another park's detail. Admins get a summary. Dedupe keys make every notice go out once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from bot.assessment.calendar import ObjectionWindow, describe_window
from bot.assessment.result_text import ResultText, messages
from bot.assessment.runs import result_of
from bot.assessment.scoring import Result
from bot.i18n import Catalogue
from bot.outbox import queue
from models import (
    AssessmentRun,
    Park,
    ParkReporter,
    Person,
    Project,
    ProjectLiaison,
    Publication,
)

KIND = "notice"


@dataclass(frozen=True)
class Texts:
    """What a notice needs to speak each recipient's language."""

    catalogue: Catalogue
    language: str  # the default, for people who have not chosen one
    tz: tzinfo

    def for_person(self, person: Person) -> ResultText:
        """The result texts in the person's language."""
        return ResultText(self.catalogue, person.language or self.language, self.tz)


def park_people(session: Session) -> dict[str, list[Person]]:
    """Park name -> its active people (project liaisons and leaders, reporters), by id."""
    parks = {park.id: park.name for park in session.exec(select(Park))}
    found: dict[str, dict[int, Person]] = {name: {} for name in parks.values()}
    projects = session.exec(select(Project).where(col(Project.active).is_(True))).all()
    of_project = {project.id: parks[project.park_id] for project in projects}
    people = {person.id: person for person in session.exec(select(Person)) if person.active}

    def add(park: str, person_id: int | None) -> None:
        if person_id in people:
            found[park][person_id] = people[person_id]  # type: ignore[index]

    for project in projects:
        add(parks[project.park_id], project.leader_id)
    for link in session.exec(select(ProjectLiaison)):
        if link.project_id in of_project:
            add(of_project[link.project_id], link.person_id)
    for reporter in session.exec(select(ParkReporter)):
        add(parks[reporter.park_id], reporter.person_id)
    return {park: sorted(by_id.values(), key=lambda p: p.id or 0) for park, by_id in found.items()}


def admins(session: Session) -> list[Person]:
    """The active admins."""
    query = select(Person).where(col(Person.is_admin).is_(True), col(Person.active).is_(True))
    return list(session.exec(query.order_by(col(Person.id))))


def notify_published(
    session: Session,
    publication: Publication,
    run: AssessmentRun,
    window: ObjectionWindow,
    texts: Texts,
    *,
    now: datetime,
) -> int:
    """Parks' people: own detail, type ranking, window; admins: a summary."""
    result, sources = result_of(run)
    people = park_people(session)
    told, parks = 0, 0
    for park in result.parks:
        recipients = people.get(park.park, [])
        parks += bool(recipients)
        for person in recipients:
            rt = texts.for_person(person)
            parts = [
                rt.t("assess-notice-published", period=run.period),
                rt.version_line(run, "open"),
                rt.detail(park, sources),
                rt.ranking(_only_type(result, park.park_type)),
                describe_window(texts.catalogue, rt.language, window, texts.tz),
                rt.t("assess-notice-object"),
            ]
            key = f"assess-pub-{publication.id}-{run.id}-{person.id}"
            told += _send(session, person, messages(parts), key, now=now)
    for person in admins(session):
        rt = texts.for_person(person)
        parts = [
            rt.t(
                "assess-notice-admin-published",
                period=run.period,
                number=run.number,
                parks=parks,
                people=told,
            ),
            describe_window(texts.catalogue, rt.language, window, texts.tz),
        ]
        _send(
            session,
            person,
            messages(parts),
            f"assess-pub-{publication.id}-admin-{person.id}",
            now=now,
        )
    return told


def notify_final(
    session: Session, publication: Publication, run: AssessmentRun, texts: Texts, *, now: datetime
) -> int:
    """The final ranking (every type) to every park's people and to the admins."""
    result, _ = result_of(run)
    recipients: dict[int, Person] = {}
    for park in result.parks:
        for person in park_people(session).get(park.park, []):
            recipients[person.id or 0] = person
    for person in admins(session):
        recipients[person.id or 0] = person
    told = 0
    for person in recipients.values():
        rt = texts.for_person(person)
        parts = [
            rt.t("assess-notice-final", period=run.period, number=run.number),
            rt.ranking(result),
        ]
        told += _send(
            session, person, messages(parts), f"assess-final-{publication.id}-{person.id}", now=now
        )
    return told


def notify_held(
    session: Session, publication: Publication, pending: int, texts: Texts, *, now: datetime
) -> None:
    """Admins are told once that unanswered objections hold a closed window."""
    for person in admins(session):
        rt = texts.for_person(person)
        text = rt.t("assess-notice-held", period=publication.period, count=pending)
        _send(session, person, [text], f"assess-held-{publication.id}-{person.id}", now=now)


def _only_type(result: Result, park_type: str) -> Result:
    return Result(result.version, tuple(result.of_type(park_type)))


def _send(
    session: Session, person: Person, texts: Iterable[str], key: str, *, now: datetime
) -> int:
    """Queues the messages to one person (once per key); 1 if anything was queued."""
    queued = 0
    for index, text in enumerate(texts):
        message = queue.enqueue(
            session, kind=KIND, text=text, now=now, person=person, dedupe_key=f"{key}-{index}"
        )
        queued = queued or message is not None
    return int(queued)
