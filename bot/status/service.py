"""Status queries for leaders and the command centre: a few aggregate queries per answer.

Every query is restricted to the asker's scope (bot.people.access.visible_projects) and returns
plain data (bot.status.types.ProjectStatus); lights come from the one rule in bot.status.lights.
"""

from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Row, and_, case, func, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot import lookup
from bot.parsing import period_of, previous_period
from bot.people.access import visible_projects
from bot.status.lights import (
    LightPolicy,
    ProjectFacts,
    evaluation_period,
    expected_percent,
    facts_missing_periods,
    light_for,
)
from bot.status.types import ProjectStatus
from models import (
    Park,
    Person,
    Problem,
    ProblemEvent,
    ProblemStatus,
    ProgressReport,
    Project,
    ProjectLiaison,
)

RECENT = 4  # periods looked at for missing reports: this month and three before
SEVERITY = {"red": 0, "yellow": 1, "green": 2}
TENTH = Decimal("0.1")
if TYPE_CHECKING:
    from bot.services import Services

# Whose eyes the shared city-wide computation uses: every project, filtered per asker after.
CITY_VIEW = Person(name="city", phone="-", is_admin=True, active=True)


@dataclass
class Asked:
    """Who asks, about what, and when."""

    person: Person
    today: date
    tz: tzinfo
    policy: LightPolicy = field(default_factory=LightPolicy)

    @classmethod
    def at(cls, person: Person | None, services: "Services") -> "Asked":
        """A question asked now, in the configured time zone and under the configured rule."""
        settings = services.settings
        return cls(person, services.now().date(), settings.tz, LightPolicy.from_settings(settings))

    @property
    def period(self) -> str:
        """The current reporting period (this month)."""
        return period_of(self.today)


def statuses(
    session: Session,
    asked: Asked,
    where: ColumnElement[bool] | None = None,
    *,
    detail: bool = False,
    park_id: int | None = None,
) -> list[ProjectStatus]:
    """The status of every active project in scope (and `where` or the park), laggards first."""
    if where is None and not detail:
        rows = _city_statuses(session, asked)
        return rows if park_id is None else [row for row in rows if row.park_id == park_id]
    if park_id is not None:
        where = (
            Project.park_id == park_id if where is None else and_(where, Project.park_id == park_id)
        )
    return _compute(session, asked, where, detail=detail)


# City-wide answers (/overview at province scale: 5,000 projects) are computed once per day and
# then kept current: the data version is read on every call, and what changed since the cached
# version (new report and problem ids, projects updated) is recomputed and spliced in, so a new
# report costs a few projects' worth of work, not the city's.
_CACHE: "OrderedDict[tuple, _CityView]" = OrderedDict()
_CACHE_SIZE = 4
# Beyond this many changed projects (a roster import) one full computation is cheaper.
_MAX_INCREMENTAL = 500


class _Version(NamedTuple):
    """The newest of everything a light depends on; each part is one index lookup."""

    report_id: int | None
    event_id: int | None
    problem_id: int | None
    project_updated: datetime | None
    project_count: int


@dataclass
class _CityView:
    """Every active project's status on one day, as of one data version."""

    version: _Version
    rows: dict[int, ProjectStatus]
    ordered: list[ProjectStatus]


def _city_statuses(session: Session, asked: Asked) -> list[ProjectStatus]:
    everyone = Asked(CITY_VIEW, asked.today, asked.tz, asked.policy)
    key = (str(session.get_bind().url), asked.today, asked.policy)
    version = _data_version(session)
    view = _CACHE.get(key)
    # The new view is computed in full before the cache is touched: an answer that fails
    # (a bad period, a database error) leaves every cached view as it was.
    if view is None:
        _store(key, _full_view(session, everyone, version))
    elif view.version != version:
        _store(key, _refreshed(session, everyone, view, version))
    view = _CACHE[key]
    _CACHE.move_to_end(key)
    rows = view.ordered
    if asked.person is not None and asked.person.active and asked.person.sees_whole_city:
        return list(rows)
    visible = set(session.exec(select(Project.id).where(visible_projects(asked.person))))
    return [row for row in rows if row.project_id in visible]


