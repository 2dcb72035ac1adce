"""Whatever no feature handled: strangers learn how to get access, members get a hint."""

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram.context import ParkContext
from handlers.onboarding import explain_access
from handlers.request import request
from handlers.viewer import anonymous


async def not_understood(update: Update, context: ParkContext) -> None:
    """Answers stickers, voice, stray text and the like politely."""
    with request(update, context) as req:
        viewer = req.viewer
    if viewer.person is None:
        await explain_access(update, viewer)
        return
    await update.effective_message.reply_text(viewer.t("not-understood"))


async def edited(update: Update, context: ParkContext) -> None:
    """Edited messages are not re-processed; says so instead of staying silent."""
    viewer = anonymous(context.services, update.effective_user)
    await update.effective_message.reply_text(viewer.t("edited-not-supported"))


async def group_command(update: Update, context: ParkContext) -> None:
    """In groups the bot shows no project data: it asks for a private chat."""
    viewer = anonymous(context.services, update.effective_user)
    await update.effective_message.reply_text(viewer.t("private-only"))


async def before_features(update: Update, context: ParkContext) -> None:
    """What no feature may see: edited messages, and buttons pressed in groups.

    Raising ApplicationHandlerStop here keeps these updates from every later handler group,
    so no command, wizard step or form answer is ever driven by an edit.
    """
    if update.edited_message is not None:
        # A live location moving is an edit every few seconds: kept quiet, not answered.
        live = update.edited_message.location is not None
        if update.edited_message.chat.type == ChatType.PRIVATE and not live:
            await edited(update, context)
        raise ApplicationHandlerStop
    await group_button(update, context)


async def group_button(update: Update, context: ParkContext) -> None:
    """A button in a group (forged: the bot puts none there) shows nothing in the group."""
    chat = update.effective_chat
    if update.callback_query is None or chat is None or chat.type == ChatType.PRIVATE:
        return
    viewer = anonymous(context.services, update.effective_user)
    await update.callback_query.answer(viewer.t("private-only"), show_alert=True)
    raise ApplicationHandlerStop


async def stale_button(update: Update, context: ParkContext) -> None:
    """Every button gets an answer, even one whose form is gone."""
    viewer = anonymous(context.services, update.effective_user)
    await update.callback_query.answer(viewer.t("callback-closed"))


async def ignore(update: Update, context: ParkContext) -> None:
    """Swallows updates that need no answer (group chatter, member changes)."""


def handlers() -> list:
    """Last-resort handlers; registered after every feature."""
    private = filters.ChatType.PRIVATE
    return [
        # Edited messages never get here: before_features answers them and stops.
        MessageHandler(filters.COMMAND & filters.ChatType.GROUPS, group_command),
        MessageHandler(private, not_understood),
        CallbackQueryHandler(stale_button),
        TypeHandler(Update, ignore),
    ]
