"""The database engine and the unit of work: one session, one transaction."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Builds the engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _without_nul(value: object) -> object:
    """The value with NUL characters taken out of its strings (one level of nesting deep)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_nul(item) for item in value)
    return value


def _strip_nul(
    _conn: object,
    _cursor: object,
    statement: str,
    parameters: object,
    _context: object,
    _executemany: bool,
) -> tuple[str, object]:
    # PostgreSQL refuses NUL in text ("cannot contain NUL (0x00) bytes"); a NUL typed into any
    # form would fail the whole unit of work there. It carries no meaning in a report or a
    # notice, so it is dropped before every statement, on SQLite too, so both store the same.
    return statement, _without_nul(parameters)


class Database:
    """Owns the engine; hands out one transactional session per unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        if not event.contains(engine, "before_cursor_execute", _strip_nul):
            event.listen(engine, "before_cursor_execute", _strip_nul, retval=True)

    @classmethod
    def from_url(cls, url: str) -> "Database":
        """A database for the given SQLAlchemy URL."""
        return cls(make_engine(url))

    @contextmanager
    def scope(self) -> Iterator[Session]:
        """Commits everything done inside on success, nothing on error."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def trial(self) -> Iterator[Session]:
        """A session whose work is always rolled back: a dry run of a rule not yet confirmed."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        """Closes every pooled connection."""
        self.engine.dispose()
