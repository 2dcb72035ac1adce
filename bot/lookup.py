"""Finding projects and parks by name: one ranking for every lookup (chat and CLI).

A match is put in a tier: the name is exactly the text, starts with it, contains it; then the
company's name is exactly it or contains it. Best first is lowest tier, then the shorter name
(closer to what was typed), then the name and id, so the order never depends on the database.
An exact name wins outright: when one exists, only the exact matches are kept, so
`/chart 常德经开区` is the park even though a company's name contains it.
"""

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import case, func
from sqlalchemy.sql.elements import ColumnElement

T = TypeVar("T")
MAX_TEXT = 50  # longer text names nothing and would only slow the LIKE down


class Tier(IntEnum):
    """How well a candidate matches, best first."""

    EXACT = 0  # the name is the text
    PREFIX = 1  # the name starts with it
    NAME = 2  # the name contains it
    COMPANY_EXACT = 3  # the project's company is named exactly so
    COMPANY = 4  # only the company's name contains it


class Candidate(NamedTuple, Generic[T]):
    """One match found by a query, with what ranks it; `item` is what the caller wants back."""

    tier: int
    name: str
    kind: str  # "project" or "park": only breaks ties of equal names
    id: int
    item: T


def cleaned(text: str) -> str:
    """The text as looked up: trimmed, without NUL (PostgreSQL text cannot hold it), cut."""
    return text.replace("\x00", "").strip()[:MAX_TEXT]


def matches(text: str, name: Any, company: Any | None = None) -> ColumnElement[bool]:
    """SQL filter: the name (or the company's name) contains the text, taken literally."""
    found = name.contains(text, autoescape=True)
    if company is not None:
        found = found | company.contains(text, autoescape=True)
    return found


def tier(text: str, name: Any, company: Any | None = None) -> ColumnElement[int]:
    """SQL: the row's Tier for `text` (rows filtered by `matches` always get one)."""
    whens = [
        (name == text, int(Tier.EXACT)),
        (name.startswith(text, autoescape=True), int(Tier.PREFIX)),
        (name.contains(text, autoescape=True), int(Tier.NAME)),
    ]
    if company is not None:
        whens.append((company == text, int(Tier.COMPANY_EXACT)))
    return case(*whens, else_=int(Tier.COMPANY))


def best_first(text: str, name: Any, company: Any | None = None) -> Sequence[ColumnElement]:
    """SQL ORDER BY terms giving the ranking's order, so a LIMIT keeps the best."""
    return (tier(text, name, company), func.length(name), name)


def rank(candidates: Iterable[Candidate[T]], limit: int | None = None) -> list[T]:
    """The candidates' items best first; an exact name leaves only the exact matches."""
    ordered = sorted(candidates, key=lambda c: (c.tier, len(c.name), c.name, c.kind, c.id))
    if ordered and ordered[0].tier == Tier.EXACT:
        ordered = [candidate for candidate in ordered if candidate.tier == Tier.EXACT]
    return [candidate.item for candidate in ordered[:limit]]
