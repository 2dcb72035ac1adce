"""`parkbot person …`, `parkbot invite --revoke/--list` and `parkbot audit`: access from a shell.

Only parsing and printing: the changes themselves are bot/people/directory.py's and
bot/people/invites.py's. Their options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
import json
from collections.abc import Callable
from datetime import datetime, time

from sqlmodel import Session

from bot import audit
from bot.cli.common import CliError, migrated_services, refusal_text, texts
from bot.parsing import ParseError, parse_date
from bot.people import directory as people
from bot.people.invites import outstanding_invites
from bot.settings import Settings
from models import Person

Change = Callable[..., dict[str, int]]


def person_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot person deactivate PHONE`."""
    return _change(args.phone, settings, people.deactivate, "cli-person-deactivated")


def person_reactivate(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot person reactivate PHONE`."""
    return _change(args.phone, settings, people.reactivate, "cli-person-reactivated")


def person_unbind(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot person unbind PHONE`."""
    return _change(args.phone, settings, people.unbind, "cli-person-unbound")


def invite_revoke(phones: list[str], settings: Settings) -> int:
    """`parkbot invite --revoke PHONE …`."""
    services = migrated_services(settings)
    t = texts(services)
    lines = []
    with services.db.scope() as session:
        for phone in phones:
            person = _person(session, phone, t)
            done = people.revoke_person_invites(
                session, person=person, now=services.now(), actor=audit.cli_actor()
            )
            lines.append(
                t(
                    "cli-invite-revoked",
                    name=person.name,
                    phone=person.phone,
                    count=done["invites_revoked"],
                )
            )
    print("\n".join(lines))
    return 0


def invite_list(settings: Settings) -> int:
    """`parkbot invite --list`: live invites, never their tokens (only hashes are stored)."""
    services = migrated_services(settings)
    t = texts(services)
    tz = settings.tz
    with services.db.scope() as session:
        lines = [
            t(
                "cli-invite-line",
                name=person.name,
                phone=person.phone,
                created=f"{invite.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
                expires=f"{invite.expires_at.astimezone(tz):%Y-%m-%d %H:%M}",
                rebind="yes" if invite.rebind else "no",
            )
            for invite, person in outstanding_invites(session, now=services.now())
        ]
    print("\n".join(lines) or t("cli-invite-none-outstanding"))
    return 0


def audit_list(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot audit [--person PHONE] [--since DATE]`: one line per entry, newest last."""
    services = migrated_services(settings)
    t = texts(services)
    tz = settings.tz
    since = None
    if args.since:
        try:
            day = parse_date(args.since, today=services.now().date())
        except ParseError as error:
            raise CliError(t(error.message_key, **error.params)) from None
        since = datetime.combine(day, time.min, tzinfo=tz)
    with services.db.scope() as session:
        person_id = _person(session, args.person, t).id if args.person else None
        lines = [
            "\t".join(
                (
                    f"{entry.at.astimezone(tz):%Y-%m-%d %H:%M:%S}",
                    entry.actor,
                    entry.action,
                    f"{entry.entity}#{entry.entity_id}" if entry.entity_id else entry.entity,
                    json.dumps(entry.detail, ensure_ascii=False, sort_keys=True),
                )
            )
            for entry in audit.entries(session, person_id=person_id, since=since)
        ]
    print("\n".join(lines) or t("cli-audit-none"))
    return 0


def _change(phone: str, settings: Settings, change: Change, done_key: str) -> int:
    services = migrated_services(settings)
    t = texts(services)
    with services.db.scope() as session:
        person = _person(session, phone, t)
        try:
            effects = change(session, person=person, now=services.now(), actor=audit.cli_actor())
        except people.AccessError as refusal:
            raise CliError(
                refusal_text(services, refusal, name=person.name, phone=person.phone)
            ) from None
        print(
            t(
                done_key,
                name=person.name,
                phone=person.phone,
                invites=effects["invites_revoked"],
                drafts=effects["drafts_cancelled"],
                messages=effects["messages_cancelled"],
            )
        )
    return 0


def _person(session: Session, phone: str, t: Callable[..., str]) -> Person:
    """The roster person with this phone, deactivated ones included."""
    person = people.person_by_phone(session, phone, active_only=False)
    if person is None:
        raise CliError(t("cli-person-unknown-phone", phone=phone))
    return person
