"""The web chat under load: N signed-in browser sessions talking to the bot at once, over HTTP.

`parkbot run` with the local messenger runs as a subprocess on a migrated SQLite database with N
roster people; this process plays N browsers with httpx: each signs in through its own invite
link (POST /join/<token>, as the page's button does), keeps a long poll open on /api/feed, and
every few seconds (seeded random think time) sends a command through /api/send. A round trip
is the time from the send to the bot's answer arriving in that session's long poll. An answer
missing after 10 s, or any HTTP error, is an error. Afterwards: the server process's peak
resident memory (VmHWM) and CPU time.

    python -m benchmarks.web_chat [--sessions 200] [--seconds 60] [--think-ms 5000-15000]
        [--seed 7] [--no-record]
"""

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from benchmarks.report_form import machine, record
from bot import migrate
from bot.db import Database
from bot.people.invites import issue_invite
from bot.services import Services
from bot.settings import Settings
from tests.factories import make_person

COMMANDS = ("/help", "/language", "/help")
ANSWER_TIMEOUT = 10.0


@dataclass
class Session:
    """One browser: its cookie jar, what it has seen, and its measured round trips."""

    client: httpx.AsyncClient
    revision: int = 0
    bot_ids: set[int] = field(default_factory=set)
    seen: asyncio.Condition = field(default_factory=asyncio.Condition)
    trips: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnects: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(folder: Path, sessions: int) -> tuple[str, list[str]]:
    """A migrated database with `sessions` people, each with a live invite token."""
    url = f"sqlite:///{folder / 'bench.db'}"
    db = Database.from_url(url)
    migrate.upgrade(db.engine)
    settings = Settings(_env_file=None, database_url=url)
    services = Services(settings=settings, db=db)
    tokens = []
    with db.scope() as session:
        for n in range(sessions):
            person = make_person(session, name=f"联络员{n:03d}")
            tokens.append(
                issue_invite(
                    session, person=person, now=services.now(), ttl=timedelta(days=1), actor="bench"
                )
            )
    db.engine.dispose()
    return url, tokens


def start_server(folder: Path, url: str, port: int) -> subprocess.Popen:
    """`parkbot run` with the local messenger; returns once it says where to open it."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PARKBOT_MESSENGER": "local",
        "PARKBOT_MESSENGER_DIR": str(folder / "messenger"),
        "PARKBOT_MEDIA_DIR": str(folder / "media"),
        "PARKBOT_WEB_PORT": str(port),
        "PARKBOT_LOG_LEVEL": "WARNING",
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    server = subprocess.Popen(
        [sys.executable, "-c", "from bot.main import main; raise SystemExit(main(['run']))"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    for line in server.stdout:
        if f":{port}" in line:
            return server
    raise RuntimeError(f"parkbot run ended before serving (exit {server.wait()})")


async def sign_in(base: str, token: str) -> Session:
    """A browser that opened its invite link and pressed the button."""
    client = httpx.AsyncClient(base_url=base, timeout=40)
    response = await client.post(f"/join/{token}", follow_redirects=True)
    if response.status_code != 200 or "parkbot_session" not in client.cookies:
        raise RuntimeError(f"sign-in failed: {response.status_code}")
    return Session(client)


async def follow_feed(session: Session, stop: asyncio.Event) -> None:
    """The page's long poll: every answer wakes whoever waits for it."""
    headers = {"X-Parkbot": "1"}
    while not stop.is_set():
        try:
            response = await session.client.get(
                "/api/feed", params={"since": session.revision, "wait": 25}, headers=headers
            )
            response.raise_for_status()
        except httpx.TransportError:
            # As the page does: a dropped long poll is asked again at once (counted).
            session.reconnects += 0 if stop.is_set() else 1  # not the ones cut at the end
            continue
        except httpx.HTTPError as error:
            if not stop.is_set():
                session.errors.append(f"feed: {error!r}")
            return
        feed = response.json()
        async with session.seen:
            session.revision = max(session.revision, feed["revision"])
            session.bot_ids.update(m["id"] for m in feed["messages"] if m["from_bot"])
            session.seen.notify_all()


