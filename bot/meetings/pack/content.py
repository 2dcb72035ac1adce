"""What the pre-meeting pack (会前材料) holds: plain data for one meeting at one moment.

Nothing here renders (bot.meetings.pack.pdf and .xlsx do). Every figure comes from the
status code the chat answers use, so the pack says what /overview, /park and the cards say:

- the host park's status and the city's, park by park (bot.status.summaries, as /overview);
- the host park's red and yellow projects, each with the light rule's reasons and fixes
  (bot.status.lights: the `Reason`s themselves, rendered by `explain`);
- the host park's open problems with their owners (unit, due date, 责任领导), overdue ones
  marked as the light rule counts them (assigned and past due);
- the previous meeting's assignments (交办: problems whose meeting_id is that meeting), by due
  date, and where each stands;
- the projects still missing a report for the meeting's period, city-wide by park
  (bot.status.missing: leave excuses);
- the newest published assessment ranking (open for objections or final), per park type.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_
from sqlmodel import Session, col, select

from bot.meetings import assignments
from bot.status.city_view import CITY_VIEW
from bot.status.compute import Asked
from bot.status.lights import DEFAULT_POLICY, LightPolicy
from bot.status.missing import missing_by_park
from bot.status.queries import statuses
from bot.status.summaries import ParkSummary, by_park
from bot.status.types import Reason
from models import (
    AssessmentRun,
    Meeting,
    MeetingStatus,
    Park,
    Person,
    Problem,
    ProblemStatus,
    Project,
    Publication,
)


class PackError(LookupError):
    """No pack for this id: the meeting does not exist."""


@dataclass(frozen=True)
class StatusBlock:
    """A park's (or the city's) projects by light, reports in, investment against plan."""

    name: str
    projects: int
    green: int
    yellow: int
    red: int
    reported: int  # projects with a report for the meeting's period
    reported_percent: Decimal
    annual_plan: Decimal  # 万元
    year_investment: Decimal  # 万元
    plan_percent: Decimal
    expected_percent: Decimal  # the time-proportional plan (序时进度) every project is measured at


@dataclass(frozen=True)
class FlaggedProject:
    """A red or yellow project, why, and what would turn it green."""

    name: str
    enterprise: str
    color: str
    leader: str
    annual_plan: Decimal
    year_investment: Decimal
    plan_percent: Decimal
    expected_percent: Decimal
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class ProblemLine:
    """A problem or an assignment with its owners and where it stands."""

    id: int
    project: str  # "" for an assignment that names no project
    text: str
    status: str  # ProblemStatus value
    unit: str  # the unit it is handed to (assigned_unit), "" if none yet
    leader: str  # 责任领导, "" if none
    due: date | None
    overdue: bool
    raised_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class MissingLine:
    """A project without a report for the period; excused when every liaison is on leave."""

    park: str
    project: str
    excused: bool


@dataclass(frozen=True)
class RankedPark:
    """One park's line of an assessment ranking."""

    park_type: str
    rank: int
    park: str
    total: Decimal


@dataclass(frozen=True)
class AssessmentRanking:
    """The newest published assessment: its period, whether final, its ranking."""

    period: str
    final: bool
    parks: tuple[RankedPark, ...]


@dataclass(frozen=True)
class PreviousMeeting:
    """The meeting before this one, whose assignments the pack follows up."""

    id: int
    starts_at: datetime
    park: str


@dataclass(frozen=True)
class Pack:
    """Everything the pack shows for one meeting, as of `generated_at`."""

    meeting_id: int
    starts_at: datetime
    place: str
    park: str
    period: str
    generated_at: datetime
    host: StatusBlock
    city: StatusBlock
    parks: tuple[StatusBlock, ...]  # every park, ranked as /overview ranks them
    flagged: tuple[FlaggedProject, ...]
    problems: tuple[ProblemLine, ...]
    previous: PreviousMeeting | None
    assignments: tuple[ProblemLine, ...]
    missing: tuple[MissingLine, ...]
    ranking: AssessmentRanking | None


