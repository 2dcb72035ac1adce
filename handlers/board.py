"""/board: the 看板 button, a Telegram Mini App on Telegram, a link in the local messenger."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, WebAppInfo
from telegram.ext import CommandHandler, filters

from bot.settings import Settings
from bot.telegram.context import ParkContext
from handlers.help import render_help
from handlers.request import request
from handlers.viewer import Viewer

BOARD_PATH, MINI_APP_PATH = "/board", "/board/app"


def board_button(viewer: Viewer, settings: Settings) -> InlineKeyboardButton | None:
    """The 看板 button, or None when Telegram cannot open the board (no https address)."""
    text = viewer.t("board-button")
    if settings.uses_local_messenger():
        # The web chat's session cookie signs the member in on the same site.
        return InlineKeyboardButton(text, url=settings.web_url() + BOARD_PATH)
    public = (settings.web_public_url or "").rstrip("/")
    if not public.startswith("https://"):
        return None  # Telegram opens Mini Apps from https addresses only
    return InlineKeyboardButton(text, web_app=WebAppInfo(url=public + MINI_APP_PATH))


async def board_command(update: Update, context: ParkContext) -> None:
    """Offers the 看板 button; strangers learn how to get access."""
    with request(update, context) as req:
        viewer, settings = req.viewer, req.services.settings
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
        return
    button = board_button(viewer, settings)
    if button is None:
        await update.effective_message.reply_text(viewer.t("board-no-public-url"))
        return
    await update.effective_message.reply_text(
        viewer.t("board-open"), reply_markup=InlineKeyboardMarkup([[button]])
    )


def handlers() -> list:
    """The board handler (private chats only: web_app buttons work only there)."""
    return [CommandHandler("board", board_command, filters=filters.ChatType.PRIVATE)]
