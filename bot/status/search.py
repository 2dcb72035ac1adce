"""Lookup-based search: the projects and parks in the asker's scope that a text names."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot import lookup
from bot.people.access import visible_projects
from models import Park, Person, Project


@dataclass
class Matches:
    """What a search found in the asker's scope, best first (bot.lookup's ranking)."""

    ranked: list[tuple[str, int, str]]  # (kind, id, name); kind is "project" or "park"

    @property
    def projects(self) -> list[tuple[int, str]]:
        """The projects found, best first."""
        return [(pid, name) for kind, pid, name in self.ranked if kind == "project"]

    @property
    def parks(self) -> list[tuple[int, str]]:
        """The parks found, best first."""
        return [(pid, name) for kind, pid, name in self.ranked if kind == "park"]


def search(
    session: Session,
    person: Person | None,
    text: str,
    limit: int = 8,
    kinds: tuple[str, ...] = ("project", "park"),
) -> Matches:
    """Projects whose name or company contains the text, and parks whose name does, ranked.

    An exact name wins over every partial match, and a project's own name over its company's
    (bot.lookup): /status, /park, /chart and free text all find through here.
    """
    text = lookup.cleaned(text)
    if not text:
        return Matches([])
    found: list[lookup.Candidate] = []
    if "project" in kinds:
        project_tier = lookup.tier(text, col(Project.name), col(Project.enterprise))
        projects = session.exec(
            select(Project.id, Project.name, project_tier)
            .where(
                Project.active,
                visible_projects(person),
                lookup.matches(text, col(Project.name), col(Project.enterprise)),
            )
            .order_by(*lookup.best_first(text, col(Project.name), col(Project.enterprise)))
            .order_by(Project.id)
            .limit(limit)
        ).all()
        found += [lookup.Candidate(t, name, "project", pid, ("project", pid, name))
                  for pid, name, t in projects]  # fmt: skip
    if "park" in kinds:
        parks = session.exec(
            select(Park.id, Park.name, lookup.tier(text, col(Park.name))).where(
                lookup.matches(text, col(Park.name))
            )
        ).all()
        visible_parks = _parks_in_scope(session, person) if parks else set()
        found += [lookup.Candidate(t, name, "park", pid, ("park", pid, name))
                  for pid, name, t in parks if pid in visible_parks]  # fmt: skip
    return Matches(lookup.rank(found, limit))


def _parks_in_scope(session: Session, person: Person | None) -> set[int]:
    query = select(Project.park_id).where(Project.active, visible_projects(person)).distinct()
    return set(session.exec(query))
