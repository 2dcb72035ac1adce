"""/meeting (create), /meetings (list, move, cancel): the command centre schedules meetings.

A short admin wizard, kept as a ConversationHandler state table; the meeting itself is a row
only once confirmed, and its reminders are planned from that row.
"""

from collections.abc import Callable
from datetime import datetime, time, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.meetings import queries
from bot.meetings import service as meetings
from bot.meetings.reminders import meeting_text
from bot.meetings.service import MeetingRefused
from bot.parsing import ParseError, parse_datetime
from bot.people import queries as people
from bot.telegram.context import ParkContext, callback_id, wake_sender
from bot.telegram.reminders import reminders_tick
from handlers.answers import answer
from handlers.help import render_help
from handlers.viewer import Viewer, identify
from handlers.wizard import wizard
from models import Meeting, MeetingStatus

WHEN, PARK, PLACE, DEADLINE, CONFIRM, MOVE, MOVE_CONFIRM, DROP_CONFIRM = range(8)
DEFAULT_TIME = time(9, 0)
EXAMPLE_AHEAD = timedelta(days=7)
PREFIX = "mt:"


def _viewer(update: Update, context: ParkContext) -> Viewer:
    with context.services.db.scope() as session:
        return identify(session, context.services, update.effective_user)


def _buttons(viewer: Viewer, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(viewer.t(key), callback_data=PREFIX + data) for key, data in row]
            for row in rows
        ]
    )


def _when(context: ParkContext, viewer: Viewer, moment: datetime) -> str:
    from bot.i18n import format_moment

    services = context.services
    return format_moment(services.catalogue, viewer.language, moment, services.settings.tz)


def _read_moment(context: ParkContext, text: str) -> datetime:
    services = context.services
    now = services.now()
    naive = parse_datetime(text, today=now.date(), default_time=DEFAULT_TIME)
    return naive.replace(tzinfo=services.settings.tz)


def ask_when_text(t: Callable[..., str], now: datetime) -> str:
    """The time question, with examples a week from now (examples must not have passed)."""
    day = now.date() + EXAMPLE_AHEAD
    # A month and day without a year is read in this year: name the year when it differs.
    year = "none" if day.year == now.year else str(day.year)
    short = t("meeting-example-short", year=year, month=str(day.month), day=str(day.day))
    return t("meeting-ask-when", example=f"{day.isoformat()} 09:00", short=short)


async def start(update: Update, context: ParkContext) -> int:
    """Asks for the meeting's date and time (admins only)."""
    viewer = _viewer(update, context)
    if viewer.person is None or not viewer.person.is_admin:
        await update.effective_message.reply_text(
            viewer.t("admin-only") if viewer.person else render_help(viewer)
        )
        return ConversationHandler.END
    context.user_data["meeting"] = {}
    await update.effective_message.reply_text(
        ask_when_text(viewer.t, context.services.now()),
        reply_markup=_buttons(viewer, [[("button-cancel", "cancel")]]),
    )
    return WHEN


async def got_when(update: Update, context: ParkContext) -> int:
    """Stores the time, asks for the host park."""
    viewer = _viewer(update, context)
    try:
        starts_at = _read_moment(context, update.effective_message.text)
    except ParseError as error:
        await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
        return WHEN
    if starts_at <= context.services.now():
        await update.effective_message.reply_text(viewer.t("meeting-refused-in-past"))
        return WHEN
    context.user_data["meeting"]["starts_at"] = starts_at.isoformat()
    with context.services.db.scope() as session:
        parks = people.all_parks(session=session)
    rows = [
        [InlineKeyboardButton(park.name, callback_data=f"{PREFIX}park:{park.id}")] for park in parks
    ]
    rows.append([InlineKeyboardButton(viewer.t("button-cancel"), callback_data=PREFIX + "cancel")])
    await update.effective_message.reply_text(
        viewer.t("meeting-ask-park"), reply_markup=InlineKeyboardMarkup(rows)
    )
    return PARK


async def got_park(update: Update, context: ParkContext) -> int:
    """Stores the host park, asks for the place."""
    query = update.callback_query
    await query.answer()
    viewer = _viewer(update, context)
    context.user_data["meeting"]["park_id"] = callback_id(query.data.removeprefix(PREFIX + "park:"))
    await query.edit_message_text(viewer.t("meeting-ask-place"))
    return PLACE