def _store(key: tuple, view: "_CityView") -> None:
    """Caches a view; over the size, drops the least recently used one of an earlier day.

    A database's newest day is what /overview, /park and the cards ask about: ledgers of
    past months (each its own day) must not push it out, however many are asked for.
    """
    _CACHE[key] = view
    _CACHE.move_to_end(key)
    while len(_CACHE) > _CACHE_SIZE:
        newest: dict[tuple, date] = {}
        for url, day, policy in _CACHE:
            newest[url, policy] = max(day, newest.get((url, policy), day))
        past = (k for k in _CACHE if k != key and k[1] < newest[k[0], k[2]])
        del _CACHE[next(past, next(iter(_CACHE)))]


def _full_view(session: Session, everyone: Asked, version: _Version) -> _CityView:
    ordered = _compute(session, everyone, None, detail=False)
    return _CityView(version, {row.project_id: row for row in ordered}, ordered)


def _refreshed(session: Session, everyone: Asked, view: _CityView, version: _Version) -> _CityView:
    """The view at `version`, recomputing only the projects that changed since."""
    changed = None
    if version.project_count >= view.version.project_count:  # projects are never deleted
        changed = _changed_projects(session, view.version)
    if changed is None or len(changed) > _MAX_INCREMENTAL:
        return _full_view(session, everyone, version)
    rows = {key: row for key, row in view.rows.items() if key not in changed}
    if changed:  # deactivated projects are not computed, so they stay out
        for row in _compute(session, everyone, col(Project.id).in_(changed), detail=False):
            rows[row.project_id] = row
    return _CityView(version, rows, sorted(rows.values(), key=_laggards_first))


def _changed_projects(session: Session, since: _Version) -> set[int]:
    """Projects whose reports, problems or own fields changed after `since`."""
    changed: set[int] = set()
    queries = (
        select(ProgressReport.project_id).where(ProgressReport.id > (since.report_id or 0)),
        select(Problem.project_id).where(Problem.id > (since.problem_id or 0)),
        select(Problem.project_id)
        .join(ProblemEvent, col(ProblemEvent.problem_id) == Problem.id)
        .where(ProblemEvent.id > (since.event_id or 0)),
        select(Project.id).where(
            true() if since.project_updated is None else Project.updated_at > since.project_updated
        ),
    )
    for query in queries:
        # No DISTINCT: SQLite would then scan a project_id index instead of the id range.
        changed.update(session.exec(query))
    return changed


def forget_cached() -> None:
    """Drops the cached city-wide answers (a database emptied and refilled under them)."""
    _CACHE.clear()


def _data_version(session: Session) -> _Version:
    """Changes whenever anything a light depends on changes (each part is an index lookup).

    Ids only grow, so "id above the cached maximum" finds every change as long as rows are
    committed in id order. They are: reports, problems and problem events are written only by
    the bot's one process (bot.instance_lock), one transaction at a time, and SQLite serialises
    writers anyway; projects change only through roster imports, which stamp updated_at. A
    future writer of those tables running beside the bot on PostgreSQL would break this (a lower
    id committed late would be missed until the next day's view).
    """
    return _Version(
        *session.exec(
            select(
                select(func.max(ProgressReport.id)).scalar_subquery(),
                select(func.max(ProblemEvent.id)).scalar_subquery(),
                select(func.max(Problem.id)).scalar_subquery(),
                select(func.max(Project.updated_at)).scalar_subquery(),
                select(func.count(Project.id)).scalar_subquery(),
            )
        ).one()
    )


def _laggards_first(row: ProjectStatus) -> tuple:
    return (SEVERITY[row.light.color], row.plan_percent - row.expected_percent, row.name)


