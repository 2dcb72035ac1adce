"""The cached city-wide view: every active project's status, kept current by data version."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import func, true
from sqlmodel import Session, col, select

from bot.people.access import visible_projects
from bot.status import compute
from bot.status.compute import Asked, laggards_first
from bot.status.types import ProjectStatus
from models import Person, Problem, ProblemEvent, ProgressReport, Project

# Whose eyes the shared city-wide computation uses: every project, filtered per asker after.
CITY_VIEW = Person(name="city", phone="-", is_admin=True, active=True)

# City-wide answers (/overview at province scale: 5,000 projects) are computed once per day and
# then kept current: the data version is read on every call, and what changed since the cached
# version (new report and problem ids, projects updated) is recomputed and spliced in, so a new
# report costs a few projects' worth of work, not the city's.
# Updates of different people run concurrently (bot.telegram.updates), yet this cache needs no
# lock: city_statuses is synchronous from reading the version to storing the view, so on the
# event loop no other update can run in between (updates interleave only at Bot API awaits).
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


def city_statuses(session: Session, asked: Asked) -> list[ProjectStatus]:
    """Every active project the asker sees, from the cached city-wide view."""
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
    ordered = compute.compute_statuses(session, everyone, None, detail=False)
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
        for row in compute.compute_statuses(
            session, everyone, col(Project.id).in_(changed), detail=False
        ):
            rows[row.project_id] = row
    return _CityView(version, rows, sorted(rows.values(), key=laggards_first))


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
    changed.discard(None)  # an enterprise's problem (三个一) belongs to no project
    return changed


def forget_cached() -> None:
    """Drops the cached city-wide answers (a database emptied and refilled under them)."""
    _CACHE.clear()


def _data_version(session: Session) -> _Version:
    """Changes whenever anything a light depends on changes (each part is an index lookup).

    Ids only grow, so "id above the cached maximum" finds every change as long as rows are
    committed in id order. They are: reports, problems and problem events are written only by
    the bot's one process (bot.instance_lock), one transaction at a time (concurrent updates
    interleave only between units of work, none of which awaits), and SQLite serialises
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
