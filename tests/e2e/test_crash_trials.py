"""SIGKILL at random points of a scripted day, each followed by a restart: nothing lost.

The real `parkbot run` (a subprocess on a SQLite file, as an operator runs it) lives through a
shorter version of the scripted day of test_faulty_day.py, on the real clock:

- a meeting whose 1-minute liaison reminder is overdue at start-up (it goes out as the one
  catch-up) and whose notice falls due a few seconds into the day (REMINDER_OFFSETS=3m,
  MEETING_NOTICE_OFFSET=3m, no quiet hours);
- 6 liaisons file this month's report side by side, half of them through the reminder's button;
- the admin broadcasts to everyone (120 more people on the roster);
- a leader asks for /overview and project cards.

Each trial is seeded (PARKBOT_CRASH_SEED, default 20250310, plus the trial number) and kills
the bot once or twice: right after the n-th action of the simulated people (plus a random few
hundred milliseconds, so the kill lands before, during or after the bot handles it), or at a
random moment of the day. Each kill is followed at once by a restart, and the people carry on
as people do (tests/e2e/sim/): a liaison whose answer got no reply sends /report and must find
the form at the question they were at, or one further, with every answer they had been
acknowledged still in the draft row; the admin starts the wizard over unless the broadcast is
visibly going out.

At the end (after a clean SIGTERM stop): every report is stored exactly once with the answers
given; each (meeting, reminder, person) was queued once and every fired reminder was sent and
arrived; the broadcast reached everyone; the whole outbox repeated at most OUTBOX_MAX_IN_FLIGHT
messages per crash (the ones in flight).

Every trial runs on SQLite and, with TEST_DATABASE_URL set, on PostgreSQL (a schema of its own).
PARKBOT_CRASH_TRIALS sets the number of trials per database: 1 by default (CI, where the
whole suite must stay within 3 minutes on 2 cores), 20 for the full run.
PARKBOT_HEAVY=1 also takes the day to 20 liaisons and 500 more people.
"""

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import select

from bot.db import Database
from bot.meetings import service as meetings
from bot.migrate import upgrade
from bot.parsing import period_of
from bot.settings import Settings
from models import Broadcast, ProgressReport
from tests.conftest import PG_SKIP, PG_URL, SHANGHAI, unique_schema
from tests.e2e import sim
from tests.e2e.process import operator_env, start_parkbot
from tests.emulator.server import BotApiEmulator

pytestmark = [pytest.mark.e2e]

TRIALS = int(os.environ.get("PARKBOT_CRASH_TRIALS", "1"))
SEED = int(os.environ.get("PARKBOT_CRASH_SEED", "20250310"))
HEAVY = os.environ.get("PARKBOT_HEAVY") == "1"
LIAISONS, CROWD = (20, 500) if HEAVY else (4, 15)
# A kill repeats at most the outbox messages in flight: OUTBOX_MAX_IN_FLIGHT (the default here).
OUTBOX_BOUND = Settings.model_fields["outbox_max_in_flight"].default
NOTICE = "【指挥部通知】本月进度填报请于调度会前完成。"
NOTICE_AFTER = 8  # seconds from the start of the trial to the meeting notice
# The reminder and notice offset: the deadline falls this long after the start, less a second,
# so a trial must end before it (the deadline's own summary is not part of the trial).
OFFSET = timedelta(minutes=3)
ACTIONS = LIAISONS * 9 + 12  # about how many actions the people take


