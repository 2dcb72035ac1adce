"""`parkbot pairing show|export|publish`: the 三个一 per-leader view and the pairing table.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
from collections.abc import Callable
from datetime import date

from bot import audit
from bot.assessment.calendar import describe_window, objection_window
from bot.assessment.notices import Texts
from bot.assessment.period import Period, PeriodError, parse_period
from bot.cli.common import CliError, file_failure, migrated_services, require_suffix, texts
from bot.pairing import publication as publishing
from bot.pairing.view import TABLE_COLUMNS, leader_pairings, pairing_table, quarter_of
from bot.pairing.workbook import write_pairing_table
from bot.settings import Settings
from bot.status.compute import Asked
from models import Person

# The command line speaks for the command centre: it sees every pairing.
OPERATOR = Person(name="cli", phone="-", is_admin=True, active=True)


def _quarter(args: argparse.Namespace, today: date, t: Callable[..., str]) -> Period:
    """The --quarter asked for, or this quarter."""
    if not args.quarter:
        return quarter_of(today)
    try:
        period = parse_period(args.quarter)
    except PeriodError:
        period = None
    if period is None or period.last_month - period.first_month != 2:
        raise CliError(t("pairing-bad-quarter", value=args.quarter))
    return period


def _rows(
    args: argparse.Namespace, settings: Settings
) -> tuple[list[dict], Period, Callable[..., str]]:
    """The pairing table's rows (lights in words), the quarter, and the texts."""
    services = migrated_services(settings)
    t = texts(services)
    quarter = _quarter(args, services.now().date(), t)
    with services.db.scope() as session:
        rows = leader_pairings(
            session, viewer=OPERATOR, asked=Asked.at(OPERATOR, services), quarter=quarter
        )
    table = pairing_table(rows)
    for row in table:
        row["light"] = t(f"pairing-light-{row['light'] or 'none'}")
    return table, quarter, t


def show(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot pairing show [--quarter 2025-Q1] [--published]`: one line per leader."""
    if getattr(args, "published", False):
        return _show_published(args, settings)
    table, quarter, t = _rows(args, settings)
    if not table:
        print(t("pairing-none"))
        return 0
    print(t("pairing-cli-header", quarter=quarter.label, count=len(table)))
    for row in table:
        print(t("pairing-cli-line", **{k: _text(v) for k, v in row.items()}))
    return 0


def export(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot pairing export FILE.xlsx [--quarter]`: the pairing table with its figures."""
    require_suffix(args.file, ".xlsx", settings)
    table, quarter, t = _rows(args, settings)
    headers = {column: t(f"pairing-column-{column}") for column in TABLE_COLUMNS}
    headers["sheet"] = t("pairing-sheet")
    try:
        write_pairing_table(args.file, table, headers, t("pairing-title", quarter=quarter.label))
    except OSError as error:
        raise file_failure(error, args.file, settings) from None
    services = migrated_services(settings)
    with services.db.scope() as session:
        audit.record(
            session,
            now=services.now(),
            actor=audit.cli_actor(),
            action="pairing-export",
            entity="pairing",
            detail={"quarter": quarter.label, "leaders": len(table)},
        )
    print(t("pairing-exported", path=str(args.file), count=len(table)))
    return 0


def publish(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot pairing publish [--quarter]`: opens the table's objection window; notifies."""
    services = migrated_services(settings)
    t = texts(services)
    quarter = _quarter(args, services.now().date(), t)
    tz, now = settings.tz, services.now()
    notices = Texts(services.catalogue, settings.language, tz)
    with services.db.scope() as session:
        rows = leader_pairings(
            session, viewer=OPERATOR, asked=Asked.at(OPERATOR, services), quarter=quarter
        )
        try:
            _, told = publishing.publish(
                session, rows, quarter, notices, now=now,
                actor=audit.cli_actor("pairing-publish"),
                working_days=settings.objection_working_days,
                closes_at=settings.objection_closing_time,
            )  # fmt: skip
        except publishing.PairingPublishRefused as refusal:
            raise CliError(t(refusal.key, **refusal.params)) from None
        window = objection_window(
            now, settings.objection_working_days, tz, settings.objection_closing_time
        )
    print(t("pairing-published", quarter=quarter.label, count=len(rows), people=told))
    print(describe_window(services.catalogue, settings.language, window, tz))
    return 0


def _show_published(args: argparse.Namespace, settings: Settings) -> int:
    """The quarter's newest published table as it was published, with its status."""
    services = migrated_services(settings)
    t = texts(services)
    quarter = _quarter(args, services.now().date(), t)
    notices = Texts(services.catalogue, settings.language, settings.tz)
    with services.db.scope() as session:
        publication = publishing.latest(session, quarter.label)
        if publication is None:
            raise CliError(t("pairing-not-published", quarter=quarter.label))
        print(
            t(
                "pairing-published-header",
                quarter=quarter.label,
                status=t(f"pairing-publication-{publication.status}"),
                closes=publication.closes_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M"),
            )
        )
        for line in publishing.table_lines(notices, settings.language, publication):
            print(line)
    return 0


def _text(value: object) -> str:
    if value is None or value == "":
        return "—"
    return str(value)
