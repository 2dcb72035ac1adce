"""Imports the roster (项目 and 人员 tables): validates every row, then applies idempotently.

Validation comes first and is complete: every problem in the file is reported together, and
nothing is written unless the whole file is valid. Applying then matches parks by name, people
by phone and projects by name. Nobody is re-activated: a deactivated person the file lists stays
deactivated and is named in the summary. What the file no longer lists (people, when it has a
people table; projects, when it has a projects table) is named in the summary and left alone,
or deactivated with `deactivate_missing` (audited; their outstanding invites revoked).

Roles: a person listed in the people table gets exactly the roles the file gives them (the
table's roles plus those implied by the projects table: a project's leader is a leader, its
liaisons are liaisons). A person who appears only in the projects table keeps the roles they
already have and gains the implied ones, so a projects-only file never strips an admin.
"""

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, select

from bot import audit
from bot.db import Database
from bot.formatting import format_money
from bot.i18n import Catalogue
from bot.parsing import (
    ParseError,
    coerce_date,
    normalize_phone,
    normalize_text,
    parse_money,
    split_names,
)
from bot.people import directory as people
from bot.people.roster_file import RosterError, RosterRow, RosterSheet, RowError, normalize_header
from models import Category, Park, Person, Project, ProjectLiaison, Role

__all__ = [
    "ERROR_CODES",
    "Batching",
    "Counts",
    "ImportSummary",
    "RosterError",
    "RowError",
    "format_errors",
    "format_summary",
    "import_roster",
    "import_roster_batched",
]

# The template's example rows carry this in every name (bot/people/roster_template.py): a file
# imported with the example still in it is refused, so a demo row never becomes data.
EXAMPLE_MARK = "导入前请删除"

# Every code a RowError may carry; each has the catalogue key ``roster-error-<code>``.
ERROR_CODES = (
    "file-type",
    "file-unreadable",
    "file-missing",
    "file-denied",
    "file-is-directory",
    "file-empty",
    "file-too-large",
    "file-unpacked-too-large",
    "too-many-rows",
    "template-example",
    "unknown-headers",
    "missing-columns",
    "required",
    "too-long",
    "money-invalid",
    "money-negative",
    "money-too-large",
    "plan-exceeds-total",
    "date-invalid",
    "production-before-start",
    "phone-invalid",
    "category-unknown",
    "role-unknown",
    "liaison-count-mismatch",
    "liaison-duplicate",
    "phone-name-conflict",
    "project-duplicate",
    "person-duplicate",
)
# Field labels in messages: ``roster-field-<label>``.
FIELD_LABELS = (
    "project_name",
    "park",
    "enterprise",
    "category",
    "industry_chain",
    "total_investment",
    "annual_plan",
    "planned_start",
    "planned_production",
    "leader",
    "leader_phone",
    "liaisons",
    "liaison_phones",
    "person_name",
    "phone",
    "roles",
    "unit",
    "title",
)
ENTITIES = ("parks", "people", "projects")

CATEGORIES: dict[str, Category] = {
    normalize_header(word): category
    for category, words in {
        Category.SIGNED: ("签约", "已签约", "signed"),
        Category.NEW_START: ("新开工", "开工", "new_start", "new start"),
        Category.CONTINUING: ("续建", "在建", "continuing"),
        Category.IN_PRODUCTION: ("投产", "建成投产", "竣工投产", "in_production", "in production"),
    }.items()
    for word in words
}
# Role word -> (role, city scope).
ROLES: dict[str, tuple[Role, bool]] = {
    normalize_header(word): meaning
    for meaning, words in {
        (Role.LIAISON, False): ("联络员", "liaison"),
        (Role.LEADER, False): ("领导", "包联领导", "结对领导", "leader"),
        (Role.LEADER, True): ("市领导", "市级领导", "city_leader", "city leader"),
        (Role.ADMIN, False): ("指挥部", "管理员", "admin"),
    }.items()
    for word in words
}
# Longest text each column accepts (the database column sizes).
MAX_LENGTHS = {
    "project_name": 200,
    "park": 100,
    "enterprise": 200,
    "industry_chain": 100,
    "person_name": 50,
    "leader": 50,
    "liaisons": 50,
    "unit": 100,
    "title": 100,
}
MONEY_CODES = {"money-invalid", "money-negative", "money-too-large"}
# Audit entity -> ImportSummary attribute.
SUMMARY_FIELDS = {"park": "parks", "person": "people", "project": "projects"}
# The audit reason of a deactivation by `--deactivate-missing`.
MISSING = "missing-from-roster"
DATE_RANGE = (date(2000, 1, 1), date(2099, 12, 31))


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
        counts = (self.parks, self.people, self.projects)
        deactivated = self.deactivated_missing and (self.missing_people or self.missing_projects)
        return any(c.created or c.updated for c in counts) or bool(deactivated)


