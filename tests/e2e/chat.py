"""Helpers that read a chat the way a person does: the newest message on the screen."""

from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser


def screen(emulator: BotApiEmulator, user: SimUser, fragment: str, timeout: float = 5.0) -> dict:
    """Waits until the newest bot message in the user's chat contains `fragment`; returns it."""

    def shown() -> bool:
        last = user.last()
        return last is not None and fragment in (last.get("text") or "")

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
