"""Checks every roster row and turns a valid file into a plan, reporting every problem."""

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bot.formatting import format_money
from bot.parsing import (
    ParseError,
    coerce_date,
    normalize_phone,
    normalize_text,
    parse_money,
    split_names,
)
from bot.people.roster_file import RosterError, RosterRow, RosterSheet, RowError, normalize_header
from bot.people.roster_vocabulary import (
    CATEGORIES,
    DATE_RANGE,
    EXAMPLE_MARK,
    MAX_LENGTHS,
    MONEY_CODES,
    ROLES,
)
from models import Category, Role

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
    report_parks: list[str] = field(default_factory=list)  # 指标填报园区


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
    # 经纬度 (optional): None keeps what the project has
    location: tuple[float, float] | None = None


@dataclass
class Plan:
    """Everything a valid file says, in file order."""

    people: dict[str, PersonSpec] = field(default_factory=dict)
    projects: dict[str, ProjectSpec] = field(default_factory=dict)
    project_rows: dict[str, tuple[str, int]] = field(default_factory=dict)
    # The kinds of table the file has rows in: only a table that is there can miss someone.
    tables: set[str] = field(default_factory=set)
    # Parks the enterprises table names (bot/people/roster_pairing.py).
    enterprise_parks: list[str] = field(default_factory=list)

    @property
    def parks(self) -> list[str]:
        """Park names in order of first mention."""
        named = [spec.park for spec in self.projects.values()] + self.enterprise_parks
        return list(dict.fromkeys(named))


# --- validation ----------------------------------------------------------------------------


def value_text(value: object) -> str:
    """A value as audit/message text."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


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


def _location(reader: RowReader) -> tuple[float, float] | None:
    """经纬度: latitude then longitude in degrees, split by a comma, a space or 、."""
    text = reader.text("location", "location")
    if not text:
        return None
    parts = [part for part in re.split(r"[\s,，、;；/]+", text.strip()) if part]
    try:
        lat, lon = (float(part) for part in parts)
    except ValueError:
        reader.error("location-invalid", value=text[:50])
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        reader.error("location-invalid", value=text[:50])
        return None
    return round(lat, 6), round(lon, 6)


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
        reader.error(
            "production-before-start", start=value_text(start), production=value_text(production)
        )
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

    def __init__(self, today: date, known_parks: set[str]) -> None:
        self.today = today
        self.known_parks = known_parks  # the parks in the database already
        self.listed_parks: set[str] = set()  # the parks the file's projects name
        self.errors: list[RowError] = []
        self.plan = Plan()

    def sheet(self, sheet: RosterSheet) -> None:
        """Checks every row of one sheet (the 三个一 sheets: bot/people/roster_pairing.py)."""
        if sheet.kind not in ("projects", "people"):
            return
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
        location = _location(reader)
        leader = self.leader(reader)
        liaisons = self.liaisons(reader)
        self.claim_project(reader, name)
        refuse_example(reader, name, reader.text("leader", "leader"))
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
            location=location,
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
        report_parks = self.report_parks(reader)
        phone = reader.phone(raw, "phone") if raw else None
        if refuse_example(reader, name):
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
        spec.report_parks = report_parks
        spec.roles.update(role for role, _ in roles)
        spec.city_scope = any(city for _, city in roles)

    def report_parks(self, reader: RowReader) -> list[str]:
        """The parks this person files assessment values for; unknown parks are refused."""
        parks = list(dict.fromkeys(split_names(reader.text("report_parks", "report_parks"))))
        for park in parks:
            if park not in self.known_parks and park not in self.listed_parks:
                reader.error("report-park-unknown", park=park)
        return parks

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


def refuse_example(reader: RowReader, *names: str) -> bool:
    """Reports the template's example row (once per row); True if this is one."""
    example = next((name for name in names if EXAMPLE_MARK in name), None)
    if example is not None:
        reader.error("template-example", name=example)
    return example is not None


def validate(
    sheets: list[RosterSheet], *, today: date, known_parks: set[str] | None = None
) -> Plan:
    """The plan of a valid roster; raises RosterError listing every problem otherwise."""
    plan, errors = check(sheets, today=today, known_parks=known_parks)
    if errors:
        raise RosterError(errors)
    return plan


def check(
    sheets: list[RosterSheet], *, today: date, known_parks: set[str] | None = None
) -> tuple[Plan, list[RowError]]:
    """The plan of the projects and people tables, and every problem found in them.

    `known_parks` are the parks that exist already: a person's 指标填报园区 must name one of
    them or a park of the file's projects.
    """
    validator = Validator(today, known_parks or set())
    validator.listed_parks = {
        _as_text(row.values["park"])
        for sheet in sheets
        if sheet.kind == "projects"
        for row in sheet.rows
        if row.values.get("park") is not None
    }
    for sheet in sheets:
        validator.sheet(sheet)
    validator.plan.tables = {sheet.kind for sheet in sheets if sheet.rows}
    return validator.plan, validator.errors