def build_pack(
    session: Session, meeting_id: int, *, now: datetime, policy: LightPolicy = DEFAULT_POLICY
) -> Pack:
    """The pack of meeting `meeting_id` as of `now`; PackError for an unknown id."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise PackError(meeting_id)
    park = session.get(Park, meeting.park_id)
    park_name = park.name if park else ""
    today = now.date()
    asked = Asked(CITY_VIEW, today, now.tzinfo, policy)
    rows = statuses(session, asked)
    summaries = by_park(rows, meeting.period)
    host_rows = [row for row in rows if row.park_id == meeting.park_id]
    host = ParkSummary(meeting.park_id, park_name, host_rows, meeting.period)
    city = ParkSummary(None, "", rows, meeting.period)
    expected = rows[0].expected_percent if rows else Decimal(0)
    people = _names(session)
    leaders = dict(
        session.exec(
            select(Project.id, Project.leader_id).where(Project.park_id == meeting.park_id)
        ).all()
    )
    flagged = tuple(
        FlaggedProject(
            name=row.name,
            enterprise=row.enterprise,
            color=row.light.color,
            leader=people.get(leaders.get(row.project_id), ""),
            annual_plan=row.annual_plan,
            year_investment=row.year_investment,
            plan_percent=row.plan_percent,
            expected_percent=row.expected_percent,
            reasons=row.light.reasons,
        )
        for row in host_rows  # laggards first, as statuses orders them
        if row.light.color != "green"
    )
    previous = previous_meeting(session, meeting)
    return Pack(
        meeting_id=meeting_id,
        starts_at=meeting.starts_at,
        place=meeting.place,
        park=park_name,
        period=meeting.period,
        generated_at=now,
        host=_block(host, park_name, expected),
        city=_block(city, "", expected),
        parks=tuple(_block(summary, summary.name, expected) for summary in summaries),
        flagged=flagged,
        problems=_open_problems(session, meeting.park_id, today, people),
        previous=(
            None
            if previous is None
            else PreviousMeeting(previous.id, previous.starts_at, _park_name(session, previous))
        ),
        assignments=_assignments(session, previous, today),
        missing=tuple(
            MissingLine(entry.park, name, excused)
            for entry in missing_by_park(session, meeting.period, now)
            for names, excused in ((entry.missing, False), (entry.excused, True))
            for name in names
        ),
        ranking=latest_ranking(session),
    )


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The latest meeting held (or scheduled) before this one; cancelled ones never count."""
    query = (
        select(Meeting)
        .where(
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.starts_at < meeting.starts_at,
            Meeting.id != meeting.id,
        )
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    )
    return session.exec(query).first()


def latest_ranking(session: Session) -> AssessmentRanking | None:
    """The newest published assessment's ranking (final or still open), None before one."""
    # Only assessment publications have a run (the pairing table's has none).
    query = (
        select(Publication, AssessmentRun)
        .join(AssessmentRun, col(AssessmentRun.id) == Publication.run_id)
        .order_by(col(Publication.published_at).desc(), col(Publication.id).desc())
    )
    found = session.exec(query).first()
    if found is None:
        return None
    from bot.assessment import runs  # the scoring code loads only when there is a result

    publication, run = found
    if publication.kind != runs.KIND:
        return None
    result, _ = runs.result_of(run)
    parks = tuple(
        RankedPark(score.park_type, score.rank, score.park, score.total)
        for kind in dict.fromkeys(score.park_type for score in result.parks)
        for score in result.of_type(kind)
    )
    return AssessmentRanking(run.period, publication.status == "final", parks)


def _block(summary: ParkSummary, name: str, expected: Decimal) -> StatusBlock:
    counts = summary.counts
    return StatusBlock(
        name=name,
        projects=len(summary.rows),
        green=counts["green"],
        yellow=counts["yellow"],
        red=counts["red"],
        reported=summary.reported,
        reported_percent=summary.reported_percent,
        annual_plan=summary.annual_plan,
        year_investment=summary.year_investment,
        plan_percent=summary.plan_percent,
        expected_percent=expected,
    )


def _names(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Person.id, Person.name)).all())


def _line(problem: Problem, project: str, leader: str, overdue: bool) -> ProblemLine:
    return ProblemLine(
        id=problem.id,
        project=project,
        text=problem.text,
        status=problem.status,
        unit=problem.assigned_unit or "",
        leader=leader,
        due=problem.due_date,
        overdue=overdue,
        raised_at=problem.raised_at,
        resolved_at=problem.resolved_at,
    )


def _open_problems(
    session: Session, park_id: int, today: date, people: dict[int, str]
) -> tuple[ProblemLine, ...]:
    """The host park's unresolved problems: overdue first, then by due date, then oldest."""
    query = (
        select(Problem, Project.name)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(
            and_(
                Project.park_id == park_id,
                Project.active,
                col(Problem.status) != ProblemStatus.RESOLVED.value,
            )
        )
    )
    lines = [
        _line(problem, name, people.get(problem.leader_id, ""), problem.overdue_on(today))
        for problem, name in session.exec(query)
    ]
    return tuple(sorted(lines, key=lambda p: (not p.overdue, p.due or date.max, p.raised_at, p.id)))


def _assignments(
    session: Session, previous: Meeting | None, today: date
) -> tuple[ProblemLine, ...]:
    """The previous meeting's assignments by due date (none dated last), then id."""
    if previous is None:
        return ()
    lines = [
        _line(line.problem, line.project, line.leader, line.overdue)
        for line in assignments.assignments_of(session, previous.id, today)
    ]
    return tuple(sorted(lines, key=lambda p: (p.due is None, p.due or date.max, p.id)))


def _park_name(session: Session, meeting: Meeting) -> str:
    park = session.get(Park, meeting.park_id)
    return park.name if park else ""
