"""Status queries at province scale: /overview, /park, /status, /missing and the XLSX ledger.

    python -m benchmarks.status [--repeat 30] [--warmup 3] [--export-repeat 5]
                                [--backend sqlite|postgresql|both] [--no-record]

On each backend (a SQLite file in a temporary directory; PostgreSQL in a database of its own,
`parkbot_bench`, created next to `--postgres-url`'s and dropped at the end) benchmarks.generate
writes the data set once (5,000 projects, 20 parks, 60 periods, 20,000 problems), then every
command's work runs as its handler does it, each repetition in its own `Database.scope()`:
the asker looked up by Telegram account, the status queries, the chat text rendered. Targets
from the issue: p95 ≤ 100 ms per command, the 5,000-project export ≤ 3 s.

"right after a new report": before each repetition (untimed) a liaison revises a project's
latest report, so anything cached about the data is stale: what the first /overview or /park
after every submission costs. "nothing cached": the city view is dropped before each
repetition, as on a new day had the warm-up job not computed it already. The GC column is the
most time the cyclic garbage collector took inside one repetition (gc.callbacks): it explains
slow outliers.

Generation and measurement run in separate child processes, so each one's max RSS is its own.
Times are taken without tracing; tracemalloc peaks come from one more traced repetition of each
command afterwards (tracing slows allocation-heavy code several times over).
"""

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import io
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlmodel import Session

from benchmarks.generate import TELEGRAM_BASE, Stats, describe_stats, first_day, generate
from benchmarks.generate import month_index as _month_index
from bot.db import Database
from bot.i18n import Catalogue
from bot.ledger.content import write_ledger
from bot.people.directory import person_for_account
from bot.status import city_view, compute, queries, summaries
from bot.status.compute import Asked
from bot.status.lights import LightPolicy
from bot.status.missing import missing_in_scope
from handlers.status.commands import clip
from handlers.status.render import card, fresh_line, missing_text, overview_text, park_text
from handlers.viewer import Viewer
from models import ProgressReport, Project

README = Path(__file__).with_name("README.md")
TARGET_MS = 100.0
EXPORT_TARGET_S = 3.0
BENCH_DATABASE = "parkbot_bench"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TZ = ZoneInfo("Asia/Shanghai")
LANGUAGE = "zh_CN"
ADMIN_ID = 1  # benchmarks.generate: people 1-2 are admins, 3 the city leader, then leaders
FIRST_LEADER_ID = 4
MIB = 1024 * 1024


