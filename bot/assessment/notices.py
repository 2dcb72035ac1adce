"""Who is told about a published or final result, and the messages written to the outbox.

A park's people are the liaisons and leaders of its active projects and its designated
reporters (ParkReporter). Each gets their own park's detail and their type's ranking, never
another park's detail. Admins get a summary. Dedupe keys make every notice go out once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session

from bot.assessment.audience import admins, people_by_park
from bot.assessment.calendar import ObjectionWindow, describe_window
from bot.assessment.result_text import ResultText, messages
from bot.assessment.runs import result_of
from bot.assessment.scoring import Result
from bot.i18n import Catalogue
from bot.outbox import queue
from models import (
    AssessmentRun,
    Person,
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
    people = people_by_park(session)
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
        for person in people_by_park(session).get(park.park, []):
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
