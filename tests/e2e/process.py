"""Running `parkbot` as a separate process, the way an operator does."""

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import IO

from bot.cli import main as cli
from tests.e2e.conftest import TOKEN
from tests.emulator.server import BotApiEmulator

ROOT = Path(__file__).resolve().parents[2]


def operator_env(directory: Path, emulator: BotApiEmulator, **extra: str) -> dict[str, str]:
    """Environment for a parkbot process: a SQLite file in `directory`, the emulator as API."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "PARKBOT_", "DATABASE_URL"))
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{directory / 'parkbot.db'}",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": emulator.base_url,
            "TELEGRAM_BASE_FILE_URL": emulator.base_file_url,
            "PARKBOT_POLL_TIMEOUT": "1",
            "PARKBOT_MEDIA_DIR": str(directory / "media"),
            # Telegram mode even without a token (the emulator is its Bot API); the web server on
            # any free port, so parallel runs don't meet on 8080; the messenger off the checkout.
            "PARKBOT_MESSENGER": "telegram",
            "PARKBOT_WEB_PORT": "0",
            "PARKBOT_MESSENGER_DIR": str(directory / "messenger"),
            # Simulated people type faster than real ones: the flood guard's production values
            # would mute them (tests/e2e/test_flood.py runs with those values).
            "FLOOD_MAX_UPDATES": "10000",
            "STRANGER_NOTICE_SECONDS": "0",
            "PYTHONPATH": str(ROOT),
            **extra,
        }
    )
    return env


def parkbot(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs a parkbot command to completion."""
    return subprocess.run(
        [sys.executable, "-m", "bot.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def parkbot_here(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Runs a parkbot command in this process, in `env`, as `parkbot(env, ...)` does.

    For the steps that set a test up (a roster import, an invite) when the test is about
    another process: an interpreter start-up costs ~1.3 s CPU. tests/e2e/test_cli.py runs
    the commands as processes.
    """
    saved = dict(os.environ)
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(env)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as stop:  # argparse's usage errors exit, as a process would
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(["parkbot", *args], code, out.getvalue(), err.getvalue())


def start_parkbot(env: dict[str, str], output: IO[str] | None = None) -> subprocess.Popen:
    """Starts `parkbot run` in the background; its stdout and stderr go to pipes or `output`.

    A pipe nobody reads fills up (64 KiB) and then stops the bot at its next log line: give
    a file as `output` when the bot logs much, at DEBUG say.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "bot.main", "run"],
        env=env,
        stdout=output or subprocess.PIPE,
        stderr=output or subprocess.PIPE,
        text=True,
    )
