"""Report form under load: liaisons filing at once, next to a bare python-telegram-bot echo bot.

One driver thread runs every simulated user of a bot; a step's round trip is the time from the
user's action (a message or a button press, queued in the emulator) to the bot's visible answer
to it (a new message, or an edit of the pressed message), seen through the emulator's condition
variable. With `--think-ms LOW-HIGH` each user pauses for a seeded random time before each step
(a person reading and typing); without it, a closed loop. `--latency-ms` gives every Bot API
call a round trip (the emulator's link latency).

One process runs five bots, each long polling a Bot API emulator of its own (own port, own
update queue), with its own users:

- parkbot: the Application from `build_application` (it has an AIORateLimiter), on a migrated
  SQLite database with one project per liaison. Each round every liaison files the March
  report: /report, month, investment, stage, percent, progress, 无, 跳过, ✅ 提交 (9 steps);
  from the second round on it is a revision, one more tap (✏️ 修改这份填报).
- echo+limiter: a bare PTB echo bot built with parkbot's ApplicationBuilder options
  (base_url, base_file_url, AIORateLimiter(max_retries=3)): the framework floor. A text gets
  sendMessage of the same text with a button; a press gets answerCallbackQuery and an edit.
  Its users do the liaisons' exact sequence of texts and presses.
- echo: the same echo bot without a rate limiter.
- parkbot-nolimit: parkbot with its bot's rate limiter taken out (diagnostic: parkbot's own
  cost, which the limiter hides once it is saturated), on a database of its own.
- parkbot-alone: parkbot with a single liaison, on the same link: the baseline of "N at once".

A step without an answer in time, or with a wrong one, is an error (that user stops); after the
run every parkbot database must hold each confirmed report exactly once.

The bots take turns round by round (order reversed every other round), so they never compete
for the CPU while being measured. parkbot's rows also give the time spent inside its database
units of work (Database.scope: SQL, commit and the form logic around it), per step.

    python -m benchmarks.report_form [--liaisons 20] [--rounds 5] [--latency-ms 0]
        [--think-ms LOW-HIGH] [--seed 13] [--section NAME] [--no-record]
"""

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import migrate
from bot.app import build_application
from bot.db import Database, make_engine
from bot.messenger.state import message_text
from bot.services import Services
from bot.telegram.runner import ALLOWED_UPDATES
from models import Project
from models.report import ProgressReport
from tests.e2e.conftest import TOKEN, MovableClock, make_settings
from tests.emulator.runner import BotThread
from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser
from tests.factories import make_park, make_person, make_project

NOW = dt.datetime(2025, 3, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
FIRST_USER_ID = 50_001
STEP_TIMEOUT = 20.0  # seconds; a step slower than this fails the run
ROUND_TIMEOUT = 60.0  # seconds for a round, on top of its steps' timeouts and think time
TARGET_RATIO = 1.3
ALONE_TARGET_RATIO = 1.5  # N liaisons at once vs one alone, over a real link (issue 13)
SUBMIT = "✅ 提交"
README = Path(__file__).with_name("README.md")


# -- what the users do -----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One user action and, for parkbot, a fragment its answer must contain."""

    kind: str  # "command", "text" or "press"
    value: str
    expect: str = ""


def report_steps(round_index: int) -> list[Step]:
    """One monthly report of March; from the second round on, a revision of it."""
    steps = [
        Step("command", "report", "请选择填报月份"),
        Step("press", "2025年3月", "要修改吗" if round_index else "① 本月完成投资"),
    ]
    if round_index:
        steps.append(Step("press", "✏️ 修改这份填报", "① 本月完成投资"))
    return [
        *steps,
        Step("text", f"{1200 + round_index}", "② 目前所处阶段"),
        Step("press", "主体施工", "③ 形象进度（"),
        Step("text", f"{40 + round_index}%", "④ 本月主要进展（"),
        Step("text", f"完成主体结构封顶，开始砌筑（第 {round_index + 1} 轮）。", "⑤ 需要协调"),
        Step("press", "无", "⑥ 现场照片"),
        Step("press", "跳过", "请核对"),
        Step("press", SUBMIT, "已提交"),
    ]


def echo_steps(round_index: int) -> list[Step]:
    """The liaison's sequence of texts and presses, for the echo bot."""
    return [
        Step(step.kind, "🔁" if step.kind == "press" else step.value)
        for step in report_steps(round_index)
    ]


# -- the bots --------------------------------------------------------------------------------


ECHO_KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("🔁", callback_data="again")]])


