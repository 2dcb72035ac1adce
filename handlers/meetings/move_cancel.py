"""Moving a meeting to a new time, or cancelling it, from the buttons under /meetings."""

from datetime import datetime

from telegram import Update
from telegram.ext import (
    ConversationHandler,
)

from bot.meetings import queries
from bot.meetings import service as meetings
from bot.meetings.reminders import meeting_text
from bot.meetings.service import MeetingRefused
from bot.parsing import ParseError
from bot.telegram.context import ParkContext, callback_id, wake_sender
from bot.telegram.reminders import reminders_tick
from handlers.meetings.common import (
    DROP_CONFIRM,
    MOVE,
    MOVE_CONFIRM,
    PREFIX,
    _buttons,
    _read_moment,
    _show,
    _viewer,
    _when,
)
from handlers.viewer import identify
from models import Meeting, MeetingStatus


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
    # A dry run of the very rule the confirmation applies: the trial writes nothing.
    with services.db.trial() as session:
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
    # A refusal leaves the scope, which rolls back everything the attempt wrote.
    try:
        with services.db.scope() as session:
            viewer = identify(session, services, update.effective_user)
            meeting = queries.meeting(session=session, meeting_id=meeting_id)
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
    # A refusal leaves the scope, which rolls back everything the attempt wrote.
    try:
        with services.db.scope() as session:
            viewer = identify(session, services, update.effective_user)
            meeting = queries.meeting(session=session, meeting_id=meeting_id)
            if meeting is None:
                raise MeetingRefused("cancelled")
            told = meetings.cancel(session, meeting, now=services.now(), actor=viewer.person)
            announce_cancel(session, services, meeting, told)
            text = viewer.t("meeting-cancel-done")
    except MeetingRefused as refusal:
        text = viewer.t(f"meeting-refused-{refusal.code}", **refusal.params)
    await _show(update, text)
    wake_sender(context.application)
    return ConversationHandler.END
