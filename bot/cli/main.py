"""The `parkbot` command line: migrate, import the roster, issue invites (`run`: bot/main.py).

The parser (bot/cli/parser.py) is cheap to build; everything heavy is imported by the command
that needs it, so `parkbot --help` answers at once.
"""

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli import parser as cli_parser
from bot.cli.common import (
    EXIT_DATABASE_UNREACHABLE,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    CliError,
    bot_api_unreachable,
    catalogue_text,
    database_failure,
    file_failure,
    invalid_token,
    require_suffix,
)

if TYPE_CHECKING:
    from bot.db import Database
    from bot.settings import Settings


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a cut pipe


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `parkbot` console script."""
    parser = cli_parser.build(cli_parser.help_language())
    args = parser.parse_args(argv)
    if not hasattr(args, "action"):
        # A group alone (`parkbot meeting`) shows the group's own commands.
        args.group.print_help()
        return EXIT_USAGE
    settings = None
    try:
        settings = _load_settings()
        return _resolve(args.action)(args, settings) or 0
    except CliError as error:
        print(f"parkbot: {_redacted(str(error), settings)}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and cut short: quiet, as Unix tools are (Python's own
        # advice: point stdout at devnull so the flush at exit does not fail again).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:  # the last line of defence for the token
        failure = database_failure(error, settings) if settings else None
        if failure is not None:
            print(f"parkbot: {_redacted(str(failure), settings)}", file=sys.stderr)
            return failure.code
        # A bug: its traceback helps, but the token must not travel with it.
        print(_redacted(traceback.format_exc(), settings), file=sys.stderr, end="")
        return EXIT_UNEXPECTED


def _resolve(action: str) -> Callable[[argparse.Namespace, "Settings"], int | None]:
    """The function named "module:function", imported now."""
    module, _, name = action.partition(":")
    return getattr(importlib.import_module(module), name)


def _redacted(text: str, settings: "Settings | None") -> str:
    """`text` without the bot token, however it got there."""
    from bot.telegram.logs import REDACTED

    secret = settings.telegram_bot_token if settings is not None else None
    token = secret.get_secret_value().strip() if secret is not None else ""
    return text.replace(token, REDACTED) if token else text


def _load_settings() -> "Settings":
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or 'settings'}: {item['msg']}"
            for item in error.errors()
        )
        raise CliError(f"invalid settings: {problems}", EXIT_USAGE) from None


def _database(settings: "Settings") -> "Database":
    from bot import migrate
    from bot.db import Database

    db = Database.from_url(settings.database_url)
    migrate.upgrade(db.engine)
    return db


def require_token(settings: "Settings") -> str:
    """The bot token from the settings; a usage error when it is missing or malformed."""
    from bot.settings import SettingsError

    try:
        return settings.bot_token()
    except SettingsError as error:
        raise CliError(catalogue_text(settings)(error.key), EXIT_USAGE) from None


def database_os_failure(error: OSError, settings: "Settings") -> CliError:
    """The CLI error for an OSError on the database's file or directory."""
    failure = file_failure(error, Path(error.filename), settings)
    t = catalogue_text(settings)
    return CliError(
        t("cli-database-unreachable", url=settings.database_url, reason=str(failure)),
        EXIT_DATABASE_UNREACHABLE,
    )


