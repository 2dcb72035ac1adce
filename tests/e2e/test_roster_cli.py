"""`parkbot roster import` as an operator runs it: nobody re-activated, the missing listed.

In this process (tests/e2e/test_cli.py runs the same command as a process): the output and
the database are what this test checks.
"""

from pathlib import Path

import pytest
from sqlmodel import select

from bot.db import Database
from models import AuditEntry, Person, Project
from tests.e2e.process import operator_env, parkbot_here

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"
ROSTER_CSV = (DATA / "roster_ok.csv").read_text(encoding="utf-8")
# The same roster without 中联起重机械 (and so without 陈静, its second liaison).
SMALLER_CSV = "\n".join(
    line for line in ROSTER_CSV.splitlines() if not line.startswith("中联起重机械")
)


def test_import_keeps_the_deactivated_and_deactivates_the_missing_only_on_request(
    tmp_path, emulator
):
    env = operator_env(tmp_path, emulator)
    full, smaller = tmp_path / "full.csv", tmp_path / "smaller.csv"
    full.write_text(ROSTER_CSV, encoding="utf-8")
    smaller.write_text(SMALLER_CSV, encoding="utf-8")
    assert parkbot_here(env, "roster", "import", str(full)).returncode == 0
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        li = session.exec(select(Person).where(Person.phone == "13900000011")).one()
        li.active = False  # as `parkbot person deactivate` leaves it
        session.add(li)

    again = parkbot_here(env, "roster", "import", str(full))
    assert again.returncode == 0, again.stderr
    assert "parkbot person reactivate 13900000011" in again.stdout

    listed = parkbot_here(env, "roster", "import", str(smaller))
    assert listed.returncode == 0, listed.stderr
    assert "中联起重机械" in listed.stdout and "--deactivate-missing" in listed.stdout

    removed = parkbot_here(env, "roster", "import", "--deactivate-missing", str(smaller))
    assert removed.returncode == 0, removed.stderr
    assert "中联起重机械" in removed.stdout and "已停用" in removed.stdout
    with db.scope() as session:
        assert not session.exec(select(Project).where(Project.name == "中联起重机械")).one().active
        assert session.exec(select(Project).where(Project.name == "美华尼龙四期")).one().active
        assert not session.exec(select(Person).where(Person.phone == "13900000011")).one().active
        actions = [e.action for e in session.exec(select(AuditEntry))]
    assert actions.count("deactivate") == 1
    db.dispose()
