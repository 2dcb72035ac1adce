"""Shared fixtures: a migrated database per test, on SQLite and (when configured) PostgreSQL."""

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, create_engine

from bot import migrate
from bot.db import Database, make_engine
from bot.status.city_view import forget_cached
from tests import network_guard

SHANGHAI = ZoneInfo("Asia/Shanghai")
PG_URL = os.environ.get("TEST_DATABASE_URL")
PG_SKIP = pytest.mark.skipif(
    not PG_URL, reason="TEST_DATABASE_URL not set: PostgreSQL variant skipped"
)


REPO = Path(__file__).resolve().parent.parent
_BEFORE = pytest.StashKey[set[str] | None]()
# Caches, and test-artifacts/ where tests keep what people look at (screenshots; git ignores it,
# the README names it).
_KEPT_OUTPUT = (".pytest_cache/", ".hypothesis/", ".ruff_cache/", "test-artifacts/")


def _checkout_files() -> set[str] | None:
    """Untracked and ignored paths in the checkout, or None outside a git checkout."""
    try:
        listing = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {line[3:] for line in listing.splitlines() if not line[3:].startswith(".venv/")}


def pytest_configure(config: pytest.Config) -> None:
    """Guards the network and notes what the checkout holds before the run."""
    # Every process pytest runs tests in (controller and each xdist worker) refuses connections
    # beyond loopback. Only Python sockets are patched: subprocesses a test starts (the bot's
    # CLI) and C libraries that open their own sockets (libpq, used against 127.0.0.1) are not
    # covered by this guard.
    network_guard.install()
    if not hasattr(config, "workerinput"):
        config.stash[_BEFORE] = _checkout_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fails the run if tests left files in the checkout (they belong in tmp_path)."""
    config = session.config
    before = config.stash.get(_BEFORE, None)
    if hasattr(config, "workerinput") or before is None:
        return
    left = sorted(
        path
        for path in (_checkout_files() or set()) - before
        if not path.startswith(_KEPT_OUTPUT) and "__pycache__/" not in path
    )
    if left:
        print(f"\ntests left files in the checkout: {', '.join(left[:10])}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Photos a test's bot downloads, and the web secret (kept in the messenger folder, made
    by every web server, Telegram mode's too), go to its tmp_path, never into the checkout."""
    monkeypatch.setenv("PARKBOT_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("PARKBOT_MESSENGER_DIR", str(tmp_path / "messenger"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for every test instead of migrating each time."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[object]:
    """A schema of its own per test worker (pytest-xdist), migrated from scratch once."""
    schema = unique_schema("parkbot_test")
    engine = create_engine(
        PG_URL, pool_pre_ping=True, connect_args={"options": f"-csearch_path={schema}"}
    )
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    migrate.upgrade(engine)
    yield engine
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def unique_schema(prefix: str) -> str:
    """A PostgreSQL schema name no other test process uses, even one run from another checkout."""
    return f"{prefix}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"


def fresh_sqlite(template: Path, directory: Path) -> Database:
    """A migrated SQLite database of its own in `directory`."""
    path = directory / "parkbot.db"
    shutil.copyfile(template, path)
    return Database.from_url(f"sqlite:///{path}")


def truncate_all(engine: object) -> None:
    """Empties every table (PostgreSQL) and restarts their ids, keeping the schema.

    DELETE, not TRUNCATE: TRUNCATE gives every table and index a new file, ~0.6 s a test for
    this schema; deleting the few rows a test wrote and resetting the sequences leaves the
    same empty tables, with ids starting over as TRUNCATE ... RESTART IDENTITY would.
    """
    deletes = "; ".join(
        f'DELETE FROM "{table.name}"' for table in reversed(SQLModel.metadata.sorted_tables)
    )
    with engine.begin() as connection:
        connection.exec_driver_sql(deletes)
        connection.exec_driver_sql(
            "SELECT setval((quote_ident(schemaname) || '.' || quote_ident(sequencename))::regclass,"
            " start_value, false) FROM pg_sequences WHERE schemaname = current_schema()"
        )


# End-to-end tests (a whole bot per test) run each on ONE of the two databases, chosen by a
# stable hash of the test's name, so every run covers both databases across them within the
# suite's time budget (so do the demo data set's tests, each loading it whole); unit tests,
# which hold the data layer's checks, run on both.
# PARKBOT_E2E_DATABASES=both runs every end-to-end test on both databases; a test marked
# `both_databases` (an access matrix: cheap, and a leak on one database only must not hide)
# runs on both in every run.
# The scripted month of the burden cap (every hour of a month through the reminder planner,
# the cap and the digest) is spread the same way: its database parts are unit-tested on both.
SPREAD_DIRS = (
    "tests/e2e/",
    "tests/web/",
    "tests/unit/test_demo.py",
    "tests/unit/test_burden_month.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keeps one database variant of each end-to-end test (unless told to run both)."""
    if os.environ.get("PARKBOT_E2E_DATABASES") == "both" or not os.environ.get("TEST_DATABASE_URL"):
        return
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        variant = callspec.params.get("db") if callspec is not None else None
        spread = (
            variant is not None
            and item.nodeid.startswith(SPREAD_DIRS)
            and item.get_closest_marker("both_databases") is None
        )
        if spread and _database_for(item) != variant:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _database_for(item: pytest.Item) -> str:
    """The database an end-to-end test runs on: half of them each, the same every run."""
    variant = item.callspec.params["db"]  # type: ignore[attr-defined]
    key = item.nodeid.replace(variant, "")  # the same for both variants, on every worker
    return ("sqlite", "postgres")[hashlib.sha256(key.encode()).digest()[0] % 2]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[PG_SKIP, pytest.mark.postgres])])
def db(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database; every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        database = fresh_sqlite(sqlite_template, tmp_path)
    else:
        engine = request.getfixturevalue("postgres_engine")
        truncate_all(engine)
        # Ids restart after TRUNCATE, so a cached answer could match the new data's version.
        forget_cached()
        database = Database(engine)
    yield database
    if request.param == "sqlite":
        database.dispose()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database only (for tests about SQLite itself)."""
    database = fresh_sqlite(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def now() -> datetime:
    """A fixed 'now' in the campaign's time zone."""
    return datetime(2025, 3, 10, 9, 30, tzinfo=SHANGHAI)