@dataclass
class Crasher:
    """Runs `parkbot run`, kills it with SIGKILL and starts it again."""

    env: dict[str, str]
    process: subprocess.Popen | None = None
    kills: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def start(self) -> None:
        """Starts the bot."""
        self.process = start_parkbot(self.env)

    def kill_and_restart(self, why: str) -> None:
        """SIGKILL, then a restart at once."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        _, err = self.process.communicate(timeout=20)
        self.stderr.append(err)
        assert self.process.returncode == -signal.SIGKILL, err[-2000:]
        self.kills.append(why)
        self.start()

    def stop(self) -> int:
        """SIGTERM; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=40)
        self.stderr.append(err)
        return self.process.returncode

    def abort(self) -> None:
        """Kills whatever is left (after a failure)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=20)


def kill_plan(rng: random.Random) -> list[tuple[str, float, float]]:
    """One or two kills: (after action n | at second t of the day, n or t, extra delay)."""
    plan = []
    for _ in range(rng.choice([1, 1, 2])):
        if rng.random() < 0.5:
            plan.append(("action", rng.randint(1, ACTIONS - 10), rng.uniform(0, 0.3)))
        else:
            plan.append(("time", rng.uniform(0.2, 4.0), 0.0))
    return plan


def killer(
    crasher: Crasher,
    plan: list[tuple[str, float, float]],
    counter: sim.ActionCounter,
    day_started: float,
    day_over: threading.Event,
) -> threading.Thread:
    """Carries out the plan on its own thread (a kill still due when the people are done
    happens at once: the outbox may still be busy)."""
    reached = threading.Condition()

    def on_action(_: int) -> None:
        with reached:
            reached.notify_all()

    counter.hook = on_action

    def run() -> None:
        for kind, point, extra in plan:
            if kind == "action":
                with reached:
                    reached.wait_for(
                        lambda point=point: counter.count >= point or day_over.is_set(), 120
                    )
            else:
                day_over.wait(max(0.0, day_started + point - time.monotonic()))
            time.sleep(extra)
            crasher.kill_and_restart(
                f"{kind} {point:g}" + (f" +{extra:.2f}s" if extra else "") + f" (at action "
                f"{counter.count}, {time.monotonic() - day_started:.1f}s into the day)"
            )

    thread = threading.Thread(target=run, name="killer", daemon=True)
    thread.start()
    return thread


def schedule_meeting(db: Database, city: sim.City, start: datetime) -> None:
    """Liaison reminder overdue at start-up, notice NOTICE_AFTER seconds in, deadline later."""
    starts_at = start + OFFSET + timedelta(seconds=NOTICE_AFTER)
    with db.scope() as session:
        plan = meetings.prepare(
            session,
            starts_at=starts_at,
            park_id=city.parks[0][0],
            place="经开区管委会三楼会议室",
            deadline=start + OFFSET - timedelta(seconds=1),
            now=start,
            tz=SHANGHAI,
        )
        meetings.create(session, plan, now=start, actor=None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=PG_SKIP)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The parkbot process's database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'parkbot.db'}"
        return
    schema = unique_schema("parkbot_crash")
    server = create_engine(PG_URL)
    with server.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with server.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    server.dispose()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_sigkill_and_restart_lose_nothing(
    trial: int, tmp_path, database_url: str, emulator: BotApiEmulator
):
    started = time.monotonic()
    rng = random.Random(SEED * 1000 + trial)
    env = operator_env(
        tmp_path,
        emulator,
        DATABASE_URL=database_url,
        PARKBOT_LOG_LEVEL="WARNING",
        REMINDER_OFFSETS="3m",
        MEETING_NOTICE_OFFSET="3m",
        QUIET_HOURS="",
    )
    db = Database.from_url(env["DATABASE_URL"])
    upgrade(db.engine)
    now = datetime.now(SHANGHAI)
    city = sim.seed_city(
        db,
        emulator,
        liaisons=LIAISONS,
        others=CROWD,
        period=period_of(now.date()),
        seed=SEED + trial,
        leaders=1,
    )
    schedule_meeting(db, city, now)
    counter = sim.ActionCounter()
    people = {"patience": 5.0, "max_retries": 40, "counter": counter}
    read_draft = sim.open_draft_reader(db)
    liaisons = [
        sim.Liaison(emulator, s, read_draft=read_draft, via_reminder=s.index % 2 == 1, **people)
        for s in city.liaisons
    ]
    [(_, leader_id, projects)] = city.leaders
    leader = sim.Leader(emulator, emulator.user(leader_id), **people)
    admin = sim.Admin(emulator, emulator.user(city.admin[1]), **people)
    everyone = len(city.everyone)

    crasher = Crasher(env)
    crasher.start()
    try:
        emulator.wait_until(lambda: emulator.calls_for("getUpdates"), timeout=30)
        plan = kill_plan(rng)
        day_over = threading.Event()
        day_started = time.monotonic()
        killing = killer(crasher, plan, counter, day_started, day_over)

        def leader_rounds() -> None:
            for _ in range(2):
                leader.overview()
                for project in rng.sample(projects, 2):
                    leader.status(project)
                time.sleep(rng.uniform(0.5, 2))

        def filing(liaison: sim.Liaison, delay: float):
            def work() -> None:
                time.sleep(delay)
                if liaison.via_reminder:
                    liaison.wait_for_reminder(1, timeout=60)
                liaison.file_report()

            return work

        try:
            sim.run_together(
                [
                    *(filing(li, rng.uniform(0, 3)) for li in liaisons),
                    sim.later(
                        rng.uniform(0, 3), lambda: admin.broadcast(NOTICE, "全体人员", everyone)
                    ),
                    leader_rounds,
                ]
            )
        finally:
            day_over.set()
            killing.join(60)
        assert not killing.is_alive()
        sim.eventually(
            lambda: not sim.queued(db) and _fired(db) >= {"liaison:3m", "notice:3m"},
            60,
            lambda: f"{len(sim.queued(db))} queued, reminders fired: {_fired(db)}",
        )
        status = admin.broadcast_status(timeout=30)  # the retry job runs every 10 s
        assert crasher.stop() == 0, crasher.stderr[-1][-3000:]
    finally:
        crasher.abort()

    # -- nothing lost --------------------------------------------------------------------------
    sim.assert_reports_exact(db, city)
    recipients = sim.assert_reminders_once(db)
    assert recipients == {
        "liaison:3m": len(_missing_when_reminded(db, city)),
        "notice:3m": 2 + len([s for s in city.liaisons if s.index % 2 == 0]),
    }
    assert sim.reminder_recipients(db, "liaison:3m") == _missing_when_reminded(db, city)
    outbox = sim.assert_outbox_delivered(db, emulator)
    with db.scope() as session:
        [broadcast] = session.exec(select(Broadcast)).all()
    assert broadcast.recipients == everyone
    for chat in city.everyone:
        assert sim.delivered(emulator, chat, NOTICE) >= 1
    # Only the messages in flight when the process died can go out twice.
    assert outbox.duplicates <= len(crasher.kills) * OUTBOX_BOUND, crasher.kills
    actors = [*liaisons, leader, admin]
    resumed = [r for li in liaisons for r in li.resumed]
    print(
        f"\ntrial {trial}: {time.monotonic() - started:.1f}s, kills {crasher.kills}, "
        f"{sum(a.tally.actions for a in actors)} user actions, "
        f"{sum(a.tally.retries for a in actors)} retries, form resumes {resumed}, "
        f"{outbox.rows} outbox rows, {outbox.duplicates} repeats, "
        f"broadcast wizard rounds {admin.rounds}"
    )
    db.dispose()
    assert "群发完成" in status, status
    assert f"已发送 {everyone} / 共 {everyone}" in status


def _fired(db: Database) -> set[str]:
    return {
        run.reminder_key.split("@")[0] for run in sim.reminder_runs(db) if run.outcome == "sent"
    }


def _missing_when_reminded(db: Database, city: sim.City) -> set[int]:
    """Liaisons whose report was not in when the liaison reminder fired."""
    [run] = [r for r in sim.reminder_runs(db) if r.reminder_key.startswith("liaison:")]
    with db.scope() as session:
        reports = {r.project_id: r.submitted_at for r in session.exec(select(ProgressReport))}
    return {
        s.telegram_id
        for s in city.liaisons
        if s.project_id not in reports or reports[s.project_id] > run.handled_at
    }
