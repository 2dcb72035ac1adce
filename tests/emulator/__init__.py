"""Local Telegram Bot API emulator for end-to-end tests of the real PTB application."""

from bot.messenger.state import ApiError, message_text
from tests.emulator.runner import BotThread
from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimGroup, SimUser, button_texts

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "BotThread",
    "SimGroup",
    "SimUser",
    "button_texts",
    "message_text",
]