# --- validated plan ------------------------------------------------------------------------


@dataclass
class PersonSpec:
    """A person as the file describes them; unit and title come only from the people table."""

    phone: str
    name: str
    sheet: str
    row: int
    roles: set[Role] = field(default_factory=set)
    city_scope: bool = False
    unit: str = ""
    title: str = ""
    listed_row: tuple[str, int] | None = None  # where the people table lists them


@dataclass
class ProjectSpec:
    """A project as the file describes it."""

    name: str
    park: str
    enterprise: str
    category: str
    industry_chain: str
    total_investment: Decimal
    annual_plan: Decimal
    planned_start: date | None
    planned_production: date | None
    leader_phone: str
    liaison_phones: list[str]


@dataclass
class Plan:
    """Everything a valid file says, in file order."""

    people: dict[str, PersonSpec] = field(default_factory=dict)
    projects: dict[str, ProjectSpec] = field(default_factory=dict)
    project_rows: dict[str, tuple[str, int]] = field(default_factory=dict)
    # The kinds of table the file has rows in: only a table that is there can miss someone.
    tables: set[str] = field(default_factory=set)

    @property
    def parks(self) -> list[str]:
        """Park names in order of first mention."""
        return list(dict.fromkeys(spec.park for spec in self.projects.values()))


# --- validation ----------------------------------------------------------------------------


def _as_text(value: object) -> str:
    """A cell as text: whole-number floats lose their `.0` (Excel stores phones as numbers)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    return normalize_text(str(value))


class RowReader:
    """Reads one row's fields, collecting every problem instead of stopping at the first."""

    def __init__(self, sheet: str, row: RosterRow, errors: list[RowError], today: date) -> None:
        self.sheet, self.row, self.errors, self.today = sheet, row, errors, today
        self.ok = True

    def error(self, code: str, **params: object) -> None:
        """Records a problem on this row."""
        self.ok = False
        self.errors.append(RowError(self.sheet, self.row.number, code, params))

    def text(self, key: str, label: str, *, required: bool = False) -> str:
        """A text field; empty string when missing."""
        value = self.row.values.get(key)
        text = "" if value is None else _as_text(value)
        if not text and required:
            self.error("required", field=label)
        self.check_length(text, label)
        return text

    def check_length(self, text: str, label: str) -> None:
        """Reports text longer than its database column."""
        limit = MAX_LENGTHS.get(label)
        if limit is not None and len(text) > limit:
            self.error("too-long", field=label, max=limit)

    def money(self, key: str) -> Decimal | None:
        """A required amount in 万元."""
        text = self.text(key, key, required=True)
        if not text:
            return None
        try:
            return parse_money(text)
        except ParseError as problem:
            code = problem.code if problem.code in MONEY_CODES else "money-invalid"
            self.error(code, field=key, value=text)
            return None

    def day(self, key: str) -> date | None:
        """An optional date; years outside DATE_RANGE are slips (Excel reads 2025 as 1905)."""
        value = self.row.values.get(key)
        if value is None:
            return None
        try:
            day = coerce_date(value, today=self.today)
        except ParseError:
            day = None
        if day is None or not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            self.error("date-invalid", field=key, value=_as_text(value))
            return None
        return day

    def phone(self, text: str, label: str) -> str | None:
        """A normalized phone number, or None after reporting it."""
        try:
            return normalize_phone(text)
        except ParseError:
            self.error("phone-invalid", field=label, value=text)
            return None


def _category(reader: RowReader) -> str:
    text = reader.text("category", "category")
    if not text:
        return Category.CONTINUING.value
    category = CATEGORIES.get(normalize_header(text))
    if category is None:
        reader.error("category-unknown", value=text)
        return Category.CONTINUING.value
    return category.value