def db_upgrade(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot db upgrade`."""
    from bot import migrate
    from bot.db import Database

    db = Database.from_url(settings.database_url)
    applied = migrate.pending(db.engine)
    migrate.upgrade(db.engine)
    print(catalogue_text(settings)("cli-db-upgraded", count=len(applied)))
    return 0


def roster_import(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot roster import [--deactivate-missing] FILE`: checked whole, bad rows listed."""
    from bot.i18n import Catalogue
    from bot.people import roster_file, roster_import, roster_messages
    from bot.services import Services

    t = catalogue_text(settings)
    catalogue = Catalogue()
    services = Services(settings=settings, db=_database(settings), catalogue=catalogue)
    try:
        sheets = roster_file.read_roster(args.file)
        now = services.now()
        # In short transactions: a running bot never waits long on the database's write lock.
        summary = roster_import.import_roster_batched(
            services.db,
            sheets,
            now=now,
            today=now.date(),
            actor=_roster_actor(),
            deactivate_missing=args.deactivate_missing,
        )
    except roster_file.RosterError as error:
        if len(error.errors) == 1 and not error.errors[0].row:
            # A file that cannot be used at all: one line saying why.
            raise CliError(
                roster_messages.format_error(error.errors[0], catalogue, settings.language)
            ) from None
        print(
            roster_messages.format_errors(error.errors, catalogue, settings.language),
            file=sys.stderr,
        )
        print(t("cli-roster-nothing-written"), file=sys.stderr)
        return 1
    print(roster_messages.format_summary(summary, catalogue, settings.language))
    return 0


def roster_template(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot roster template FILE.xlsx`."""
    from bot.people.roster_template import write_template

    require_suffix(args.file, ".xlsx", settings)
    try:
        write_template(args.file)
    except OSError as error:
        raise file_failure(error, args.file, settings) from None
    print(catalogue_text(settings)("cli-template-written", path=str(args.file)))
    return 0


def _roster_actor() -> str:
    from bot import audit

    return audit.cli_actor("roster-import")


def demo_data(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot demo-data`."""
    from bot.demo import roster as demo
    from bot.i18n import Catalogue
    from bot.people.roster_messages import format_summary
    from bot.services import Services

    catalogue = Catalogue()
    services = Services(settings=settings, db=_database(settings), catalogue=catalogue)
    with services.db.scope() as session:
        now = services.now()
        loaded = demo.load_demo(session, now=now, today=now.date())
    print(format_summary(loaded.roster, catalogue, settings.language))
    written = loaded.reports
    print(
        catalogue.text(
            settings.language,
            "cli-demo-reports",
            reports=written.reports,
            revisions=written.revisions,
            problems=written.problems,
        )
    )
    return 0


def invite(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot invite PHONE ... | --all | --rebind PHONE | --revoke PHONE | --list`."""
    from sqlmodel import select

    from bot import audit
    from bot.cli import access as cli_access
    from bot.people.directory import person_by_phone
    from bot.people.invites import InviteError, issue_invite
    from bot.services import Services
    from models import Person

    t = catalogue_text(settings)
    if args.list:
        return cli_access.invite_list(settings)
    for option in ("rebind", "revoke"):
        if getattr(args, option) and not args.phones:
            raise CliError(t("cli-invite-needs-phone", option=f"--{option}"), EXIT_USAGE)
    if args.revoke:
        return cli_access.invite_revoke(args.phones, settings)
    if not args.phones and not args.all:
        raise CliError(t("cli-invite-usage"), EXIT_USAGE)
    link = invite_link_maker(settings)
    services = Services(settings=settings, db=_database(settings))
    ttl = timedelta(days=settings.invite_ttl_days)
    actor = audit.cli_actor()
    with services.db.scope() as session:
        if args.all:
            people = list(
                session.exec(
                    select(Person)
                    .where(Person.active, Person.telegram_user_id.is_(None))
                    .order_by(Person.id)
                )
            )
        else:
            people = []
            for phone in args.phones:
                person = person_by_phone(session, phone)
                if person is None:
                    raise CliError(t("cli-invite-unknown-phone", phone=phone))
                people.append(person)
        lines = []
        for person in people:
            try:
                token = issue_invite(
                    session,
                    person=person,
                    now=services.now(),
                    ttl=ttl,
                    actor=actor,
                    rebind=args.rebind,
                )
            except InviteError:  # bound already: nothing of this command is written
                refusal = t("cli-invite-bound", name=person.name, phone=person.phone)
                raise CliError(refusal) from None
            lines.append(f"{person.name}\t{person.phone}\t{link(token)}")
    print("\n".join(lines) if lines else t("cli-invite-nobody"))
    return 0


def invite_link_maker(settings: "Settings") -> Callable[[str], str]:
    """Turns an invite token into its link: the web chat's sign-in page, or a t.me deep link."""
    if settings.uses_local_messenger():
        # No Bot API call: the local messenger's sign-in page is on parkbot's own web server.
        base = settings.web_url()
        return lambda token: f"{base}/join/{token}"
    username = settings.telegram_bot_username or _bot_username(settings)
    return lambda token: f"https://t.me/{username}?start={token}"


def _bot_username(settings: "Settings") -> str:
    """Asks the Bot API for the bot's username (TELEGRAM_BOT_USERNAME avoids the call)."""
    import asyncio

    from telegram.error import InvalidToken, NetworkError

    from bot.telegram.runner import ask_username

    token = require_token(settings)
    try:
        return asyncio.run(ask_username(token, settings))
    except InvalidToken:
        raise invalid_token(settings) from None
    except NetworkError as error:
        raise bot_api_unreachable(settings, error) from None