async def talk(session: Session, until: float, think: tuple[int, int], rng: random.Random) -> None:
    """Sends a command after each think time and times the answer."""
    while time.monotonic() < until:
        await asyncio.sleep(rng.uniform(*think) / 1000)
        text = rng.choice(COMMANDS)
        started = time.perf_counter()
        try:
            response = await session.client.post(
                "/api/send", json={"text": text}, headers={"X-Parkbot": "1"}
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            session.errors.append(f"send: {error!r}")
            continue
        sent = response.json()["id"]
        async with session.seen:
            try:
                await asyncio.wait_for(
                    session.seen.wait_for(lambda sent=sent: any(i > sent for i in session.bot_ids)),
                    ANSWER_TIMEOUT,
                )
            except TimeoutError:
                session.errors.append(f"no answer to {text} within {ANSWER_TIMEOUT}s")
                continue
            session.bot_ids = {i for i in session.bot_ids if i > sent}
        session.trips.append(time.perf_counter() - started)


def process_figures(pid: int) -> tuple[float, float]:
    """Peak resident memory (MiB) and CPU seconds of a running process."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak = int(re.search(r"^VmHWM:\s*(\d+) kB", status, re.MULTILINE).group(1)) / 1024
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return peak, cpu


async def drive(base: str, tokens: list[str], seconds: float, think: tuple[int, int], seed: int):
    """Signs everyone in (20 at a time), then lets them all talk for `seconds`."""
    gate = asyncio.Semaphore(20)

    async def one(token: str) -> Session:
        async with gate:
            return await sign_in(base, token)

    started = time.perf_counter()
    sessions = await asyncio.gather(*(one(t) for t in tokens))
    signed_in = time.perf_counter() - started
    stop = asyncio.Event()
    feeds = [asyncio.create_task(follow_feed(s, stop)) for s in sessions]
    until = time.monotonic() + seconds
    rngs = [random.Random(seed * 1000 + n) for n in range(len(sessions))]
    await asyncio.gather(*(talk(s, until, think, r) for s, r in zip(sessions, rngs, strict=True)))
    stop.set()
    for session in sessions:
        await session.client.aclose()
    for feed in feeds:
        feed.cancel()
    return sessions, signed_in


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if values else 0.0


def main() -> None:
    """Runs the benchmark, prints and records the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-ms", default="5000-15000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    low, high = (int(x) for x in args.think_ms.split("-"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, tokens = prepare(folder, args.sessions)
        port = free_port()
        server = start_server(folder, url, port)
        try:
            sessions, signed_in = asyncio.run(
                drive(f"http://127.0.0.1:{port}", tokens, args.seconds, (low, high), args.seed)
            )
            peak, cpu = process_figures(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    trips = sorted(t * 1000 for s in sessions for t in s.trips)
    errors = [e for s in sessions for e in s.errors]
    reconnects = sum(s.reconnects for s in sessions)
    lines = [
        f"{args.sessions} signed-in sessions for {args.seconds:.0f} s,"
        f" think time {args.think_ms} ms, loopback,"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}:",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| sign-in of all sessions | {signed_in:.1f} s |",
        f"| round trips measured | {len(trips)} |",
        f"| round trip p50 | {quantile(trips, 50):.0f} ms |",
        f"| round trip p95 | {quantile(trips, 95):.0f} ms |",
        f"| round trip p99 | {quantile(trips, 99):.0f} ms |",
        f"| round trip max | {max(trips, default=0):.0f} ms |",
        f"| errors | {len(errors)} |",
        f"| long polls re-asked after a dropped connection | {reconnects} |",
        f"| server peak memory (VmHWM) | {peak:.0f} MiB |",
        f"| server CPU time | {cpu:.1f} s |",
    ]
    if errors:
        lines += ["", "First errors: " + "; ".join(errors[:5])]
    body = "\n".join(lines)
    print(body)
    if not args.no_record:
        record("web_chat", body)
        record("machine", "\n".join(machine()))


if __name__ == "__main__":
    main()