async def got_place(update: Update, context: ParkContext) -> int:
    """Stores the place, offers the default deadline."""
    viewer = _viewer(update, context)
    context.user_data["meeting"]["place"] = update.effective_message.text.strip()
    services = context.services
    starts_at = datetime.fromisoformat(context.user_data["meeting"]["starts_at"])
    default = meetings.default_deadline(
        starts_at, services.settings.deadline_days_before, services.settings.tz
    )
    context.user_data["meeting"]["default_deadline"] = default.isoformat()
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    viewer.t("meeting-default-deadline", when=_when(context, viewer, default)),
                    callback_data=PREFIX + "deadline",
                )
            ]
        ]
    )
    await update.effective_message.reply_text(
        viewer.t("meeting-ask-deadline"), reply_markup=keyboard
    )
    return DEADLINE


async def got_default_deadline(update: Update, context: ParkContext) -> int:
    """Takes the default deadline."""
    await update.callback_query.answer()
    draft = context.user_data["meeting"]
    draft["deadline"] = draft["default_deadline"]
    draft["deadline_explicit"] = False
    return await _preview(update, context)


async def got_deadline(update: Update, context: ParkContext) -> int:
    """Takes a typed deadline."""
    viewer = _viewer(update, context)
    try:
        deadline = _read_moment(context, update.effective_message.text)
    except ParseError as error:
        await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
        return DEADLINE
    context.user_data["meeting"]["deadline"] = deadline.isoformat()
    context.user_data["meeting"]["deadline_explicit"] = True
    return await _preview(update, context)


def _plan(context: ParkContext, session: object, draft: dict) -> meetings.MeetingPlan:
    services = context.services
    return meetings.prepare(
        session,
        starts_at=datetime.fromisoformat(draft["starts_at"]),
        park_id=draft["park_id"],
        place=draft["place"],
        deadline=datetime.fromisoformat(draft["deadline"]),
        deadline_explicit=draft.get("deadline_explicit", False),
        now=services.now(),
        tz=services.settings.tz,
    )


async def _preview(update: Update, context: ParkContext) -> int:
    viewer = _viewer(update, context)
    draft = context.user_data["meeting"]
    try:
        with context.services.db.scope() as session:
            plan = _plan(context, session, draft)
            park = people.park(session=session, park_id=plan.park_id)
    except MeetingRefused as refusal:
        await update.effective_message.reply_text(
            viewer.t(f"meeting-refused-{refusal.code}", **refusal.params)
        )
        return DEADLINE if refusal.code.startswith("deadline") else ConversationHandler.END
    year, month = plan.period.split("-")
    text = viewer.t(
        "meeting-preview",
        when=_when(context, viewer, plan.starts_at),
        park=park.name,
        place=plan.place,
        deadline=_when(context, viewer, plan.deadline),
        period=viewer.t("period-label", year=year, month=str(int(month))),
    )
    keyboard = _buttons(viewer, [[("button-confirm", "confirm"), ("button-cancel", "cancel")]])
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CONFIRM


async def confirm(update: Update, context: ParkContext) -> int:
    """Writes the meeting and plans its reminders."""
    query = update.callback_query
    await query.answer()
    services = context.services
    draft = context.user_data.pop("meeting", {})
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        try:
            meeting = meetings.create(
                session, _plan(context, session, draft), now=services.now(), actor=viewer.person
            )
        except (MeetingRefused, KeyError):
            meeting = None
        created = meeting.id if meeting else None
    if created is None:
        await query.edit_message_text(viewer.t("meeting-refused-in-past"))
        return ConversationHandler.END
    await query.edit_message_text(viewer.t("meeting-created", id=str(created)))
    await reminders_tick(context.application)
    return ConversationHandler.END


async def cancel_wizard(update: Update, context: ParkContext) -> int:
    """Leaves the wizard without writing anything."""
    creating = context.user_data.pop("meeting", None) is not None
    for key in ("move", "move_to", "drop"):
        context.user_data.pop(key, None)
    viewer = _viewer(update, context)
    text = viewer.t("meeting-wizard-cancelled" if creating else "meeting-left-unchanged")
    if update.callback_query is not None:
        await update.callback_query.answer()
        await _show(update, text)
    else:
        await update.effective_message.reply_text(text)
    return ConversationHandler.END


