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
    _when,
)
from handlers.request import Request, request, trial
from models import Meeting, MeetingStatus


async def ask_move(update: Update, context: ParkContext) -> int:
    """Asks for the new time of a meeting."""
    query = update.callback_query
    meeting_id = callback_id(query.data.removeprefix(PREFIX + "move:"))
    with request(update, context) as req:
        viewer = req.viewer
        meeting = queries.meeting(session=req.session, meeting_id=meeting_id)
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
    meeting_id = context.user_data.get("move", 0)
    # A dry run of the very rule the confirmation applies: the trial writes nothing.
    with trial(update, context) as req:
        viewer = req.viewer
        try:
            starts_at = _read_moment(context, update.effective_message.text, req.now)
            text, refused = _move_preview(context, req, meeting_id, starts_at), None
        except ParseError as error:
            unread, refused = viewer.t(error.message_key, **error.params), None
            text = None
        except MeetingRefused as refusal:
            text, refused = None, refusal
    if refused is not None:
        await update.effective_message.reply_text(req.refusal(refused))
        if refused.code == "in-past":
            return MOVE
        context.user_data.pop("move", None)
        return ConversationHandler.END
    if text is None:
        await update.effective_message.reply_text(unread)
        return MOVE
    context.user_data["move_to"] = starts_at.isoformat()
    keyboard = _buttons(viewer, [[("button-confirm", "confirm"), ("button-cancel", "cancel")]])
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return MOVE_CONFIRM


def _move_preview(context: ParkContext, req: Request, meeting_id: int, starts_at: datetime) -> str:
    """The move as the confirmation would apply it (raises MeetingRefused when it would not)."""
    from bot.meetings.announcements import told_about

    meeting = queries.meeting(session=req.session, meeting_id=meeting_id)
    if meeting is None:
        raise MeetingRefused("cancelled")
    old = meeting.starts_at
    count = len(told_about(req.session, meeting))
    _move(req, meeting, starts_at)
    viewer = req.viewer
    return viewer.t(
        "meeting-move-preview",
        old=_when(context, viewer, old),
        when=_when(context, viewer, meeting.starts_at),
        deadline=_when(context, viewer, meeting.deadline),
        count=count,
    )


def _move(req: Request, meeting: Meeting, starts_at: datetime) -> None:
    settings = req.services.settings
    meetings.move(
        req.session,
        meeting,
        starts_at=starts_at,
        now=req.now,
        tz=settings.tz,
        days_before=settings.deadline_days_before,
        actor=req.person,
    )


async def confirm_move(update: Update, context: ParkContext) -> int:
    """Moves the meeting (its deadline by bot.meetings.service' rule), tells those already told."""
    from bot.meetings.announcements import announce_move

    query = update.callback_query
    await query.answer()
    meeting_id = context.user_data.pop("move", None)
    moved_to = context.user_data.pop("move_to", None)
    if meeting_id is None or moved_to is None:
        return ConversationHandler.END  # pressed twice: the first press moved it
    # A refusal leaves the scope, which rolls back everything the attempt wrote.
    try:
        with request(update, context) as req:
            viewer = req.viewer
            meeting = queries.meeting(session=req.session, meeting_id=meeting_id)
            if meeting is None:
                raise MeetingRefused("cancelled")
            _move(req, meeting, datetime.fromisoformat(moved_to))
            announce_move(req.session, req.services, meeting)
            text = viewer.t(
                "meeting-moved-done",
                when=_when(context, viewer, meeting.starts_at),
                deadline=_when(context, viewer, meeting.deadline),
            )
            done = True
    except MeetingRefused as refusal:
        text, done = req.refusal(refusal), False
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
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
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
    meeting_id = context.user_data.pop("drop", None)
    if meeting_id is None:
        return ConversationHandler.END  # pressed twice: the first press cancelled it
    # A refusal leaves the scope, which rolls back everything the attempt wrote.
    try:
        with request(update, context) as req:
            viewer = req.viewer
            meeting = queries.meeting(session=req.session, meeting_id=meeting_id)
            if meeting is None:
                raise MeetingRefused("cancelled")
            told = meetings.cancel(req.session, meeting, now=req.now, actor=req.person)
            announce_cancel(req.session, req.services, meeting, told)
            text = viewer.t("meeting-cancel-done")
    except MeetingRefused as refusal:
        text = req.refusal(refusal)
    await _show(update, text)
    wake_sender(context.application)
    return ConversationHandler.END
