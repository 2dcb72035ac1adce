"""A day of use with a tenth of the Bot API calls failing: nothing lost, nothing doubled.

The in-process bot (the real Application, polling the emulator) lives through a scripted
day while the emulator answers 10% of its calls with a fault, seeded: 3% 429 (retry_after=1),
3% 502, 1.5% connection dropped unprocessed, 2% processed and then dropped mid-answer
(drop_after: the message is delivered but the bot sees an error) and 0.5% held past the client's
5 s read timeout (python-telegram-bot's default) and never processed.

The day (Services.now() runs with real time from 2025-03-10 09:30 and jumps ahead, so the
outbox sender's backoffs elapse):

- a meeting on 3月15日 09:00, deadline 3月12日 18:00: the 3d reminder fires at once (catch-up),
  then 1d, 2h, the deadline summaries and the meeting notice as the clock jumps;
- 20 liaisons (one project each) file the March report: half on the first morning, half after
  the 1d reminder; every other one opens the form with the reminder's button, the rest with
  /report; they run side by side and retry like people (see tests/e2e/sim/);
- the admin broadcasts to everyone on the roster (the liaisons, 2 leaders, the admin and the
  rest of the roster, bound accounts that never write);
- the two leaders ask for /overview and project cards through the day.

At the end: every report is stored once with exactly the answers given; each (meeting,
reminder, person) is queued at most once, every due one is sent and arrived; the broadcast
reached everyone, with no more repeats than sendMessage calls answered with drop_after; the bot
only ever failed with network errors (no other exception reached its error handler) and still
answers /help; every action of every simulated person was eventually answered.

Sizes: by default (CI, where the whole suite must stay within 3 minutes on 2 cores) one variant
per database: on SQLite the day with getUpdates (and getMe) faulted too, with 4 liaisons and 10
more people on the roster; on PostgreSQL the one with API faults only, 6 liaisons and 20 more.
PARKBOT_HEAVY=1 runs the full size from the issue, both variants on both databases: 20
liaisons and 500 more people. PARKBOT_FAULT_SEED changes the seed (default 20250310).

The broadcast's final "群发完成" status must show: when a fault takes that edit (about one run in
twenty per variant), schedules/broadcast_status.py edits again on its next run.
"""

import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from sqlmodel import select
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.app import build_application
from bot.db import Database
from bot.meetings import service as meetings
from bot.services import Services
from bot.telegram.context import SENDER_KEY
from bot.telegram.reminders import reminders_tick
from bot.telegram.runner import ALLOWED_UPDATES
from models import Broadcast
from tests.conftest import SHANGHAI
from tests.e2e import sim
from tests.e2e.conftest import make_settings
from tests.emulator.runner import BotThread
from tests.emulator.server import BotApiEmulator

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.emulator_only(reason="a day of injected faults (429, 5xx, slow and dropped calls)"),
    # PTB itself reads RetryAfter.retry_after as an int while building the error.
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

HEAVY = os.environ.get("PARKBOT_HEAVY") == "1"
SEED = int(os.environ.get("PARKBOT_FAULT_SEED", "20250310"))
BACKOFF_BASE = 0.25  # seconds; the outbox's is 2
START = datetime(2025, 3, 10, 9, 30, tzinfo=SHANGHAI)
PERIOD = "2025-03"
NOTICE = "【指挥部通知】请各联络员于3月12日18时前完成三月进度填报，调度会3月15日召开。"
SIZES = {
    # (liaisons, more people on the roster)
    "api-faults": (20, 500) if HEAVY else (6, 20),
    "polling-faults-too": (20, 500) if HEAVY else (4, 10),
}