def _compute(
    session: Session, asked: Asked, where: ColumnElement[bool] | None, *, detail: bool
) -> list[ProjectStatus]:
    condition = and_(Project.active, visible_projects(asked.person))
    if where is not None:
        condition = and_(condition, where)
    # Plain column rows, not ORM objects: thousands of projects per answer.
    projects = session.exec(
        select(*PROJECT_COLUMNS).join(Park, col(Park.id) == Project.park_id).where(condition)
    ).all()
    if not projects:
        return []
    latest = _latest_reports(session, condition)
    recent = _recent_periods(session, condition, asked.period)
    sums = _year_sums(session, condition, asked.period)
    problems = _problem_counts(session, condition, asked.today)
    people = _people(session, condition) if detail else ({}, {})
    rows = [_status(asked, project, latest, recent, sums, problems, people) for project in projects]
    return sorted(rows, key=_laggards_first)


PROJECT_COLUMNS = (
    Project.id, Project.name, Park.name.label("park"), Project.enterprise, Project.category,
    Project.industry_chain, Project.total_investment, Project.annual_plan, Project.planned_start,
    Project.planned_production, Project.leader_id, Project.created_at, Project.park_id,
)  # fmt: skip
LATEST_COLUMNS = (
    ProgressReport.project_id, ProgressReport.period, ProgressReport.stage,
    ProgressReport.percent, ProgressReport.investment_cumulative, ProgressReport.submitted_at,
)  # fmt: skip


def freshness(
    session: Session, asked: Asked, where: ColumnElement[bool] | None = None
) -> datetime | None:
    """The newest report in scope: answers say "as of reports received up to ..."."""
    if where is None and asked.person is not None and asked.person.sees_whole_city:
        # City-wide: the submitted_at index answers at once; a join would scan every report.
        return session.exec(select(func.max(ProgressReport.submitted_at))).one()
    condition = and_(Project.active, visible_projects(asked.person))
    if where is not None:
        condition = and_(condition, where)
    query = (
        select(func.max(ProgressReport.submitted_at))
        .join(Project, col(Project.id) == ProgressReport.project_id)
        .where(condition)
    )
    return session.exec(query).one()


def _status(
    asked: Asked,
    project: Row,
    latest: dict[int, Row],
    recent: dict[int, set[str]],
    sums: dict[tuple[int, str], Decimal],
    problems: dict[int, tuple[int, int]],
    people: tuple[dict, dict],
) -> ProjectStatus:
    report = latest.get(project.id)
    reported = recent.get(project.id, set())
    # One month for all (the last closed one), an early report's money counted.
    evaluation = evaluation_period(asked.today)
    year_investment = sums.get((project.id, evaluation[:4]), Decimal(0))
    open_count, overdue = problems.get(project.id, (0, 0))
    first = period_of(project.created_at.astimezone(asked.tz).date())
    facts = ProjectFacts(
        today=asked.today,
        annual_plan=project.annual_plan,
        year_investment=year_investment,
        evaluation_period=evaluation,
        planned_start=project.planned_start,
        planned_production=project.planned_production,
        stage=report.stage if report else None,
        missing_periods=facts_missing_periods(asked.today, reported, first),
        overdue_problems=overdue,
    )
    plan = project.annual_plan
    leaders, liaisons = people
    return ProjectStatus(
        project_id=project.id,
        name=project.name,
        park=project.park,
        enterprise=project.enterprise,
        category=project.category,
        industry_chain=project.industry_chain,
        leader=leaders.get(project.id, ""),
        liaisons=liaisons.get(project.id, []),
        total_investment=project.total_investment,
        annual_plan=plan,
        year_investment=year_investment,
        evaluation_period=evaluation,
        cumulative_investment=report.investment_cumulative if report else Decimal(0),
        plan_percent=(year_investment * 100 / plan).quantize(TENTH) if plan else Decimal(0),
        expected_percent=expected_percent(evaluation).quantize(TENTH),
        stage=report.stage if report else None,
        physical_percent=report.percent if report else None,
        last_period=report.period if report else None,
        last_submitted_at=report.submitted_at if report else None,
        light=light_for(facts, asked.policy),
        open_problems=open_count,
        overdue_problems=overdue,
        park_id=project.park_id,
        reported_this_period=asked.period in reported,
    )


