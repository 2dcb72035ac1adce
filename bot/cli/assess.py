"""`parkbot assess`: the assessment scheme's template, import and display; the values.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
import sys

from bot import audit
from bot.assessment import messages, store
from bot.assessment.computed import computed_values
from bot.assessment.period import PeriodError, parse_period
from bot.assessment.scheme_file import SchemeError, read_scheme
from bot.assessment.scheme_template import default_scheme, write_scheme
from bot.assessment.values import filer_names, scoring_input
from bot.cli.common import (
    EXIT_USAGE,
    CliError,
    file_failure,
    migrated_services,
    require_suffix,
    texts,
)
from bot.settings import Settings


def template(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess template FILE.xlsx`: the default scheme over the roster's parks."""
    require_suffix(args.file, ".xlsx", settings)
    services = migrated_services(settings)
    with services.db.scope() as session:
        parks = sorted(store.park_names(session))
    try:
        write_scheme(args.file, default_scheme(parks))
    except OSError as error:
        raise file_failure(error, args.file, settings) from None
    print(texts(services)("assess-template-written", path=str(args.file), parks=len(parks)))
    return 0


def import_scheme(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess import FILE.xlsx`: checked whole; stored as a new version or not at all."""
    services = migrated_services(settings)
    t = texts(services)
    language = settings.language
    with services.db.scope() as session:
        try:
            scheme = read_scheme(args.file, parks=store.park_names(session))
        except SchemeError as error:
            problems = error.problems
            if len(problems) == 1 and not problems[0].row:
                raise CliError(
                    messages.format_problem(problems[0], services.catalogue, language)
                ) from None
            print(messages.format_problems(problems, services.catalogue, language), file=sys.stderr)
            return 1
        saved = store.save_scheme(
            session, scheme, now=services.now(), actor=audit.cli_actor("assess-import")
        )
    print(
        t(
            "assess-imported",
            version=saved.version,
            categories=len(saved.categories),
            indicators=len(saved.indicators),
            parks=len(saved.park_types),
        )
    )
    return 0


def show(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess show [--version N]`: the newest scheme, or the version asked for."""
    services = migrated_services(settings)
    t = texts(services)
    version = None
    if args.version is not None:
        try:
            version = int(args.version.strip())
        except ValueError:
            raise CliError(t("assess-bad-version", value=args.version), EXIT_USAGE) from None
    with services.db.scope() as session:
        rows = store.versions(session)
        if not rows:
            print(t("assess-none"))
            return 0
        numbers = ", ".join(str(row.version) for row in rows)
        chosen = [row for row in rows if version is None or row.version == version]
        if not chosen:
            raise CliError(t("assess-version-missing", version=version, versions=numbers))
        row = chosen[-1]
        scheme = store.load_scheme(session, row.version)
        assert scheme is not None
        print(messages.format_scheme(scheme, row, services.catalogue, settings.language))
        print(t("assess-show-versions", versions=numbers))
    return 0


def values(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess values --period P [--park NAME]`: computed values, and what is missing."""
    services = migrated_services(settings)
    t = texts(services)
    try:
        period = parse_period(args.period)
    except PeriodError as error:
        raise CliError(t(error.key, value=error.value), EXIT_USAGE) from None
    with services.db.scope() as session:
        found = computed_values(session, period, settings.tz)
        scheme = store.load_scheme(session)
        filed = None
        if scheme is not None:
            scored, sources = scoring_input(session, scheme, period, settings.tz)
            filed = messages.Filed(scored, sources, filer_names(session, sources))
    if args.park is not None:
        park = args.park.strip()
        if park not in found:
            raise CliError(t("assess-unknown-park", park=park))
        found = {park: found[park]}
    print(
        messages.format_values(
            period.label, found, scheme, services.catalogue, settings.language, filed=filed
        )
    )
    return 0
