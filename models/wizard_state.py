"""The admin wizards' state (python-telegram-bot's persistence), so a restart loses nothing."""

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class WizardState(SQLModel, table=True):
    """One stored piece of wizard state, as JSON.

    `kind` "conversation:<wizard name>" with `key` the JSON list [chat id, user id]: the step
    that person is at in that wizard, `value` {"state": <step>}. `kind` "user_data" with `key`
    the Telegram user id: that person's wizard answers so far (python-telegram-bot's
    user_data), `value` the dict itself. A finished wizard or emptied user_data has no row.
    """

    __tablename__ = "wizard_state"

    kind: str = Field(primary_key=True, max_length=80)
    key: str = Field(primary_key=True, max_length=100)
    value: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
