"""Answers of several messages go out through the outbox, so no handler waits out a limit.

Telegram takes one message a second into a private chat. A handler sending several would
sleep out a 429 after each, and that person's next update would wait behind it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.outbox import queue as outbox
from bot.telegram.context import ParkContext, wake_sender
from handlers.request import Request, request

Answer = tuple[str, InlineKeyboardMarkup | None]


@dataclass
class Held:
    """Answers of one update: those to send at once, and whether the outbox got the rest."""

    direct: Sequence[Answer]
    queued: bool


def hold(
    req: Request, update: Update, messages: Sequence[Answer], *, person_id: int | None = None
) -> Held:
    """Queues several answers in the update's own transaction; one is left to send at once."""
    if len(messages) <= 1:
        return Held(messages, queued=False)
    chat_id = update.effective_chat.id
    for text, markup in messages:
        outbox.enqueue(
            req.session,
            kind="answer",
            text=text,
            now=req.now,
            person_id=person_id,
            chat_id=chat_id,
            reply_markup=markup.to_dict() if markup is not None else None,
        )
    return Held((), queued=True)


async def deliver(update: Update, context: ParkContext, held: Held) -> None:
    """Sends what was held back for sending, once the request has committed."""
    for text, markup in held.direct:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)
    if held.queued:
        wake_sender(context.application)


async def answer(
    update: Update,
    context: ParkContext,
    messages: Sequence[Answer],
    *,
    person_id: int | None = None,
) -> None:
    """For a handler without a request of its own: one message at once, several queued."""
    if len(messages) <= 1:
        await deliver(update, context, Held(messages, queued=False))
        return
    with request(update, context) as req:
        held = hold(req, update, messages, person_id=person_id)
    await deliver(update, context, held)