async def list_meetings(update: Update, context: ParkContext) -> None:
    """Upcoming meetings, each with Move and Cancel buttons for admins."""
    services = context.services
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        if viewer.person is None:
            await update.effective_message.reply_text(render_help(viewer))
            return
        upcoming = meetings.upcoming(session, services.now())
        from bot.meetings.policy import policy_from
        from bot.meetings.reminders import Messenger

        messenger = Messenger(
            services.catalogue, services.settings.language, policy_from(services.settings)
        )
        entries = [
            (m.id, meeting_text(session, m, messenger, viewer.person, "meeting-line"))
            for m in upcoming
        ]
    if not entries:
        await update.effective_message.reply_text(viewer.t("meeting-none"))
        return
    messages = []
    for meeting_id, text in entries:
        markup = None
        if viewer.person.is_admin:
            markup = _buttons(
                viewer,
                [
                    [
                        ("button-move-meeting", f"move:{meeting_id}"),
                        ("button-cancel-meeting", f"drop:{meeting_id}"),
                    ]
                ],
            )
        messages.append((text, markup))
    await answer(update, context, messages, person_id=viewer.person.id)


async def ask_move(update: Update, context: ParkContext) -> int:
    """Asks for the new time of a meeting."""
    query = update.callback_query
    meeting_id = callback_id(query.data.removeprefix(PREFIX + "move:"))
    services = context.services
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        meeting = queries.meeting(session=session, meeting_id=meeting_id)
        movable = meeting is not None and meeting.status == MeetingStatus.SCHEDULED.value
    if viewer.person is None or not viewer.person.is_admin or not movable:
        await query.answer(viewer.t("callback-closed"))
        return ConversationHandler.END
    await query.answer()
    context.user_data["move"] = meeting_id
    await update.effective_message.reply_text(viewer.t("meeting-ask-new-time"))
    return MOVE


async def got_move(update: Update, context: ParkContext) -> int:
    """Shows the meeting's new time and deadline and who will be told; asks to confirm."""
    services = context.services
    viewer = _viewer(update, context)
    try:
        starts_at = _read_moment(context, update.effective_message.text)
    except ParseError as error:
        await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
        return MOVE
    from bot.meetings.announcements import told_about

    meeting_id = context.user_data.get("move", 0)
    with services.db.scope() as session:
        meeting = queries.meeting(session=session, meeting_id=meeting_id)
        try:
            if meeting is None:
                raise MeetingRefused("cancelled")
            old = meeting.starts_at
            count = len(told_about(session, meeting))
            _move(context, session, meeting, starts_at, viewer.person)
            text = viewer.t(
                "meeting-move-preview",
                old=_when(context, viewer, old),
                when=_when(context, viewer, meeting.starts_at),
                deadline=_when(context, viewer, meeting.deadline),
                count=count,
            )
            refused = None
        except MeetingRefused as refusal:
            refused = refusal
        # A dry run of the very rule the confirmation applies: nothing is written yet.
        session.rollback()
    if refused is not None:
        await update.effective_message.reply_text(
            viewer.t(f"meeting-refused-{refused.code}", **refused.params)
        )
        if refused.code == "in-past":
            return MOVE
        context.user_data.pop("move", None)
        return ConversationHandler.END
    context.user_data["move_to"] = starts_at.isoformat()
    keyboard = _buttons(viewer, [[("button-confirm", "confirm"), ("button-cancel", "cancel")]])
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return MOVE_CONFIRM


def _move(
    context: ParkContext, session: object, meeting: Meeting, starts_at: datetime, actor: object
) -> None:
    services = context.services
    meetings.move(
        session,
        meeting,
        starts_at=starts_at,
        now=services.now(),
        tz=services.settings.tz,
        days_before=services.settings.deadline_days_before,
        actor=actor,
    )


async def confirm_move(update: Update, context: ParkContext) -> int:
    """Moves the meeting (its deadline by bot.meetings.service' rule), tells those already told."""
    from bot.meetings.announcements import announce_move

    query = update.callback_query
    await query.answer()
    services = context.services
    meeting_id = context.user_data.pop("move", None)
    moved_to = context.user_data.pop("move_to", None)
    if meeting_id is None or moved_to is None:
        return ConversationHandler.END  # pressed twice: the first press moved it
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        meeting = queries.meeting(session=session, meeting_id=meeting_id)
        try:
            if meeting is None:
                raise MeetingRefused("cancelled")
            _move(context, session, meeting, datetime.fromisoformat(moved_to), viewer.person)
            announce_move(session, services, meeting)
            text = viewer.t(
                "meeting-moved-done",
                when=_when(context, viewer, meeting.starts_at),
                deadline=_when(context, viewer, meeting.deadline),
            )
            done = True
        except MeetingRefused as refusal:
            session.rollback()
            text, done = viewer.t(f"meeting-refused-{refusal.code}", **refusal.params), False
    await _show(update, text)
    if done:
        await reminders_tick(context.application)
    return ConversationHandler.END


