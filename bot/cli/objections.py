"""`parkbot assess objections` and `parkbot assess answer`: the command centre's side of 异议.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
from collections.abc import Callable
from decimal import Decimal

from bot import audit
from bot.assessment import objection_notices as notices_of
from bot.assessment import objections
from bot.assessment.objections import ObjectionRefused
from bot.assessment.scheme import Method
from bot.assessment.value_input import Kind, ValueRefused, kind_of, parse_value
from bot.cli.common import EXIT_USAGE, CliError, migrated_services, texts
from bot.people.accounts import Notices
from bot.settings import Settings
from models import Objection


def list_objections(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess objections [--period P] [--status S]`: objections with their status."""
    services = migrated_services(settings)
    t = texts(services)
    with services.db.scope() as session:
        found = objections.listing(session, period=args.period, status=args.status)
        shown = [notices_of.summary(session, o, t, settings.tz) for o in found]
    print("\n\n".join(shown) if shown else t("objection-cli-none"))
    return 0


def answer(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess answer ID --accept --value X [--base Y] [--note T] | --reject --reason T`."""
    services = migrated_services(settings)
    t = texts(services)
    if args.accept == args.reject:
        raise CliError(t("objection-cli-accept-or-reject"), EXIT_USAGE)
    if args.reject and not (args.reason or "").strip():
        raise CliError(t("objection-cli-reason-needed"), EXIT_USAGE)
    actor, now, tz = audit.cli_actor("assess-answer"), services.now(), settings.tz
    try:
        with services.db.scope() as session:
            objection = session.get(Objection, args.id)
            item = objections.indicator(session, objection) if objection else None
            kind = kind_of(item.unit, item.method.value) if item else Kind.NUMBER
            if args.reject:
                answered = objections.reject(
                    session, args.id, reason=args.reason, actor=actor, now=now
                )
            else:
                growth = item is not None and item.method is Method.GROWTH
                answered = objections.accept(
                    session,
                    args.id,
                    value=_value(args.value, kind, t),
                    base=_value(args.base, kind, t) if growth else None,
                    note=args.note or "",
                    actor=actor,
                    now=now,
                    tz=tz,
                )
            notice = Notices(services.catalogue, settings.language)
            notices_of.notify_answered(session, answered, notices=notice, now=now, tz=tz)
            shown = notices_of.answer_text(session, answered, t, tz)
    except ObjectionRefused as refusal:
        raise CliError(t(refusal.key, **refusal.params)) from None
    print(shown)
    return 0


def _value(text: str | None, kind: Kind, t: Callable[..., str]) -> Decimal | None:
    """A value from the command line, read and bounded as the parks' own filing reads it."""
    if text is None:
        return None
    try:
        return parse_value(text, kind)
    except ValueRefused as refusal:
        raise CliError(t(refusal.key, **refusal.params), EXIT_USAGE) from None
