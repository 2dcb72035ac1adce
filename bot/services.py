"""What every handler needs, built once in the entry point and handed to the application."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.db import Database
from bot.i18n import Catalogue
from bot.settings import Settings


@dataclass
class Services:
    """Settings, database, catalogue and clock; tests replace the clock to move time."""

    settings: Settings
    db: Database
    catalogue: Catalogue = field(default_factory=Catalogue)
    clock: Callable[[], datetime] | None = None

    def now(self) -> datetime:
        """The current time in the campaign's time zone."""
        if self.clock is not None:
            return self.clock().astimezone(self.settings.tz)
        return datetime.now(self.settings.tz)
