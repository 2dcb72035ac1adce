"""A province-scale data set for the status benchmarks, written with bulk Core inserts.

    python -m benchmarks.generate --database-url sqlite:///bench.db [--projects 5000] ...

Defaults: 5,000 projects in 20 parks, 60 monthly periods ending 2026-11 (300,000
progress_report rows), 20,000 problems; about 1,000 leaders (one per 5 projects), 1,667
liaisons (one per 3 projects), 2 admins and a city-level leader. The schema is migrated first
(bot.migrate.upgrade); the target database must not hold parkbot rows yet.

The data is made so that every light rule occurs (bot/status/lights.py) as of the 20th of the last
period: projects ahead of, near and far behind the time-proportional plan; planned starts passed
without a start; planned production passed without production; ~5 % of projects missing the
current and one to three closed months (report-missing) and ~10 % only the current one (the
/missing list); assigned problems past their due date. Each project has one current revision
per period it reported; a few (project, period) pairs carry an older revision too, as many as
the missing reports, so progress_report has exactly projects × periods rows.

Rows go through the tables of SQLModel.metadata, so the column types apply: money (models/types.py
Wan) is bound as integer yuan and timestamps as naive UTC. Ids are assigned here (and the
PostgreSQL sequences moved past them), so no insert needs RETURNING.
"""

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.engine import Engine

from bot import migrate
from bot.db import Database
from models import (
    Leave,
    Park,
    Person,
    Problem,
    ProgressReport,
    Project,
    ProjectLiaison,
    Stage,
)

TZ = ZoneInfo("Asia/Shanghai")
BATCH = 10_000
TELEGRAM_BASE = 5_000_000_000  # telegram_user_id = base + person id: everyone is bound

PARK_NAMES = (
    "常德经开区", "常德高新区", "津市高新区", "澧县经开区", "临澧经开区", "石门经开区",
    "桃源经开区", "汉寿高新区", "安乡高新区", "鼎城高新区", "西洞庭高新区", "西湖高新区",
    "柳叶湖产业园", "武陵产业园", "贺家山产业园", "桃花源产业园", "德山综保区", "澧州产业园",
    "洞庭物流园", "沅澧产业园",
)  # fmt: skip
CHAINS = (
    "装备制造", "生物医药", "新材料", "电子信息", "食品加工", "新能源", "纺织服装", "现代物流",
)  # fmt: skip
PRODUCTS = ("智能装备", "锂电材料", "精密铸件", "光伏组件", "医药中间体", "特种纸", "电子元件")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌"
UNITS = ("自然资源局", "住建局", "生态环境局", "发改委", "工信局", "供电公司", "水利局")
PROBLEM_TEXTS = (
    "用地指标待协调", "施工用电未接入", "环评批复尚未取得", "融资到位慢，需协调银行授信",
    "施工许可证办理中", "道路配套未完成", "用工缺口较大", "设备进口清关延迟",
)  # fmt: skip
PROGRESS_TEXTS = (
    "按计划推进，{stage}，本月完成投资{amount}万元。",
    "{stage}有序推进，现场施工人员约{people}人。",
    "本月完成投资{amount}万元，{stage}，无新增困难。",
)


@dataclass
class Plan:
    """One generated project: who, how big, and its actual timeline in period indexes."""

    id: int
    park_id: int
    leader_id: int
    liaisons: list[int]
    annual_plan: Decimal
    total: Decimal
    pace: float
    start: int  # first period of construction (≥ periods: not started by the end)
    production: int  # first period in production (≥ periods: not reached by the end)
    planned_start: int
    planned_production: int
    missing_tail: int  # the last periods (current one included) without a report
    revised: set[int] = field(default_factory=set)  # periods with an older revision too


@dataclass
class Stats:
    """What was generated, and how long each table took."""

    parks: int = 0
    people: int = 0
    projects: int = 0
    project_liaisons: int = 0
    reports: int = 0
    current_reports: int = 0
    problems: int = 0
    open_problems: int = 0
    overdue_problems: int = 0
    leaves: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        """Wall time of the whole generation, migration included."""
        return sum(self.seconds.values())


# -- periods -----------------------------------------------------------------------------------


