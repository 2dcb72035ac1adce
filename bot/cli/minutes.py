"""`parkbot meeting minutes-template|minutes-import|assignments`: a meeting's decisions (交办).

Their options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse

from bot.cli.common import CliError, file_failure, migrated_services, require_suffix, texts
from bot.cli.meetings import _meeting
from bot.meetings import assignments
from bot.meetings.minutes_file import MinutesRejected, import_minutes, write_template
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.services import Services
from bot.settings import Settings

STATUS_KEYS = {
    "overdue": "board-assignment-status-overdue",
    "assigned": "board-assignment-status-assigned",
    "resolved": "board-assignment-status-resolved",
    "open": "board-assignment-status-open",
}


def _template(args: argparse.Namespace, settings: Settings) -> int:
    require_suffix(args.file, ".xlsx", settings)
    services = migrated_services(settings)
    t = texts(services)
    with services.db.scope() as session:
        _meeting(services, session, args.id)
        try:
            write_template(session, args.file, t)
        except OSError as error:
            raise file_failure(error, args.file, settings) from None
    print(t("cli-minutes-template-written", path=str(args.file)))
    return 0


def _import(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    t = texts(services)
    try:
        with services.db.scope() as session:
            meeting = _meeting(services, session, args.id)
            recorded, told = import_minutes(
                session,
                meeting,
                args.file,
                now=services.now(),
                notices=Notices(services.catalogue, settings.language),
                operator=True,
            )
    except MinutesRejected as rejected:
        lines = [
            t(
                "cli-minutes-row-error",
                row=str(problem.row),
                reason=t(problem.key, **problem.params),
            )
            for problem in rejected.problems
        ]
        lines.append(t("cli-minutes-rejected", count=len(rejected.problems)))
        raise CliError("\n".join(lines)) from None
    print(t("cli-minutes-imported", count=len(recorded), told=told))
    return 0


def _held(services: Services, session: object) -> str:
    """The held meetings, newest first, with their numbers."""
    from bot.i18n import format_moment

    settings, t = services.settings, texts(services)
    lines = []
    for meeting in assignments.held_meetings(session, services.now(), limit=20):
        park = people.park(session=session, park_id=meeting.park_id)
        when = format_moment(services.catalogue, settings.language, meeting.starts_at, settings.tz)
        count = len(assignments.assignments_of(session, meeting.id))
        lines.append(
            t("cli-held-meeting-line", id=str(meeting.id), when=when,
              park=park.name if park else "", count=count)
        )  # fmt: skip
    return "\n".join(lines) or t("minutes-no-meeting")


def _list(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    t = texts(services)
    if args.id is None:
        with services.db.scope() as session:
            print(_held(services, session))
        return 0
    with services.db.scope() as session:
        _meeting(services, session, args.id)
        lines = [
            t(
                "cli-assignment-line",
                id=str(line.problem.id),
                status=t(STATUS_KEYS["overdue" if line.overdue else line.problem.status]),
                text=line.problem.text,
                project=line.project or t("minutes-no-project"),
                unit=line.problem.assigned_unit or "",
                leader=line.leader,
                due=line.problem.due_date.isoformat() if line.problem.due_date else "",
            )
            for line in assignments.assignments_of(session, args.id, services.now().date())
        ]
    print("\n".join(lines) or t("cli-assignments-none"))
    return 0
