"""The wall board's snapshot: every panel's data for one viewer at one moment (plain data).

Built on the chat's status code, so the board and the chat never disagree: the projects come
from the cached city-wide view (bot.status.city_view, cheap at province scale) filtered to the
viewer's scope, the ranking is 十快十慢 (bot.status.summaries), the parks are by_park.

Scope: a member sees exactly their chat scope (bot.people.access); a board link sees the city,
or one park. Headline figures, per the campaign's targets (CampaignTarget of the year):
- new starts: projects of the 新开工 category whose reported stage has reached 开工建设;
- in production: projects whose first report saying 竣工投产 is of the measured year;
- investment: completed this year (the same year sum the lights use), against the year's
  target and against the sum of the projects' annual plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from bot.board import meeting_panel, problems_panel
from bot.board.assessment_panel import FinalRanking, final_ranking
from bot.board.assignments_panel import MeetingAssignments, latest_assignments
from bot.board.meeting_panel import NextMeeting
from bot.board.problems_panel import SupervisedProblem
from bot.board.targets import measured_year, target_for
from bot.board.viewer import BoardViewer
from bot.people.access import sees_phones, visible_projects
from bot.status.compute import Asked
from bot.status.queries import statuses
from bot.status.summaries import ParkSummary, Ranking, by_park, fastest_and_slowest
from bot.status.types import ProjectStatus
from models import CampaignTarget, Category, Park, Person, ProgressReport, Project, Stage

if TYPE_CHECKING:
    from bot.services import Services

# A board link looks with city-wide eyes (a transient person, never stored), filtered after.
LINK_EYES = Person(name="board-link", phone="-", is_leader=True, city_scope=True, active=True)
_STARTED_RANK = Stage.STARTED.rank
_RANKS = {stage.value: stage.rank for stage in Stage}
_NEW_START, _PRODUCING = Category.NEW_START.value, Stage.IN_PRODUCTION.value


@dataclass(frozen=True)
class Headline:
    """The city's (or the scope's) figures against the year's targets."""

    year: int
    target: CampaignTarget | None  # None: no targets set for the year (the board says so)
    city_wide: bool  # the targets are the city's; a narrower scope shows them for reference
    new_starts: int
    in_production: int
    investment: Decimal  # 万元 completed this year
    annual_plan: Decimal  # 万元, the sum of the projects' annual plans
    projects: int
    lights: dict[str, int]

    def share(self, done: Decimal | int, goal: Decimal | int | None) -> Decimal | None:
        """Done as a percentage of the goal (None without a goal)."""
        if not goal:
            return None
        return (Decimal(done) * 100 / Decimal(goal)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Freshness:
    """Per panel, the newest data it used ("数据截至 …"); None: no data yet."""

    projects: datetime | None
    problems: datetime | None
    ranking: datetime | None
    meeting: datetime | None


@dataclass
class BoardSnapshot:
    """Everything the board shows, for one viewer at one moment."""

    viewer: BoardViewer
    now: datetime
    scope_name: str | None  # the park of a park link; None: the viewer's own scope
    whole_city: bool
    headline: Headline
    parks: list[ParkSummary]
    problems: list[SupervisedProblem]  # the first `listed` (board_snapshot's argument)
    problems_total: int
    ranking: Ranking
    meeting: NextMeeting | None
    freshness: Freshness
    evaluation_period: str
    shows_phones: bool = False
    project_ids: list[int] = field(default_factory=list)
    assessment: FinalRanking | None = None  # the latest final result only
    assignments: MeetingAssignments | None = None  # the latest meeting's 交办


def board_snapshot(
    session: Session,
    viewer: BoardViewer,
    services: Services,
    now: datetime | None = None,
    *,
    listed: int = 100,
) -> BoardSnapshot | None:
    """The board for this viewer at `now`; None when the viewer may see nothing (403).

    `listed`: how many open problems to list (all are counted).
    """
    now = now or services.now()
    if viewer.is_link:
        person, park = LINK_EYES, None
        if viewer.park_id is not None:
            park = session.get(Park, viewer.park_id)
            if park is None:
                return None
        scope_name = park.name if park else None
    else:
        person = session.get(Person, viewer.person_id)
        if person is None or not person.active:
            return None
        park, scope_name = None, None
    asked = Asked.at(person, services)
    phones = not viewer.is_link and sees_phones(person)
    asked.today = now.astimezone(services.settings.tz).date()
    rows = statuses(session, asked, park_id=park.id if park else None)
    whole_city = person.sees_whole_city and park is None
    ids = [row.project_id for row in rows]
    scope = and_(Project.active, visible_projects(person))
    if park is not None:
        scope = and_(scope, Project.park_id == park.id)
    problems, problems_total = problems_panel.supervised(session, scope, asked.today, listed)
    ranking = fastest_and_slowest(rows)
    meeting = meeting_panel.next_meeting(
        session, rows, now, park_id=park.id if park else None, shows_phones=phones
    )
    evaluation = rows[0].evaluation_period if rows else ""
    return BoardSnapshot(
        viewer=viewer,
        now=now,
        scope_name=scope_name,
        whole_city=whole_city,
        headline=_headline(session, rows, measured_year(asked.today), whole_city),
        parks=by_park(rows),
        problems=problems,
        problems_total=problems_total,
        ranking=ranking,
        meeting=meeting,
        freshness=Freshness(
            projects=_newest(row.last_submitted_at for row in rows),
            problems=problems_panel.newest_change(session, scope, whole_city=whole_city),
            ranking=_newest(row.last_submitted_at for row in [*ranking.fast, *ranking.slow]),
            meeting=meeting.as_of if meeting else None,
        ),
        evaluation_period=evaluation,
        shows_phones=phones,
        project_ids=ids,
        assessment=final_ranking(session),
        assignments=latest_assignments(
            session, now, asked.today, project_ids=set(ids), whole_city=whole_city
        ),
    )


def _headline(session: Session, rows: list[ProjectStatus], year: int, city: bool) -> Headline:
    lights = {"red": 0, "yellow": 0, "green": 0}
    new_starts = 0
    for row in rows:
        lights[row.light.color] += 1
        rank = _RANKS.get(row.stage, -1)
        if row.category == _NEW_START and rank >= _STARTED_RANK:
            new_starts += 1
    producing = [row.project_id for row in rows if row.stage == _PRODUCING]
    in_production = sum(
        1 for first in _first_production(session, producing).values() if first[:4] == str(year)
    )
    return Headline(
        year=year,
        target=target_for(session, year),
        city_wide=city,
        new_starts=new_starts,
        in_production=in_production,
        investment=sum((row.year_investment for row in rows), Decimal(0)),
        annual_plan=sum((row.annual_plan for row in rows), Decimal(0)),
        projects=len(rows),
        lights=lights,
    )


def _first_production(session: Session, project_ids: list[int]) -> dict[int, str]:
    """The period each project first reported 竣工投产 (the year it went into production)."""
    if not project_ids:
        return {}
    query = (
        select(ProgressReport.project_id, func.min(ProgressReport.period))
        .where(
            col(ProgressReport.project_id).in_(project_ids),
            ProgressReport.stage == _PRODUCING,
            ProgressReport.is_current,
        )
        .group_by(col(ProgressReport.project_id))
    )
    return dict(session.exec(query).all())


def _newest(moments: Iterable[datetime | None]) -> datetime | None:
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None