async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sends the text back as a new message, with a button (as parkbot sends a question)."""
    message = update.effective_message
    await context.bot.send_message(message.chat_id, message.text, reply_markup=ECHO_KEYBOARD)


async def echo_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers the button and edits its message (the text changes every time)."""
    query = update.callback_query
    await query.answer()
    await query.edit_message_text(f"🔁 {query.id}", reply_markup=ECHO_KEYBOARD)


def build_echo(emulator: BotApiEmulator, *, rate_limited: bool) -> Application:
    """A bare Application with parkbot's builder options (optionally without the limiter)."""
    builder = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emulator.base_url)
        .base_file_url(emulator.base_file_url)
    )
    if rate_limited:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo_text))
    application.add_handler(CallbackQueryHandler(echo_press))
    return application


class TimedDatabase(Database):
    """A Database that adds up the CPU time its caller's thread spends inside units of work.

    parkbot's handlers do their database work and form logic synchronously inside one
    `scope()` per update, so this is parkbot's own share of a step, apart from PTB and HTTP.
    CPU time of the thread, not wall time: waiting for the GIL or for a core is left out.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.seconds = 0.0
        self.statements = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_: object) -> None:
        self.statements += 1

    @contextlib.contextmanager
    def scope(self) -> Iterator[Session]:
        """Database.scope, timed."""
        started = time.thread_time()
        try:
            with super().scope() as session:
                yield session
        finally:
            self.seconds += time.thread_time() - started


def make_database(directory: Path, liaisons: int) -> TimedDatabase:
    """A migrated SQLite database with one project per liaison, bound to a Telegram id."""
    db = TimedDatabase(make_engine(f"sqlite:///{directory / 'parkbot.db'}"))
    migrate.upgrade(db.engine)
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        for index in range(liaisons):
            person = make_person(
                session,
                f"联络员{index + 1}",
                is_liaison=True,
                telegram_user_id=FIRST_USER_ID + index,
            )
            make_project(
                session,
                name=f"压测项目{index + 1}",
                park=park,
                liaisons=(person,),
                total_investment=Decimal("1000000"),
            )
    db.seconds, db.statements = 0.0, 0
    return db


def without_rate_limiter(application: Application) -> Application:
    """The same Application with its bot's rate limiter taken out (diagnostic target only)."""
    application.bot._rate_limiter = None  # before initialize(); PTB has no public setter
    return application


@dataclass
class Target:
    """A running bot, its emulator, its users and what they do each round."""

    name: str
    emulator: BotApiEmulator
    thread: BotThread
    riders: "list[Rider]"
    steps: Callable[[int], list[Step]]
    db: TimedDatabase | None = None
    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    bot_cpu: float = 0.0  # CPU seconds of the bot's thread while driven
    emulator_cpu: float = 0.0  # CPU seconds of the emulator's thread while driven
    driver_cpu: float = 0.0  # CPU seconds of the thread driving the simulated users
    errors: int = 0  # users whose round failed (no answer in time, or a wrong one)

    def cpu_clocks(self) -> tuple[int, int]:
        """The CPU-time clocks of the bot's thread and of the emulator's thread."""
        bot = self.thread.run(thread_clock)
        loop = self.emulator.web.loop
        assert loop is not None, "the emulator is not running"
        emulator = asyncio.run_coroutine_threadsafe(thread_clock(), loop).result(10)
        return bot, emulator


async def thread_clock() -> int:
    """The CPU-time clock id of the thread running the current event loop."""
    return time.pthread_getcpuclockid(threading.get_ident())


