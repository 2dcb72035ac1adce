"""`parkbot backup FILE` and `parkbot restore FILE`: a SQLite database copied whole, online.

The copy goes through SQLite's backup API in one step: it reads one consistent snapshot (in
WAL mode a reader never blocks the bot's writers, nor they it). Files are written beside
their destination under a temporary name and renamed into place, so a crash leaves either
the old file or the new one. PostgreSQL has its own tools: both commands print the
`pg_dump` / `pg_restore` lines for the configured server and exit with EXIT_NOT_SQLITE.
Their options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
import os
import shlex
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from bot.cli.common import (
    EXIT_ALREADY_RUNNING,
    EXIT_NOT_SQLITE,
    CliError,
    catalogue_text,
    file_failure,
)
from bot.settings import Settings

SQLITE_HEADER = b"SQLite format 3\x00"
# The rows an operator recognises a database by: (label key, table).
COUNTED = (("people", "person"), ("reports", "progress_report"))


def backup(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot backup [--force] FILE`: a consistent copy of the running bot's database."""
    t = catalogue_text(settings)
    database = _sqlite_file(settings, "backup", args.file)
    target: Path = args.file
    if not database.is_file():
        raise file_failure(FileNotFoundError(), database, settings)
    if target.exists() and not args.force:
        raise CliError(t("cli-backup-exists", path=str(target)))
    if target.absolute() == database.absolute():
        raise CliError(t("cli-backup-same-file", path=str(target)))
    try:
        with _temporary_beside(target) as temporary:
            with closing(sqlite3.connect(database, timeout=30)) as source:
                # Only reads: the bot's database is never written by a backup.
                source.execute("PRAGMA query_only = ON")
                _copy(source, temporary)
            counts = _counts(temporary)
            _publish(temporary, target, replace=args.force, settings=settings)
    except OSError as error:
        raise file_failure(error, target, settings) from None
    print(t("cli-backup-written", path=str(target), size=_size(target.stat().st_size), **counts))
    return 0


