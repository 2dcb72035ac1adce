"""`parkbot assess values-template / values-import / values`: the indicator values of parks.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
import sys

from sqlmodel import Session, select

from bot import audit
from bot.assessment import filing, messages
from bot.assessment.filing import FilingRefused, Item
from bot.assessment.scheme_file import SchemeError
from bot.assessment.values import file_values, latest
from bot.assessment.values_file import read_values, write_values
from bot.cli.common import (
    EXIT_USAGE,
    CliError,
    file_failure,
    migrated_services,
    refusal_text,
    require_suffix,
    texts,
)
from bot.services import Services
from bot.settings import Settings
from models import Park


def _month(services: Services, text: str) -> str:
    """A --month (YYYY-MM) that has begun."""
    try:
        return filing.check_month(text.strip(), services.now())
    except FilingRefused as refused:
        raise CliError(refusal_text(services, refused), EXIT_USAGE) from None


def _items(services: Services, session: Session) -> list[Item]:
    try:
        return filing.items_to_file(session)[1]
    except FilingRefused as refused:
        raise CliError(refusal_text(services, refused)) from None


def values_template(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess values-template FILE.xlsx --month M`: every park, current values in."""
    require_suffix(args.file, ".xlsx", settings)
    services = migrated_services(settings)
    month = _month(services, args.month)
    with services.db.scope() as session:
        items = _items(services, session)
        names = dict(session.exec(select(Park.id, Park.name)).all())
        current: dict[str, dict[str, tuple]] = {}
        for (park_id, key, _), row in latest(session, [month]).items():
            current.setdefault(names[park_id], {})[key] = (row.value, row.base)
    try:
        write_values(args.file, items, sorted(names.values()), current)
    except OSError as error:
        raise file_failure(error, args.file, settings) from None
    t = texts(services)
    print(t("values-template-written", path=str(args.file), month=month, parks=len(names)))
    return 0


def values_import(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess values-import FILE.xlsx --month M`: checked whole, then stored (audited)."""
    services = migrated_services(settings)
    month = _month(services, args.month)
    with services.db.scope() as session:
        items = _items(services, session)
        parks = dict(session.exec(select(Park.name, Park.id)).all())
        try:
            filed = read_values(args.file, items, parks)
        except SchemeError as error:
            lines = messages.format_value_problems(
                error.problems, services.catalogue, settings.language
            )
            print(lines, file=sys.stderr)
            return 1
        actor = audit.cli_actor("assess-values-import")
        count = 0
        for park, entries in filed.items():
            if entries:
                file_values(
                    session,
                    park_id=parks[park],
                    month=month,
                    entries=entries,
                    source="xlsx",
                    actor=actor,
                    now=services.now(),
                )
                count += len(entries)
    t = texts(services)
    print(t("values-imported", count=count, parks=sum(1 for e in filed.values() if e), month=month))
    return 0
