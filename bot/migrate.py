"""Schema migrations through Alembic, configured in code from the engine.

Alembic is imported only when there is something to do: start-up on a current database
compares `alembic_version` with `HEAD` (Alembic and its dialect modules cost ~0.15 s to import).
"""

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

import migrations

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = str(Path(migrations.__file__).parent)
HEAD = "0019"  # the newest migration; tests/unit/test_db.py checks it against the scripts


def alembic_config(engine: Engine) -> "Config":
    """An Alembic config pointing at parkbot's migrations and this engine's URL."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def is_current(engine: Engine) -> bool:
    """Whether the database is at HEAD, read from alembic_version without Alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [row[0] for row in versions] == [HEAD]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Applies every pending migration."""
    if revision == "head" and is_current(engine):
        return  # the usual start-up
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def pending(engine: Engine) -> list[str]:
    """Revisions not yet applied to this database, oldest first."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    heads = script.get_revisions("heads")
    if current == {head.revision for head in heads}:
        return []
    return [
        rev.revision
        for rev in reversed(list(script.walk_revisions("base", "heads")))
        if rev.revision not in current
    ]