def _amounts(reader: RowReader) -> tuple[Decimal | None, Decimal | None]:
    total, annual = reader.money("total_investment"), reader.money("annual_plan")
    if total is not None and annual is not None and annual > total:
        reader.error(
            "plan-exceeds-total",
            total=format_money(total, exact=True),
            annual=format_money(annual, exact=True),
        )
    return total, annual


def _dates(reader: RowReader) -> tuple[date | None, date | None]:
    start, production = reader.day("planned_start"), reader.day("planned_production")
    if start is not None and production is not None and production < start:
        reader.error("production-before-start", start=_s(start), production=_s(production))
    return start, production


def _roles(reader: RowReader) -> list[tuple[Role, bool]]:
    meanings: list[tuple[Role, bool]] = []
    for word in split_names(reader.text("roles", "roles", required=True)):
        meaning = ROLES.get(normalize_header(word))
        if meaning is None:
            reader.error("role-unknown", value=word)
        else:
            meanings.append(meaning)
    return meanings


class Validator:
    """Checks every row of every sheet and builds the plan of a valid file."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.errors: list[RowError] = []
        self.plan = Plan()

    def sheet(self, sheet: RosterSheet) -> None:
        """Checks every row of one sheet."""
        handle = self.project_row if sheet.kind == "projects" else self.person_row
        for row in sheet.rows:
            handle(RowReader(sheet.name, row, self.errors, self.today))

    def project_row(self, reader: RowReader) -> None:
        """Checks one row of the projects table."""
        name = reader.text("name", "project_name", required=True)
        park = reader.text("park", "park", required=True)
        enterprise = reader.text("enterprise", "enterprise")
        chain = reader.text("industry_chain", "industry_chain")
        category = _category(reader)
        total, annual = _amounts(reader)
        start, production = _dates(reader)
        leader = self.leader(reader)
        liaisons = self.liaisons(reader)
        self.claim_project(reader, name)
        _refuse_example(reader, name, reader.text("leader", "leader"))
        if not reader.ok or total is None or annual is None or leader is None:
            return
        self.plan.projects[name] = ProjectSpec(
            name=name,
            park=park,
            enterprise=enterprise,
            category=category,
            industry_chain=chain,
            total_investment=total,
            annual_plan=annual,
            planned_start=start,
            planned_production=production,
            leader_phone=leader,
            liaison_phones=liaisons,
        )

    def claim_project(self, reader: RowReader, name: str) -> None:
        """Reports a project name already used by an earlier row."""
        if not name:
            return
        first = self.plan.project_rows.setdefault(name, (reader.sheet, reader.row.number))
        if first != (reader.sheet, reader.row.number):
            reader.error("project-duplicate", name=name, other_sheet=first[0], other_row=first[1])

    def leader(self, reader: RowReader) -> str | None:
        """The project leader's phone, registering the leader."""
        name = reader.text("leader", "leader", required=True)
        raw = reader.text("leader_phone", "leader_phone", required=True)
        phone = reader.phone(raw, "leader_phone") if raw else None
        if name and phone and self.mention(reader, name, phone, Role.LEADER):
            return phone
        return None

    def liaisons(self, reader: RowReader) -> list[str]:
        """The project's liaison phones in listed order, registering each liaison."""
        names = split_names(reader.text("liaisons", "liaisons"))
        raws = split_names(reader.text("liaison_phones", "liaison_phones"))
        if len(names) != len(raws):
            reader.error("liaison-count-mismatch", names=len(names), phones=len(raws))
            return []
        phones: list[str] = []
        for name, raw in zip(names, raws, strict=True):
            reader.check_length(name, "liaisons")
            phone = reader.phone(raw, "liaison_phones")
            if phone is not None and phone in phones:
                reader.error("liaison-duplicate", name=name, phone=phone)
            elif phone is not None and self.mention(reader, name, phone, Role.LIAISON):
                phones.append(phone)
        return phones

    def person_row(self, reader: RowReader) -> None:
        """Checks one row of the people table."""
        name = reader.text("name", "person_name", required=True)
        raw = reader.text("phone", "phone", required=True)
        roles = _roles(reader)
        unit, title = reader.text("unit", "unit"), reader.text("title", "title")
        phone = reader.phone(raw, "phone") if raw else None
        if _refuse_example(reader, name):
            return
        spec = self.mention(reader, name, phone, None) if name and phone else None
        if spec is None:
            return
        if spec.listed_row is not None:
            other_sheet, other_row = spec.listed_row
            reader.error(
                "person-duplicate",
                name=name,
                phone=spec.phone,
                other_sheet=other_sheet,
                other_row=other_row,
            )
            return
        spec.listed_row = (reader.sheet, reader.row.number)
        spec.unit, spec.title = unit, title
        spec.roles.update(role for role, _ in roles)
        spec.city_scope = any(city for _, city in roles)

    def mention(
        self, reader: RowReader, name: str, phone: str, role: Role | None
    ) -> PersonSpec | None:
        """Registers a person; the same phone with another name is an error on this row."""
        spec = self.plan.people.get(phone)
        if spec is None:
            spec = PersonSpec(phone=phone, name=name, sheet=reader.sheet, row=reader.row.number)
            self.plan.people[phone] = spec
        elif spec.name != name:
            reader.error(
                "phone-name-conflict",
                phone=phone,
                name=name,
                other_name=spec.name,
                other_sheet=spec.sheet,
                other_row=spec.row,
            )
            return None
        if role is not None:
            spec.roles.add(role)
        return spec


