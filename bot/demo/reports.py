"""The demo's months of progress reports, written through the domain's own functions.

Each demo project has a story (`STORIES`): how far behind the time-proportional plan its
investment runs, which recent months it did not report, the stage it is stuck at, a problem
and what became of it. From those and the plan dates the reports of every month from the
campaign's start (January of last month's year, at least six months back) are filed by the
project's first liaison with `bot.reporting.reports.submit_report`, problems handed on and
closed with `bot.problems.service`, so they are rows with revisions, history and audit entries
like any other.

Writing is forward only: a month already reported, or before a project's latest report, is
left alone, so loading the demo again writes nothing new on the same day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, col, select

from bot.parsing import next_period, period_bounds, period_of, previous_period
from bot.people.directory import person_by_phone
from bot.problems import service as problem_steps
from bot.reporting.reports import ReportInput, cumulative_before, submit_report
from models import Person, Problem, ProgressReport, Project
from models.report import Stage

CAMPAIGN_MONTHS = 6  # reports go back at least this many months
MID_MONTH = 15  # from this day on, the keenest projects have reported the current month


@dataclass(frozen=True)
class DemoProblem:
    """A problem raised in the report `months_ago`, and what became of it."""

    months_ago: int
    text: str
    outcome: str  # open / assigned / overdue / resolved
    unit: str = ""


@dataclass(frozen=True)
class Story:
    """How a demo project has been doing."""

    behind: int = 0  # points behind the time-proportional plan (negative: ahead of it)
    silent: int = 0  # the last months without a report (1: last month)
    gaps: tuple[int, ...] = ()  # earlier months without a report, as months ago
    stuck: Stage | None = None  # reports never get past this stage
    this_month: bool = False  # reports the current month from mid-month
    revised: int | None = None  # the report of this many months ago was corrected next day
    problem: DemoProblem | None = None


# What the lights show follows from these: production-late (德施), start-late (道氏 red, 润田
# yellow), missing reports (锘达 red, 昊天 yellow), an overdue problem (电镀), behind plan.
STORIES: dict[str, Story] = {
    "中联起重机械": Story(behind=-3, this_month=True, revised=2),
    "中锂新材电池隔膜二期": Story(
        behind=18, problem=DemoProblem(3, "隔膜生产线进口设备清关延误，需协调海关加快办理", "open")
    ),
    "电镀产业园二期": Story(
        behind=45,
        problem=DemoProblem(4, "电镀废水处理站排污许可证尚未办结", "overdue", "市生态环境局"),
    ),
    "德施普惠医药": Story(
        stuck=Stage.TRIAL,
        problem=DemoProblem(2, "GMP认证现场检查尚未安排", "assigned", "市市场监督管理局"),
    ),
    "中天精密": Story(),
    "昊天汽车二期": Story(silent=1),
    "道氏新能源": Story(
        behind=25,
        stuck=Stage.PREPARATION,
        problem=DemoProblem(2, "项目用地指标尚未落实，土地未能交付", "assigned", "市自然资源局"),
    ),
    "辣妹子食品二期": Story(this_month=True),
    "锘达科技": Story(silent=2),
    "润田农机": Story(stuck=Stage.PREPARATION),
    "金牛铝材": Story(behind=12),
    "石门海螺节能板材": Story(),
    "飞桥汽车板簧": Story(problem=DemoProblem(1, "厂区外配套道路未完工，影响设备进场", "open")),
    "美华尼龙四期": Story(behind=-5, this_month=True),
    "三特机械二期": Story(),
    "海利化工扩建": Story(behind=35, gaps=(3,)),
    "西洞庭科开一期标准厂房": Story(
        problem=DemoProblem(4, "施工用电增容报装进度慢", "resolved", "国网常德供电公司")
    ),
    "武陵移动互联网产业园": Story(),
}

# Demo content (like the names above), not interface text: what a liaison would write.
PROGRESS = {
    Stage.PREPARATION: "前期手续办理中，推进用地报批和施工图审查。",
    Stage.STARTED: "场地平整、桩基施工，形象进度 {percent}%。",
    Stage.MAIN_WORKS: "主体结构施工，形象进度 {percent}%。",
    Stage.EQUIPMENT: "主体完工，生产设备进场安装，形象进度 {percent}%。",
    Stage.TRIAL: "设备联调联试，试生产运行，形象进度 {percent}%。",
    Stage.IN_PRODUCTION: "竣工投产，生产线稳定运行。",
}
CORRECTION = "（更正：补报设备款）"
RESOLUTION = "已协调办结，问题销号。"
# Physical progress (percent) where each stage begins; the highest a stuck stage reaches.
STAGE_FROM = (
    (Stage.IN_PRODUCTION, 100),
    (Stage.TRIAL, 85),
    (Stage.EQUIPMENT, 60),
    (Stage.MAIN_WORKS, 15),
    (Stage.STARTED, 1),
)
STUCK_AT = {
    Stage.PREPARATION: 0,
    Stage.STARTED: 14,
    Stage.MAIN_WORKS: 59,
    Stage.EQUIPMENT: 84,
    Stage.TRIAL: 95,
}


@dataclass
class ReportsWritten:
    """How many reports, revisions and problems one load wrote."""

    reports: int = 0
    revisions: int = 0
    problems: int = 0


def campaign_start(today: date) -> str:
    """The first period with demo reports: January of last month's year, or six months back."""
    last = previous_period(period_of(today))
    start = period_of(today)
    for _ in range(CAMPAIGN_MONTHS):
        start = previous_period(start)
    return min(f"{last[:4]}-01", start)


