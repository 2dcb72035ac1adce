"""The flood guard in the update pipeline: the first check every update meets.

Registered before every other handler (bot.app.wire): an update it stops reaches no feature.

The counts need no lock under concurrent updates (bot.telegram.updates): `check` counts an
update synchronously, before its first await, and one person's updates reach it one after
another in arrival order, so each person's count is what it was when updates ran one at a time.
"""

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.flood import FloodGuard, FloodPolicy, Verdict
from bot.outbox import queue as outbox
from bot.telegram.context import ParkContext, wake_sender
from handlers.request import request

GUARD_KEY = "flood_guard"


def handler() -> TypeHandler:
    """The guard as a handler for every update."""
    return TypeHandler(Update, check)


async def check(update: Update, context: ParkContext) -> None:
    """Stops the updates of someone sending faster than a person, and strangers' repeats."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    chat = update.effective_chat
    private = chat is None or chat.type == ChatType.PRIVATE
    message = update.effective_message if update.callback_query is None else None
    if not private and message is not None and not _is_command(message):
        return  # group chatter gets no answer anyway: it costs nothing and must not count
    guard = _guard(context)
    verdict = guard.admit(user.id, album=message.media_group_id if message else None)
    if verdict is Verdict.DROP:
        raise ApplicationHandlerStop
    if verdict is Verdict.WARN:
        _slow_down(update, context, guard)
        raise ApplicationHandlerStop
    if (
        private
        and message is not None
        and not _onboarding(message)
        and not guard.known_member(user.id)
    ):
        # Its own request: the guard is a handler group of its own, ahead of every feature.
        with request(update, context) as req:
            stranger = req.person is None
        if not stranger:
            guard.note_member(user.id)
        # Every idle message of a stranger would get the same explanation: one a minute is
        # enough, and the rest would only cost everyone else time.
        elif not guard.may_explain(user.id):
            raise ApplicationHandlerStop


def _guard(context: ParkContext) -> FloodGuard:
    # In memory, not in the database: only a flood guard (see bot.flood), and one per process.
    guard = context.bot_data.get(GUARD_KEY)
    if guard is None:
        policy = FloodPolicy.from_settings(context.services.settings)
        guard = context.bot_data[GUARD_KEY] = FloodGuard(policy)
    return guard


def _is_command(message: Message) -> bool:
    return bool(message.text and message.text.startswith("/"))


def _onboarding(message: Message) -> bool:
    """A shared contact or `/start <token>`: an attempt to get access, always answered."""
    if message.contact is not None:
        return True
    words = (message.text or "").split()
    return len(words) > 1 and words[0].partition("@")[0].lower() == "/start"


def _slow_down(update: Update, context: ParkContext, guard: FloodGuard) -> None:
    """Queues the one "slow down" (the outbox keeps within the chat's limit, not the handler)."""
    chat = update.effective_chat
    if chat is None:
        return
    with request(update, context) as req:
        text = req.t("flood-slow-down", seconds=round(guard.policy.mute))
        outbox.enqueue(
            req.session,
            kind="slow-down",
            text=text,
            now=req.now,
            chat_id=chat.id,
            is_group=chat.type != ChatType.PRIVATE,
        )
    wake_sender(context.application)