@dataclass
class Setup:
    """The data set's size: what the measuring process needs to know about it."""

    projects: int
    parks: int
    periods: int
    problems: int
    end_period: str

    @property
    def today(self) -> date:
        """The 20th day of the last generated period."""
        return first_day(_month_index(self.end_period)) + timedelta(days=19)

    @property
    def leaders(self) -> int:
        """Leaders generated (one per five projects)."""
        return max(1, -(-self.projects // 5))


# -- the work behind each command --------------------------------------------------------------


@dataclass
class Ask:
    """What a handler has at hand: the catalogue, the clock, the light policy."""

    setup: Setup
    catalogue: Catalogue
    policy: LightPolicy = field(default_factory=LightPolicy)

    def viewer(self, session: Session, person_id: int) -> tuple[Viewer, Asked]:
        """identify() and handlers.status.commands.asked(): the asker, looked up in this session."""
        person = person_for_account(session, TELEGRAM_BASE + person_id)
        if person is None:
            raise LookupError(f"no person bound to account {TELEGRAM_BASE + person_id}")
        return Viewer(person, LANGUAGE, self.catalogue), Asked(
            person, self.setup.today, TZ, self.policy
        )


def overview(session: Session, ask: Ask, person_id: int) -> str:
    """handlers.status.commands.overview_command."""
    viewer, question = ask.viewer(session, person_id)
    rows = queries.statuses(session, question)
    parks = summaries.by_park(rows)
    ranking = summaries.fastest_and_slowest(rows)
    newest = compute.freshness(session, question)
    return clip(overview_text(viewer, parks, rows, ranking, question.period, newest, TZ))


def park(session: Session, ask: Ask, park_id: int) -> str:
    """handlers.status.commands._park_summary, for an admin."""
    viewer, question = ask.viewer(session, ADMIN_ID)
    rows = queries.statuses(session, question, park_id=park_id)
    [summary] = summaries.by_park(rows)
    newest = max((row.last_submitted_at for row in rows if row.last_submitted_at), default=None)
    return clip(park_text(viewer, summary, newest, TZ))


def project_card(session: Session, ask: Ask, project_id: int) -> str:
    """handlers.status.commands._project_card, for an admin."""
    viewer, question = ask.viewer(session, ADMIN_ID)
    row = queries.project_status(session, question, project_id)
    if row is None:
        raise LookupError(f"project {project_id} not found")
    newest = compute.freshness(session, question, Project.id == project_id)
    problems = queries.open_problems_of(session, project_id)
    recent = queries.trend(session, project_id)
    return clip(card(viewer, row, problems, recent, newest, TZ))


def missing(session: Session, ask: Ask, person_id: int) -> str:
    """handlers.status.commands.missing_command."""
    viewer, question = ask.viewer(session, person_id)
    found = missing_in_scope(session, question)
    newest = compute.freshness(session, question)
    reply = missing_text(viewer, found, question.period) + "\n" + fresh_line(viewer, newest, TZ)
    return clip(reply)


@dataclass(frozen=True)
class Command:
    """A command as benchmarked: its work, the argument of repetition i, and what happens
    before each repetition (untimed, in its own transaction)."""

    name: str
    work: Callable[[Session, Ask, int], str]
    argument: Callable[[Setup, int], int]
    before: Callable[[Database, Setup, int], None] | None = None


def new_revision(db: Database, setup: Setup, index: int) -> None:
    """A liaison revises a project's latest report, as bot.reporting.reports does: the old revision
    stops being current, the new one is inserted. Anything cached about the data is stale."""
    table = ProgressReport.__table__
    project_id = (index * 613) % setup.projects + 1
    with db.engine.begin() as connection:
        current = connection.execute(
            select(table)
            .where(table.c.project_id == project_id, table.c.is_current)
            .order_by(table.c.period.desc())
            .limit(1)
        ).one()
        connection.execute(update(table).where(table.c.id == current.id).values(is_current=False))
        values = {key: value for key, value in current._mapping.items() if key != "id"}
        submitted = dt.datetime.combine(setup.today, dt.time(9), TZ) + timedelta(seconds=index)
        values.update(
            revision=current.revision + 1,
            is_current=True,
            progress=f"{current.progress}（修订{index}）",
            submitted_at=submitted,
            changes={"progress": [current.progress, f"{current.progress}（修订{index}）"]},
        )
        connection.execute(insert(table).values(**values))


def nothing_cached(db: Database, setup: Setup, index: int) -> None:
    """The day's first question, had the warm-up job (schedules/warmup.py) not run."""
    city_view.forget_cached()


COMMANDS = (
    Command("/overview (admin, city)", overview, lambda s, i: ADMIN_ID),
    Command(
        "/overview (admin, city, first of the day, nothing cached)",
        overview,
        lambda s, i: ADMIN_ID,
        nothing_cached,
    ),
    Command(
        "/overview (admin, city, right after a new report)",
        overview,
        lambda s, i: ADMIN_ID,
        new_revision,
    ),
    Command(
        "/overview (leader, ~5 projects)",
        overview,
        lambda s, i: FIRST_LEADER_ID + (i * 37) % s.leaders,
    ),
    Command("/park (admin, one park)", park, lambda s, i: i % s.parks + 1),
    Command(
        "/park (admin, one park, right after a new report)",
        park,
        lambda s, i: i % s.parks + 1,
        new_revision,
    ),
    Command("/status (admin, one project)", project_card, lambda s, i: (i * 997) % s.projects + 1),
    Command("/missing (admin, city)", missing, lambda s, i: ADMIN_ID),
)


class GcClock:
    """Seconds the cyclic garbage collector ran (gc.callbacks), to explain slow outliers."""

    def __init__(self) -> None:
        self.total = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._started


GC = GcClock()


def run_once(db: Database, ask: Ask, command: Command, index: int) -> tuple[float, float]:
    """One repetition in its own unit of work, as a handler runs it: (seconds, of which GC)."""
    if command.before is not None:
        command.before(db, ask.setup, index)
    collected = GC.total
    began = time.perf_counter()
    with db.scope() as session:
        reply = command.work(session, ask, command.argument(ask.setup, index))
    elapsed = time.perf_counter() - began
    if not reply:
        raise RuntimeError(f"{command.name}: empty reply")
    return elapsed, GC.total - collected


def export_once(db: Database, ask: Ask) -> tuple[float, float, int, int]:
    """handlers.chart_export.export_command for an admin: (query s, write s, rows, bytes)."""
    began = time.perf_counter()
    with db.scope() as session:
        viewer, question = ask.viewer(session, ADMIN_ID)
        period = question.period
        rows = queries.ledger_rows(session, question, period)
        newest = compute.freshness(session, question)
    queried = time.perf_counter()
    buffer = io.BytesIO()
    write_ledger(
        buffer,
        rows=rows,
        period=period,
        as_of=newest,
        language=viewer.language,
        catalogue=ask.catalogue,
        tz=TZ,
    )
    written = time.perf_counter()
    return queried - began, written - queried, len(rows), len(buffer.getvalue())


# -- measuring (in a child process) ------------------------------------------------------------


@dataclass
class Timing:
    """One command's repetitions."""

    name: str
    samples_ms: list[float]
    gc_ms: list[float]  # garbage collection inside each repetition
    traced_peak_mib: float

    @property
    def p50(self) -> float:
        """Median, ms."""
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        """95th percentile (linear interpolation between closest ranks), ms."""
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[94]

    @property
    def worst(self) -> float:
        """Slowest repetition, ms."""
        return max(self.samples_ms)


@dataclass
class ExportTiming:
    """The ledger's repetitions: query and writing seconds."""

    query_s: list[float]
    write_s: list[float]
    rows: int
    size_bytes: int
    traced_peak_mib: float

    @property
    def totals(self) -> list[float]:
        """Query plus writing, per repetition."""
        return [q + w for q, w in zip(self.query_s, self.write_s, strict=True)]


@dataclass
class Measured:
    """Everything the measuring process found."""

    timings: list[Timing]
    export: ExportTiming
    maxrss_mib: float
    traced_peak_mib: float  # the largest traced peak of any command
    seconds: float


def traced(work: Callable[[], object]) -> float:
    """Peak of Python allocations while doing `work` once, MiB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


def measure(
    url: str, setup: Setup, repeat: int, warmup: int, export_repeat: int, only: str | None
) -> Measured:
    """Times every command (warm-ups first), then the export; traced passes afterwards."""
    began = time.perf_counter()
    db = Database.from_url(url)
    ask = Ask(setup, Catalogue())
    commands = [c for c in COMMANDS if only is None or only in c.name]
    timings = []
    gc.callbacks.append(GC)
    try:
        for command in commands:
            for index in range(warmup):
                run_once(db, ask, command, index)
            runs = [run_once(db, ask, command, warmup + index) for index in range(repeat)]
            samples = [seconds * 1000 for seconds, _ in runs]
            print(f"  {command.name}: p50 {statistics.median(samples):.1f} ms", file=sys.stderr)
            timings.append(Timing(command.name, samples, [gc * 1000 for _, gc in runs], 0.0))
        export_runs = []
        if only is None or "export" in only:
            export_once(db, ask)  # warm-up
            export_runs = [export_once(db, ask) for _ in range(export_repeat)]
        for timing, command in zip(timings, commands, strict=True):
            timing.traced_peak_mib = traced(lambda c=command: run_once(db, ask, c, 0))
        export_peak = traced(lambda: export_once(db, ask)) if export_runs else 0.0
    finally:
        gc.callbacks.remove(GC)
        db.dispose()
    ledger = ExportTiming(
        [run[0] for run in export_runs],
        [run[1] for run in export_runs],
        export_runs[0][2] if export_runs else 0,
        export_runs[0][3] if export_runs else 0,
        export_peak,
    )
    peaks = [t.traced_peak_mib for t in timings] + [export_peak]
    return Measured(
        timings,
        ledger,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        max(peaks),
        time.perf_counter() - began,
    )


def generate_child(url: str, setup: Setup, seed: int) -> tuple[Stats, float]:
    """Generates in a process of its own: the stats and that process's max RSS (MiB)."""
    db = Database.from_url(url)
    try:
        stats = generate(
            db,
            projects=setup.projects,
            parks=setup.parks,
            periods=setup.periods,
            problems=setup.problems,
            seed=seed,
            end_period=setup.end_period,
        )
    finally:
        db.dispose()
    return stats, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(function: Callable, *args: object) -> object:
    """Runs `function(*args)` in a fresh spawned process and returns its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# -- backends ----------------------------------------------------------------------------------


@dataclass
class Backend:
    """One database under test: how to create it, its size, how to drop it."""

    name: str
    url: str
    size: Callable[[], int]
    prepare: Callable[[], str]  # after generation: e.g. ANALYZE; returns what it did
    close: Callable[[], None]


def sqlite_backend(directory: Path) -> Backend:
    """A SQLite file (WAL, as bot.db makes it) in a temporary directory."""
    path = directory / "bench.db"

    def size() -> int:
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        return sum(p.stat().st_size for p in files if p.exists())

    return Backend(
        "SQLite",
        f"sqlite:///{path}",
        size,
        lambda: "no ANALYZE (parkbot never runs it)",
        lambda: None,
    )


def postgres_backend(admin_url: str) -> Backend | str:
    """A database of its own next to `admin_url`'s; a string saying why not if unreachable."""
    url = make_url(admin_url)
    bench_url = url.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
            version = connection.execute(text("SHOW server_version")).scalar_one()
    except Exception as error:  # any failure to connect means: skipped
        admin.dispose()
        return f"skipped: cannot reach {url.render_as_string()} ({type(error).__name__}: {error})"

    def run(sql: str) -> object:
        with admin.connect() as connection:
            return connection.execute(text(sql)).scalar()

    def prepare() -> str:
        bench = create_engine(bench_url, isolation_level="AUTOCOMMIT")
        try:
            with bench.connect() as connection:
                connection.execute(text("VACUUM ANALYZE"))
        finally:
            bench.dispose()
        return "VACUUM ANALYZE after loading (what autovacuum does within a minute)"

    def close() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        admin.dispose()

    return Backend(
        f"PostgreSQL {version.split()[0]}",
        bench_url,
        lambda: int(run(f"SELECT pg_database_size('{BENCH_DATABASE}')")),
        prepare,
        close,
    )


def create_indexes(backend: Backend, specs: list[str]) -> list[str]:
    """`table(col, col)` specs as indexes in the benchmark database (experiments only)."""
    done = []
    engine = create_engine(backend.url)
    try:
        with engine.begin() as connection:
            for number, spec in enumerate(specs, start=1):
                found = re.fullmatch(r"\s*(\w+)\s*\(([^)]*)\)\s*", spec)
                if found is None:
                    raise SystemExit(f"--index wants table(col, ...), got {spec!r}")
                table = found.group(1)
                columns = [c.strip() for c in found.group(2).split(",") if c.strip()]
                name = f"ix_bench_{number}_{table}"
                connection.execute(text(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})"))
                done.append(f"{table}({', '.join(columns)})")
            if engine.dialect.name == "postgresql":
                connection.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    return done


def report_indexes(url: str) -> list[str]:
    """The indexes on progress_report, as `name(columns)`."""
    engine = create_engine(url)
    try:
        found = inspect(engine).get_indexes("progress_report")
    finally:
        engine.dispose()
    return [f"{index['name']}({', '.join(index['column_names'])})" for index in found]


@dataclass
class Result:
    """One backend's run."""

    backend: str
    skipped: str | None = None
    stats: Stats | None = None
    generation_maxrss_mib: float = 0.0
    size_bytes: int = 0
    prepared: str = ""
    indexes: list[str] = field(default_factory=list)
    report_indexes: list[str] = field(default_factory=list)
    measured: Measured | None = None


def run_backend(backend: Backend, setup: Setup, args: argparse.Namespace) -> Result:
    """Generate, prepare, (extra indexes), measure, size; the database is dropped after."""
    result = Result(backend.name)
    try:
        print(f"{backend.name}: generating ...", file=sys.stderr)
        result.stats, result.generation_maxrss_mib = in_child(
            generate_child, backend.url, setup, args.seed
        )
        print(describe_stats(result.stats), file=sys.stderr)
        result.prepared = backend.prepare()
        if args.index:
            result.indexes = create_indexes(backend, args.index)
        result.size_bytes = backend.size()
        result.report_indexes = report_indexes(backend.url)
        print(f"{backend.name}: measuring ...", file=sys.stderr)
        result.measured = in_child(
            measure, backend.url, setup, args.repeat, args.warmup, args.export_repeat, args.only
        )
    finally:
        backend.close()
    return result


# -- reporting ---------------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    """✅ within the target, ❌ above it."""
    return "✅" if value <= target else "❌"


def tables(results: list[Result], repeat: int, export_repeat: int) -> str:
    """The results as markdown tables."""
    lines = [
        f"Per command: {repeat} repetitions after the warm-ups, each in its own unit of work; "
        f"target p95 ≤ {TARGET_MS:.0f} ms.",
        "",
        "| backend | command | p50 ms | p95 ms | max ms | p95 ≤ 100 ms | GC ms (most in one run) "
        "| tracemalloc peak MiB |",
        "| --- | --- | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for result in results:
        if result.measured is None:
            lines.append(f"| {result.backend} | {result.skipped or 'not run'} | | | | | |")
            continue
        for t in result.measured.timings:
            lines.append(
                f"| {result.backend} | {t.name} | {t.p50:.1f} | {t.p95:.1f} | {t.worst:.1f} "
                f"| {verdict(t.p95, TARGET_MS)} | {max(t.gc_ms):.0f} | {t.traced_peak_mib:.1f} |"
            )
    lines += [
        "",
        f"XLSX ledger of every project (`queries.ledger_rows` + `compute.freshness`, then "
        f"`content.write_ledger`): {export_repeat} repetitions after a warm-up; target ≤ "
        f"{EXPORT_TARGET_S:.0f} s.",
        "",
        "| backend | rows | query s (median) | write s (median) | total s p50 | total s max "
        "| ≤ 3 s | xlsx KiB | tracemalloc peak MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for result in results:
        m = result.measured
        if m is None or not m.export.query_s:
            continue
        e = m.export
        totals = e.totals
        lines.append(
            f"| {result.backend} | {e.rows:,} | {statistics.median(e.query_s):.2f} "
            f"| {statistics.median(e.write_s):.2f} | {statistics.median(totals):.2f} "
            f"| {max(totals):.2f} | {verdict(max(totals), EXPORT_TARGET_S)} "
            f"| {e.size_bytes / 1024:,.0f} | {e.traced_peak_mib:.1f} |"
        )
    lines += [
        "",
        "| backend | progress_report rows | problems | generation s | database size MiB "
        "| after loading | generation max RSS MiB | measuring max RSS MiB | measuring wall s |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for result in results:
        m, s = result.measured, result.stats
        if m is None or s is None:
            continue
        extra = f"; extra indexes: {', '.join(result.indexes)}" if result.indexes else ""
        lines.append(
            f"| {result.backend} | {s.reports:,} | {s.problems:,} | {s.total_seconds:.1f} "
            f"| {result.size_bytes / MIB:.1f} | {result.prepared}{extra} "
            f"| {result.generation_maxrss_mib:.0f} | {m.maxrss_mib:.0f} | {m.seconds:.0f} |"
        )
    lines.append("")
    for result in results:
        if result.report_indexes:
            lines.append(
                f"- {result.backend}, indexes on progress_report besides its primary key and "
                f"unique constraint: {', '.join(result.report_indexes)}"
            )
    return "\n".join(lines)


def code_version() -> str:
    """The commit measured, and a digest of the measured modules if they differ from it."""
    root = Path(__file__).resolve().parent.parent
    modules = [
        "bot/status/queries.py", "bot/status/missing.py", "bot/status/lights.py",
        "bot/ledger/content.py",
        "bot/ledger/workbook.py", "bot/people/access.py",
        "handlers/status/render.py", "models/report.py", "migrations/versions",
    ]  # fmt: skip
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
            check=True,
        ).stdout.strip()  # fmt: skip
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", *modules], cwd=root, capture_output=True,
            text=True, check=True,
        ).stdout.split("\n")  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "code version unknown"
    paths = sorted(line[3:] for line in changed if line.strip())
    if not paths:
        return f"code at commit {head}"
    digest = hashlib.sha256()
    for path in paths:
        target = root / path
        digest.update(target.read_bytes() if target.is_file() else b"")
    return (
        f"code at commit {head} plus uncommitted changes to {', '.join(paths)} "
        f"(sha256 of those files {digest.hexdigest()[:12]})"
    )


def machine() -> str:
    """CPU model, cores, memory, Python and OS in one line."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        found = re.search(r"^Model name:\s*(.+)$", lscpu, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    memory = "?"
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else memory
    cores = len(os.sched_getaffinity(0))
    return f"{cpu}, {cores} cores, {memory}, Python {platform.python_version()}"


def record(body: str) -> None:
    """Replaces this benchmark's marked section of benchmarks/README.md (appends if missing)."""
    begin, end = "<!-- status:begin -->", "<!-- status:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text_ = README.read_text() if README.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text_):
        text_ = pattern.sub(lambda _: block, text_)
    else:
        text_ = text_.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text_)


def main() -> int:
    """Runs both backends, prints the tables, records them in benchmarks/README.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--parks", type=int, default=20)
    parser.add_argument("--periods", type=int, default=60)
    parser.add_argument("--problems", type=int, default=20000)
    parser.add_argument("--end-period", default="2026-11")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--export-repeat", type=int, default=5)
    parser.add_argument("--only", help="only commands whose name contains this (or 'export')")
    parser.add_argument(
        "--index",
        action="append",
        default=[],
        help="experiment: create this index, table(col, ...), before measuring (repeatable)",
    )
    parser.add_argument("--no-record", action="store_true", help="leave README.md alone")
    args = parser.parse_args()
    setup = Setup(args.projects, args.parks, args.periods, args.problems, args.end_period)
    load_before = os.getloadavg()[0]
    version = code_version()
    print(version, file=sys.stderr)
    began = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="parkbot-bench-") as directory:
        if args.backend in ("sqlite", "both"):
            results.append(run_backend(sqlite_backend(Path(directory)), setup, args))
    if args.backend in ("postgresql", "both"):
        backend = postgres_backend(args.postgres_url or DEFAULT_POSTGRES)
        if isinstance(backend, str):
            print(f"PostgreSQL {backend}", file=sys.stderr)
            results.append(Result("PostgreSQL", skipped=backend))
        else:
            results.append(run_backend(backend, setup, args))
    wall = time.perf_counter() - began
    load = f"1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    body = tables(results, args.repeat, args.export_repeat)
    print(body)
    print(f"\nTotal wall time {wall:.0f} s; {load}.")
    if not args.no_record and not args.only:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        command = " ".join(["python -m benchmarks.status", *sys.argv[1:]])
        record(
            f"Last run {stamp}: `{command}` — {args.projects:,} projects, {args.parks} parks, "
            f"{args.periods} periods, {args.problems:,} problems, asked on "
            f"{setup.today.isoformat()}; {version}; total wall time {wall:.0f} s, {load}; "
            f"{machine()}.\n\n{body}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
