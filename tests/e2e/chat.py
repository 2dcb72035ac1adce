"""Helpers that read a chat the way a person does: the newest message on the screen."""

import re

from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser


def screen(
    emulator: BotApiEmulator, user: SimUser, fragment: str | re.Pattern[str], timeout: float = 5.0
) -> dict:
    """Waits until the newest bot message in the user's chat contains `fragment` (a text, or a
    pattern such as tests.screens.shows(key) to search for); returns it."""

    def shown() -> bool:
        last = user.last()
        if last is None:
            return False
        text = last.get("text") or ""
        return (
            fragment.search(text) is not None
            if isinstance(fragment, re.Pattern)
            else fragment in text
        )

    try:
        emulator.wait_until(shown, timeout)
    except AssertionError:
        last = user.last()
        raise AssertionError(
            f"expected {fragment!r} on screen; newest message: {last and last.get('text')!r}"
        ) from None
    return user.last()


def buttons(message: dict) -> list[str]:
    """The inline button texts of a message, row by row flattened."""
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]
