"""Updates of different people at once, each person's strictly one after another.

python-telegram-bot hands every update to an update processor (its supported extension
point, `ApplicationBuilder().concurrent_updates(processor)`). `PerPersonUpdates` keys each
update by its person (the user, else the chat) and keeps one first-in first-out line per key:
an update starts only once the one of the same person before it has finished, in the order
the updates arrived; updates of different people run side by side, at most `limit` at once.

Why this is safe for the database: every unit of work is synchronous and contains no await
(tests/unit/test_scopes.py), so within the process two transactions never overlap; updates
interleave only at Bot API awaits, between units of work. What can still run beside a
transaction is another process (the CLI, a roster import): SQLite then makes the later writer
wait up to its busy timeout (bot.db), PostgreSQL its row locks.

The bound: `BaseUpdateProcessor.process_update` takes the base class's semaphore *before*
`do_process_update`, so an update waiting for its person's turn would hold a slot there, and
one person's backlog could starve everyone else. The base is therefore built with a nominal
bound (never reached in practice), and the real bound is a semaphore taken in
`do_process_update` only once the person's turn has come: a waiting update holds nothing.
With `limit == 1` the base bound is 1 too, so the Application handles updates one at a time
exactly as it did before this processor existed.

Every update is counted for /metrics (bot.metrics: its kind, and its handling time from its
turn starting, so time spent waiting behind the same person's earlier updates is left out).
"""

import asyncio
import contextlib
import inspect
import time
from collections import deque
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import MessageEntity, Update
from telegram.ext import BaseUpdateProcessor

from bot import metrics

# What the base class's semaphore admits: updates taken from the queue, running or waiting for
# their person's turn. Only a cap on memory; the real bound is `limit`.
NOMINAL_BOUND = 100_000


def person_key(update: object) -> Hashable:
    """Whose update this is: the user, else the chat, else nobody (its own key)."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return object()  # equal to nothing else: never waits for another update


def update_kind(update: object) -> str:
    """The kind an update is counted under (bot.metrics.UPDATE_KINDS says what each means)."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "callback_query"
    if update.edited_message is not None:
        return "edited_message"
    message = update.message
    if message is None:
        return "other"
    entities = message.entities
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        return "command"
    if message.contact is not None:
        return "contact"
    if message.photo:
        return "photo"
    return "message"


class PerPersonUpdates(BaseUpdateProcessor):
    """Different people concurrently (at most `limit` updates at once), one person in order."""

    __slots__ = ("_limit", "_lines", "_slots")

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("limit must be a positive integer")
        super().__init__(NOMINAL_BOUND if limit > 1 else 1)
        self._limit = limit
        self._slots = asyncio.Semaphore(limit)
        # key -> the updates of that person waiting for their turn, oldest first. A key is
        # present exactly while one of its updates runs; the last one out removes it, so the
        # dict holds only people with an update in hand.
        self._lines: dict[Hashable, deque[asyncio.Future[None]]] = {}

    @property
    def limit(self) -> int:
        """How many updates may run at once."""
        return self._limit

    @property
    def people_in_hand(self) -> int:
        """How many people have an update running or waiting (for tests and diagnostics)."""
        return len(self._lines)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Waits for the person's turn, then for a slot, then runs the update."""
        key = person_key(update)
        # No await before joining the line: tasks start in the order the Application created
        # them (the order updates arrived), so the line is in arrival order.
        try:
            await self._take_turn(key)
        except asyncio.CancelledError:
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # never started: no "never awaited" warning
            raise
        kind = update_kind(update)
        try:
            async with self._slots:
                started = time.perf_counter()
                try:
                    await coroutine
                finally:
                    metrics.update_handled(kind, time.perf_counter() - started)
        finally:
            self._pass_turn(key)

    async def _take_turn(self, key: Hashable) -> None:
        line = self._lines.get(key)
        if line is None:
            self._lines[key] = deque()  # nobody ahead: our turn at once
            return
        turn = asyncio.get_running_loop().create_future()
        line.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._pass_turn(key)  # handed the turn just as we were cancelled: pass it on
            else:
                with contextlib.suppress(ValueError):  # already skipped by _pass_turn
                    line.remove(turn)
            raise

    def _pass_turn(self, key: Hashable) -> None:
        """The update of `key` finished: the next one of that person starts, or the key goes."""
        line = self._lines[key]
        while line:
            turn = line.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        del self._lines[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: the Application waits for its update tasks itself."""
