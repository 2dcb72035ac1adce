"""`parkbot board-link`: the wall displays' read-only board links, made, listed, revoked.

Only parsing and printing: the links themselves are bot/board/links.py's. The options are
declared with the other commands' in bot/cli/parser.py.
"""

import argparse

from bot import audit
from bot.board import links
from bot.board.links import LinkRefused
from bot.cli.common import EXIT_USAGE, CliError, migrated_services, refusal_text, texts
from bot.cli.meetings import _park
from bot.services import Services
from bot.settings import Settings
from bot.web_secret import load_secret


def board_link(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot board-link [--park NAME] [--days N] [--label TEXT] | --list | --revoke ID`."""
    services = migrated_services(settings)
    if args.list:
        return _list(services)
    if args.revoke is not None:
        return _revoke(services, args.revoke)
    return _create(services, args)


def _create(services: Services, args: argparse.Namespace) -> int:
    t = texts(services)
    with services.db.scope() as session:
        park = _park(services, session, args.park) if args.park else None
        try:
            link = links.create(
                session,
                park=park,
                days=args.days,
                label=args.label,
                now=services.now(),
                actor=audit.cli_actor(),
            )
        except LinkRefused as refusal:
            raise CliError(refusal_text(services, refusal), EXIT_USAGE) from None
        assert link.id is not None
        url = links.url_for(services.settings.web_url(), load_secret(services.settings), link.id)
        expires = f"{link.expires_at.astimezone(services.settings.tz):%Y-%m-%d %H:%M}"
        scope = park.name if park else t("cli-board-link-city")
        print(t("cli-board-link-created", id=link.id, scope=scope, expires=expires))
        print(url)
    return 0


def _list(services: Services) -> int:
    """One line per link: id, scope, label, created, expires, revoked; never the token."""
    t = texts(services)
    tz = services.settings.tz
    with services.db.scope() as session:
        lines = [
            t(
                "cli-board-link-line",
                id=row.link.id,
                scope=row.park_name or t("cli-board-link-city"),
                label=row.link.label or "-",
                created=f"{row.link.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
                expires=f"{row.link.expires_at.astimezone(tz):%Y-%m-%d %H:%M}",
                revoked=(
                    f"{row.link.revoked_at.astimezone(tz):%Y-%m-%d %H:%M}"
                    if row.link.revoked_at
                    else "-"
                ),
            )
            for row in links.listed(session)
        ]
    print("\n".join(lines) or t("cli-board-link-none"))
    return 0


def _revoke(services: Services, link_id: int) -> int:
    t = texts(services)
    with services.db.scope() as session:
        try:
            links.revoke(session, link_id=link_id, now=services.now(), actor=audit.cli_actor())
        except LinkRefused as refusal:
            raise CliError(refusal_text(services, refusal), EXIT_USAGE) from None
    print(t("cli-board-link-revoked", id=link_id))
    return 0
