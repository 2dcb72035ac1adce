"""The wall board over HTTP: a real `parkbot run`, its board links, GET timings, first paint.

Used by benchmarks/board.py. The server is `parkbot run` with the local messenger as a
subprocess on the generated database (as benchmarks/web_chat.py starts it); a board link is
made with `parkbot board-link` against the same database and folder (so it is signed with the
server's web secret) and its printed URL opened once to get the `parkbot_board` cookie.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

CHROMIUM = "/usr/bin/chromium"
BOARD_COOKIE = "parkbot_board"
RUN = "from bot.main import main; raise SystemExit(main(sys.argv[1:]))"


@dataclass(frozen=True)
class Server:
    """A running `parkbot run`: its process, address and environment."""

    process: subprocess.Popen
    base: str
    env: dict[str, str]
    folder: Path


def server_env(folder: Path, url: str, port: int) -> dict[str, str]:
    """What `parkbot run` and `parkbot board-link` both run with (one folder, one secret)."""
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
    env.pop("PARKBOT_WEB_PUBLIC_URL", None)
    return env


def parkbot(env: dict[str, str], folder: Path, *args: str) -> str:
    """Runs a `parkbot` command to its end; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; " + RUN, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"parkbot {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def board_link(env: dict[str, str], folder: Path, park: str | None = None) -> str:
    """`parkbot board-link [--park NAME]`: the URL it printed."""
    out = parkbot(env, folder, "board-link", *(["--park", park] if park else []))
    urls = [line.strip() for line in out.splitlines() if line.strip().startswith("http")]
    if not urls:
        raise RuntimeError("parkbot board-link printed no URL")
    return urls[-1]


def start(folder: Path, url: str, port: int) -> Server:
    """`parkbot run`; returns once it says where to open it."""
    env = server_env(folder, url, port)
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; " + RUN, "run"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        # Its log (e.g. the outbox's "Chat not found" for the generated Telegram accounts,
        # which the local messenger does not know) goes to a file, not the figures.
        stderr=(folder / "server.log").open("w"),
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if f":{port}" in line:
            return Server(process, f"http://127.0.0.1:{port}", env, folder)
    raise RuntimeError(f"parkbot run ended before serving (exit {process.wait()})")


def board_cookie(link_url: str) -> str:
    """Opens a board link (as a wall display's browser does once) and returns its cookie."""
    with httpx.Client(timeout=30) as client:
        response = client.get(link_url, follow_redirects=True)
        token = client.cookies.get(BOARD_COOKIE)
    if response.status_code != 200 or not token:
        raise RuntimeError(f"the board link did not open the board: {response.status_code}")
    return token


@dataclass(frozen=True)
class Spread:
    """p50 / p95 / max of some milliseconds."""

    values: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.values) if self.values else 0.0

    @property
    def p95(self) -> float:
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0

    @property
    def worst(self) -> float:
        return max(self.values, default=0.0)

    def cells(self) -> str:
        """`p50 | p95 | max` table cells, in ms."""
        return f"{self.p50:,.0f} | {self.p95:,.0f} | {self.worst:,.0f}"


def timed_gets(base: str, cookie: str, path: str, repeat: int) -> tuple[Spread, int]:
    """GETs `path` `repeat` times one after another; the times (ms) and the last body's size."""
    times, size = [], 0
    with httpx.Client(base_url=base, cookies={BOARD_COOKIE: cookie}, timeout=60) as client:
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            size = len(response.content)
    return Spread(times), size


def first_paints(base: str, cookie: str, repeat: int) -> Spread:
    """Headless Chromium opening /board `repeat` times, each in a fresh context (no cache):
    navigation start to first-contentful-paint, in ms."""
    from playwright.sync_api import sync_playwright

    paints = []
    host = base.split("//", 1)[1].split(":")[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 1920, "height": 1080})
                context.add_cookies(
                    [{"name": BOARD_COOKIE, "value": cookie, "domain": host, "path": "/"}]
                )
                page = context.new_page()
                page.goto(f"{base}/board?rotate=0", wait_until="load")
                page.wait_for_function(
                    "performance.getEntriesByName('first-contentful-paint').length > 0"
                )
                paints.append(
                    page.evaluate(
                        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
                    )
                )
                context.close()
        finally:
            browser.close()
    return Spread(paints)