def _refuse_example(reader: RowReader, *names: str) -> bool:
    """Reports the template's example row (once per row); True if this is one."""
    example = next((name for name in names if EXAMPLE_MARK in name), None)
    if example is not None:
        reader.error("template-example", name=example)
    return example is not None


def validate(sheets: list[RosterSheet], *, today: date) -> Plan:
    """The plan of a valid roster; raises RosterError listing every problem otherwise."""
    validator = Validator(today)
    for sheet in sheets:
        validator.sheet(sheet)
    if validator.errors:
        raise RosterError(validator.errors)
    validator.plan.tables = {sheet.kind for sheet in sheets if sheet.rows}
    return validator.plan


# --- applying ------------------------------------------------------------------------------


def _s(value: object) -> str:
    """A value as audit/message text."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _assign(obj: object, values: dict[str, object]) -> dict[str, list[str]]:
    """Sets the values that differ; returns {field: [old, new]} for each change."""
    changes: dict[str, list[str]] = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [_s(old), _s(value)]
            setattr(obj, key, value)
    return changes


def _person_values(spec: PersonSpec, person: Person | None) -> dict[str, object]:
    """The person's fields as the file sets them (see the module docstring for roles).

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
    return {
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
    return {key: _s(value) for key, value in values.items()}


def import_roster(
    session: Session,
    sheets: list[RosterSheet],
    *,
    now: datetime,
    today: date,
    actor: str,
    deactivate_missing: bool = False,
) -> ImportSummary:
    """Validates the whole roster, then applies it in `session`'s one transaction.

    Raises RosterError having written nothing. For small rosters written together with other
    rows (the demo); the command line uses `import_roster_batched`.
    """
    plan = validate(sheets, today=today)
    applier = Applier(now=now, actor=actor)
    for step in applier.steps(plan, deactivate_missing=deactivate_missing):
        step(session)
    applier.settle(session)
    return applier.summary


@dataclass(frozen=True)
class Batching:
    """Where the batched import ends its transactions.

    SQLite has one writer and no queue: a writer waiting on the lock retries on its own clock
    (its busy handler sleeps up to 100 ms between tries), so a transaction that is committed and
    at once followed by the next could starve it. Each batch therefore lasts about
    `max_seconds` (its rows written every `settle_every` steps, so the last write is small),
    and the import pauses longer than one such sleep before the next batch. `max_steps` bounds
    a batch's memory when steps are quick.
    """

    max_steps: int = 2000
    max_seconds: float = 0.25
    settle_every: int = 50
    pause: float = 0.12


def import_roster_batched(
    db: Database,
    sheets: list[RosterSheet],
    *,
    now: datetime,
    today: date,
    actor: str,
    deactivate_missing: bool = False,
    batching: Batching = Batching(),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> ImportSummary:
    """Validates the whole roster, then applies it in short transactions beside a running bot.

    Raises RosterError having written nothing: every row is checked before the first write.
    Each batch commits on its own, so a process that dies part-way leaves part of the file
    applied; since applying is idempotent, importing the same file again completes it.
    """
    plan = validate(sheets, today=today)
    applier = Applier(now=now, actor=actor)
    steps = applier.steps(plan, deactivate_missing=deactivate_missing)
    pause = batching.pause if db.engine.dialect.name == "sqlite" else 0.0
    number = 0
    while True:
        # Each batch stamps its own, later time: the city-wide status cache (bot/status/service.py)
        # sees changed projects by updated_at, and a bot reading between two batches must
        # notice the second one too.
        applier.now = now + timedelta(microseconds=number)
        with db.scope() as session:
            started, finished = clock(), True
            for done, step in enumerate(steps, start=1):
                step(session)
                if done % batching.settle_every == 0:
                    applier.settle(session)
                if done >= batching.max_steps or clock() - started >= batching.max_seconds:
                    finished = False
                    break
            applier.settle(session)
        if finished:
            return applier.summary
        number += 1
        if pause:
            sleep(pause)


# --- messages ------------------------------------------------------------------------------

MAX_VALUE_SHOWN = 40
# People or projects named per list in the summary; the rest are counted.
MAX_LISTED = 50


def format_summary(summary: ImportSummary, catalogue: Catalogue, language: str) -> str:
    """The import result: created/updated/unchanged per entity, then who and what needs a look."""
    lines = [catalogue.text(language, "roster-summary-title")]
    for entity in ENTITIES:
        counts: Counts = getattr(summary, entity)
        lines.append(
            catalogue.text(
                language,
                "roster-summary-line",
                entity=catalogue.text(language, f"roster-entity-{entity}"),
                created=counts.created,
                updated=counts.updated,
                unchanged=counts.unchanged,
            )
        )
    if not summary.changed:
        lines.append(catalogue.text(language, "roster-summary-unchanged"))
    text = functools.partial(catalogue.text, language)
    if summary.inactive_people:
        lines.append(text("roster-summary-inactive", count=len(summary.inactive_people)))
        lines += _listed(
            text,
            [
                text("roster-summary-inactive-line", name=name, phone=phone)
                for name, phone in summary.inactive_people
            ],
        )
    done = "deactivated" if summary.deactivated_missing else "missing"
    if summary.missing_people:
        lines.append(text(f"roster-summary-{done}-people", count=len(summary.missing_people)))
        lines += _listed(
            text,
            [
                text("roster-summary-person", name=name, phone=phone)
                for name, phone in summary.missing_people
            ],
        )
    for key, names in (
        (f"roster-summary-{done}-projects", summary.missing_projects),
        ("roster-summary-reactivated-projects", summary.reactivated_projects),
    ):
        if names:
            lines.append(text(key, count=len(names)))
            lines += _listed(text, [text("roster-summary-project", name=name) for name in names])
    return "\n".join(lines)


def _listed(text: Callable[..., str], items: list[str]) -> list[str]:
    """The first MAX_LISTED items, then how many more there are."""
    if len(items) <= MAX_LISTED:
        return items
    return [*items[:MAX_LISTED], text("roster-summary-more", count=len(items) - MAX_LISTED)]


def format_errors(
    errors: list[RowError], catalogue: Catalogue, language: str, *, limit: int | None = None
) -> str:
    """Every problem on its own line (sheet, row, reason), after a one-line heading."""
    shown = errors if limit is None else errors[:limit]
    lines = [catalogue.text(language, "roster-errors-title", count=len(errors))]
    lines += [format_error(error, catalogue, language) for error in shown]
    if len(errors) > len(shown):
        lines.append(catalogue.text(language, "roster-errors-more", count=len(errors) - len(shown)))
    return "\n".join(lines)


def format_error(error: RowError, catalogue: Catalogue, language: str) -> str:
    """One problem as a line: where it is and what is wrong."""
    params = {key: _param(key, value, catalogue, language) for key, value in error.params.items()}
    reason = catalogue.text(language, error.message_key, **params)
    if error.row:
        return catalogue.text(
            language, "roster-error-line", sheet=error.sheet, row=str(error.row), reason=reason
        )
    return catalogue.text(language, "roster-error-line-sheet", sheet=error.sheet, reason=reason)


def _param(key: str, value: object, catalogue: Catalogue, language: str) -> str:
    """A message parameter as text; field and table names in the reader's language."""
    if key == "field":
        return catalogue.text(language, f"roster-field-{value}")
    if key == "kind":
        return catalogue.text(language, f"roster-kind-{value}")
    if isinstance(value, list | tuple):
        return catalogue.text(language, "roster-list-separator").join(map(str, value))
    text = str(value)
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 1] + "…"
