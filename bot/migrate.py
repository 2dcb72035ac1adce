"""Schema migrations through Alembic, configured in code from the engine."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

import migrations

SCRIPT_LOCATION = str(Path(migrations.__file__).parent)


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at parkbot's migrations and this engine's URL."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Applies every pending migration."""
    if revision == "head" and not pending(engine):
        return  # the usual start-up: Alembic's command machinery would cost ~150 ms for nothing
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def pending(engine: Engine) -> list[str]:
    """Revisions not yet applied to this database, oldest first."""
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
