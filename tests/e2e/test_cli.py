"""The `parkbot` command as an operator uses it: import, invite, run against the emulator."""

import re
import signal
from pathlib import Path

import pytest
from sqlmodel import select

from bot.db import Database
from models import Person, Project
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.e2e.process import operator_env, parkbot, start_parkbot

DATA = Path(__file__).resolve().parents[1] / "data"
ROSTER_CSV = (DATA / "roster_ok.csv").read_text(encoding="utf-8")
BAD_CSV = (DATA / "roster_bad.csv").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path, emulator) -> tuple[Path, dict[str, str]]:
    """An operator's working directory with a SQLite database and the emulator configured."""
    return tmp_path, operator_env(tmp_path, emulator)


def test_missing_token_is_one_clear_line_and_exit_code_2(workdir):
    _, env = workdir
    del env["TELEGRAM_BOT_TOKEN"]
    result = parkbot(env, "run")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_placeholder_token_is_refused(workdir):
    _, env = workdir
    env["TELEGRAM_BOT_TOKEN"] = "123456789:replace-with-your-token"
    result = parkbot(env, "run")
    assert result.returncode == 2 and "placeholder" in result.stderr


def test_bad_roster_lists_every_bad_row_and_writes_nothing(workdir):
    path, env = workdir
    roster = path / "bad.csv"
    roster.write_text(BAD_CSV, encoding="utf-8")
    result = parkbot(env, "roster", "import", str(roster))
    assert result.returncode == 1
    assert "第 2 行" in result.stderr and "第 3 行" in result.stderr
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        assert session.exec(select(Project)).all() == []
        assert session.exec(select(Person)).all() == []
    db.dispose()


def test_import_invite_and_run_serves_start_with_token(workdir, emulator):
    path, env = workdir
    roster = path / "roster.csv"
    roster.write_bytes(ROSTER_CSV.encode("gb18030"))
    imported = parkbot(env, "roster", "import", str(roster))
    assert imported.returncode == 0, imported.stderr
    again = parkbot(env, "roster", "import", str(roster))
    assert again.returncode == 0 and again.stdout != imported.stdout

    invited = parkbot(env, "invite", "139-0000-0011")
    assert invited.returncode == 0, invited.stderr
    link = re.search(rf"https://t\.me/{BOT_USERNAME}\?start=(\S+)", invited.stdout)
    assert link and "李敏" in invited.stdout

    bot = start_parkbot(env)
    try:
        user = emulator.add_user(424242, "Min")
        user.send_command("start", link.group(1))
        greeting = user.wait_message(timeout=20)
        assert "李敏" in greeting["text"]
        assert "中联起重机械" in greeting["text"] and "美华尼龙四期" in greeting["text"]
    finally:
        bot.send_signal(signal.SIGTERM)
        _, stderr = bot.communicate(timeout=20)
    assert bot.returncode == 0, stderr
    assert TOKEN not in stderr
