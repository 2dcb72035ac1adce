"""三个一 in the roster: the optional 企业 and 结对 sheets, checked against file and database.

A pairing row names its leader and liaison as the roster identifies people: a phone number, or a
name that is unique among the file's and the database's people. Its 10亿 project is a roster
project (in the file or already imported) whose total investment is at least 100000 万元 (10亿);
a smaller one is refused with the row. Its enterprises are of the right kind. Applying matches
enterprises by name and pairings by leader; pairings the file no longer lists are left alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, select

from bot import audit
from bot.parsing import ParseError, normalize_phone
from bot.people.roster_apply import Counts, ImportSummary
from bot.people.roster_file import RosterSheet, RowError
from bot.people.roster_validation import Plan, RowReader, refuse_example, value_text
from models import Enterprise, EnterpriseKind, Pairing, Park, Person, Project

BILLION_WAN = Decimal(100000)  # 10亿元 in 万元
KINDS = {
    "重点骨干企业": EnterpriseKind.BACKBONE,
    "骨干企业": EnterpriseKind.BACKBONE,
    "backbone": EnterpriseKind.BACKBONE,
    "特困企业": EnterpriseKind.STRUGGLING,
    "struggling": EnterpriseKind.STRUGGLING,
}


@dataclass
class EnterpriseSpec:
    """An enterprise as the 企业 sheet describes it."""

    name: str
    kind: str
    park: str
    contact: str
    note: str


@dataclass
class PairingSpec:
    """A pairing row, its references resolved: leader and liaison phones, names of the rest."""

    leader_phone: str
    project: str | None
    backbone: str | None
    struggling: str | None
    liaison_phone: str | None
    milestones: str


@dataclass
class PairingPlan:
    """Everything valid 企业 and 结对 sheets say."""

    enterprises: dict[str, EnterpriseSpec] = field(default_factory=dict)
    pairings: dict[str, PairingSpec] = field(default_factory=dict)


class PairingChecker:
    """Checks the 三个一 sheets' rows against the rest of the file and the database."""

    def __init__(self, session: Session, plan: Plan, errors: list[RowError], today: date) -> None:
        self.session, self.plan, self.errors, self.today = session, plan, errors, today
        self.result = PairingPlan()
        self.enterprise_rows: dict[str, int] = {}
        self.leader_rows: dict[str, int] = {}
        self.people = list(session.exec(select(Person).where(Person.active)))
        known = session.exec(select(Enterprise.name, Enterprise.kind)).all()
        self.known_enterprises = dict(known)

    def sheets(self, sheets: list[RosterSheet]) -> None:
        """Checks the 企业 sheets first (the 结对 sheets refer to them), then the 结对 sheets."""
        for kind, handle in (("enterprises", self.enterprise_row), ("pairings", self.pairing_row)):
            for sheet in sheets:
                if sheet.kind == kind:
                    for row in sheet.rows:
                        handle(RowReader(sheet.name, row, self.errors, self.today))

    def enterprise_row(self, reader: RowReader) -> None:
        """Checks one row of the 企业 sheet."""
        name = reader.text("name", "enterprise_name", required=True)
        kind_text = reader.text("kind", "enterprise_kind", required=True)
        park = reader.text("park", "park", required=True)
        contact, note = reader.text("contact", "contact"), reader.text("note", "note")
        if refuse_example(reader, name):
            return
        kind = KINDS.get(kind_text.lower()) if kind_text else None
        if kind_text and kind is None:
            reader.error("enterprise-kind-unknown", value=kind_text)
        if name in self.enterprise_rows:
            reader.error("enterprise-duplicate", name=name, other_row=self.enterprise_rows[name])
        if not reader.ok or kind is None:
            return
        self.enterprise_rows[name] = reader.row.number
        self.result.enterprises[name] = EnterpriseSpec(name, kind.value, park, contact, note)
        self.plan.enterprise_parks.append(park)

    def pairing_row(self, reader: RowReader) -> None:
        """Checks one row of the 结对 sheet."""
        cells = [str(value) for value in reader.row.values.values()]
        if refuse_example(reader, *cells):
            return
        leader = self.person(reader, "leader", "pairing_leader", required=True)
        liaison = self.person(reader, "liaison", "pairing_liaison", required=False)
        project = self.project(reader)
        backbone = self.enterprise(reader, "backbone", EnterpriseKind.BACKBONE)
        struggling = self.enterprise(reader, "struggling", EnterpriseKind.STRUGGLING)
        milestones = reader.text("milestones", "milestones")
        if leader is not None and not self.is_leader(leader):
            reader.error("not-a-leader", name=reader.text("leader", "pairing_leader"))
        if leader is not None and leader in self.leader_rows:
            reader.error("pairing-duplicate", name=leader, other_row=self.leader_rows[leader])
        if not reader.ok or leader is None:
            return
        self.leader_rows[leader] = reader.row.number
        self.result.pairings[leader] = PairingSpec(
            leader, project, backbone, struggling, liaison, milestones
        )

    def person(self, reader: RowReader, key: str, label: str, *, required: bool) -> str | None:
        """The phone of the person a cell names, by phone or by a unique name."""
        text = reader.text(key, label, required=required)
        if not text:
            return None
        try:
            phone = normalize_phone(text)
        except ParseError:
            phone = None
        known = {spec.phone for spec in self.plan.people.values()} | {p.phone for p in self.people}
        if phone is not None:
            if phone not in known:
                reader.error("person-unknown", field=label, value=text)
            return phone if phone in known else None
        phones = {spec.phone for spec in self.plan.people.values() if spec.name == text}
        phones |= {p.phone for p in self.people if p.name == text}
        if len(phones) != 1:
            code = "person-ambiguous" if phones else "person-unknown"
            reader.error(code, field=label, value=text)
            return None
        return phones.pop()

    def is_leader(self, phone: str) -> bool:
        """Whether the file or the database makes this person a leader."""
        spec = self.plan.people.get(phone)
        if spec is not None and spec.listed_row is not None:
            return any(role.value == "leader" for role in spec.roles)
        person = next((p for p in self.people if p.phone == phone), None)
        in_file = spec is not None and any(role.value == "leader" for role in spec.roles)
        return in_file or (person is not None and person.is_leader)

    def project(self, reader: RowReader) -> str | None:
        """The 10亿 project's name: a roster project of at least 100000 万元."""
        name = reader.text("project", "billion_project")
        if not name:
            return None
        spec = self.plan.projects.get(name)
        if spec is not None:
            total = spec.total_investment
        else:
            query = select(Project.total_investment).where(Project.name == name, Project.active)
            total = self.session.exec(query).first()
        if total is None:
            reader.error("project-unknown", name=name)
            return None
        if total < BILLION_WAN:
            reader.error("project-under-billion", name=name, total=value_text(total))
            return None
        return name

    def enterprise(self, reader: RowReader, key: str, kind: EnterpriseKind) -> str | None:
        """An enterprise of the given kind, from the 企业 sheet or already imported."""
        name = reader.text(key, key)
        if not name:
            return None
        spec = self.result.enterprises.get(name)
        found = spec.kind if spec is not None else self.known_enterprises.get(name)
        if found is None:
            reader.error("enterprise-unknown", name=name)
            return None
        if found != kind.value:
            reader.error("enterprise-wrong-kind", name=name, field=key)
            return None
        return name


