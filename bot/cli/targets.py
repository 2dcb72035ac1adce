"""`parkbot targets`: the campaign's yearly targets the board measures against (show or set).

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
from collections.abc import Callable
from decimal import Decimal

from bot import audit
from bot.board.targets import set_target, target_for
from bot.cli.common import EXIT_USAGE, CliError, migrated_services, texts
from bot.formatting import format_yi
from bot.parsing import ParseError, parse_money
from bot.settings import Settings

YEARS = range(2000, 2101)
MAX_COUNT = 100_000


def targets(args: argparse.Namespace, settings: Settings) -> int:
    """Shows the year's targets; with any figure given, sets those figures first."""
    services = migrated_services(settings)
    t = texts(services)
    now = services.now()
    year = _year(args.year, now.year, t)
    # Everything is checked before anything is written: bad input changes nothing.
    new_starts = _count(args.new_starts, "--new-starts", t)
    in_production = _count(args.in_production, "--in-production", t)
    investment = _money(args.investment, t)
    changing = any(value is not None for value in (new_starts, in_production, investment))
    with services.db.scope() as session:
        if changing:
            set_target(
                session,
                year=year,
                now=now,
                actor=audit.cli_actor("targets"),
                new_starts=new_starts,
                in_production=in_production,
                investment=investment,
            )
        target = target_for(session, year)
        if target is None:
            print(t("cli-targets-none", year=str(year)))
            return 0
        if changing:
            print(t("cli-targets-saved", year=str(year)))
        print(
            t(
                "cli-targets-show",
                year=str(year),
                new_starts=str(target.new_starts),
                in_production=str(target.in_production),
                investment=format_yi(target.investment),
            )
        )
    return 0


def _year(given: str | None, this_year: int, t: Callable[..., str]) -> int:
    if given is None:
        return this_year
    try:
        year = int(given.strip())
    except ValueError:
        year = 0
    if year not in YEARS:
        raise CliError(t("cli-targets-bad-year", value=given), EXIT_USAGE)
    return year


def _count(given: str | None, option: str, t: Callable[..., str]) -> int | None:
    if given is None:
        return None
    try:
        count = int(given.strip())
    except ValueError:
        count = -1
    if not 0 <= count <= MAX_COUNT:
        raise CliError(t("cli-targets-bad-count", option=option, value=given), EXIT_USAGE)
    return count


def _money(given: str | None, t: Callable[..., str]) -> Decimal | None:
    if given is None:
        return None
    try:
        return parse_money(given)
    except ParseError as error:
        reason = t(error.message_key, **error.params)
        raise CliError(t("cli-targets-bad-investment", reason=reason), EXIT_USAGE) from None