def write_reports(
    session: Session, liaisons: dict[str, str], admin_phone: str, *, now: datetime, today: date
) -> ReportsWritten:
    """Files the demo projects' missing months of reports (forward only); returns the counts."""
    written = ReportsWritten()
    start = campaign_start(today)
    admin = person_by_phone(session, admin_phone)
    projects = session.exec(select(Project).where(col(Project.name).in_(list(STORIES))))
    for project in sorted(projects, key=lambda p: list(STORIES).index(p.name)):
        if project.created_at == now:
            # Just imported: the demo's campaign has been running since `start`, so the
            # months without a report since then count as missing.
            first = period_bounds(start)[0]
            project.created_at = datetime.combine(first, time(9, 0), tzinfo=now.tzinfo)
            session.add(project)
        reporter = person_by_phone(session, liaisons[project.name])
        if reporter is None or admin is None:
            continue
        _write_project(session, project, STORIES[project.name], reporter, admin, now, today,
                       start, written)  # fmt: skip
    return written


def _write_project(
    session: Session,
    project: Project,
    story: Story,
    reporter: Person,
    admin: Person,
    now: datetime,
    today: date,
    start: str,
    written: ReportsWritten,
) -> None:
    current = period_of(today)
    reported = set(
        session.exec(
            select(ProgressReport.period).where(
                ProgressReport.project_id == project.id, ProgressReport.is_current
            )
        )
    )
    latest = max(reported, default="")
    order = list(STORIES).index(project.name)
    period = start
    while period <= current:
        ago = _months_between(period, current)
        day = MID_MONTH if ago == 0 else 26
        submitted = datetime.combine(
            period_bounds(period)[0].replace(day=day), time(16, order), tzinfo=now.tzinfo
        )
        skip = (
            (ago == 0 and not story.this_month)
            or 0 < ago <= story.silent
            or ago in story.gaps
            or period in reported
            or period < latest
            or submitted >= now
        )
        if not skip:
            _file(session, project, story, reporter, admin, period, ago, submitted, written)
        period = next_period(period)


