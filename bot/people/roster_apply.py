"""Applies a validated roster plan as small steps: creates, updates and audits, idempotently."""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from bot import audit
from bot.people import directory as people
from bot.people.roster_validation import PersonSpec, Plan, ProjectSpec, value_text
from models import Park, ParkReporter, Person, Project, ProjectLiaison, Role

# Audit entity -> ImportSummary attribute.
SUMMARY_FIELDS = {"park": "parks", "person": "people", "project": "projects"}
# The audit reason of a deactivation by `--deactivate-missing`.
MISSING = "missing-from-roster"

# --- results -------------------------------------------------------------------------------


@dataclass
class Counts:
    """How many entities of one kind the import created, updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    """What an import did, per entity, and who and what it did not re-activate or no longer saw."""

    parks: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    projects: Counts = field(default_factory=Counts)
    # 三个一 (bot/people/roster_pairing.py): counted when the file has the 企业 or 结对 sheet.
    enterprises: Counts = field(default_factory=Counts)
    pairings: Counts = field(default_factory=Counts)
    pairing_tables: bool = False
    # (name, phone) of deactivated people the file lists: left deactivated.
    inactive_people: list[tuple[str, str]] = field(default_factory=list)
    # Deactivated projects the file lists again: re-activated (a project grants no access).
    reactivated_projects: list[str] = field(default_factory=list)
    # Active people / projects the file no longer lists; deactivated if `deactivated_missing`.
    missing_people: list[tuple[str, str]] = field(default_factory=list)
    missing_projects: list[str] = field(default_factory=list)
    deactivated_missing: bool = False

    @property
    def changed(self) -> bool:
        """Whether anything was created, updated or deactivated."""
        counts = (self.parks, self.people, self.projects, self.enterprises, self.pairings)
        deactivated = self.deactivated_missing and (self.missing_people or self.missing_projects)
        return any(c.created or c.updated for c in counts) or bool(deactivated)


# --- applying ------------------------------------------------------------------------------


def _assign(obj: object, values: dict[str, object]) -> dict[str, list[str]]:
    """Sets the values that differ; returns {field: [old, new]} for each change."""
    changes: dict[str, list[str]] = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [value_text(old), value_text(value)]
            setattr(obj, key, value)
    return changes


def _person_values(spec: PersonSpec, person: Person | None) -> dict[str, object]:
    """The person's fields as the file sets them (roles: see bot/people/roster_vocabulary.py).

    `active` is set only on a new person: a deactivated person stays deactivated, whatever the
    file says, until `parkbot person reactivate` (the file cannot tell a stale row from intent).
    """
    roles = set(spec.roles)
    if spec.listed_row is None and person is not None:
        roles |= person.roles
    values: dict[str, object] = {
        "name": spec.name,
        "is_liaison": Role.LIAISON in roles,
        "is_leader": Role.LEADER in roles,
        "is_admin": Role.ADMIN in roles,
    }
    if person is None:
        values["active"] = True
    if spec.listed_row is not None:
        values.update(unit=spec.unit, title=spec.title, city_scope=spec.city_scope)
    return values


def _project_values(spec: ProjectSpec, park_id: int, leader_id: int) -> dict[str, object]:
    # A file without 经纬度 for the project keeps the location it has.
    located = {"lat": spec.location[0], "lon": spec.location[1]} if spec.location else {}
    return {
        **located,
        "park_id": park_id,
        "enterprise": spec.enterprise,
        "category": spec.category,
        "industry_chain": spec.industry_chain,
        "total_investment": spec.total_investment,
        "annual_plan": spec.annual_plan,
        "planned_start": spec.planned_start,
        "planned_production": spec.planned_production,
        "leader_id": leader_id,
        "active": True,
    }


Step = Callable[[Session], None]


class Applier:
    """Writes a valid plan: creates what is missing, updates what differs, audits both.

    The work is a sequence of small steps (one park, person or project each), so that the
    caller decides where transactions end: `import_roster` runs them all in one session,
    `import_roster_batched` commits every few hundred milliseconds. Steps find earlier results
    by id, never by ORM object, so they work across sessions. New rows wait for `settle`, which
    flushes them together (one multi-row INSERT per table instead of one per row) and then
    audits them; the caller settles before every commit.
    """

    def __init__(self, *, now: datetime, actor: str) -> None:
        self.now, self.actor = now, actor  # `now` stamps the current batch's writes
        self.summary = ImportSummary()
        self.park_ids: dict[str, int] = {}
        self.person_ids: dict[str, int] = {}
        self.project_ids: dict[str, int] = {}
        self.missing_person_ids: list[int] = []
        self.missing_project_ids: list[int] = []
        # Created, not yet flushed: (entity, row, audit detail, liaison ids of a project).
        self.pending: list[tuple[str, Park | Person | Project, dict[str, str], list[int]]] = []

    def steps(self, plan: Plan, *, deactivate_missing: bool) -> Iterator[Step]:
        """The steps of applying `plan`, in order: parks, people, projects, what is missing."""
        yield self.look_up
        for name in plan.parks:
            yield functools.partial(self.park, name)
        yield self.settle  # projects need the parks' and people's ids
        for spec in plan.people.values():
            yield functools.partial(self.person, spec)
        yield self.settle
        for spec in plan.people.values():
            if spec.listed_row is not None:
                yield functools.partial(self.reporter_parks, spec)
        for spec in plan.projects.values():
            yield functools.partial(self.project, spec)
        yield self.settle
        # Only after everything the file lists is written: a run cut short before this point
        # has deactivated nothing, and running it again finds the same missing entities.
        yield functools.partial(self.find_missing, plan)
        if deactivate_missing:
            self.summary.deactivated_missing = True
            for person_id in self.missing_person_ids:
                yield functools.partial(self.deactivate_person, person_id)
            for project_id in self.missing_project_ids:
                yield functools.partial(self.deactivate_project, project_id)

    def look_up(self, session: Session) -> None:
        """Reads the ids of the parks, people and projects that exist (one query each)."""
        self.park_ids = dict(session.exec(select(Park.name, Park.id)).all())
        self.person_ids = dict(session.exec(select(Person.phone, Person.id)).all())
        self.project_ids = dict(session.exec(select(Project.name, Project.id)).all())

    def settle(self, session: Session) -> None:
        """Writes the rows created since the last settle, then their audit entries and links."""
        if not self.pending:
            return
        session.flush()
        for entity, row, detail, liaison_ids in self.pending:
            assert row.id is not None
            self.audit(session, "create", entity, row, detail)
            if isinstance(row, Park):
                self.park_ids[row.name] = row.id
            elif isinstance(row, Person):
                self.person_ids[row.phone] = row.id
            else:
                self.project_ids[row.name] = row.id
                session.add_all(
                    ProjectLiaison(project_id=row.id, person_id=person_id, position=position)
                    for position, person_id in enumerate(liaison_ids)
                )
        self.pending.clear()

    def park(self, name: str, session: Session) -> None:
        """The park with this name, created if missing."""
        if name in self.park_ids:
            self.summary.parks.unchanged += 1
        else:
            self.created(session, "park", Park(name=name), {"name": name})

    def person(self, spec: PersonSpec, session: Session) -> None:
        """One person, created or updated; a deactivated person stays deactivated."""
        known = self.person_ids.get(spec.phone)
        person = session.get(Person, known) if known is not None else None
        values = _person_values(spec, person)
        if person is None:
            person = Person(phone=spec.phone, created_at=self.now, updated_at=self.now, **values)
            self.created(session, "person", person, {"phone": spec.phone} | _texts(values))
        else:
            if not person.active:
                self.summary.inactive_people.append((spec.name, spec.phone))
            self.updated(session, "person", person, _assign(person, values))

    def reporter_parks(self, spec: PersonSpec, session: Session) -> None:
        """Makes the parks this listed person files values for exactly the file's (audited)."""
        person_id = self.person_ids[spec.phone]
        wanted = {self.park_ids[name]: name for name in spec.report_parks}
        query = select(ParkReporter).where(ParkReporter.person_id == person_id)
        links = {link.park_id: link for link in session.exec(query)}
        if set(links) == set(wanted):
            return
        names = dict(session.exec(select(Park.id, Park.name)).all())
        before = "、".join(sorted(names.get(park_id, "") for park_id in links))
        for park_id in set(links) - set(wanted):
            session.delete(links[park_id])
        session.add_all(
            ParkReporter(park_id=park_id, person_id=person_id)
            for park_id in wanted
            if park_id not in links
        )
        session.flush()
        audit.record(
            session,
            now=self.now,
            actor=self.actor,
            action="update",
            entity="person",
            entity_id=person_id,
            detail={"report_parks": [before, "、".join(sorted(wanted.values()))]},
        )

    def project(self, spec: ProjectSpec, session: Session) -> None:
        """One project, created or updated, with exactly the listed liaisons."""
        values = _project_values(spec, self.park_ids[spec.park], self.person_ids[spec.leader_phone])
        liaison_ids = [self.person_ids[phone] for phone in spec.liaison_phones]
        listed = "、".join(spec.liaison_phones)
        known = self.project_ids.get(spec.name)
        project = session.get(Project, known) if known is not None else None
        if project is None:
            project = Project(name=spec.name, created_at=self.now, updated_at=self.now, **values)
            detail = {"name": spec.name, "liaisons": listed} | _texts(values)
            self.created(session, "project", project, detail, liaison_ids)
            return
        if not project.active:
            self.summary.reactivated_projects.append(spec.name)
        changes = _assign(project, values)
        before = self.liaison_phones(session, project)
        if before != spec.liaison_phones:
            changes["liaisons"] = ["、".join(before), listed]
            self.set_liaisons(session, project, liaison_ids)
        self.updated(session, "project", project, changes)

    def find_missing(self, plan: Plan, session: Session) -> None:
        """Active people and projects the file no longer lists, each judged by its own table."""
        if "people" in plan.tables:
            query = select(Person.id, Person.name, Person.phone).where(Person.active)
            for person_id, name, phone in session.exec(query.order_by(Person.name, Person.phone)):
                if phone not in plan.people:
                    self.missing_person_ids.append(person_id)
                    self.summary.missing_people.append((name, phone))
        if "projects" in plan.tables:
            query = select(Project.id, Project.name).where(Project.active).order_by(Project.name)
            for project_id, name in session.exec(query):
                if name not in plan.projects:
                    self.missing_project_ids.append(project_id)
                    self.summary.missing_projects.append(name)

    def deactivate_person(self, person_id: int, session: Session) -> None:
        """Takes a person off the roster: access ends at once, their open invites with it."""
        person = session.get(Person, person_id)
        if person is None or not person.active:
            return
        # The same as `parkbot person deactivate`: invites, open forms and queued messages end.
        people.deactivate(session, person=person, now=self.now, actor=self.actor, reason=MISSING)

    def deactivate_project(self, project_id: int, session: Session) -> None:
        """Takes a project off the roster: kept for history, gone from every answer."""
        project = session.get(Project, project_id)
        if project is None or not project.active:
            return
        project.active = False
        project.updated_at = self.now  # the status cache notices changed projects by this
        session.add(project)
        session.flush()
        self.audit(session, "deactivate", "project", project, {"reason": MISSING})

    def liaison_phones(self, session: Session, project: Project) -> list[str]:
        """The project's current liaisons' phones in position order."""
        query = (
            select(Person.phone)
            .join(ProjectLiaison, col(ProjectLiaison.person_id) == col(Person.id))
            .where(ProjectLiaison.project_id == project.id)
            .order_by(col(ProjectLiaison.position))
        )
        return list(session.exec(query))

    def set_liaisons(self, session: Session, project: Project, person_ids: list[int]) -> None:
        """Makes an existing project's liaisons exactly these people, in this order."""
        query = select(ProjectLiaison).where(ProjectLiaison.project_id == project.id)
        links = {link.person_id: link for link in session.exec(query)}
        for position, person_id in enumerate(person_ids):
            link = links.pop(person_id, None)
            if link is None:
                link = ProjectLiaison(project_id=project.id, person_id=person_id)
            link.position = position
            session.add(link)
        for link in links.values():
            session.delete(link)
        session.flush()

    def created(
        self,
        session: Session,
        entity: str,
        obj: Park | Person | Project,
        detail: dict[str, str],
        liaison_ids: list[int] | None = None,
    ) -> None:
        """Adds a new entity; `settle` writes it with its audit entry (and a project's links)."""
        session.add(obj)
        self.pending.append((entity, obj, detail, liaison_ids or []))
        getattr(self.summary, SUMMARY_FIELDS[entity]).created += 1

    def updated(
        self, session: Session, entity: str, obj: Person | Project, changes: dict[str, list[str]]
    ) -> None:
        """Stamps and audits a changed entity; counts an unchanged one."""
        counts: Counts = getattr(self.summary, SUMMARY_FIELDS[entity])
        if not changes:
            counts.unchanged += 1
            return
        obj.updated_at = self.now
        session.add(obj)
        self.audit(session, "update", entity, obj, changes)
        counts.updated += 1

    def audit(
        self,
        session: Session,
        action: str,
        entity: str,
        obj: Park | Person | Project,
        detail: dict,
    ) -> None:
        """Records one audit entry for this import."""
        audit.record(
            session,
            now=self.now,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=obj.id,
            detail=detail,
        )


def _texts(values: dict[str, object]) -> dict[str, str]:
    return {key: value_text(value) for key, value in values.items()}
