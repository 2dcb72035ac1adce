"""`parkbot burden` as an operator uses it: per person, the bot's messages by kind, sent and
folded, most first; answers left out; a bad --days is one clear line and changes nothing.

The commands run in this process (`parkbot_here`, the same `cli.main`); the CLI reads the real
clock, so the rows are written relative to it.
"""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from bot.db import Database
from bot.outbox import burden
from bot.outbox import queue as outbox
from models import OutboxMessage
from tests.e2e.process import operator_env, parkbot_here
from tests.factories import make_person

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def env(tmp_path: Path, emulator) -> dict[str, str]:
    """An operator's environment (English) over a fresh, migrated SQLite database."""
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="en", PARKBOT_BURDEN_DAILY_CAP="4")
    assert parkbot_here(env, "db", "upgrade").returncode == 0
    return env


def _write(env: dict[str, str]) -> None:
    """王强: three reminders sent, two notices folded; 李敏: a notice now, one 40 days ago;
    周涛: only an answer to his own request."""
    now = datetime.now(SHANGHAI) - timedelta(hours=1)
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        wang = make_person(session, "王强", is_leader=True, telegram_user_id=11)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=12)
        zhou = make_person(session, "周涛", is_liaison=True, telegram_user_id=13)
        rows = [
            (outbox.enqueue(session, kind=kind, text=kind, now=now, person=wang), kind)
            for kind in ("reminder", "reminder", "reminder", "notice", "notice")
        ]
        for row, kind in rows:
            if kind == "reminder":
                outbox.mark_sent(session, row.id, telegram_message_id=row.id, now=now)
            else:
                burden.fold(session, row, now=now)
        for moment in (now, now - timedelta(days=40)):
            row = outbox.enqueue(session, kind="notice", text="通知", now=moment, person=li)
            outbox.mark_sent(session, row.id, telegram_message_id=row.id, now=moment)
        answer = outbox.enqueue(session, kind="answer", text="答", now=now, person=zhou)
        outbox.mark_sent(session, answer.id, telegram_message_id=answer.id, now=now)
    db.dispose()


def _count(env: dict[str, str]) -> int:
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        count = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    db.dispose()
    return count


def test_the_figures_per_person_most_first(env) -> None:
    assert parkbot_here(env, "burden").stdout.startswith("Nobody received")
    _write(env)
    result = parkbot_here(env, "burden")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Messages each person received in the last 30 days")
    assert lines[1] == (
        "王强 (responsible leader) · sent 3 · folded 2 · report reminder 3/0, notice 0/2"
    )
    assert lines[2] == "李敏 (liaison) · sent 1 · folded 0 · notice 1/0"
    assert "周涛" not in result.stdout  # an answer to his own request is no burden
    assert lines[-1].startswith("Caps: 4 a day and 15 per meeting cycle per person")
    wider = parkbot_here(env, "burden", "--days", "60").stdout
    assert "李敏 (liaison) · sent 2 · folded 0 · notice 2/0" in wider
    chinese = parkbot_here({**env, "PARKBOT_LANGUAGE": "zh_CN"}, "burden").stdout
    assert "王强（包联领导）· 已发 3 · 并入汇总 2 · 填报提醒 3/0、通知 0/2" in chinese


@pytest.mark.parametrize("days", ["0", "367", "-3"])
def test_days_out_of_range_is_one_line_and_exit_2(env, days) -> None:
    _write(env)
    before = _count(env)
    result = parkbot_here(env, "burden", "--days", days)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"parkbot: The number of days must be between 1 and 366 (given: {days})."
    ]
    assert result.stdout == "" and _count(env) == before