def start_targets(
    stack: contextlib.ExitStack, liaisons: int, directory: Path, latency_ms: float = 0.0
) -> list[Target]:
    """The five bots, each on its own emulator with its own users; stopped with the stack.

    Every emulator delays each Bot API call by `latency_ms` (the link's round trip).
    """
    targets = []

    def start(
        name: str,
        make: Callable[[BotApiEmulator], Application],
        steps: Callable[[int], list[Step]],
        db: TimedDatabase | None = None,
        users: int = liaisons,
    ) -> None:
        emulator = stack.enter_context(BotApiEmulator(token=TOKEN, latency_ms=latency_ms))
        thread = BotThread(make(emulator), poll_timeout=1, allowed_updates=ALLOWED_UPDATES)
        thread.start()
        stack.callback(thread.stop)
        riders = [
            Rider(emulator.add_user(FIRST_USER_ID + i, f"User{i + 1}"), i) for i in range(users)
        ]
        targets.append(Target(name, emulator, thread, riders, steps, db))

    def parkbot(db: TimedDatabase, limited: bool) -> Callable[[BotApiEmulator], Application]:
        def make(emulator: BotApiEmulator) -> Application:
            settings = make_settings(emulator, db, media_dir=directory / "media")
            application = build_application(
                Services(settings=settings, db=db, clock=MovableClock(NOW))
            )
            return application if limited else without_rate_limiter(application)

        return make

    databases = []
    for name, people in (("limited", liaisons), ("unlimited", liaisons), ("alone", 1)):
        (directory / name).mkdir()
        databases.append(make_database(directory / name, people))
        stack.callback(databases[-1].dispose)
    start("echo+limiter", lambda emu: build_echo(emu, rate_limited=True), echo_steps)
    start("parkbot", parkbot(databases[0], limited=True), report_steps, databases[0])
    start("echo", lambda emu: build_echo(emu, rate_limited=False), echo_steps)
    start("parkbot-nolimit", parkbot(databases[1], limited=False), report_steps, databases[1])
    # The baseline of "N at once": one liaison filing alone, on the same link.
    start("parkbot-alone", parkbot(databases[2], limited=True), report_steps, databases[2], 1)
    return targets


# -- driving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Think:
    """The pause a person takes between seeing an answer and acting (a uniform range, in ms)."""

    low_ms: float = 0.0
    high_ms: float = 0.0

    @classmethod
    def parse(cls, text: str) -> "Think":
        """`LOW-HIGH` or a single value, in milliseconds."""
        low, _, high = text.partition("-")
        think = cls(float(low), float(high or low))
        if think.low_ms < 0 or think.high_ms < think.low_ms:
            raise argparse.ArgumentTypeError(f"not a think-time range: {text!r}")
        return think

    def pause(self, rng: random.Random) -> float:
        """One pause, in seconds."""
        return rng.uniform(self.low_ms, self.high_ms) / 1000 if self.high_ms else 0.0


@dataclass
class Pending:
    """A step done and its answer awaited: what the chat looked like when the user acted."""

    step: Step
    chat: Any
    seen: int
    pressed: dict[str, Any] | None
    edits: int
    started: float

    def answer(self) -> list[dict[str, Any]] | None:
        """The bot's answer: its new messages, else the pressed message once edited."""
        history = self.chat.history
        if len(history) > self.seen:
            fresh = [m for m in history[self.seen :] if m["from"].get("is_bot")]
            if fresh:
                return fresh
        if self.pressed is not None and self.pressed.get("edits", 0) > self.edits:
            return [self.pressed]
        return None


@dataclass
class Rider:
    """One simulated user: its steps this round, the one it waits for, and its tally."""

    user: SimUser
    index: int
    steps: list[Step] = field(default_factory=list)
    position: int = 0
    due: float = 0.0  # perf_counter time of its next action
    pending: Pending | None = None
    rng: random.Random = field(default_factory=random.Random)
    samples: list[float] = field(default_factory=list)
    submitted: int = 0  # reports whose submission was answered
    error: str | None = None  # the first failure; the rider does nothing after it

    @property
    def done(self) -> bool:
        """Finished this round's steps, or failed."""
        return self.error is not None or self.position >= len(self.steps)


def act(emulator: BotApiEmulator, rider: Rider) -> None:
    """Performs the rider's next step (the caller holds the emulator's condition)."""
    step = rider.steps[rider.position]
    chat = emulator.state.chats[rider.user.id]
    pressed: dict[str, Any] | None = None
    if step.kind == "press":
        pressed = [m for m in chat.bot_messages() if not m.get("deleted")][-1]
    edits = pressed.get("edits", 0) if pressed is not None else 0
    rider.pending = Pending(step, chat, len(chat.history), pressed, edits, time.perf_counter())
    if step.kind == "command":
        rider.user.send_command(step.value)
    elif step.kind == "text":
        rider.user.send_text(step.value)
    else:
        rider.user.press(step.value, message=pressed)


def settle(rider: Rider, answer: list[dict[str, Any]], now: float, think: Think) -> None:
    """Takes the answer to the rider's pending step; schedules its next one."""
    pending = rider.pending
    assert pending is not None
    rider.pending = None
    step = pending.step
    texts = [message_text(message) for message in answer]
    if step.expect and not any(step.expect in text for text in texts):
        rider.error = f"user {rider.user.id}: {step} answered with {texts!r}"
        return
    rider.samples.append(now - pending.started)
    rider.position += 1
    rider.submitted += step.value == SUBMIT
    rider.due = now + think.pause(rider.rng)


