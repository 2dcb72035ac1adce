"""Pieces every `parkbot` sub-command uses: errors, sub-command registration, services."""

import argparse
from collections.abc import Callable

from bot import migrate
from bot.db import Database
from bot.i18n import Catalogue
from bot.services import Services
from bot.settings import Settings

EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 3


class CliError(Exception):
    """A failure to report in one line; `code` is the process exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def add_command(
    parent: argparse._SubParsersAction, name: str, action: Callable, help_text: str
) -> argparse.ArgumentParser:
    """Adds a sub-command that runs `action(args, settings)`."""
    sub = parent.add_parser(name, help=help_text, description=help_text)
    sub.set_defaults(action=action)
    return sub


def migrated_services(settings: Settings) -> Services:
    """Services over a database brought up to date."""
    db = Database.from_url(settings.database_url)
    migrate.upgrade(db.engine)
    return Services(settings=settings, db=db, catalogue=Catalogue())


def texts(services: Services) -> Callable[..., str]:
    """Catalogue lookup in the operator's language (PARKBOT_LANGUAGE)."""
    language = services.settings.language
    return lambda key, **args: services.catalogue.text(language, key, **args)
