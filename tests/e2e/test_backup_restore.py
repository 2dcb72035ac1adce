"""`parkbot backup` and `parkbot restore` on SQLite: what they refuse, and a backup mid-traffic.

The commands run in-process through the console script's entry point (bot.main.main), the
way test_cli.py runs the others, with DATABASE_URL in the environment.
"""

import sqlite3
import threading
import time
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from bot import migrate
from bot.db import Database, make_engine
from bot.instance_lock import single_instance
from bot.main import main
from bot.migrate import HEAD
from models import ProgressReport
from tests.e2e.chat import buttons, screen
from tests.e2e.sim import run_together
from tests.factories import make_park, make_person, make_project
from tests.screens import on, say, shows

LIAISONS = 8
PROJECTS_EACH = 4
FIRST_USER_ID = 7000
STEP_TIMEOUT = 20.0


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    """Backup and restore are about a SQLite file: the module's bot runs on one."""
    return sqlite_db


def use_database(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Points the in-process CLI at the SQLite file `path`, with no .env read."""
    monkeypatch.chdir(path.parent)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")


def database_file(db: Database) -> Path:
    """The file behind a SQLite Database."""
    return Path(db.engine.url.database)


def listing(directory: Path) -> dict[str, bytes]:
    """Every file in `directory` with its content: what "nothing written" compares."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def integrity(path: Path) -> list[str]:
    """SQLite's integrity check of `path`."""
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def test_backup_refuses_to_overwrite_unless_forced(sqlite_db, tmp_path, monkeypatch, capsys):
    use_database(monkeypatch, database_file(sqlite_db))
    target = tmp_path / "backups" / "parkbot.db"
    target.parent.mkdir()
    target.write_bytes(b"an older backup")
    assert main(["backup", str(target)]) == 1
    assert on(capsys.readouterr().err, "cli-backup-exists", path=str(target))
    assert target.read_bytes() == b"an older backup"
    assert listing(target.parent) == {"parkbot.db": b"an older backup"}  # no temporary left

    assert main(["backup", "--force", str(target)]) == 0
    assert on(capsys.readouterr().out, "cli-backup-written", path=str(target), people=0)
    assert integrity(target) == ["ok"]
    assert [p.name for p in target.parent.iterdir()] == ["parkbot.db"]


def test_restore_refuses_while_the_bot_holds_the_lock(sqlite_db, tmp_path, monkeypatch, capsys):
    database = database_file(sqlite_db)
    use_database(monkeypatch, database)
    backup = tmp_path / "backup.db"
    assert main(["backup", str(backup)]) == 0
    capsys.readouterr()
    with single_instance(make_engine(f"sqlite:///{database}"), "123456789"):
        before = listing(database.parent)
        assert main(["restore", str(backup)]) == 3
        assert listing(database.parent) == before
    error = capsys.readouterr().err
    assert on(error, "cli-restore-running", lock=f"lock file {database}.lock")
    assert error.strip().count("\n") == 0


@pytest.mark.parametrize("kind", ["text", "foreign"])
def test_restore_refuses_what_is_not_a_parkbot_database(
    sqlite_db, tmp_path, monkeypatch, capsys, kind
):
    database = database_file(sqlite_db)
    use_database(monkeypatch, database)
    source = tmp_path / "elsewhere" / "not-ours.db"
    source.parent.mkdir()
    if kind == "text":
        source.write_text("name,phone\n李敏,13900000011\n", encoding="utf-8")
        key = "cli-restore-not-sqlite"
    else:
        with closing(sqlite3.connect(source)) as foreign:
            # Another program's database, Alembic and all.
            foreign.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            foreign.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
            foreign.commit()
        key = "cli-restore-not-parkbot"
    before = listing(database.parent)
    assert main(["restore", str(source)]) == 1
    assert on(capsys.readouterr().err, key, path=str(source))
    assert listing(database.parent) == before


def test_restore_keeps_the_previous_database_and_migrates_an_older_backup(
    sqlite_db, tmp_path, monkeypatch, capsys
):
    database = database_file(sqlite_db)
    use_database(monkeypatch, database)
    with sqlite_db.scope() as session:
        make_person(session, "刘洋", is_liaison=True)
    sqlite_db.dispose()
    old = tmp_path / "old" / "parkbot.db"
    old.parent.mkdir()
    engine = make_engine(f"sqlite:///{old}")
    migrate.upgrade(engine, "0005")  # a backup from an older parkbot
    engine.dispose()
    Path(f"{database}-wal").write_bytes(b"stale")  # must not be replayed into the restored file

    assert main(["restore", str(old)]) == 0
    out = capsys.readouterr().out
    assert on(out, "cli-restore-done", revision="0005", head=HEAD, people=0)
    kept = [p for p in database.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and str(kept[0]) in out
    assert integrity(kept[0]) == ["ok"] and integrity(database) == ["ok"]
    with closing(sqlite3.connect(kept[0])) as previous:
        assert previous.execute("SELECT name FROM person").fetchall() == [("刘洋",)]
    restored = make_engine(f"sqlite:///{database}")
    try:
        assert migrate.is_current(restored)
    finally:
        restored.dispose()


def test_postgres_gets_the_pg_dump_commands_without_the_password(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://parkbot:s3cret@db.internal:5432/park")
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    assert main(["backup", "nightly.dump"]) == 7
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "pg_dump -Fc -f nightly.dump postgresql://parkbot@db.internal:5432/park",
        "pg_restore --clean --if-exists --no-owner -d postgresql://parkbot@db.internal:5432/park"
        " nightly.dump",
    ]
    assert on(captured.err, "cli-backup-postgres") and "s3cret" not in captured.err
    assert main(["restore", "nightly.dump"]) == 7
    assert on(capsys.readouterr().err, "cli-restore-postgres")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.emulator_only(reason="a 5 ms link keeps the traffic going while the backup runs")
def test_a_backup_taken_mid_traffic_restores_every_acknowledged_report(
    start_bot, db, tmp_path, monkeypatch, capsys
):
    projects = seed(db)
    harness = start_bot()
    emu = harness.emulator
    emu.set_latency(5)
    users = [emu.add_user(FIRST_USER_ID + i, f"L{i}") for i in range(LIAISONS)]
    acknowledged: list[tuple[int, str, float]] = []  # (project id, progress, when confirmed)
    guard = threading.Lock()

    def liaison(i: int):
        def run() -> None:
            for n, (project_id, name) in enumerate(projects[i]):
                progress = f"{name}第{n}次施工进展"
                file_report(emu, users[i], name, progress)
                with guard:
                    acknowledged.append((project_id, progress, time.monotonic()))

        return run

    backup = tmp_path / "backups" / "mid-traffic.db"
    backup.parent.mkdir()
    taken: dict[str, object] = {}

    def take_backup() -> None:
        # While the liaisons go on filing: once a quarter of the reports are confirmed.
        emu.wait_until(lambda: len(acknowledged) >= LIAISONS * PROJECTS_EACH // 4, 120)
        with guard:
            taken["before"] = list(acknowledged)
        taken["code"] = main(["backup", str(backup)])
        taken["finished"] = time.monotonic()

    use_database(monkeypatch, database_file(db))
    run_together([*(liaison(i) for i in range(LIAISONS)), take_backup])
    harness.bot.stop()
    assert taken["code"] == 0, capsys.readouterr().err
    before = taken["before"]
    after = [ack for ack in acknowledged if ack[2] > taken["finished"]]
    # The traffic did go on around the backup: reports confirmed before it and after it.
    assert before and after, (len(before), len(after))

    restored = tmp_path / "restored" / "parkbot.db"
    restored.parent.mkdir()
    use_database(monkeypatch, restored)
    assert main(["restore", str(backup)]) == 0
    assert on(capsys.readouterr().out, "cli-restore-done-fresh", head=HEAD, database=str(restored))
    assert integrity(restored) == ["ok"]
    copy = Database.from_url(f"sqlite:///{restored}")
    try:
        with copy.scope() as session:
            stored = {(r.project_id, r.progress) for r in session.exec(select(ProgressReport))}
    finally:
        copy.dispose()
    missing = [(project, text) for project, text, _ in before if (project, text) not in stored]
    assert missing == [], f"{len(missing)} of {len(before)} acknowledged reports lost"


def seed(db: Database) -> list[list[tuple[int, str]]]:
    """Liaisons with PROJECTS_EACH projects each: per liaison, (project id, name)."""
    projects = []
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        for i in range(LIAISONS):
            person = make_person(
                session, f"联络员{i}", is_liaison=True, telegram_user_id=FIRST_USER_ID + i
            )
            own = []
            for n in range(PROJECTS_EACH):
                project = make_project(
                    session,
                    name=f"项目{i}-{n}",
                    park=park,
                    liaisons=(person,),
                    total_investment=Decimal("100000"),
                )
                own.append((project.id, project.name))
            projects.append(own)
    return projects


def file_report(emu, user, project: str, progress: str) -> None:
    """Files one report for `project`, up to the confirmation."""
    user.send_command("report")
    choice = screen(emu, user, shows("report-choose-project"), STEP_TIMEOUT)
    user.press(next(label for label in buttons(choice) if project in label))
    screen(emu, user, shows("report-choose-period"), STEP_TIMEOUT)
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"), STEP_TIMEOUT)
    user.send_text("120")
    screen(emu, user, shows("report-ask-stage"), STEP_TIMEOUT)
    user.press(say("stage-main_works"))
    screen(emu, user, shows("report-ask-percent"), STEP_TIMEOUT)
    user.send_text("30")
    screen(emu, user, shows("report-ask-progress"), STEP_TIMEOUT)
    user.send_text(progress)
    screen(emu, user, shows("report-ask-problems"), STEP_TIMEOUT)
    user.press(say("button-no-problems"))
    screen(emu, user, shows("report-ask-photos"), STEP_TIMEOUT)
    user.press(say("button-photos-skip"))
    screen(emu, user, shows("report-summary"), STEP_TIMEOUT)
    user.press(say("button-submit"))
    screen(emu, user, shows("report-submitted", project=project), STEP_TIMEOUT)
