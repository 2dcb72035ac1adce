"""The `parkbot` command line: run the bot, migrate, import the roster, issue invites."""

import argparse
import asyncio
import sys
from argparse import ArgumentParser
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError
from sqlmodel import select

from bot import cli_export, cli_meetings, logs, migrate
from bot.cli_common import EXIT_ALREADY_RUNNING, EXIT_USAGE, CliError, add_command
from bot.db import Database
from bot.i18n import Catalogue
from bot.services import Services
from bot.settings import Settings, SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `parkbot` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "action"):
        parser.print_help()
        return EXIT_USAGE
    try:
        settings = _load_settings()
        return args.action(args, settings) or 0
    except CliError as error:
        print(f"parkbot: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or 'settings'}: {item['msg']}"
            for item in error.errors()
        )
        raise CliError(f"invalid settings: {problems}", EXIT_USAGE) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parkbot", description=__doc__)
    commands = parser.add_subparsers(title="commands")

    def command(name: str, action: Callable, help_text: str, parent=commands) -> ArgumentParser:
        return add_command(parent, name, action, help_text)

    command("run", _run, "apply pending migrations and run the bot (long polling)")
    db = commands.add_parser("db", help="database schema").add_subparsers(title="db commands")
    command("upgrade", _db_upgrade, "apply pending migrations", db)
    roster = commands.add_parser("roster", help="the leader pairing table").add_subparsers(
        title="roster commands"
    )
    command("import", _roster_import, "import a roster file (CSV or XLSX)", roster).add_argument(
        "file", type=Path
    )
    command("template", _roster_template, "write an empty roster template", roster).add_argument(
        "file", type=Path
    )
    command("demo-data", _demo_data, "load a demo roster from the campaign document")
    invite = command("invite", _invite, "print single-use invite links")
    invite.add_argument("phones", nargs="*", help="phone numbers of the people to invite")
    invite.add_argument("--all", action="store_true", help="everyone not yet bound")
    cli_meetings.register(commands)
    cli_export.register(commands)
    return parser


def _database(settings: Settings) -> Database:
    db = Database.from_url(settings.database_url)
    migrate.upgrade(db.engine)
    return db


def _catalogue_text(settings: Settings) -> Callable[..., str]:
    catalogue = Catalogue()
    return lambda key, **args: catalogue.text(settings.language, key, **args)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        token = settings.bot_token()
    except SettingsError as error:
        raise CliError(str(error), EXIT_USAGE) from None
    logs.configure(settings.log_level, token)
    from bot.app import build_application
    from bot.instance_lock import AlreadyRunning, single_instance
    from bot.runner import run_bot

    services = Services(settings=settings, db=Database.from_url(settings.database_url))
    try:
        # Lock first, so a second process neither migrates nor polls.
        with single_instance(services.db.engine, token.split(":")[0]):
            migrate.upgrade(services.db.engine)
            run_bot(build_application(services), settings)
    except AlreadyRunning as held:
        raise CliError(
            _catalogue_text(settings)("cli-already-running", lock=str(held)), EXIT_ALREADY_RUNNING
        ) from None
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    db = Database.from_url(settings.database_url)
    applied = migrate.pending(db.engine)
    migrate.upgrade(db.engine)
    print(_catalogue_text(settings)("cli-db-upgraded", count=len(applied)))
    return 0


def _roster_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot import roster, roster_file

    t = _catalogue_text(settings)
    catalogue = Catalogue()
    services = Services(settings=settings, db=_database(settings), catalogue=catalogue)
    try:
        sheets = roster_file.read_roster(args.file)
        with services.db.scope() as session:
            now = services.now()
            summary = roster.import_roster(
                session, sheets, now=now, today=now.date(), actor="cli:roster-import"
            )
    except roster.RosterError as error:
        print(roster.format_errors(error.errors, catalogue, settings.language), file=sys.stderr)
        print(t("cli-roster-nothing-written"), file=sys.stderr)
        return 1
    print(roster.format_summary(summary, catalogue, settings.language))
    return 0


def _roster_template(args: argparse.Namespace, settings: Settings) -> int:
    from bot.roster_template import write_template

    write_template(args.file)
    print(_catalogue_text(settings)("cli-template-written", path=str(args.file)))
    return 0


def _demo_data(args: argparse.Namespace, settings: Settings) -> int:
    from bot import demo, roster

    catalogue = Catalogue()
    services = Services(settings=settings, db=_database(settings), catalogue=catalogue)
    with services.db.scope() as session:
        now = services.now()
        loaded = demo.load_demo(session, now=now, today=now.date())
    print(roster.format_summary(loaded.roster, catalogue, settings.language))
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


def _invite(args: argparse.Namespace, settings: Settings) -> int:
    from bot.invites import issue_invite
    from bot.people import person_by_phone
    from models import Person

    t = _catalogue_text(settings)
    if not args.phones and not args.all:
        raise CliError(t("cli-invite-usage"), EXIT_USAGE)
    username = settings.telegram_bot_username or _bot_username(settings)
    services = Services(settings=settings, db=_database(settings))
    ttl = timedelta(days=settings.invite_ttl_days)
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
        lines = [
            f"{person.name}\t{person.phone}\thttps://t.me/{username}?start="
            + issue_invite(session, person=person, now=services.now(), ttl=ttl)
            for person in people
        ]
    print("\n".join(lines) if lines else t("cli-invite-nobody"))
    return 0


def _bot_username(settings: Settings) -> str:
    """Asks the Bot API for the bot's username (TELEGRAM_BOT_USERNAME avoids the call)."""
    from telegram import Bot
    from telegram.error import TelegramError

    try:
        token = settings.bot_token()
    except SettingsError as error:
        raise CliError(str(error), EXIT_USAGE) from None

    async def ask() -> str:
        bot = Bot(token, base_url=settings.telegram_base_url)
        async with bot:
            return bot.username

    try:
        return asyncio.run(ask())
    except TelegramError as error:
        raise CliError(f"cannot reach the Bot API to learn the bot's username: {error}") from None


if __name__ == "__main__":
    sys.exit(main())
