"""The /values form (指标填报) as plain data: park -> month -> one step per indicator -> summary.

The form is a JSON dict (kept by the chat wizard's persistence, so a restart resumes at the
same step); these functions move it on and refuse bad answers without changing it.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from bot.assessment import filing
from bot.assessment.filing import FilingRefused, Item
from bot.assessment.value_input import Kind, parse_value
from bot.assessment.values import Entry, file_values
from models import Park, Person

Form = dict[str, Any]
VALUE, BASE = "value", "base"


@dataclass(frozen=True)
class Question:
    """The step the form is at: the indicator, value or base, and what 沿用 keeps."""

    item: Item
    part: str
    number: int
    total: int
    prefill: str | None


def start(session: Session, person: Person) -> tuple[Form, list[Park]]:
    """A new form and the parks to pick from; the park is set when there is only one."""
    if not filing.is_reporter(session, person):
        raise FilingRefused("not-reporter")
    _, items = filing.items_to_file(session)
    parks = filing.parks_for(session, person)
    if not parks:
        raise FilingRefused("no-parks")
    form: Form = {"items": [[i.key, i.name, i.unit, i.method] for i in items]}
    if len(parks) == 1:
        form.update(park_id=parks[0].id, park=parks[0].name)
    return form, parks


def choose_park(session: Session, person: Person, form: Form, park_id: int) -> None:
    """Sets the park; only its reporters and admins may file for it."""
    park = session.get(Park, park_id)
    if park is None or not filing.may_file(session, person, park_id):
        raise FilingRefused("not-your-park")
    form.update(park_id=park.id, park=park.name)


def choose_month(session: Session, form: Form, month: str, now: datetime) -> None:
    """Sets the month (a typed one is checked) and loads the prefill; asks the first value."""
    month = filing.check_month(month, now)
    prefill, revising = filing.prefill(session, form["park_id"], month, items(form))
    form.update(month=month, prefill=prefill, revising=revising, answers={}, index=0, part=VALUE)
    form["editing"] = False


def items(form: Form) -> list[Item]:
    """The indicators the form asks, in order."""
    return [Item(*row) for row in form["items"]]


def question(form: Form) -> Question:
    """The question the form is at."""
    item = items(form)[form["index"]]
    part = form["part"]
    answered = form["answers"].get(item.key)
    kept = answered if form["editing"] and answered else form["prefill"].get(item.key)
    offered = (kept or [None, None])[0 if part == VALUE else 1]
    return Question(item, part, form["index"] + 1, len(form["items"]), offered)


def answer(form: Form, text: str) -> None:
    """Stores a typed value (checked against its kind's bounds) and moves on."""
    asked = question(form)
    kind = Kind.MONEY if asked.part == BASE else Kind(asked.item.kind)
    _store(form, asked, format(parse_value(text, kind), "f"))


def keep(form: Form) -> None:
    """Keeps the offered value (沿用) and moves on."""
    asked = question(form)
    if asked.prefill is None:
        raise FilingRefused("nothing-to-keep")
    _store(form, asked, asked.prefill)


def skip(form: Form) -> None:
    """Leaves the value missing (listed as missing, never zero) and moves on."""
    asked = question(form)
    _store(form, asked, None)


def done(form: Form) -> bool:
    """Whether every question is answered (the summary is next)."""
    return "index" in form and form["index"] >= len(form["items"])


def edit(form: Form, index: int) -> None:
    """Goes back to one indicator; after it (and its base) the summary comes again."""
    if not 0 <= index < len(form["items"]):
        raise FilingRefused("not-offered")
    form.update(index=index, part=VALUE, editing=True)


def summary(form: Form) -> list[tuple[Item, str | None, str | None]]:
    """Every indicator with its value and base (None: missing)."""
    answers = form["answers"]
    return [(item, *answers.get(item.key, [None, None])) for item in items(form)]


def submit(session: Session, person: Person, form: Form, now: datetime) -> int:
    """Stores the values given (audited) via values.file_values; returns how many."""
    if not done(form) or not filing.may_file(session, person, form["park_id"]):
        raise FilingRefused("not-your-park")
    entries = [
        Entry(item.key, Decimal(value), None if base is None else Decimal(base))
        for item, value, base in summary(form)
        if value is not None
    ]
    if not entries:
        raise FilingRefused("nothing-given")
    file_values(
        session,
        park_id=form["park_id"],
        month=form["month"],
        entries=entries,
        source="chat",
        actor=f"person:{person.id}",
        now=now,
        person_id=person.id,
    )
    return len(entries)


def _store(form: Form, asked: Question, value: str | None) -> None:
    pair = form["answers"].setdefault(asked.item.key, [None, None])
    if asked.part == VALUE:
        pair[0] = value
        if value is None:
            pair[1] = None
        if value is not None and asked.item.growth:
            form["part"] = BASE
            return
    else:
        pair[1] = value
    form["part"] = VALUE
    form["index"] = len(form["items"]) if form["editing"] else form["index"] + 1
