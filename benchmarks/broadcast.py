"""Broadcast throughput: the outbox sender drains N queued messages through Telegram's limits.

The Bot API emulator runs here on loopback and enforces 30 messages/s overall and 1/s per
chat (as Telegram documents them); the sender runs in a child process of its own, as in
production, against a SQLite file seeded with N bound people and one broadcast row each.

    python -m benchmarks.broadcast [--recipients 5000] [--latency-ms 120]

`--latency-ms` gives the emulator's link a round trip (half before a call is seen, half before
its answer leaves). Reports the rate measured at the emulator (and as % of 30/s), 429s, lost
and duplicated messages, the most sends the sender had in flight and its measured round trip
(smoothed), the sender's peak memory (tracemalloc and max RSS) and wall time.
"""

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from bot import migrate
from bot.db import Database
from bot.outbox import queue as outbox
from bot.services import Services
from bot.settings import Settings
from bot.telegram.sender import OutboxSender
from models import Broadcast, OutboxMessage, Person
from tests.e2e.conftest import TOKEN
from tests.e2e.process import operator_env
from tests.emulator.server import BotApiEmulator

FIRST_CHAT = 10_000_000
LIMIT = 30


def seed(db: Database, emulator: BotApiEmulator, count: int) -> list[int]:
    """N bound people, each with an emulated account and one queued broadcast message."""
    now = datetime.now(UTC)
    chats = [FIRST_CHAT + n for n in range(count)]
    with db.scope() as session:
        broadcast = Broadcast(
            audience="everyone", text="调度会通知", recipients=count, created_at=now
        )
        session.add(broadcast)
        session.flush()
        for n, chat in enumerate(chats):
            person = Person(
                name=f"人员{n}", phone=f"139{n:08d}", telegram_user_id=chat,
                is_liaison=True, created_at=now, updated_at=now,
            )  # fmt: skip
            session.add(person)
            session.flush()
            outbox.enqueue(
                session, kind="broadcast", text=broadcast.text, now=now, person=person,
                broadcast_id=broadcast.id,
            )  # fmt: skip
    for chat in chats:
        emulator.add_user(chat, f"u{chat}")
    return chats


def busiest_second(times: list[float]) -> int:
    """The most sends in any 1-second window (as the emulator counts: (t - 1, t])."""
    window: deque[float] = deque()
    most = 0
    for moment in sorted(times):
        window.append(moment)
        while window[0] <= moment - 1.0:
            window.popleft()
        most = max(most, len(window))
    return most


def run(count: int, trace: bool, latency_ms: float = 0.0) -> dict[str, object]:
    """Runs one broadcast of `count` messages and returns the figures."""
    with (
        tempfile.TemporaryDirectory() as directory,
        BotApiEmulator(token=TOKEN, latency_ms=latency_ms) as emulator,
    ):
        env = operator_env(Path(directory), emulator, PARKBOT_LOG_LEVEL="WARNING")
        db = Database.from_url(env["DATABASE_URL"])
        migrate.upgrade(db.engine)
        chats = seed(db, emulator, count)
        emulator.enforce_limits(overall_per_s=LIMIT, per_chat_per_s=1)
        started = time.monotonic()
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.broadcast", "--sender"]
            + (["--tracemalloc"] if trace else []),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.monotonic() - started
        memory = json.loads(child.stdout.strip().splitlines()[-1])
        calls = emulator.calls_for("sendMessage")
        delivered = [call[0] for call in calls if call[3] == 200]
        counts = [emulator.sent_count(chat) for chat in chats]
        with db.scope() as session:
            unsent = session.exec(select(func.count()).where(OutboxMessage.status != "sent")).one()
        db.dispose()
        span = max(delivered) - min(delivered)
        rate = len(delivered) / span
        return {
            "recipients": count,
            "latency_ms": latency_ms,
            "rate_msgs_per_s": round(rate, 2),
            "rate_percent_of_30": round(100 * rate / LIMIT, 1),
            "busiest_second": busiest_second(delivered),
            "http_429_received": sum(1 for call in calls if call[3] == 429),
            "limit_violations": emulator.limit_violations,
            "faults_injected": sum(emulator.faults.injected.values()),
            "rows_not_sent": unsent,
            "recipients_without_message": sum(1 for c in counts if c == 0),
            "duplicates": sum(c - 1 for c in counts if c > 1),
            "send_span_s": round(span, 1),
            "wall_s": round(wall, 1),
            **memory,
        }


async def drain() -> dict[str, object]:
    """The child: runs an OutboxSender until no row is queued; returns its in-flight figures."""
    settings = Settings()
    services = Services(settings=settings, db=Database.from_url(settings.database_url))
    sender = OutboxSender(services, max_in_flight=settings.outbox_max_in_flight)
    await sender.start()
    while True:
        with services.db.scope() as session:
            queued = session.exec(
                select(func.count()).where(OutboxMessage.status == "queued")
            ).one()
        if not queued:
            break
        await asyncio.sleep(0.5)
    await sender.stop()
    srtt = sender.limiter.srtt
    return {
        "in_flight_peak": sender.limiter.peak_in_flight,
        "in_flight_target": sender.limiter.target_in_flight(sender.max_in_flight),
        "measured_rtt_ms": None if srtt is None else round(1000 * srtt, 1),
        "rtt_deviation_ms": round(1000 * sender.limiter.rttvar, 1),
    }


def sender_main(trace: bool) -> int:
    """Child entry: drains the outbox, prints its peak memory as JSON."""
    if trace:  # tracing every allocation slows the sender down: off for the rate figures
        tracemalloc.start()
    figures = asyncio.run(drain())
    figures |= {"max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if trace:
        figures["tracemalloc_peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    print(json.dumps(figures))
    return 0


def main() -> int:
    """Prints the figures of one broadcast."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="the emulated link's round trip"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace the sender's Python allocations"
    )
    parser.add_argument("--sender", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sender:
        return sender_main(args.tracemalloc)
    for key, value in run(args.recipients, args.tracemalloc, args.latency_ms).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
