"""Local Telegram Bot API emulator for end-to-end tests of the real PTB application.

Its state is served either by its own aiohttp frontend (web_app.py: faults, flood limits,
latency) or by the product's local messenger routes (local_frontend.py): see
`BotApiEmulator(frontend=...)` and PARKBOT_E2E_MESSENGER in tests/e2e/conftest.py.
"""

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