def _latest_reports(session: Session, condition: ColumnElement[bool]) -> dict[int, Row]:
    """Each project's newest current report: one descent of ix_report_current per project.

    Grouping or DISTINCT ON would read and sort every current report (300,000 at province
    scale: 490 ms on PostgreSQL, 200 ms on SQLite); this takes 50–70 / 150 ms for the city.
    """
    newest_first = col(ProgressReport.period).desc()
    mine = (ProgressReport.project_id == Project.id, ProgressReport.is_current)
    if session.get_bind().dialect.name == "postgresql":
        latest = select(*LATEST_COLUMNS).where(*mine).order_by(newest_first).limit(1).lateral()
        query = select(*latest.c).select_from(Project).join(latest, true()).where(condition)
    else:  # SQLite has no LATERAL; a correlated subquery finds each project's newest row
        newest = select(ProgressReport.id).where(*mine).order_by(newest_first).limit(1)
        query = select(*LATEST_COLUMNS).where(
            col(ProgressReport.id).in_(select(newest.scalar_subquery()).where(condition))
        )
    return {row[0]: _Latest(*row) for row in session.exec(query)}


class _Latest(NamedTuple):
    project_id: int
    period: str
    stage: str
    percent: Decimal
    investment_cumulative: Decimal
    submitted_at: datetime


def _recent_periods(
    session: Session, condition: ColumnElement[bool], period: str
) -> dict[int, set[str]]:
    periods = [period]
    for _ in range(RECENT - 1):
        periods.append(previous_period(periods[-1]))
    query = (
        select(ProgressReport.project_id, ProgressReport.period)
        .join(Project, col(Project.id) == ProgressReport.project_id)
        .where(ProgressReport.is_current, col(ProgressReport.period).in_(periods), condition)
    )
    found: dict[int, set[str]] = defaultdict(set)
    for project_id, reported in session.exec(query):
        found[project_id].add(reported)
    return found


def _year_sums(
    session: Session, condition: ColumnElement[bool], period: str
) -> dict[tuple[int, str], Decimal]:
    """Investment per project and year, up to this period (and all of last year in January)."""
    year = period[:4]
    ranges = [(f"{year}-01", period)]
    if period.endswith("-01"):
        last = str(int(year) - 1)
        ranges.append((f"{last}-01", f"{last}-12"))
    sums: dict[tuple[int, str], Decimal] = {}
    for first, last in ranges:
        query = (
            select(ProgressReport.project_id, func.sum(ProgressReport.investment_month))
            .join(Project, col(Project.id) == ProgressReport.project_id)
            .where(
                ProgressReport.is_current,
                ProgressReport.period >= first,
                ProgressReport.period <= last,
                condition,
            )
            .group_by(ProgressReport.project_id)
        )
        for project_id, total in session.exec(query):
            sums[(project_id, first[:4])] = Decimal(total or 0)
    return sums


def _problem_counts(
    session: Session, condition: ColumnElement[bool], today: date
) -> dict[int, tuple[int, int]]:
    late = and_(Problem.status == ProblemStatus.ASSIGNED.value, Problem.due_date < today)
    overdue = func.sum(case((late, 1), else_=0))
    query = (
        select(Problem.project_id, func.count(), overdue)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, condition)
        .group_by(Problem.project_id)
    )
    return {project_id: (count, int(late or 0)) for project_id, count, late in session.exec(query)}


def _people(
    session: Session, condition: ColumnElement[bool]
) -> tuple[dict[int, str], dict[int, list[str]]]:
    leaders = dict(
        session.exec(
            select(Project.id, Person.name)
            .join(Person, col(Person.id) == Project.leader_id)
            .where(condition)
        ).all()
    )
    liaisons: dict[int, list[str]] = defaultdict(list)
    query = (
        select(ProjectLiaison.project_id, Person.name)
        .join(Person, col(Person.id) == ProjectLiaison.person_id)
        .join(Project, col(Project.id) == ProjectLiaison.project_id)
        .where(condition)
        .order_by(ProjectLiaison.project_id, ProjectLiaison.position)
    )
    for project_id, name in session.exec(query):
        liaisons[project_id].append(name)
    return leaders, liaisons


# -- searching ---------------------------------------------------------------------------------


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


