"""Only one bot process may poll per token and database.

SQLite: an exclusive flock on a file beside the database. PostgreSQL: a session-level
advisory lock held on a dedicated connection. Both are released by the operating system or
the server when the process dies, even by SIGKILL, so a crash never leaves a stale lock.
"""

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine


class AlreadyRunning(Exception):
    """Another parkbot process holds the lock; the message says which lock."""


@contextmanager
def single_instance(engine: Engine, bot_id: str) -> Iterator[None]:
    """Holds the instance lock for the duration of the block, or raises AlreadyRunning."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:":
            yield
            return
        with _file_lock(Path(f"{database}.lock")):
            yield
        return
    with _advisory_lock(engine, bot_id):
        yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(f"lock file {path}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(engine: Engine, bot_id: str) -> Iterator[None]:
    key = int.from_bytes(
        hashlib.sha256(f"parkbot:{bot_id}".encode()).digest()[:8], "big", signed=True
    )
    with engine.connect() as connection:
        if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            raise AlreadyRunning(f"PostgreSQL advisory lock {key}")
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            connection.commit()