def at(text: str) -> datetime:
    """A moment of the scripted day."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def run_bot(emulator: BotApiEmulator, db: Database) -> Iterator[Callable[..., BotThread]]:
    """Starts the bot on a given clock; stops it after the test (faults off first)."""
    running: list[BotThread] = []

    def start(clock: sim.RunningClock) -> BotThread:
        services = Services(settings=make_settings(emulator, db), db=db, clock=clock)
        application = build_application(services)
        # Retries back off from 0.25 s instead of 2 s: the same logic, a shorter day.
        application.bot_data[SENDER_KEY].backoff_base = BACKOFF_BASE
        thread = BotThread(application, poll_timeout=1, allowed_updates=ALLOWED_UPDATES)
        thread.start()
        running.append(thread)
        return thread

    yield start
    emulator.faults.reset()
    for thread in running:
        thread.stop(timeout=30)


def schedule_meeting(db: Database, city: sim.City, clock: sim.RunningClock) -> int:
    """The March dispatch meeting in the first park, as `parkbot meeting add` writes it."""
    with db.scope() as session:
        plan = meetings.prepare(
            session,
            starts_at=at("2025-03-15 09:00"),
            park_id=city.parks[0][0],
            place="经开区管委会三楼会议室",
            deadline=at("2025-03-12 18:00"),
            now=clock(),
            tz=SHANGHAI,
        )
        return meetings.create(session, plan, now=clock(), actor=None).id


def tick(bot: BotThread) -> None:
    """What the reminder job does when it wakes."""
    bot.run(lambda: reminders_tick(bot.app), timeout=60)


def leader_rounds(leader: sim.Leader, projects: list[str], rng: random.Random, rounds: int):
    """A leader checking in: the overview, then a couple of project cards."""

    def work() -> None:
        for _ in range(rounds):
            leader.overview()
            for project in rng.sample(projects, 2):
                time.sleep(rng.uniform(0.2, 1.5))
                leader.status(project)

    return work


def filing(liaison: sim.Liaison, reminders: int, delay: float):
    """A liaison files once the reminder they react to has come (if they use its button)."""

    def work() -> None:
        time.sleep(delay)
        if liaison.via_reminder:
            liaison.wait_for_reminder(reminders, timeout=180)
        liaison.file_report()

    return work


@pytest.mark.parametrize("variant", list(SIZES))
def test_a_day_with_a_tenth_of_calls_failing(variant, run_bot, emulator, db, request):
    on_postgres = request.node.callspec.params.get("db") == "postgres"
    if not HEAVY and on_postgres == (variant == "polling-faults-too"):
        # CI size (the whole suite stays within 3 minutes on 2 cores): SQLite gets the day with
        # getUpdates faulted too, a superset; PostgreSQL the one with API faults only.
        pytest.skip("CI size: one variant per database (PARKBOT_HEAVY=1 runs all four)")
    started = time.monotonic()
    liaison_count, crowd = SIZES[variant]
    rng = random.Random(SEED)
    clock = sim.RunningClock(START)
    city = sim.seed_city(
        db, emulator, liaisons=liaison_count, others=crowd, period=PERIOD, seed=SEED
    )
    bot = run_bot(clock)
    faults = sim.FaultLog(emulator.faults)
    methods = set(emulator.web.methods.values()) if variant == "polling-faults-too" else None
    emulator.faults.configure(
        seed=SEED, retry_after=1, slow_seconds=7, methods=methods, **sim.FAULT_MIX
    )

    counter = sim.ActionCounter()
    people = {"patience": 6.0, "max_retries": 40, "counter": counter}
    read_draft = sim.open_draft_reader(db)
    liaisons = [
        sim.Liaison(emulator, s, read_draft=read_draft, via_reminder=s.index % 2 == 1, **people)
        for s in city.liaisons
    ]
    leaders = [sim.Leader(emulator, emulator.user(tid), **people) for _, tid, _ in city.leaders]
    admin = sim.Admin(emulator, emulator.user(city.admin[1]), **people)
    morning, evening = liaisons[: len(liaisons) // 2], liaisons[len(liaisons) // 2 :]
    everyone = len(city.everyone)

    # 3月10日 09:30: the meeting is scheduled; its 3d reminder is overdue and goes out now.
    schedule_meeting(db, city, clock)
    tick(bot)
    sim.run_together(
        [
            *(filing(li, 1, rng.uniform(0, 2)) for li in morning),
            sim.later(1, lambda: admin.broadcast(NOTICE, "全体人员", everyone)),
            *(
                leader_rounds(le, names, rng, 1)
                for le, (_, _, names) in zip(leaders, city.leaders, strict=True)
            ),
        ]
    )
    phases = {"morning": time.monotonic() - started}
    # 3月11日 18:00: the 1d reminder goes to those who have not reported.
    clock.jump_to(at("2025-03-11 18:00"))
    tick(bot)
    sim.run_together(
        [
            *(filing(li, 2, rng.uniform(0, 2)) for li in evening),
            *(
                leader_rounds(le, names, rng, 1)
                for le, (_, _, names) in zip(leaders, city.leaders, strict=True)
            ),
        ]
    )
    phases["evening"] = time.monotonic() - started
    # The 2h reminder finds nobody missing; then the deadline; then the meeting notice (2h
    # before, held to 08:00 by the quiet hours).
    for moment in ("2025-03-12 16:00", "2025-03-12 18:00", "2025-03-15 08:00"):
        clock.jump_to(at(moment))
        tick(bot)
    sim.eventually(
        lambda: not sim.queued(db), 180, lambda: f"{len(sim.queued(db))} outbox rows queued"
    )
    phases["drained"] = time.monotonic() - started
    # Every message is out: the final status is due now, or on the retry job's next run
    # (schedules/broadcast_status.py, every 10 s) if a fault took the first edit.
    status = admin.broadcast_status(timeout=30)
    for leader in leaders:
        assert leader.wait_text("填报已截止", 30), f"leader {leader.user.id}: no deadline summary"
    help_text = admin.ask(
        lambda: admin.user.send_command("help"), lambda text: "您可以使用以下命令" in text, "help"
    )
    assert help_text is not None
    emulator.faults.configure(**{rate: 0.0 for rate in sim.FAULT_MIX})

    # -- nothing lost, nothing doubled ---------------------------------------------------------
    sim.assert_reports_exact(db, city)
    recipients = sim.assert_reminders_once(db)
    host_liaisons = {s.telegram_id for s in city.liaisons if s.index % 2 == 0}
    leader_ids = {tid for _, tid, _ in city.leaders}
    assert recipients == {
        "liaison:7d": 0,
        "liaison:3d": liaison_count,
        "liaison:1d": len(evening),
        "liaison:2h": 0,
        "deadline:0": len(leaders) + 1,
        "notice:2h": len(leaders) + 1 + len(host_liaisons),
    }
    assert sim.reminder_recipients(db, "liaison:1d") == {li.script.telegram_id for li in evening}
    assert sim.reminder_recipients(db, "notice") == host_liaisons | leader_ids | {city.admin[1]}
    for leader in leaders:
        # (twice, when Telegram took it and the answer was lost: counted with the repeats)
        summaries = [m for m in leader.user.messages() if "填报已截止" in m["text"]]
        assert summaries and all("全部已按时填报" in m["text"] for m in summaries)
    outbox = sim.assert_outbox_delivered(db, emulator)
    with db.scope() as session:
        [broadcast] = session.exec(select(Broadcast)).all()
    assert broadcast.recipients == everyone
    for chat in city.everyone:
        assert sim.delivered(emulator, chat, NOTICE) >= 1
    # A message is sent twice only when Telegram took it and the answer was lost.
    assert outbox.duplicates <= faults.of("drop_after", "sendMessage")

    # -- no crash: only network failures reached the error handler ------------------------------
    unexpected = [
        error
        for error in bot.errors
        if not isinstance(error, NetworkError | RetryAfter) or isinstance(error, BadRequest)
    ]
    assert not unexpected, f"handlers failed with: {unexpected!r}"

    # -- everybody was answered ---------------------------------------------------------------
    actors = [*liaisons, *leaders, admin]
    actions = sum(a.tally.actions for a in actors)
    retries = sum(a.tally.retries for a in actors)
    resumed = [r for li in liaisons for r in li.resumed]
    injected = faults.summary()
    calls = emulator.calls
    faultable = [c for c in calls if emulator.faults.applies_to(c[1])]
    assert sum(injected.values()) > 0.06 * len(faultable)  # the faults did happen
    print(
        f"\n{variant}: {time.monotonic() - started:.1f}s "
        f"({', '.join(f'{k} {v:.0f}s' for k, v in phases.items())}), {len(calls)} API calls, "
        f"faults {injected}, {actions} user actions, {retries} retries, "
        f"{len(resumed)} form resumes {sorted(set(resumed))}, {outbox.rows} outbox rows, "
        f"{outbox.duplicates} repeats (drop_after on sendMessage: "
        f"{faults.of('drop_after', 'sendMessage')}), handler errors {len(bot.errors)}, "
        f"broadcast wizard rounds {admin.rounds}"
    )
    assert "群发完成" in status, status
    sim.eventually(lambda: _finished(db), 10, lambda: "broadcast not marked finished")


def _finished(db) -> bool:
    with db.scope() as session:
        return session.exec(select(Broadcast)).one().finished_at is not None
