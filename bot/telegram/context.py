"""The callback context every handler and job receives, with parkbot's services attached.

Also the keys of what the composition root puts in bot_data, and waking the outbox sender:
handlers and schedules share these, so they live below both.
"""

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services

SERVICES_KEY = "services"
SENDER_KEY = "outbox-sender"
MAX_ID = 2**31 - 1  # the largest INTEGER key (PostgreSQL refuses larger ones outright)


def callback_id(text: str) -> int:
    """The row id in a button's data; -1 (no row has it) when it is not a plain number.

    Buttons can be forged: digits int() refuses ("²"), other scripts' digits, signs and
    numbers too large for the database must not get that far.
    """
    if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)):
        value = int(text)
        return value if value <= MAX_ID else -1
    return -1


def wake_sender(application: Application) -> None:
    """Tells the outbox sender new rows are waiting.

    Safe from concurrent updates: it only sets an asyncio Event (setting it twice is once), and
    callers wake only after their unit of work committed; the sender clears the event before it
    reads the rows, so a wake-up during a read is never lost.
    """
    sender = application.bot_data.get(SENDER_KEY)
    if sender is not None:
        sender.wake()


class ParkContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to parkbot's services."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """The services built by the entry point."""
        return self.application.bot_data[SERVICES_KEY]
