"""The database layer: SQLite pragmas, one transaction per scope, migrations both ways."""

from decimal import Decimal

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from bot import migrate
from bot.db import make_engine
from models import OutboxMessage, Park, Project
from tests.factories import NOW, make_park, make_project


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db):
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_scope_commits_all_or_nothing(db):
    with pytest.raises(RuntimeError), db.scope() as session:
        make_park(session, "半途园区")
        raise RuntimeError("handler failed")
    with db.scope() as session:
        assert session.exec(select(Park)).all() == []


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.scope() as session:
        make_project(session, park=Park(id=999_999, name="x"))


def test_money_is_exact(db):
    with db.scope() as session:
        project = make_project(session, total_investment=Decimal("123456789.0001"))
    with db.scope() as session:
        stored = session.get(Project, project.id)
        assert stored.total_investment == Decimal("123456789.0001")


def test_nul_characters_are_dropped_on_both_databases(db):
    """PostgreSQL refuses NUL in text: a NUL typed anywhere must not fail the unit of work."""
    with db.scope() as session:
        make_park(session, "经开\x00区")
        session.add(
            OutboxMessage(kind="broadcast", text="通知\x00内容", not_before=NOW, created_at=NOW)
        )
    with db.scope() as session:
        assert session.exec(select(Park.name)).one() == "经开区"
        assert session.exec(select(OutboxMessage.text)).one() == "通知内容"
        found = session.exec(select(Park.name).where(Park.name == "经开\x00区")).one()
        assert found == "经开区"  # parameters of queries are cleaned the same way


def test_head_constant_is_the_newest_migration(tmp_path):
    from alembic.script import ScriptDirectory

    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    assert [head.revision for head in script.get_revisions("heads")] == [migrate.HEAD]
    assert not migrate.is_current(engine)
    migrate.upgrade(engine)
    assert migrate.is_current(engine) and migrate.pending(engine) == []


def test_migrations_downgrade_and_upgrade_again(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate.upgrade(engine)
    assert migrate.pending(engine) == []
    from alembic import command

    config = migrate.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert migrate.pending(engine) != []
    migrate.upgrade(engine)
    assert {"person", "project", "park", "invite", "audit_log"} <= set(
        inspect(engine).get_table_names()
    )


def test_migrations_match_the_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


@pytest.mark.parametrize("run", [1, 2])
def test_every_test_gets_empty_tables_with_ids_from_one(db, run):
    # The fixture's reset (a fresh SQLite file; on PostgreSQL, DELETE and the sequences reset):
    # the previous run's rows are gone and ids start over, as on a new database.
    with db.scope() as session:
        assert session.exec(select(Park)).all() == []
        first, second = (
            make_park(session, name=f"园区{run}a"),
            make_park(session, name=f"园区{run}b"),
        )
        session.flush()
        assert (first.id, second.id) == (1, 2)
