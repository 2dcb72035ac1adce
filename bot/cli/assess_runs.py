"""`parkbot assess run / results / publish / close / export`: scoring runs and their publication.

Its options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
from pathlib import Path

from sqlmodel import Session

from bot import audit
from bot.assessment import publication as publishing
from bot.assessment import runs
from bot.assessment.calendar import describe_window
from bot.assessment.notices import Texts
from bot.assessment.period import Period, PeriodError, parse_period
from bot.assessment.result_text import ResultText, run_status
from bot.assessment.result_xlsx import write_run
from bot.cli.common import EXIT_USAGE, CliError, file_failure, migrated_services, require_suffix
from bot.services import Services
from bot.settings import Settings
from models import AssessmentRun


def run(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess run --period P [--xlsx FILE]`: a new draft; ranking, missing, workbook."""
    services, rt = _services(settings)
    period = _period(args.period, rt)
    if args.xlsx is not None:
        require_suffix(args.xlsx, ".xlsx", settings)
    with services.db.scope() as session:
        try:
            made = runs.draft_run(
                session,
                period,
                settings.tz,
                now=services.now(),
                actor=audit.cli_actor("assess-run"),
            )
        except runs.RunError as error:
            raise CliError(rt.t(error.key, **error.params)) from None
        result, _ = runs.result_of(made)
        print(rt.version_line(made, "draft"))
        print(rt.ranking(result))
        print(rt.missing(result))
        if args.xlsx is not None:
            _export(session, made, args.xlsx, rt, settings)
    return 0


def results(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess results --period P [--version N] [--park NAME]`: any version, its status."""
    services, rt = _services(settings)
    period = _period(args.period, rt)
    with services.db.scope() as session:
        chosen = _chosen(session, period, args.version, rt)
        status = run_status(chosen, publishing.publication_of(session, chosen))
        result, sources = runs.result_of(chosen)
        print(rt.version_line(chosen, status))
        if args.park is not None:
            name = args.park.strip()
            found = [park for park in result.parks if park.park == name]
            if not found:
                raise CliError(rt.t("assess-park-not-in-run", park=name))
            print(rt.detail(found[0], sources))
            return 0
        print(rt.ranking(result))
        print(rt.missing(result))
    return 0


def publish(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess publish --period P [--version N]`: opens the window, queues the notices."""
    services, rt = _services(settings)
    period = _period(args.period, rt)
    with services.db.scope() as session:
        if args.version is None:
            chosen = publishing.newest_draft(session, period.label)
            if chosen is None:
                raise CliError(rt.t("assess-publish-no-draft", period=period.label))
        else:
            chosen = _chosen(session, period, args.version, rt)
        try:
            done = publishing.publish_run(
                session,
                chosen,
                _texts(services),
                now=services.now(),
                actor=audit.cli_actor("assess-publish"),
                working_days=settings.objection_working_days,
                closes_at=settings.objection_closing_time,
            )
        except runs.RunError as error:
            raise CliError(rt.t(error.key, **error.params)) from None
        print(rt.t("assess-published", period=period.label, number=chosen.number))
        print(describe_window(services.catalogue, settings.language, done.window, settings.tz))
    return 0


def close(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess close --period P --early --reason TEXT`: ends the open window now.

    The window is the campaign's rule and closes by itself; ending it early is for rehearsals
    (the demo) and exceptional decisions, so it needs --early and a reason, both audited.
    """
    services, rt = _services(settings)
    period = _period(args.period, rt)
    reason = (args.reason or "").strip()
    if not args.early or not reason:
        raise CliError(rt.t("assess-close-needs-early"), EXIT_USAGE)
    with services.db.scope() as session:
        publication = runs.open_publication(session, period.label)
        if publication is None:
            raise CliError(rt.t("assess-close-none-open", period=period.label))
        now = services.now()
        actor = audit.cli_actor("assess-close")
        publishing.close_early(session, publication, now=now, actor=actor, reason=reason)
        final = publishing.close_due(session, _texts(services), now=now)
        if publication in final:
            print(rt.t("assess-closed-final", period=period.label))
        else:
            assert publication.id is not None
            pending = publishing.pending_objections(session, publication.id)
            print(rt.t("assess-closed-held", period=period.label, pending=pending))
    return 0


def export(args: argparse.Namespace, settings: Settings) -> int:
    """`parkbot assess export --period P FILE.xlsx [--version N]`: the workbook of a version."""
    services, rt = _services(settings)
    period = _period(args.period, rt)
    require_suffix(args.file, ".xlsx", settings)
    with services.db.scope() as session:
        chosen = _chosen(session, period, args.version, rt)
        print(
            rt.version_line(chosen, run_status(chosen, publishing.publication_of(session, chosen)))
        )
        _export(session, chosen, args.file, rt, settings)
    return 0


def _services(settings: Settings) -> tuple[Services, ResultText]:
    services = migrated_services(settings)
    return services, ResultText(services.catalogue, settings.language, settings.tz)


def _texts(services: Services) -> Texts:
    return Texts(services.catalogue, services.settings.language, services.settings.tz)


def _period(text: str, rt: ResultText) -> Period:
    try:
        return parse_period(text)
    except PeriodError as error:
        raise CliError(rt.t(error.key, value=error.value), EXIT_USAGE) from None


def _chosen(session: Session, period: Period, version: str | None, rt: ResultText) -> AssessmentRun:
    """The version asked for, else the newest: a clear error when there is none."""
    found = runs.runs_of(session, period.label)
    if not found:
        raise CliError(rt.t("assess-run-none-yet", period=period.label))
    if version is None:
        return found[-1]
    try:
        number = int(version.strip())
    except ValueError:
        raise CliError(rt.t("assess-bad-version", value=version), EXIT_USAGE) from None
    for item in found:
        if item.number == number:
            return item
    versions = ", ".join(str(item.number) for item in found)
    raise CliError(
        rt.t("assess-run-unknown-version", period=period.label, version=number, versions=versions)
    )


def _export(
    session: Session, chosen: AssessmentRun, path: Path, rt: ResultText, settings: Settings
) -> None:
    result, sources = runs.result_of(chosen)
    status = run_status(chosen, publishing.publication_of(session, chosen))
    try:
        write_run(path, chosen, status, result, sources, rt)
    except OSError as error:
        raise file_failure(error, path, settings) from None
    print(rt.t("assess-xlsx-saved", path=str(path)))