def drive(emulator: BotApiEmulator, riders: list[Rider], think: Think, deadline: float) -> None:
    """Runs every rider's steps from this one thread, woken by each change of the emulator.

    One thread for every simulated user (not a thread each, all woken by every change): with
    hundreds of users the driver stays a small share of the CPU, which the table shows.
    """
    state = emulator.state
    with state.cond:
        while True:
            now = time.perf_counter()
            wake = deadline
            busy = False
            for rider in riders:
                if rider.done:
                    continue
                busy = True
                if rider.pending is not None:
                    answer = rider.pending.answer()
                    if answer is not None:
                        settle(rider, answer, time.perf_counter(), think)
                    elif now - rider.pending.started > STEP_TIMEOUT:
                        step = rider.pending.step
                        rider.error = (
                            f"user {rider.user.id}: no answer to {step} in {STEP_TIMEOUT}s"
                        )
                    else:
                        wake = min(wake, rider.pending.started + STEP_TIMEOUT)
                    if rider.done or rider.pending is not None:
                        continue
                if rider.due <= now:
                    act(emulator, rider)
                    wake = min(wake, now + STEP_TIMEOUT)
                else:
                    wake = min(wake, rider.due)
            if not busy or all(rider.done for rider in riders):
                return
            if now >= deadline:
                for rider in riders:
                    if not rider.done:
                        rider.error = f"user {rider.user.id}: round deadline passed"
                return
            state.cond.wait(max(0.0, wake - time.perf_counter()))


def run_round(target: Target, round_index: int, think: Think, seed: int) -> str:
    """All users of a bot do one round at once; adds latencies and wall time; one line."""
    riders = [rider for rider in target.riders if rider.error is None]
    if not riders:
        return f"{target.name}: every user failed in an earlier round"
    steps = target.steps(round_index)
    clocks = target.cpu_clocks()
    cpu_before = [time.clock_gettime(clock) for clock in clocks]
    driver_before = time.thread_time()
    started = time.perf_counter()
    for rider in riders:
        # The same pauses for the same user on every bot: each sees the same schedule.
        rider.rng = random.Random(f"{seed}:{rider.index}:{round_index}")
        rider.steps, rider.position, rider.pending = steps, 0, None
        rider.due = started + think.pause(rider.rng)  # people do not all start at once
        rider.samples = []
    deadline = started + ROUND_TIMEOUT + len(steps) * (STEP_TIMEOUT + think.high_ms / 1000)
    drive(target.emulator, riders, think, deadline)
    driver_cpu = time.thread_time() - driver_before
    wall = time.perf_counter() - started
    bot_cpu, emulator_cpu = (
        time.clock_gettime(clock) - before for clock, before in zip(clocks, cpu_before, strict=True)
    )
    target.thread.assert_no_errors()
    samples = [sample for rider in riders for sample in rider.samples]
    failed = [rider.error for rider in riders if rider.error is not None]
    target.errors += len(failed)
    for error in failed[:3]:
        print(f"{target.name}: {error}", file=sys.stderr)
    target.latencies.extend(samples)
    target.wall += wall
    target.bot_cpu += bot_cpu
    target.emulator_cpu += emulator_cpu
    target.driver_cpu += driver_cpu
    if not samples:
        return f"{target.name}: no step answered, {len(failed)} errors"
    p50 = percentile(samples, 50) * 1000
    per_step = 1000 / len(samples)
    return (
        f"{target.name} p50 {p50:.0f} ms, {len(samples) / wall:.1f} steps/s, "
        f"{bot_cpu * per_step:.2f} ms CPU, driver {driver_cpu * per_step:.2f} ms CPU, "
        f"{len(failed)} errors"
    )


