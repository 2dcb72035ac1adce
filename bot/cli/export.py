"""`parkbot export`: the ledger (台账) from a shell, with a city-wide view.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse

from bot import audit
from bot.cli.common import CliError, file_failure, migrated_services, require_suffix, texts
from bot.parsing import ParseError, parse_period, period_of
from bot.settings import Settings
from bot.status.compute import Asked, freshness
from bot.status.queries import ledger_rows
from models import Person

# The command line speaks for the command centre: it sees every project.
OPERATOR = Person(name="cli", phone="-", is_admin=True, active=True)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ledger.content import write_ledger

    # The ledger is XLSX; a .csv name would only hide that (the city view is a second sheet).
    require_suffix(args.output, ".xlsx", settings)
    services = migrated_services(settings)
    t = texts(services)
    now = services.now()
    try:
        period = (
            parse_period(args.period, today=now.date()) if args.period else period_of(now.date())
        )
    except ParseError as error:
        raise CliError(t(error.message_key, **error.params)) from None
    asked = Asked.at(OPERATOR, services)
    with services.db.scope() as session:
        rows = ledger_rows(session, asked, period)
        newest = freshness(session, asked)
        audit.record_export(
            session, now=now, actor=audit.cli_actor(), period=period, projects=len(rows), via="cli"
        )
    language = settings.language
    catalogue = services.catalogue
    try:
        write_ledger(
            args.output,
            rows=rows,
            period=period,
            as_of=newest or now,
            language=language,
            catalogue=catalogue,
            tz=settings.tz,
        )
    except OSError as error:
        raise file_failure(error, args.output, settings) from None
    print(t("cli-export-written", path=str(args.output), count=len(rows)))
    return 0
