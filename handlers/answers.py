"""Answers of several messages go out through the outbox, so no handler waits out a limit.

Telegram takes one message a second into a private chat. A handler sending several would
sleep out a 429 after each, and updates are handled one at a time: everyone would wait.
"""

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Update

from bot.outbox import queue as outbox
from bot.telegram.context import ParkContext, wake_sender

Answer = tuple[str, InlineKeyboardMarkup | None]


async def answer(
    update: Update,
    context: ParkContext,
    messages: Sequence[Answer],
    *,
    person_id: int | None = None,
) -> None:
    """One message is sent at once; several are queued, in order, for the outbox sender."""
    chat_id = update.effective_chat.id
    if len(messages) <= 1:
        for text, markup in messages:
            await context.bot.send_message(chat_id, text, reply_markup=markup)
        return
    services = context.services
    with services.db.scope() as session:
        now = services.now()
        for text, markup in messages:
            outbox.enqueue(
                session,
                kind="answer",
                text=text,
                now=now,
                person_id=person_id,
                chat_id=chat_id,
                reply_markup=markup.to_dict() if markup is not None else None,
            )
    wake_sender(context.application)
