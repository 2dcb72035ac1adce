"""What the meeting handlers share: the states, the button prefix, and small reply helpers."""

from datetime import datetime, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    ConversationHandler,
)

from bot.parsing import parse_datetime
from bot.telegram.context import ParkContext
from handlers.request import request
from handlers.viewer import Viewer

WHEN, PARK, PLACE, DEADLINE, CONFIRM, MOVE, MOVE_CONFIRM, DROP_CONFIRM = range(8)
DEFAULT_TIME = time(9, 0)
PREFIX = "mt:"


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


def _read_moment(context: ParkContext, text: str, now: datetime) -> datetime:
    naive = parse_datetime(text, today=now.date(), default_time=DEFAULT_TIME)
    return naive.replace(tzinfo=context.services.settings.tz)


async def cancel_wizard(update: Update, context: ParkContext) -> int:
    """Leaves the wizard without writing anything."""
    creating = context.user_data.pop("meeting", None) is not None
    for key in ("move", "move_to", "drop"):
        context.user_data.pop(key, None)
    with request(update, context) as req:
        viewer = req.viewer
    text = viewer.t("meeting-wizard-cancelled" if creating else "meeting-left-unchanged")
    if update.callback_query is not None:
        await update.callback_query.answer()
        await _show(update, text)
    else:
        await update.effective_message.reply_text(text)
    return ConversationHandler.END


async def _show(update: Update, text: str) -> None:
    """Turns the confirmation into the outcome (a new message if it cannot be edited)."""
    try:
        await update.callback_query.edit_message_text(text)
    except BadRequest:
        await update.effective_message.reply_text(text)
