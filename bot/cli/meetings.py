"""`parkbot meeting ...` and `parkbot leave ...`: the command centre's scheduling from a shell.

Their options are declared with the other commands' in bot/cli/parser.py.
"""

import argparse
from datetime import datetime, time, timedelta

from sqlmodel import select

from bot.cli.common import CliError, file_failure, migrated_services, refusal_text, texts
from bot.i18n import format_list
from bot.meetings import service as meetings
from bot.meetings.announcements import announce_cancel, announce_move
from bot.meetings.service import MeetingRefused
from bot.parsing import ParseError, parse_date, parse_datetime, parse_period
from bot.people.directory import person_by_phone
from bot.services import Services
from bot.settings import Settings
from models import Leave, Meeting, Park, Person

DEFAULT_TIME = time(9, 0)


def _moment(services: Services, text: str, *, default: time = DEFAULT_TIME) -> datetime:
    t = texts(services)
    try:
        naive = parse_datetime(text, today=services.now().date(), default_time=default)
    except ParseError as error:
        raise CliError(t(error.message_key, **error.params)) from None
    return naive.replace(tzinfo=services.settings.tz)


def _park(services: Services, session: object, name: str) -> Park:
    park = meetings.find_park(session, name)
    if park is None:
        t = texts(services)

        def listed(names: list[str]) -> str:
            return format_list(services.catalogue, services.settings.language, names)

        if suggestions := meetings.park_suggestions(session, name):
            raise CliError(t("meeting-park-suggest", name=name, parks=listed(suggestions)))
        parks = meetings.park_names(session)
        raise CliError(t("meeting-park-list", name=name, parks=listed(parks)))
    return park


def _period(services: Services, text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return parse_period(text, today=services.now().date())
    except ParseError as error:
        raise CliError(texts(services)(error.message_key, **error.params)) from None


def _prepare(services: Services, session: object, **fields: object) -> meetings.MeetingPlan:
    try:
        return meetings.prepare(session, now=services.now(), tz=services.settings.tz, **fields)
    except MeetingRefused as refusal:
        raise CliError(refusal_text(services, refusal)) from None


def _add(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    starts_at = _moment(services, args.at)
    deadline = (
        _moment(services, args.deadline, default=meetings.DEADLINE_TIME)
        if args.deadline
        else meetings.default_deadline(starts_at, settings.deadline_days_before, settings.tz)
    )
    with services.db.scope() as session:
        plan = _prepare(
            services,
            session,
            starts_at=starts_at,
            park_id=_park(services, session, args.park).id,
            place=args.place,
            deadline=deadline,
            deadline_explicit=bool(args.deadline),
            period=_period(services, args.period),
        )
        meeting = meetings.create(session, plan, now=services.now(), actor=None)
        print(_describe(services, session, meeting))
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    with services.db.scope() as session:
        upcoming = meetings.upcoming(session, services.now())
        print(
            "\n".join(_describe(services, session, m) for m in upcoming)
            or texts(services)("meeting-none")
        )
    return 0


def _edit(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    with services.db.scope() as session:
        meeting = _meeting(services, session, args.id)
        try:
            meetings.move(
                session,
                meeting,
                now=services.now(),
                tz=settings.tz,
                days_before=settings.deadline_days_before,
                actor=None,
                starts_at=_moment(services, args.at) if args.at else None,
                park_id=_park(services, session, args.park).id if args.park else None,
                place=args.place,
                deadline=(
                    _moment(services, args.deadline, default=meetings.DEADLINE_TIME)
                    if args.deadline
                    else None
                ),
                period=_period(services, args.period),
            )
        except MeetingRefused as refusal:
            raise CliError(refusal_text(services, refusal)) from None
        announce_move(session, services, meeting)
        print(_describe(services, session, meeting))
    return 0


def _cancel(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    with services.db.scope() as session:
        meeting = _meeting(services, session, args.id)
        try:
            told = meetings.cancel(session, meeting, now=services.now(), actor=None)
        except MeetingRefused as refusal:
            raise CliError(refusal_text(services, refusal)) from None
        announce_cancel(session, services, meeting, told)
        print(texts(services)("meeting-cancel-done"))
    return 0


def _meeting(services: Services, session: object, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise CliError(texts(services)("cli-meeting-unknown", id=str(meeting_id)))
    return meeting


def _describe(services: Services, session: object, meeting: Meeting) -> str:
    from bot.i18n import format_moment

    language, tz = services.settings.language, services.settings.tz
    park = session.get(Park, meeting.park_id)
    return texts(services)(
        "cli-meeting-line",
        id=str(meeting.id),
        status=meeting.status,
        when=format_moment(services.catalogue, language, meeting.starts_at, tz),
        park=park.name if park else "",
        place=meeting.place,
        period=meeting.period,
        deadline=format_moment(services.catalogue, language, meeting.deadline, tz),
    )


def _leave_add(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    t = texts(services)
    today = services.now().date()
    try:
        start, end = (parse_date(value, today=today) for value in (args.start, args.end))
    except ParseError as error:
        raise CliError(t(error.message_key, **error.params)) from None
    tz = settings.tz
    with services.db.scope() as session:
        person = person_by_phone(session, args.phone)
        if person is None:
            raise CliError(t("cli-invite-unknown-phone", phone=args.phone))
        try:
            meetings.add_leave(
                session,
                person=person,
                now=services.now(),
                actor=None,
                starts_on=datetime.combine(start, time.min, tzinfo=tz),
                ends_on=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
                - timedelta(microseconds=1),
            )
        except MeetingRefused as refusal:
            raise CliError(refusal_text(services, refusal)) from None
        print(t("cli-leave-added", name=person.name, start=str(start), end=str(end)))
    return 0


def _leave_list(args: argparse.Namespace, settings: Settings) -> int:
    services = migrated_services(settings)
    with services.db.scope() as session:
        rows = session.exec(
            select(Leave, Person)
            .join(Person, Person.id == Leave.person_id)
            .where(Leave.ends_on >= services.now())
            .order_by(Leave.starts_on)
        )
        lines = [
            texts(services)(
                "cli-leave-line",
                name=person.name,
                phone=person.phone,
                start=str(leave.starts_on.astimezone(settings.tz).date()),
                end=str(leave.ends_on.astimezone(settings.tz).date()),
            )
            for leave, person in rows
        ]
    print("\n".join(lines) or texts(services)("cli-leave-none"))
    return 0


def _pack(args: argparse.Namespace, settings: Settings) -> int:
    """Writes a meeting's pre-meeting pack (PDF, XLSX or both) and prints the paths."""
    from bot.meetings.pack.content import build_pack
    from bot.meetings.pack.files import file_stem
    from bot.meetings.pack.pdf import write_pdf
    from bot.meetings.pack.tables import Texts
    from bot.meetings.pack.xlsx import write_xlsx
    from bot.status.lights import LightPolicy

    services = migrated_services(settings)
    now = services.now()
    with services.db.scope() as session:
        _meeting(services, session, args.id)
        pack = build_pack(session, args.id, now=now, policy=LightPolicy.from_settings(settings))
    texts_ = Texts(services.catalogue, settings.language, settings.tz)
    stem = file_stem(pack, texts_)
    writers = {"pdf": write_pdf, "xlsx": write_xlsx}
    chosen = ("pdf", "xlsx") if args.format == "both" else (args.format,)
    for suffix in chosen:
        path = args.out / f"{stem}.{suffix}"
        try:
            writers[suffix](path, pack, texts_)
        except OSError as error:
            raise file_failure(error, path, settings) from None
        print(texts(services)("cli-meeting-pack-written", path=str(path)))
    return 0