def stored_once(target: Target) -> str | None:
    """None when every answered submission of the target's users is stored exactly once.

    Liaison i's project is 压测项目{i+1}: its reports must be revisions 1..n, one row each,
    where n is the number of submissions the user saw confirmed; otherwise what differs.
    """
    assert target.db is not None
    with target.db.scope() as session:
        rows = session.exec(
            select(Project.name, ProgressReport.revision).join(
                ProgressReport, col(ProgressReport.project_id) == Project.id
            )
        ).all()
    revisions: dict[str, list[int]] = {}
    for name, revision in rows:
        revisions.setdefault(name, []).append(revision)
    wrong = []
    for rider in target.riders:
        name = f"压测项目{rider.index + 1}"
        found = sorted(revisions.get(name, []))
        if found != list(range(1, rider.submitted + 1)):
            wrong.append(f"{name}: {rider.submitted} confirmed, revisions {found}")
    return "; ".join(wrong[:5]) + (f" (+{len(wrong) - 5} more)" if len(wrong) > 5 else "") or None


# -- figures ---------------------------------------------------------------------------------


def percentile(samples: list[float], p: int) -> float:
    """The p-th percentile (linear interpolation between closest ranks); NaN without samples
    (every user of that bot failed: the errors column says so)."""
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


@dataclass
class Figures:
    """The summary of one bot."""

    name: str
    steps: int
    p50: float
    p95: float
    p99: float
    rate: float
    wall: float
    bot_cpu: float  # ms of the bot thread's CPU time per step
    in_db: float | None  # of which inside parkbot's units of work
    statements: float | None  # SQL statements per step
    emulator_cpu: float  # ms of the emulator thread's CPU time per step
    driver_cpu: float  # ms of the simulated users' driver thread's CPU time per step
    errors: int  # users' rounds that failed

    @classmethod
    def of(cls, target: Target) -> "Figures":
        """Percentiles in ms, steps/s over the time the bot was driven."""
        samples = [s * 1000 for s in target.latencies]
        steps = max(len(samples), 1)
        return cls(
            name=target.name,
            steps=len(samples),
            p50=percentile(samples, 50),
            p95=percentile(samples, 95),
            p99=percentile(samples, 99),
            rate=len(samples) / target.wall if target.wall else 0.0,
            wall=target.wall,
            bot_cpu=target.bot_cpu * 1000 / steps,
            in_db=target.db.seconds * 1000 / steps if target.db else None,
            statements=target.db.statements / steps if target.db else None,
            emulator_cpu=target.emulator_cpu * 1000 / steps,
            driver_cpu=target.driver_cpu * 1000 / steps,
            errors=target.errors,
        )