# -- summaries ---------------------------------------------------------------------------------


@dataclass
class ParkSummary:
    """A park's projects by light, reports in, investment against plan."""

    park_id: int | None
    name: str
    rows: list[ProjectStatus]

    @cached_property
    def counts(self) -> dict[str, int]:
        """Projects per light colour."""
        counts = {"green": 0, "yellow": 0, "red": 0}
        for row in self.rows:
            counts[row.light.color] += 1
        return counts

    @cached_property
    def reported(self) -> int:
        """Projects with a report for the period asked about."""
        return sum(row.reported_this_period for row in self.rows)

    @cached_property
    def year_investment(self) -> Decimal:
        """Investment completed this year."""
        return sum((row.year_investment for row in self.rows), Decimal(0))

    @cached_property
    def annual_plan(self) -> Decimal:
        """This year's planned investment."""
        return sum((row.annual_plan for row in self.rows), Decimal(0))

    @cached_property
    def plan_percent(self) -> Decimal:
        """Investment completed as a percentage of the plan."""
        plan = self.annual_plan
        return (self.year_investment * 100 / plan).quantize(TENTH) if plan else Decimal(0)

    @property
    def reported_percent(self) -> Decimal:
        """Share of projects that reported this period."""
        if not self.rows:
            return Decimal(0)
        return (Decimal(self.reported) * 100 / len(self.rows)).quantize(TENTH)


def by_park(rows: Iterable[ProjectStatus]) -> list[ParkSummary]:
    """Rows grouped by park, ranked: best share of green, then investment against plan."""
    parks: dict[str, ParkSummary] = {}
    for row in rows:
        summary = parks.get(row.park)
        if summary is None:
            summary = parks[row.park] = ParkSummary(row.park_id, row.park, [])
        summary.rows.append(row)
    return sorted(
        parks.values(),
        key=lambda p: (-Decimal(p.counts["green"]) / max(len(p.rows), 1), -p.plan_percent, p.name),
    )


@dataclass
class Ranking:
    """十快十慢: the projects with an annual plan ranked by the share of it completed."""

    fast: list[ProjectStatus]  # best first
    slow: list[ProjectStatus]  # worst first
    ranked: int  # how many projects were ranked
    evaluation_period: str | None  # the closed month every project is measured at
    halves: bool  # too few projects for both lists in full: the ranking split in two


