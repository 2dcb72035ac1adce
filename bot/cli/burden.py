"""`parkbot burden [--days 30]`: per person, the bot's messages of the last N days by kind.

Only parsing and printing: the figures are bot/outbox/burden.py's (the board's admin page,
/board/burden, shows the same table).
"""

import argparse

from bot.cli.common import EXIT_USAGE, CliError, migrated_services, texts
from bot.i18n import list_separator
from bot.outbox.burden import MAX_DAYS, MIN_DAYS, Caps, burden_table
from bot.settings import Settings


def burden(args: argparse.Namespace, settings: Settings) -> int:
    """Prints one line per person, most messages first, then the caps in force."""
    if not MIN_DAYS <= args.days <= MAX_DAYS:
        t = texts(migrated_services(settings))
        message = t("cli-burden-days-refused", low=MIN_DAYS, high=MAX_DAYS, days=args.days)
        raise CliError(message, EXIT_USAGE)
    services = migrated_services(settings)
    t = texts(services)
    tz = settings.tz
    with services.db.scope() as session:
        table = burden_table(session, now=services.now(), days=args.days)
    caps = Caps.from_settings(settings)
    if not table.people:
        print(t("cli-burden-none", days=table.days))
    else:
        since = f"{table.since.astimezone(tz):%Y-%m-%d %H:%M}"
        print(t("cli-burden-head", days=table.days, since=since))
        separator = list_separator(services.catalogue, settings.language)
        for person in table.people:
            kinds = separator.join(
                t(
                    "cli-burden-kind",
                    kind=t("burden-kind", kind=kind),
                    sent=person.sent.get(kind, 0),
                    folded=person.folded.get(kind, 0),
                )
                for kind in person.kinds
            )
            roles = t("role-separator").join(t(f"role-{role}") for role in person.roles) or "-"
            print(
                t(
                    "cli-burden-line",
                    name=person.name,
                    roles=roles,
                    sent=person.total_sent,
                    folded=person.total_folded,
                    kinds=kinds,
                )
            )
    print(t("cli-burden-caps", daily=caps.daily, cycle=caps.cycle, at=f"{caps.digest_at:%H:%M}"))
    return 0