def month_index(period: str) -> int:
    """2026-11 -> 2026 * 12 + 10."""
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def period_at(index: int) -> str:
    """The inverse of month_index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def first_day(index: int) -> date:
    """The first day of the period with this month index."""
    return date(index // 12, index % 12 + 1, 1)


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware moment in the city's time zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# -- planning ----------------------------------------------------------------------------------


def plan_projects(
    rng: random.Random, projects: int, parks: int, periods: int, leaders: list[int],
    liaisons: list[int],
) -> list[Plan]:  # fmt: skip
    """Each project's size, pace, timeline and missing tail; every light rule is represented."""
    last = periods - 1
    plans = []
    for n in range(projects):
        annual = Decimal(rng.randrange(2_000, 60_000))  # 万元
        kind = rng.random()
        if kind < 0.04:  # planned start passed 1–5 months ago, not started: start-late
            planned_start = last - rng.randint(1, 5)
            start = production = periods + 12
            planned_production = planned_start + 24
        elif kind < 0.06:  # planned start still ahead
            planned_start = last + rng.randint(1, 6)
            start = production = periods + 12
            planned_production = planned_start + 24
        elif kind < 0.12:  # planned production passed, still not in production
            start = rng.randint(0, max(0, last - 24))
            planned_start = start
            planned_production = last - rng.randint(1, 10)
            production = last + rng.randint(1, 8)
        else:  # on its way, or in production on time
            start = rng.randint(0, max(0, last - 6))
            planned_start = start - rng.randint(0, 1)
            production = start + rng.randint(18, 54)
            planned_production = production + rng.randint(0, 3)
        tail = rng.random()
        missing = rng.choice((2, 3, 4)) if tail < 0.05 else 1 if tail < 0.15 else 0
        draw = rng.random()  # ahead or on plan / behind (yellow) / far behind (red)
        low, high = (0.92, 1.25) if draw < 0.65 else (0.7, 0.88) if draw < 0.87 else (0.35, 0.65)
        pace = rng.uniform(low, high)
        first_liaison = liaisons[n // 3 % len(liaisons)]
        served = [first_liaison]
        if rng.random() < 0.1:
            served.append(rng.choice([p for p in rng.sample(liaisons, 2) if p != first_liaison]))
        plans.append(
            Plan(
                id=n + 1,
                park_id=n % parks + 1,
                leader_id=leaders[n // 5 % len(leaders)],
                liaisons=served,
                annual_plan=annual,
                total=annual * Decimal(rng.randint(55, 90)) / 10,
                pace=pace,
                start=start,
                production=production,
                planned_start=planned_start,
                planned_production=planned_production,
                missing_tail=min(missing, periods),
            )
        )
    extra = sum(plan.missing_tail for plan in plans)
    while extra:
        plan = rng.choice(plans)
        period = rng.randrange(periods - plan.missing_tail)
        if period not in plan.revised:
            plan.revised.add(period)
            extra -= 1
    return plans


def stage_and_percent(plan: Plan, index: int) -> tuple[str, Decimal]:
    """Where construction stands in a period: percent rises, the stage follows it."""
    if index < plan.start:
        return Stage.PREPARATION.value, Decimal(0)
    if index >= plan.production:
        return Stage.IN_PRODUCTION.value, Decimal(100)
    share = (index - plan.start + 1) / (plan.production - plan.start + 1)
    percent = Decimal(min(99.9, round(share * 99, 1))).quantize(Decimal("0.1"))
    if percent < 20:
        stage = Stage.STARTED
    elif percent < 60:
        stage = Stage.MAIN_WORKS
    elif percent < 85:
        stage = Stage.EQUIPMENT
    else:
        stage = Stage.TRIAL
    return stage.value, percent


def category(plan: Plan, periods: int) -> str:
    """The campaign category as of the last period."""
    if plan.production < periods:
        return "in_production"
    if plan.start >= periods:
        return "signed"
    return "new_start" if plan.start >= periods - 12 else "continuing"


# -- rows --------------------------------------------------------------------------------------


def person_rows(leaders: int, liaisons: int, now: datetime) -> Iterator[dict]:
    """2 admins, a city-level leader, then leaders, then liaisons; ids from 1."""
    roles = [("admin", 2), ("city", 1), ("leader", leaders), ("liaison", liaisons)]
    person_id = 0
    for role, count in roles:
        for _ in range(count):
            person_id += 1
            name = SURNAMES[person_id % len(SURNAMES)] + GIVEN[person_id * 7 % len(GIVEN)]
            name += GIVEN[person_id * 13 % len(GIVEN)] if person_id % 3 else ""
            yield {
                "id": person_id,
                "name": f"{name}{person_id}",
                "phone": f"13{person_id:09d}",
                "is_liaison": role == "liaison",
                "is_leader": role in ("leader", "city"),
                "is_admin": role == "admin",
                "city_scope": role == "city",
                "unit": "指挥部" if role == "admin" else "",
                "title": "",
                "telegram_user_id": TELEGRAM_BASE + person_id,
                "language": None,
                "active": True,
                "created_at": now,
                "updated_at": now,
            }


def project_rows(plans: list[Plan], periods: int, created: datetime, end: int) -> Iterator[dict]:
    """The projects table, from the plans."""
    first = end - periods + 1
    for plan in plans:
        chain = CHAINS[plan.id % len(CHAINS)]
        product = PRODUCTS[plan.id * 5 % len(PRODUCTS)]
        yield {
            "id": plan.id,
            "name": f"{PARK_NAMES[(plan.park_id - 1) % len(PARK_NAMES)][:2]}{product}{plan.id:05d}",
            "park_id": plan.park_id,
            "enterprise": f"湖南{SURNAMES[plan.id % len(SURNAMES)]}{chain}有限公司",
            "category": category(plan, periods),
            "industry_chain": chain,
            "total_investment": plan.total,
            "annual_plan": plan.annual_plan,
            "planned_start": first_day(first + plan.planned_start) + timedelta(days=plan.id % 20),
            "planned_production": first_day(first + plan.planned_production)
            + timedelta(days=plan.id % 25),
            "leader_id": plan.leader_id,
            "active": True,
            "created_at": created,
            "updated_at": created,
        }  # fmt: skip


def report_rows(
    rng: random.Random, plans: list[Plan], periods: int, end: int, today: date,
    raised: dict[tuple[int, int], str], report_of: dict[tuple[int, int], int],
) -> Iterator[dict]:  # fmt: skip
    """Every report revision, project by project; records the ids of reports raising problems."""
    first = end - periods + 1
    report_id = 0
    cent = Decimal("0.01")
    for plan in plans:
        cumulative = Decimal(0)
        monthly_plan = plan.annual_plan / 12
        reporter = plan.liaisons[0]
        for index in range(periods - plan.missing_tail):
            stage, percent = stage_and_percent(plan, index)
            factor = plan.pace * rng.uniform(0.7, 1.3) * (0.2 if index < plan.start else 1)
            amount = min((monthly_plan * Decimal(factor)).quantize(cent), plan.total - cumulative)
            cumulative += amount
            month = first + index
            if month == end:  # the current period: filed before today
                day = first_day(month) + timedelta(days=rng.randrange(today.day - 1))
            else:
                day = first_day(month) + timedelta(days=rng.randrange(14, 28))
            submitted = local(day, rng.randrange(8, 21), rng.randrange(60))
            progress = rng.choice(PROGRESS_TEXTS).format(
                stage=stage, amount=amount, people=rng.randrange(20, 400)
            )
            problem = raised.get((plan.id, index), "")
            row = {
                "project_id": plan.id,
                "period": period_at(month),
                "investment_month": amount,
                "investment_cumulative": cumulative,
                "stage": stage,
                "percent": percent,
                "problems": problem,
                "reporter_id": reporter,
            }
            revision = 1
            if index in plan.revised:
                report_id += 1
                yield {
                    **row, "id": report_id, "revision": 1, "is_current": False,
                    "progress": "（初稿）" + progress, "changes": {},
                    "submitted_at": submitted - timedelta(hours=rng.randrange(2, 48)),
                }  # fmt: skip
                revision = 2
            report_id += 1
            changes = {"progress": ["（初稿）" + progress, progress]} if revision == 2 else {}
            if problem:
                report_of[(plan.id, index)] = report_id
            yield {
                **row, "id": report_id, "revision": revision, "is_current": True,
                "progress": progress, "changes": changes, "submitted_at": submitted,
            }  # fmt: skip


def plan_problems(
    rng: random.Random, plans: list[Plan], periods: int, count: int
) -> list[tuple[Plan, int, str]]:
    """(project, period index, text) per problem: most raised in the last two years."""
    chosen: list[tuple[Plan, int, str]] = []
    taken: set[tuple[int, int]] = set()
    while len(chosen) < count:
        plan = rng.choice(plans)
        window = periods if rng.random() < 0.3 else min(periods, 24)
        index = periods - 1 - rng.randrange(window)
        if (plan.id, index) in taken:
            continue
        taken.add((plan.id, index))
        chosen.append((plan, index, rng.choice(PROBLEM_TEXTS)))
    return chosen


def problem_rows(
    rng: random.Random, chosen: list[tuple[Plan, int, str]], periods: int, end: int,
    today: date, report_of: dict[tuple[int, int], int],
) -> Iterator[dict]:  # fmt: skip
    """Problems: old ones mostly resolved; recent ones open or assigned, some past due."""
    first = end - periods + 1
    for problem_id, (plan, index, text_) in enumerate(chosen, start=1):
        raised = local(first_day(first + index) + timedelta(days=rng.randrange(14, 28)), 10)
        raised = min(raised, local(today, 8) - timedelta(days=1))
        age = (today - raised.date()).days
        draw = rng.random()
        status, unit, due, resolved, resolution = "open", None, None, None, None
        if (age > 240 and draw < 0.97) or (age > 60 and draw < 0.6):
            status, unit = "resolved", rng.choice(UNITS)
            due = raised.date() + timedelta(days=rng.randrange(15, 90))
            resolved = raised + timedelta(days=rng.randrange(5, min(age, 120)))
            resolution = "已协调解决"
        elif draw < 0.75:
            status, unit = "assigned", rng.choice(UNITS)
            due = raised.date() + timedelta(days=rng.randrange(15, 120))
        yield {
            "id": problem_id,
            "project_id": plan.id,
            "report_id": report_of.get((plan.id, index)),
            "text": text_,
            "status": status,
            "raised_by_id": plan.liaisons[0],
            "raised_at": raised,
            "assigned_unit": unit,
            "due_date": due,
            "resolved_at": resolved,
            "resolution": resolution,
        }


# -- writing -----------------------------------------------------------------------------------


def batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    """Lists of at most `size` rows."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk(connection: Connection, table: Table, rows: Iterable[dict]) -> int:
    """executemany inserts of `rows` into `table`, BATCH at a time; returns the row count."""
    count = 0
    statement = insert(table)
    for batch in batches(rows):
        connection.execute(statement, batch)
        count += len(batch)
    return count


def _move_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Explicit ids leave PostgreSQL's sequences behind: set them past the largest id."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def _check_empty(engine: Engine) -> None:
    with engine.connect() as connection:
        found = connection.execute(text("SELECT count(*) FROM project")).scalar_one()
    if found:
        raise SystemExit(f"the database already has {found} projects: generate into an empty one")


def generate(
    db: Database,
    *,
    projects: int = 5000,
    parks: int = 20,
    periods: int = 60,
    problems: int = 20000,
    seed: int = 1,
    end_period: str = "2026-11",
) -> Stats:
    """Migrates the database and fills it; returns the counts and the seconds per table."""
    rng = random.Random(seed)
    stats = Stats()
    began = time.perf_counter()
    migrate.upgrade(db.engine)
    _check_empty(db.engine)
    stats.seconds["migrate"] = time.perf_counter() - began
    end = month_index(end_period)
    today = first_day(end) + timedelta(days=19)  # the 20th of the last period
    created = local(first_day(end - periods + 1), 9)
    leaders, liaisons = max(1, -(-projects // 5)), max(2, -(-projects // 3))
    leader_ids = list(range(4, 4 + leaders))
    liaison_ids = list(range(4 + leaders, 4 + leaders + liaisons))
    plans = plan_projects(rng, projects, parks, periods, leader_ids, liaison_ids)
    chosen = plan_problems(rng, plans, periods, problems)
    raised = {(plan.id, index): text_ for plan, index, text_ in chosen}
    report_of: dict[tuple[int, int], int] = {}
    tables = {model: model.__table__ for model in (Park, Person, Project, ProjectLiaison)}

    def timed(name: str, work: Callable[[Connection], int]) -> int:
        start = time.perf_counter()
        with db.engine.begin() as connection:
            count = work(connection)
        stats.seconds[name] = time.perf_counter() - start
        return count

    def roster(connection: Connection) -> int:
        names = [PARK_NAMES[n] if n < len(PARK_NAMES) else f"园区{n + 1}" for n in range(parks)]
        stats.parks = bulk(
            connection, tables[Park], ({"id": n + 1, "name": name} for n, name in enumerate(names))
        )
        stats.people = bulk(connection, tables[Person], person_rows(leaders, liaisons, created))
        stats.projects = bulk(
            connection, tables[Project], project_rows(plans, periods, created, end)
        )
        links = (
            {"project_id": plan.id, "person_id": person, "position": position}
            for plan in plans
            for position, person in enumerate(plan.liaisons)
        )
        stats.project_liaisons = bulk(connection, tables[ProjectLiaison], links)
        away = rng.sample(liaison_ids, min(20, len(liaison_ids)))
        leaves = (
            {
                "id": n + 1,
                "person_id": person,
                "starts_on": local(today - timedelta(days=5), 0),
                "ends_on": local(today + timedelta(days=10), 0),
                "created_at": created,
                "created_by_id": 1,
            }
            for n, person in enumerate(away)
        )
        stats.leaves = bulk(connection, Leave.__table__, leaves)
        return stats.projects

    timed("roster", roster)
    stats.reports = timed(
        "reports",
        lambda c: bulk(
            c,
            ProgressReport.__table__,
            report_rows(rng, plans, periods, end, today, raised, report_of),
        ),
    )
    stats.current_reports = sum(periods - plan.missing_tail for plan in plans)
    problem_list = list(problem_rows(rng, chosen, periods, end, today, report_of))
    stats.problems = timed("problems", lambda c: bulk(c, Problem.__table__, problem_list))
    stats.open_problems = sum(row["status"] != "resolved" for row in problem_list)
    stats.overdue_problems = sum(
        row["status"] == "assigned" and row["due_date"] < today for row in problem_list
    )
    start = time.perf_counter()
    with db.engine.begin() as connection:
        _move_sequences(
            connection,
            [Park.__table__, Person.__table__, Project.__table__, ProgressReport.__table__,
             Problem.__table__, Leave.__table__],
        )  # fmt: skip
    stats.seconds["finish"] = time.perf_counter() - start
    return stats


def describe_stats(stats: Stats) -> str:
    """One line per figure."""
    lines = [
        f"parks {stats.parks}, people {stats.people}, projects {stats.projects}, "
        f"project_liaison {stats.project_liaisons}, leave {stats.leaves}",
        f"progress_report {stats.reports:,} rows ({stats.current_reports:,} current), "
        f"problems {stats.problems:,} ({stats.open_problems:,} not resolved, "
        f"{stats.overdue_problems:,} assigned and overdue)",
        "seconds: "
        + ", ".join(f"{name} {sec:.1f}" for name, sec in stats.seconds.items())
        + f", total {stats.total_seconds:.1f}",
    ]
    return "\n".join(lines)


def main() -> int:
    """Generates into the given database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="SQLAlchemy URL of an empty database")
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--parks", type=int, default=20)
    parser.add_argument("--periods", type=int, default=60)
    parser.add_argument("--problems", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-period", default="2026-11")
    args = parser.parse_args()
    db = Database.from_url(args.database_url)
    try:
        stats = generate(
            db, projects=args.projects, parks=args.parks, periods=args.periods,
            problems=args.problems, seed=args.seed, end_period=args.end_period,
        )  # fmt: skip
    finally:
        db.dispose()
    print(describe_stats(stats))
    print(json.dumps({"seconds": stats.seconds}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