async def ask_drop(update: Update, context: ParkContext) -> int:
    """Shows the meeting to cancel and how many will be told; asks to confirm."""
    from bot.meetings.announcements import told_about
    from bot.meetings.policy import policy_from
    from bot.meetings.reminders import Messenger

    query = update.callback_query
    services = context.services
    meeting_id = callback_id(query.data.removeprefix(PREFIX + "drop:"))
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        meeting = queries.meeting(session=session, meeting_id=meeting_id)
        scheduled = meeting is not None and meeting.status == MeetingStatus.SCHEDULED.value
        allowed = viewer.person is not None and viewer.person.is_admin and scheduled
        if allowed:
            messenger = Messenger(
                services.catalogue, services.settings.language, policy_from(services.settings)
            )
            text = viewer.t(
                "meeting-cancel-preview",
                meeting=meeting_text(session, meeting, messenger, viewer.person, "meeting-line"),
                count=len(told_about(session, meeting)),
            )
    if not allowed:
        await query.answer(viewer.t("callback-closed"))
        return ConversationHandler.END
    await query.answer()
    context.user_data["drop"] = meeting_id
    keyboard = _buttons(viewer, [[("button-confirm", "confirm"), ("button-cancel", "cancel")]])
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return DROP_CONFIRM


async def confirm_drop(update: Update, context: ParkContext) -> int:
    """Cancels the meeting and tells everyone who had been told about it."""
    from bot.meetings.announcements import announce_cancel

    query = update.callback_query
    await query.answer()
    services = context.services
    meeting_id = context.user_data.pop("drop", None)
    if meeting_id is None:
        return ConversationHandler.END  # pressed twice: the first press cancelled it
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        meeting = queries.meeting(session=session, meeting_id=meeting_id)
        try:
            if meeting is None:
                raise MeetingRefused("cancelled")
            told = meetings.cancel(session, meeting, now=services.now(), actor=viewer.person)
            announce_cancel(session, services, meeting, told)
            text = viewer.t("meeting-cancel-done")
        except MeetingRefused as refusal:
            session.rollback()
            text = viewer.t(f"meeting-refused-{refusal.code}", **refusal.params)
    await _show(update, text)
    wake_sender(context.application)
    return ConversationHandler.END


async def _show(update: Update, text: str) -> None:
    """Turns the confirmation into the outcome (a new message if it cannot be edited)."""
    try:
        await update.callback_query.edit_message_text(text)
    except BadRequest:
        await update.effective_message.reply_text(text)


def handlers() -> list:
    """The meeting handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    cancel = [
        CommandHandler("cancel", cancel_wizard),
        CallbackQueryHandler(cancel_wizard, pattern=f"^{PREFIX}cancel$"),
    ]
    conversation = wizard(
        may_continue=lambda person: person.is_admin,
        entry_points=[
            CommandHandler("meeting", start, filters=private),
            CallbackQueryHandler(ask_move, pattern=f"^{PREFIX}move:"),
            CallbackQueryHandler(ask_drop, pattern=f"^{PREFIX}drop:"),
        ],
        states={
            WHEN: [MessageHandler(text, got_when)],
            PARK: [CallbackQueryHandler(got_park, pattern=f"^{PREFIX}park:")],
            PLACE: [MessageHandler(text, got_place)],
            DEADLINE: [
                CallbackQueryHandler(got_default_deadline, pattern=f"^{PREFIX}deadline$"),
                MessageHandler(text, got_deadline),
            ],
            CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}confirm$")],
            MOVE: [MessageHandler(text, got_move)],
            MOVE_CONFIRM: [CallbackQueryHandler(confirm_move, pattern=f"^{PREFIX}confirm$")],
            DROP_CONFIRM: [CallbackQueryHandler(confirm_drop, pattern=f"^{PREFIX}confirm$")],
        },
        fallbacks=cancel,
        name="meeting-wizard",
        data_keys=("meeting", "move", "move_to", "drop"),
    )
    return [conversation, CommandHandler("meetings", list_meetings, filters=private)]