def table(figures: list[Figures]) -> str:
    """The results as a markdown table."""
    lines = [
        "| bot | steps | p50 ms | p95 ms | p99 ms | steps/s | driven s "
        "| bot CPU ms/step | of which in transactions | SQL/step | emulator CPU ms/step "
        "| driver CPU ms/step | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for f in figures:
        in_db = "—" if f.in_db is None else f"{f.in_db:.2f}"
        statements = "—" if f.statements is None else f"{f.statements:.1f}"
        lines.append(
            f"| {f.name} | {f.steps} | {f.p50:.1f} | {f.p95:.1f} | {f.p99:.1f} | {f.rate:.1f} "
            f"| {f.wall:.1f} | {f.bot_cpu:.2f} | {in_db} | {statements} | {f.emulator_cpu:.2f} "
            f"| {f.driver_cpu:.2f} | {f.errors} |"
        )
    return "\n".join(lines)


def machine() -> list[str]:
    """CPU model, cores, memory, Python and OS, as markdown list items."""
    cpu = "unknown"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        found = re.search(r"^Model name:\s*(.+)$", lscpu, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    memory = "unknown"
    with contextlib.suppress(OSError):
        meminfo = Path("/proc/meminfo").read_text()
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
        memory = f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else memory
    system = platform.platform()
    with contextlib.suppress(OSError):
        release = Path("/etc/os-release").read_text()
        found = re.search(r'^PRETTY_NAME="?([^"\n]+)', release, re.MULTILINE)
        system = f"{found.group(1)}, {system}" if found else system
    return [
        f"- CPU: {cpu}",
        f"- Cores (nproc): {len(os.sched_getaffinity(0))}",
        f"- Memory: {memory}",
        f"- Python: {platform.python_version()}",
        f"- OS: {system}",
    ]


def record(section: str, body: str) -> None:
    """Replaces the marked section of benchmarks/README.md (appends it if missing)."""
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text)


def summary(figures: list[Figures], liaisons: int, stored: dict[str, str | None]) -> str:
    """The p50 ratios against the targets, the errors and the stored-once check, in words."""
    by_name = {f.name: f for f in figures}
    limited = by_name["parkbot"].p50 / by_name["echo+limiter"].p50
    bare = by_name["parkbot-nolimit"].p50 / by_name["echo"].p50
    cpu = by_name["parkbot-nolimit"].bot_cpu / by_name["echo"].bot_cpu
    alone = by_name["parkbot"].p50 / by_name["parkbot-alone"].p50
    verdict = "within" if limited <= TARGET_RATIO else "ABOVE"
    bare_verdict = "within" if bare <= TARGET_RATIO else "ABOVE"
    alone_verdict = "within" if alone <= ALONE_TARGET_RATIO else "ABOVE"
    errors = sum(f.errors for f in figures)
    wrong = {name: found for name, found in stored.items() if found}
    check = (
        "every confirmed report is stored exactly once (parkbot, parkbot-nolimit, parkbot-alone)"
        if not wrong
        else "reports NOT stored exactly once: "
        + "; ".join(f"{name}: {found}" for name, found in wrong.items())
    )
    return (
        f"p50 ratio parkbot / echo+limiter (same builder options) = {limited:.2f}, "
        f"{verdict} the {TARGET_RATIO}× target. Without the rate limiter on both sides, "
        f"parkbot-nolimit / echo = {bare:.2f}, {bare_verdict} it; their bot-thread CPU per "
        f"step is {cpu:.2f}× the echo bot's. {liaisons} at once / alone: parkbot p50 "
        f"{by_name['parkbot'].p50:.0f} ms / parkbot-alone p50 "
        f"{by_name['parkbot-alone'].p50:.0f} ms = {alone:.2f}, {alone_verdict} the "
        f"{ALONE_TARGET_RATIO}× target; parkbot step p95 {by_name['parkbot'].p95:.0f} ms. "
        f"{errors} errors; {check}."
    )


# -- the run ---------------------------------------------------------------------------------


def main() -> int:
    """Runs the rounds, prints the table, records it in benchmarks/README.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--liaisons", type=int, default=20, help="users per bot")
    parser.add_argument("--rounds", type=int, default=5, help="reports per liaison")
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="round trip of every Bot API call (ms)"
    )
    parser.add_argument(
        "--think-ms",
        type=Think.parse,
        default=Think(),
        metavar="LOW-HIGH",
        help="random pause per user before each step (ms; default none: a closed loop)",
    )
    parser.add_argument("--seed", type=int, default=13, help="seed of the think-time pauses")
    parser.add_argument(
        "--section",
        help="README section to record into (default report_form, or report_form_<N>ms "
        "with a latency)",
    )
    parser.add_argument("--no-record", action="store_true", help="leave README.md alone")
    args = parser.parse_args()
    if args.liaisons < 1 or args.rounds < 1:
        parser.error("--liaisons and --rounds must be at least 1")
    section = args.section or (
        f"report_form_{args.latency_ms:g}ms" if args.latency_ms else "report_form"
    )
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    rounds: list[str] = []
    with tempfile.TemporaryDirectory() as directory, contextlib.ExitStack() as stack:
        targets = start_targets(stack, args.liaisons, Path(directory), args.latency_ms)
        for round_index in range(args.rounds):
            order = targets if round_index % 2 == 0 else targets[::-1]
            rounds.append(
                f"round {round_index + 1}: "
                + "; ".join(
                    run_round(target, round_index, args.think_ms, args.seed) for target in order
                )
            )
            print(rounds[-1], file=sys.stderr)
        figures = [Figures.of(target) for target in targets]
        stored = {target.name: stored_once(target) for target in targets if target.db}
    total = time.perf_counter() - began
    words = summary(figures, args.liaisons, stored)
    load = f"1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    print(table(figures))
    print()
    print(words)
    print(f"Total wall time {total:.1f} s; {load}.")
    if not args.no_record:
        stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        command = " ".join(["python -m benchmarks.report_form", *sys.argv[1:]])
        lines = [
            f"Last run {stamp}: `{command}` — {args.liaisons} users per bot (parkbot-alone: "
            f"1), {args.rounds} rounds, {args.latency_ms:g} ms link round trip, think time "
            f"{args.think_ms.low_ms:g}–{args.think_ms.high_ms:g} ms, total wall time "
            f"{total:.1f} s, {load}, on the machine above.",
            "",
            table(figures),
            "",
            words,
            "",
            "Per round (bots in the order they ran):",
            "",
            *(f"- {line}" for line in rounds),
        ]
        record(section, "\n".join(lines))
        record("machine", "\n".join(machine()))
    errors = sum(f.errors for f in figures)
    return 1 if errors or any(stored.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