def restore(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot restore FILE`: replaces the stopped bot's database with a backup, migrated."""
    from bot import migrate
    from bot.db import make_engine
    from bot.instance_lock import AlreadyRunning, single_instance

    t = catalogue_text(settings)
    database = _sqlite_file(settings, "restore", args.file)
    source: Path = args.file
    if source.absolute() == database.absolute():
        raise CliError(t("cli-backup-same-file", path=str(source)))
    # Checked first: a file refused leaves everything as it was, the lock file included.
    revision = _check_backup(source, settings)
    engine = make_engine(settings.database_url)
    try:
        # The lock `parkbot run` holds: taken, no bot can start until the restore is done.
        with single_instance(engine, ""):
            with _temporary_beside(database) as temporary:
                with closing(sqlite3.connect(_read_only(source), uri=True)) as copy_from:
                    _copy(copy_from, temporary)
                kept = _set_aside(database, settings) if database.exists() else None
                os.replace(temporary, database)
                _sync_directory(database.parent)
            migrate.upgrade(engine)
    except AlreadyRunning as held:
        raise CliError(t("cli-restore-running", lock=str(held)), EXIT_ALREADY_RUNNING) from None
    except OSError as error:
        raise file_failure(error, Path(error.filename or database), settings) from None
    finally:
        engine.dispose()
    counts = _counts(database)
    done = dict(path=str(source), database=str(database), revision=revision, head=migrate.HEAD)
    if kept is None:
        print(t("cli-restore-done-fresh", **done, **counts))
    else:
        print(t("cli-restore-done", **done, kept=str(kept), **counts))
    return 0


def _sqlite_file(settings: Settings, command: str, file: Path) -> Path:
    """The SQLite file of DATABASE_URL; PostgreSQL gets its commands, an in-memory one a no."""
    from sqlalchemy.engine import URL, make_url

    t = catalogue_text(settings)
    path = settings.sqlite_path()
    if path is not None:
        return path
    url = make_url(settings.database_url)
    if not url.drivername.startswith("postgresql"):
        raise CliError(t("cli-backup-no-file", url=url.render_as_string(hide_password=True)))
    # libpq's own URL: no SQLAlchemy driver, no password (pg_dump reads ~/.pgpass or PGPASSWORD).
    libpq = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    )
    server = shlex.quote(libpq.render_as_string())
    name = shlex.quote(str(file))
    print(f"pg_dump -Fc -f {name} {server}")
    print(f"pg_restore --clean --if-exists --no-owner -d {server} {name}")
    raise CliError(t(f"cli-{command}-postgres"), EXIT_NOT_SQLITE)


def _check_backup(source: Path, settings: Settings) -> str:
    """The parkbot schema revision of `source`; refuses anything but a sound parkbot database."""
    from alembic.script import ScriptDirectory

    from bot import migrate

    t = catalogue_text(settings)
    try:
        with source.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise file_failure(error, source, settings) from None
    if header != SQLITE_HEADER:
        raise CliError(t("cli-restore-not-sqlite", path=str(source)))
    known = {rev.revision for rev in ScriptDirectory(migrate.SCRIPT_LOCATION).walk_revisions()}
    try:
        with closing(sqlite3.connect(_read_only(source), uri=True)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            versions = (
                [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
            if len(versions) != 1 or versions[0] not in known:
                raise CliError(t("cli-restore-not-parkbot", path=str(source)))
            check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise CliError(t("cli-restore-unreadable", path=str(source), reason=str(error))) from None
    if check != ["ok"]:
        raise CliError(t("cli-restore-damaged", path=str(source), reason=check[0]))
    return versions[0]


def _set_aside(database: Path, settings: Settings) -> Path:
    """Copies the current database to `<db>.before-restore-<time>`; removes its -wal and -shm."""
    stamp = datetime.now(settings.tz).strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.before-restore-{stamp}")
    n = 1
    while kept.exists():  # two restores within a second keep both
        n += 1
        kept = database.with_name(f"{database.name}.before-restore-{stamp}-{n}")
    with _temporary_beside(kept) as temporary:
        with closing(sqlite3.connect(database, timeout=30)) as current:
            _copy(current, temporary)
            # Everything the WAL holds goes into the main file, so removing the WAL loses nothing.
            busy = current.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise CliError(catalogue_text(settings)("cli-restore-busy", path=str(database)))
        _publish(temporary, kept, replace=False, settings=settings)
    # Under the lock and with no connection left: a -wal or -shm here is stale, and one left
    # beside the restored file would be replayed into it.
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return kept


def _copy(source: sqlite3.Connection, destination: Path) -> None:
    """One consistent snapshot of `source` into `destination`, as a self-contained file."""
    with closing(sqlite3.connect(destination)) as target:
        source.backup(target)  # pages=-1: the whole database in one step, one snapshot
        # The copy is one file: no -wal to carry along.
        target.execute("PRAGMA journal_mode = DELETE")
        target.commit()
    with destination.open("rb+") as handle:
        os.fsync(handle.fileno())


def _counts(path: Path) -> dict[str, int]:
    """The key rows a copy holds, by label."""
    with closing(sqlite3.connect(_read_only(path), uri=True)) as connection:
        return {
            label: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for label, table in COUNTED
        }


def _publish(temporary: Path, target: Path, *, replace: bool, settings: Settings) -> None:
    """Renames `temporary` to `target` atomically; without `replace`, never over a file."""
    if replace:
        os.replace(temporary, target)
    else:
        try:
            os.link(temporary, target)  # fails if `target` appeared meanwhile
        except FileExistsError:
            raise CliError(
                catalogue_text(settings)("cli-backup-exists", path=str(target))
            ) from None
        temporary.unlink()
    _sync_directory(target.parent)


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary file name in `target`'s directory (same file system: renames are atomic)."""
    handle, name = tempfile.mkstemp(dir=target.absolute().parent, prefix=f".{target.name}.")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)


def _read_only(path: Path) -> str:
    """A SQLite URI opening `path` read-only (any character in the name quoted)."""
    return f"{path.absolute().as_uri()}?mode=ro"


def _sync_directory(directory: Path) -> None:
    """Makes a rename in `directory` durable."""
    descriptor = os.open(directory.absolute(), os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _size(size: int) -> str:
    """A file size for people: KB below a megabyte, else MB."""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