def check_pairings(
    session: Session, sheets: list[RosterSheet], plan: Plan, errors: list[RowError], today: date
) -> PairingPlan:
    """The plan of the 企业 and 结对 sheets; their problems are added to `errors`."""
    checker = PairingChecker(session, plan, errors, today)
    checker.sheets(sheets)
    return checker.result


def apply_pairings(
    session: Session, plan: PairingPlan, summary: ImportSummary, *, now: datetime, actor: str
) -> None:
    """Creates or updates the enterprises and pairings (matched by name and by leader), audited."""
    parks = dict(session.exec(select(Park.name, Park.id)).all())
    for spec in plan.enterprises.values():
        values = {
            "kind": spec.kind,
            "park_id": parks[spec.park],
            "contact": spec.contact,
            "note": spec.note,
        }
        row = session.exec(select(Enterprise).where(Enterprise.name == spec.name)).first()
        if row is None:
            row = Enterprise(name=spec.name, created_at=now, updated_at=now, **values)
        _save(session, row, values, "enterprise", summary.enterprises, now=now, actor=actor)
    people = dict(session.exec(select(Person.phone, Person.id)).all())
    enterprises = dict(session.exec(select(Enterprise.name, Enterprise.id)).all())
    projects = dict(session.exec(select(Project.name, Project.id)).all())
    for spec in plan.pairings.values():
        values = {
            "project_id": projects.get(spec.project) if spec.project else None,
            "backbone_id": enterprises.get(spec.backbone) if spec.backbone else None,
            "struggling_id": enterprises.get(spec.struggling) if spec.struggling else None,
            "liaison_id": people.get(spec.liaison_phone) if spec.liaison_phone else None,
            "milestones": spec.milestones,
        }
        leader_id = people[spec.leader_phone]
        row = session.exec(select(Pairing).where(Pairing.leader_id == leader_id)).first()
        if row is None:
            row = Pairing(leader_id=leader_id, created_at=now, updated_at=now, **values)
        _save(session, row, values, "pairing", summary.pairings, now=now, actor=actor)


def _save(
    session: Session,
    row: Enterprise | Pairing,
    values: dict[str, object],
    entity: str,
    counts: Counts,
    *,
    now: datetime,
    actor: str,
) -> None:
    """Writes a new or changed row with its audit entry, and counts it."""
    new = row.id is None
    changes = {
        key: [value_text(getattr(row, key)), value_text(value)]
        for key, value in values.items()
        if new or getattr(row, key) != value
    }
    if not new and not changes:
        counts.unchanged += 1
        return
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = now
    session.add(row)
    session.flush()
    if new:
        counts.created += 1
    else:
        counts.updated += 1
    audit.record(
        session,
        now=now,
        actor=actor,
        action="create" if new else "update",
        entity=entity,
        entity_id=row.id,
        detail=changes,
    )