def fastest_and_slowest(rows: list[ProjectStatus], count: int = 10) -> Ranking:
    """十快十慢, defensibly: one month for all, no project in both lists, no arbitrary ties.

    Every project is measured as its light is (bot.status.lights): at the same evaluation month, the
    last closed one, with all the investment it has reported this year. The 序时进度 is then
    the same for all, so the share of the annual plan completed orders them. Ties go by name,
    then id. With fewer than 2 × count projects the ranked list is split in halves (an odd
    middle one is in neither), so nobody is both fastest and slowest.
    """
    planned = [row for row in rows if row.annual_plan > 0]
    ranked = sorted(planned, key=lambda row: (-_share(row), row.name, row.project_id))
    take = min(count, len(ranked) // 2)
    tail = ranked[len(ranked) - take :]
    slow = sorted(tail, key=lambda row: (_share(row), row.name, row.project_id))
    evaluation = ranked[0].evaluation_period if ranked else None
    return Ranking(ranked[:take], slow, len(ranked), evaluation, len(ranked) < 2 * count)


def _share(row: ProjectStatus) -> Decimal:
    # Exact, not the rounded percentage shown: 1.04% and 0.96% are not a tie.
    return row.year_investment / row.annual_plan


def project_status(session: Session, asked: Asked, project_id: int) -> ProjectStatus | None:
    """One project's full status, if the asker may see it."""
    rows = statuses(session, asked, Project.id == project_id, detail=True)
    return rows[0] if rows else None


def trend(session: Session, project_id: int, count: int = 3) -> list[ProgressReport]:
    """The project's last `count` reports, newest first."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.project_id == project_id, ProgressReport.is_current)
        .order_by(col(ProgressReport.period).desc())
        .limit(count)
    )
    return list(session.exec(query))


def open_problems_of(session: Session, project_id: int) -> list[Problem]:
    """A project's problems not yet resolved, oldest first."""
    query = (
        select(Problem)
        .where(
            Problem.project_id == project_id, col(Problem.status) != ProblemStatus.RESOLVED.value
        )
        .order_by(Problem.raised_at)
    )
    return list(session.exec(query))


def missing_in_scope(session: Session, asked: Asked) -> list[tuple[str, str, list[str]]]:
    """(park, project, liaisons) for projects in scope without a report this period.

    People on leave excuse their projects (bot.status.missing.is_excused).
    """
    from bot.status.missing import on_leave

    reported = (
        select(ProgressReport.id)
        .where(
            ProgressReport.project_id == Project.id,
            ProgressReport.period == asked.period,
            ProgressReport.is_current,
        )
        .exists()
    )
    unreported = and_(Project.active, visible_projects(asked.person), ~reported)
    projects = session.exec(
        select(Project.id, Project.name, Park.name)
        .join(Park, col(Park.id) == Project.park_id)
        .where(unreported)
    ).all()
    if not projects:
        return []
    away = on_leave(session, datetime.combine(asked.today, datetime.min.time(), tzinfo=asked.tz))
    names: dict[int, list[str]] = defaultdict(list)
    present: dict[int, bool] = defaultdict(bool)  # a liaison not on leave
    query = (
        select(ProjectLiaison.project_id, Person.id, Person.name)
        .join(Person, col(Person.id) == ProjectLiaison.person_id)
        .join(Project, col(Project.id) == ProjectLiaison.project_id)
        .where(unreported, Person.active)
        .order_by(ProjectLiaison.project_id, ProjectLiaison.position)
    )
    for project_id, person_id, name in session.exec(query):
        names[project_id].append(name)
        present[project_id] |= person_id not in away
    # A project whose every liaison is on leave is excused (as bot.status.missing.is_excused).
    missing = [
        (park, name, names.get(project_id, []))
        for project_id, name, park in projects
        if present[project_id] or not names.get(project_id)
    ]
    return sorted(missing)


def ledger_rows(session: Session, asked: Asked, period: str) -> list[ProjectStatus]:
    """Every project in scope with the given period's report fields and open problems."""
    # Copies of the (cached, shared) statuses, completed with what only the ledger shows.
    rows = [replace(row) for row in statuses(session, asked)]
    scope = and_(Project.active, visible_projects(asked.person))
    leaders, liaisons = _people(session, scope)
    reports = {
        project_id: (investment, progress, problems)
        for project_id, investment, progress, problems in session.exec(
            select(
                ProgressReport.project_id,
                ProgressReport.investment_month,
                ProgressReport.progress,
                ProgressReport.problems,
            )
            .join(Project, col(Project.id) == ProgressReport.project_id)
            .where(ProgressReport.period == period, ProgressReport.is_current, scope)
        )
    }
    texts: dict[int, list[str]] = defaultdict(list)
    for project_id, text in session.exec(
        select(Problem.project_id, Problem.text)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, scope)
        .order_by(Problem.raised_at)
    ):
        texts[project_id].append(text)
    for row in rows:
        row.leader = leaders.get(row.project_id, "")
        row.liaisons = liaisons.get(row.project_id, [])
        report = reports.get(row.project_id)
        if report is not None:
            row.period_investment, row.period_progress, row.period_problems = report
        row.problem_texts = texts.get(row.project_id, [])
    return sorted(rows, key=lambda row: (row.park, row.name))


def year_points(session: Session, project_id: int, period: str) -> list[tuple[str, Decimal, str]]:
    """(period, investment so far this year, stage) for each reported month of the year."""
    query = (
        select(ProgressReport.period, ProgressReport.investment_month, ProgressReport.stage)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.is_current,
            ProgressReport.period >= f"{period[:4]}-01",
            ProgressReport.period <= period,
        )
        .order_by(ProgressReport.period)
    )
    points, running = [], Decimal(0)
    for month, amount, stage in session.exec(query):
        running += amount
        points.append((month, running, stage))
    return points
