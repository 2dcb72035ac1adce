"""`parkbot board-link` as an operator uses it: create, list, revoke; bad input changes nothing.

The commands run in this process (`parkbot_here`, the same `cli.main`): tests/e2e/test_cli.py
runs commands as processes; a process start costs ~1.3 s CPU per call.
"""

from pathlib import Path

import pytest
from sqlmodel import select

from bot.board import links
from bot.db import Database
from models import AuditEntry, BoardLink, Park
from tests.e2e.process import operator_env, parkbot_here

PARKS = ("常德经开区", "鼎城高新区", "汉寿高新区")


@pytest.fixture
def env(tmp_path: Path, emulator) -> dict[str, str]:
    """An operator's environment with three parks in a fresh SQLite database."""
    env = operator_env(
        tmp_path,
        emulator,
        PARKBOT_LANGUAGE="en",
        PARKBOT_WEB_PUBLIC_URL="https://parkbot.example.gov.cn/",
        PARKBOT_WEB_SECRET="a-secret-for-the-test-only",
    )
    assert parkbot_here(env, "db", "upgrade").returncode == 0
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        session.add_all(Park(name=name) for name in PARKS)
    db.dispose()
    return env


def _rows(env: dict[str, str]) -> list[BoardLink]:
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        rows = list(session.exec(select(BoardLink).order_by(BoardLink.id)))
        session.expunge_all()
    db.dispose()
    return rows


def test_create_prints_a_signed_link_for_the_park_and_audits_it(env) -> None:
    result = parkbot_here(env, "board-link", "--park", "鼎城", "--days", "90", "--label", "office")
    assert result.returncode == 0, result.stderr
    [row] = _rows(env)
    assert row.label == "office" and (row.expires_at - row.created_at).days == 90
    url = result.stdout.strip().splitlines()[-1]
    prefix = "https://parkbot.example.gov.cn/b/"
    assert url.startswith(prefix)
    assert links.link_id_of("a-secret-for-the-test-only", url[len(prefix) :]) == row.id
    assert links.link_id_of("another secret", url[len(prefix) :]) is None
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        park = session.get(Park, row.park_id)
        assert park is not None and park.name == "鼎城高新区"
        actions = [e.action for e in session.exec(select(AuditEntry))]
    db.dispose()
    assert actions == ["board_link.create"]


def test_city_link_defaults_to_30_days(env) -> None:
    assert parkbot_here(env, "board-link").returncode == 0
    [row] = _rows(env)
    assert row.park_id is None and (row.expires_at - row.created_at).days == 30


def test_list_shows_each_link_without_its_token_and_revoke_ends_it(env) -> None:
    created = parkbot_here(env, "board-link", "--label", "command centre").stdout
    token = created.strip().splitlines()[-1].rsplit("/", 1)[1]
    parkbot_here(env, "board-link", "--park", "汉寿高新区")
    listed = parkbot_here(env, "board-link", "--list")
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 2 and token not in listed.stdout and "/b/" not in listed.stdout
    assert lines[0].startswith("1 · the whole city · command centre")
    assert lines[1].startswith("2 · 汉寿高新区 · -") and lines[1].endswith("revoked -")
    revoked = parkbot_here(env, "board-link", "--revoke", "1")
    assert revoked.returncode == 0 and "1" in revoked.stdout
    first, second = _rows(env)
    assert first.revoked_at is not None and second.revoked_at is None
    assert "revoked -" not in parkbot_here(env, "board-link", "--list").stdout.splitlines()[0]


def test_an_unknown_id_is_a_clear_error_with_exit_2(env) -> None:
    result = parkbot_here(env, "board-link", "--revoke", "7")
    assert result.returncode == 2
    assert "no board link number 7" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("days", ["0", "367", "-3"])
def test_days_out_of_bounds_are_refused_and_nothing_is_made(env, days) -> None:
    result = parkbot_here(env, "board-link", "--days", days)
    assert result.returncode == 2 and "between 1 and 366" in result.stderr
    assert _rows(env) == []


def test_not_a_number_of_days_is_a_usage_error(env) -> None:
    result = parkbot_here(env, "board-link", "--days", "many")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert _rows(env) == []


def test_an_unknown_park_lists_close_names_and_makes_nothing(env) -> None:
    result = parkbot_here(env, "board-link", "--park", "鼎城高薪区")
    assert result.returncode == 1 and "鼎城高新区" in result.stderr
    assert "Traceback" not in result.stderr
    assert _rows(env) == []
