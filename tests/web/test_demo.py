"""`parkbot demo` and local-mode invites, run as an operator runs them: separate processes."""

import importlib.util
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, create_engine, select

from bot.people.invites import hash_token
from models import CampaignTarget, Invite
from tests.screens import say

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"(http://127\.0\.0\.1:(\d+))/join/([A-Za-z0-9_-]+)")
# The web chat (another branch) serves /join/<token>; without it the route is not there yet.
CHAT_MOUNTED = importlib.util.find_spec("bot.web.chat") is not None


def _env(workdir: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no token, no parkbot settings from the test machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "PARKBOT_", "DATABASE_URL"))
    }
    (workdir / "tmp").mkdir(exist_ok=True)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TMPDIR": str(workdir / "tmp"),
            "DATABASE_URL": f"sqlite:///{workdir / 'parkbot.db'}",
            "PARKBOT_MEDIA_DIR": str(workdir / "media"),
            **extra,
        }
    )
    return env


def _parkbot(workdir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.main", *args],
        cwd=workdir,  # no .env of the checkout
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _targets(database: Path) -> list[tuple[int, int, Decimal]]:
    """The campaign targets in the database: new starts, in production, investment."""
    engine = create_engine(f"sqlite:///{database}")
    try:
        with Session(engine) as session:
            rows = session.exec(select(CampaignTarget)).all()
            return [(row.new_starts, row.in_production, row.investment) for row in rows]
    finally:
        engine.dispose()


def _live(database: Path, token: str) -> bool:
    """Whether the invite with this token is in the database, unused and not revoked."""
    engine = create_engine(f"sqlite:///{database}")
    try:
        with Session(engine) as session:
            invite = session.exec(
                select(Invite).where(Invite.token_hash == hash_token(token))
            ).one_or_none()
            return invite is not None and invite.used_at is None and invite.revoked_at is None
    finally:
        engine.dispose()


def test_invite_in_local_mode_links_to_the_web_chat(tmp_path):
    env = _env(tmp_path, PARKBOT_WEB_PORT="8090")
    assert _parkbot(tmp_path, env, "demo-data").returncode == 0
    local = _parkbot(tmp_path, env, "invite", "13900000021")
    assert local.returncode == 0, local.stderr
    (link,) = LINK.findall(local.stdout)
    assert link[1] == "8090" and "张伟" in local.stdout and "t.me" not in local.stdout
    assert _live(tmp_path / "parkbot.db", link[2])

    public = dict(env, PARKBOT_WEB_PUBLIC_URL="https://chat.example.org/")
    proxied = _parkbot(tmp_path, public, "invite", "13900000011")
    assert proxied.returncode == 0, proxied.stderr
    token = re.search(r"https://chat\.example\.org/join/([A-Za-z0-9_-]+)", proxied.stdout)
    assert token and _live(tmp_path / "parkbot.db", token[1])


class Demo:
    """A running `parkbot demo`, its output read line by line off a thread."""

    def __init__(self, workdir: Path, env: dict[str, str], *args: str) -> None:
        self.stderr = (workdir / "demo.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.main", "demo", "--port", "0", *args],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def read_links(self, timeout: float = 120) -> list[tuple[str, str, str]]:
        """The three links, once the demo listens."""
        links: list[tuple[str, str, str]] = []
        while len(links) < 3:
            line = self.lines.get(timeout=timeout)
            assert line is not None, self.output
            self.output.append(line)
            links += LINK.findall(line)
        return links

    def read_line(self, timeout: float = 30) -> str:
        """The next line of output."""
        line = self.lines.get(timeout=timeout)
        assert line is not None, self.output
        self.output.append(line)
        return line

    def interrupt(self, timeout: float = 60) -> str:
        """Ctrl-C; the rest of the output once it has ended."""
        self.process.send_signal(signal.SIGINT)
        assert self.process.wait(timeout) == 0
        while (line := self.lines.get(timeout=timeout)) is not None:
            self.output.append(line)
        return "".join(self.output)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.stderr.close()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[list[Demo]]:
    started: list[Demo] = []
    yield started
    for running in started:
        running.close()


def test_demo_prints_three_role_links_that_sign_in(tmp_path, demo):
    # A token in the environment changes nothing: the demo is always local.
    env = _env(tmp_path, TELEGRAM_BOT_TOKEN="123456789:AAE2eTestTokenForParkbot_abcdefgh")
    running = Demo(tmp_path, env)
    demo.append(running)
    links = running.read_links()
    text = "".join(running.output)
    for role, name in (("联络员", "张伟"), ("包联领导", "李明"), ("指挥部", "陈志强")):
        assert f"{role}（{name}）" in text
    (database,) = (tmp_path / "tmp").glob("parkbot-*/parkbot.db")
    assert len({token for _, _, token in links}) == 3
    for base, _, token in links:
        assert _live(database, token)
        page = httpx.get(f"{base}/join/{token}")
        assert page.status_code == (200 if CHAT_MOUNTED else 404)
    base = links[0][0]
    assert f"{base}/board" in running.read_line()  # the line after the links
    assert httpx.get(f"{base}/board").status_code == 403  # a browser not signed in: no data
    # Signed in with the command centre's link, the printed address opens the city's board.
    centre = httpx.Client(base_url=base, timeout=30)
    assert centre.post(f"/join/{links[2][2]}", follow_redirects=False).status_code == 303
    board = centre.get("/board")
    assert board.status_code == 200
    assert "中联起重机械" in board.text and say("board-scope-city") in board.text
    assert _targets(database) == [(50, 16, Decimal(6_000_000))]  # the campaign document's
    assert not (tmp_path / "parkbot.db").exists()  # DATABASE_URL is set aside

    assert "Ctrl-C" in running.interrupt()
    assert list((tmp_path / "tmp").iterdir()) == []  # the throwaway data is gone


def test_demo_keep_keeps_the_data_and_runs_again(tmp_path, demo):
    env = _env(tmp_path, PARKBOT_LANGUAGE="en")
    kept = tmp_path / "kept"
    first = Demo(tmp_path, env, "--keep", str(kept))
    demo.append(first)
    tokens = [token for _, _, token in first.read_links()]
    text = "".join(first.output)
    for role in ("Liaison", "Leader", "Command centre"):
        assert role in text
    assert str(kept) in first.interrupt()
    assert (kept / "parkbot.db").exists() and (kept / "messenger").is_dir()

    again = Demo(tmp_path, env, "--keep", str(kept))
    demo.append(again)
    fresh = [token for _, _, token in again.read_links()]
    # New links; the old ones are revoked by them, the demo data is not loaded twice.
    assert all(_live(kept / "parkbot.db", token) for token in fresh)
    assert not any(_live(kept / "parkbot.db", token) for token in tokens)
    again.interrupt()


def test_demo_on_a_busy_port_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _parkbot(tmp_path, _env(tmp_path), "demo", "--port", str(port))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in done.stderr
    assert "--port" in done.stderr and done.stdout == ""
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing loaded, nothing left
