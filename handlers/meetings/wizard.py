"""/meeting: the admin wizard that schedules a meeting (the row exists only once confirmed)."""

from collections.abc import Callable
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ConversationHandler,
)

from bot.i18n import format_period
from bot.meetings import service as meetings
from bot.meetings.service import MeetingRefused
from bot.parsing import ParseError
from bot.people import queries as people
from bot.telegram.context import ParkContext, callback_id
from bot.telegram.reminders import reminders_tick
from handlers.help import render_help
from handlers.meetings.common import (
    CONFIRM,
    DEADLINE,
    PARK,
    PLACE,
    PREFIX,
    WHEN,
    _buttons,
    _read_moment,
    _when,
)
from handlers.request import Request, request

EXAMPLE_AHEAD = timedelta(days=7)


def ask_when_text(t: Callable[..., str], now: datetime) -> str:
    """The time question, with examples a week from now (examples must not have passed)."""
    day = now.date() + EXAMPLE_AHEAD
    # A month and day without a year is read in this year: name the year when it differs.
    year = "none" if day.year == now.year else str(day.year)
    short = t("meeting-example-short", year=year, month=str(day.month), day=str(day.day))
    return t("meeting-ask-when", example=f"{day.isoformat()} 09:00", short=short)


async def start(update: Update, context: ParkContext) -> int:
    """Asks for the meeting's date and time (admins only)."""
    with request(update, context) as req:
        viewer, now = req.viewer, req.now
    if viewer.person is None or not viewer.person.is_admin:
        await update.effective_message.reply_text(
            viewer.t("admin-only") if viewer.person else render_help(viewer)
        )
        return ConversationHandler.END
    context.user_data["meeting"] = {}
    await update.effective_message.reply_text(
        ask_when_text(viewer.t, now),
        reply_markup=_buttons(viewer, [[("button-cancel", "cancel")]]),
    )
    return WHEN


async def got_when(update: Update, context: ParkContext) -> int:
    """Stores the time, asks for the host park."""
    # One unit of work: the parks are read whether or not the time is understood.
    with request(update, context) as req:
        viewer, now = req.viewer, req.now
        parks = people.all_parks(session=req.session)
    try:
        starts_at = _read_moment(context, update.effective_message.text, now)
    except ParseError as error:
        await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
        return WHEN
    if starts_at <= now:
        await update.effective_message.reply_text(req.refusal(MeetingRefused("in-past")))
        return WHEN
    context.user_data["meeting"]["starts_at"] = starts_at.isoformat()
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
    with request(update, context) as req:
        viewer = req.viewer
    context.user_data["meeting"]["park_id"] = callback_id(query.data.removeprefix(PREFIX + "park:"))
    await query.edit_message_text(viewer.t("meeting-ask-place"))
    return PLACE


async def got_place(update: Update, context: ParkContext) -> int:
    """Stores the place, offers the default deadline."""
    with request(update, context) as req:
        viewer = req.viewer
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
    return await _preview(update, context, typed=update.effective_message.text)


def _plan(req: Request, draft: dict) -> meetings.MeetingPlan:
    return meetings.prepare(
        req.session,
        starts_at=datetime.fromisoformat(draft["starts_at"]),
        park_id=draft["park_id"],
        place=draft["place"],
        deadline=datetime.fromisoformat(draft["deadline"]),
        deadline_explicit=draft.get("deadline_explicit", False),
        now=req.now,
        tz=req.services.settings.tz,
    )


async def _preview(update: Update, context: ParkContext, typed: str | None = None) -> int:
    """The meeting as it will be written, to confirm; `typed` is a deadline typed by hand."""
    draft = context.user_data["meeting"]
    try:
        with request(update, context) as req:
            viewer = req.viewer
            if typed is not None:
                deadline = _read_moment(context, typed, req.now)
                draft["deadline"] = deadline.isoformat()
                draft["deadline_explicit"] = True
            plan = _plan(req, draft)
            park = people.park(session=req.session, park_id=plan.park_id)
    except ParseError as error:
        await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
        return DEADLINE
    except MeetingRefused as refusal:
        await update.effective_message.reply_text(req.refusal(refusal))
        return DEADLINE if refusal.code.startswith("deadline") else ConversationHandler.END
    text = viewer.t(
        "meeting-preview",
        when=_when(context, viewer, plan.starts_at),
        park=park.name,
        place=plan.place,
        deadline=_when(context, viewer, plan.deadline),
        period=format_period(viewer.catalogue, viewer.language, plan.period),
    )
    keyboard = _buttons(viewer, [[("button-confirm", "confirm"), ("button-cancel", "cancel")]])
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CONFIRM


async def confirm(update: Update, context: ParkContext) -> int:
    """Writes the meeting and plans its reminders."""
    query = update.callback_query
    await query.answer()
    draft = context.user_data.pop("meeting", {})
    with request(update, context) as req:
        viewer = req.viewer
        try:
            meeting = meetings.create(req.session, _plan(req, draft), now=req.now, actor=req.person)
        except (MeetingRefused, KeyError):
            meeting = None
        created = meeting.id if meeting else None
    if created is None:
        await query.edit_message_text(req.refusal(MeetingRefused("in-past")))
        return ConversationHandler.END
    await query.edit_message_text(viewer.t("meeting-created", id=str(created)))
    await reminders_tick(context.application)
    return ConversationHandler.END