def _file(
    session: Session,
    project: Project,
    story: Story,
    reporter: Person,
    admin: Person,
    period: str,
    ago: int,
    submitted: datetime,
    written: ReportsWritten,
) -> None:
    problem = story.problem if story.problem and story.problem.months_ago == ago else None
    if problem is not None and _raised_before(session, project, problem.text):
        problem = None
    data = _report(session, project, story, period, problem.text if problem else "")
    result = submit_report(session, person=reporter, data=data, now=submitted)
    written.reports += 1
    if story.revised == ago:
        data.investment_month += min(Decimal(500), _room(session, project, period, data))
        data.progress += CORRECTION
        submit_report(session, person=reporter, data=data, now=submitted + timedelta(days=1))
        written.reports += 1
        written.revisions += 1
    if result.problem is not None and problem is not None:
        written.problems += 1
        _follow_up(session, result.problem, problem, admin, submitted)


def _report(
    session: Session, project: Project, story: Story, period: str, problems: str
) -> ReportInput:
    stage, percent = _progress(project, story, period)
    due = _year_target(project, story, period) - _year_done(session, project, period)
    amount = max(Decimal(0), due)
    room = project.total_investment - cumulative_before(session, project.id, period)
    amount = min(amount, max(room, Decimal(0)))
    return ReportInput(
        project_id=project.id,
        period=period,
        investment_month=amount,
        stage=stage.value,
        percent=Decimal(percent),
        progress=PROGRESS[stage].format(percent=percent),
        problems=problems,
        photos=[],
    )


def _room(session: Session, project: Project, period: str, data: ReportInput) -> Decimal:
    cumulative = cumulative_before(session, project.id, period) + data.investment_month
    return max(Decimal(0), project.total_investment - cumulative)


def _year_target(project: Project, story: Story, period: str) -> Decimal:
    """Investment due by the end of `period` in its year, `story.behind` points off the plan."""
    month = int(period[5:7])
    share = max(Decimal(0), Decimal(month * 100) / 12 - story.behind) / 100
    return (project.annual_plan * share).quantize(Decimal(1), ROUND_HALF_UP)


def _year_done(session: Session, project: Project, period: str) -> Decimal:
    months = select(ProgressReport.investment_month).where(
        ProgressReport.project_id == project.id,
        ProgressReport.is_current,
        col(ProgressReport.period) >= f"{period[:4]}-01",
        ProgressReport.period < period,
    )
    return sum(session.exec(months), Decimal(0))


def _progress(project: Project, story: Story, period: str) -> tuple[Stage, int]:
    """Stage and physical percent at the end of `period`, from the plan dates."""
    begin, end = project.planned_start, project.planned_production
    done = (period_bounds(period)[1] - begin).days / max(1, (end - begin).days)
    if done <= 0:
        return Stage.PREPARATION, 0
    percent = min(100, max(1, round(done * 100 * (1 - max(story.behind, 0) / 100))))
    stage = next(stage for stage, lowest in STAGE_FROM if percent >= lowest)
    if story.stuck is not None and stage.rank > story.stuck.rank:
        return story.stuck, STUCK_AT[story.stuck]
    return stage, percent


def _follow_up(
    session: Session, problem: Problem, story: DemoProblem, admin: Person, raised: datetime
) -> None:
    """交办 (and 销号) the problem as the story says, at dates after it was raised."""
    if story.outcome == "open":
        return
    assigned = raised + timedelta(days=2)
    due = {"overdue": (raised + timedelta(days=16)).date()}.get(
        story.outcome, (raised + timedelta(days=90)).date()
    )
    problem_steps.assign(session, problem, unit=story.unit, due=due, actor=admin, now=assigned)
    if story.outcome == "resolved":
        problem_steps.resolve(
            session, problem, note=RESOLUTION, actor=admin, now=raised + timedelta(days=12)
        )


def _raised_before(session: Session, project: Project, text: str) -> bool:
    query = select(Problem.id).where(Problem.project_id == project.id, Problem.text == text)
    return session.exec(query).first() is not None


def _months_between(earlier: str, later: str) -> int:
    return (int(later[:4]) - int(earlier[:4])) * 12 + int(later[5:7]) - int(earlier[5:7])
