"""The error handler: log with the update id, apologise to the user, never show a traceback."""

import logging

from telegram import Update
from telegram.error import TelegramError

from bot import metrics
from bot.telegram.context import ParkContext
from handlers.viewer import anonymous

log = logging.getLogger(__name__)


async def on_error(update: object, context: ParkContext) -> None:
    """Logs the failure and sends the user a short apology."""
    metrics.handler_failed()
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    viewer = anonymous(context.services, update.effective_user)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(viewer.t("error-apology"), show_alert=True)
        else:
            await context.bot.send_message(update.effective_chat.id, viewer.t("error-apology"))
    except TelegramError:
        log.warning("could not apologise for update %s", update_id, exc_info=True)
