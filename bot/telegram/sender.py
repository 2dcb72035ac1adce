"""The outbox sender: drains queued messages to Telegram within its flood limits.

One asyncio task, started from the Application's post_init and stopped in post_shutdown.
Handlers call `wake()` after committing new rows; otherwise the table is polled, so rows
written by another process (the CLI) are picked up too.

Sends are pipelined: the loop starts a send whenever the limits allow (`SendLimiter`: 30/s
overall counted from the starts, 1/s per chat, 20/min per group, a 429's retry_after pauses
everything) and fewer than `SendLimiter.target_in_flight(max_in_flight)` are in flight, that
is about 30/s × the measured round trip + 1, never more than `max_in_flight`. Batches are read
while earlier sends are still in flight (their chats are left out), so the window stays full
at any round trip, and broadcast progress is reported by a task of its own.

Every outcome is recorded in its own short transaction right after the answer, with no await
in between: a crash can only repeat messages that were sent and not yet recorded, that is the
ones in flight at that moment, so after a crash at most `max_in_flight` messages are delivered
twice.

Recording can fail while the row stays queued in the database (SQLite's "database is locked"
when another process holds the write lock too long). Such a row stays in flight in memory: it
is never loaded or sent again by this process, its outcome is retried until it is recorded,
and nothing else is started meanwhile, so the crash bound above still holds.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlmodel import Session
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.outbox import burden
from bot.outbox import queue as outbox
from bot.services import Services
from bot.telegram.http import bot_api_request
from bot.telegram.limits import SendLimiter
from bot.telegram.outcome import Outcome, Outgoing, classify
from models import OutboxStatus

log = logging.getLogger(__name__)

# Retrying an outcome that could not be recorded: 50 ms, doubling up to 2 s.
RECORD_RETRY_FIRST = 0.05
RECORD_RETRY_CAP = 2.0

ProgressCallback = Callable[[set[int]], Awaitable[None]]


class OutboxSender:
    """Sends queued outbox rows in order, within Telegram's limits, recording each outcome."""

    def __init__(
        self,
        services: Services,
        *,
        on_progress: ProgressCallback | None = None,
        limiter: SendLimiter | None = None,
        poll_interval: float = 1.0,
        batch_size: int = 100,
        max_in_flight: int = 16,
        backoff_base: float = 2.0,
        backoff_cap: float = 300.0,
        stop_timeout: float = 20.0,
    ) -> None:
        self.services = services
        self.on_progress = on_progress
        self.limiter = limiter or SendLimiter()
        self.poll_interval = poll_interval
        self.batch_size = batch_size
        self.max_in_flight = max_in_flight
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.stop_timeout = stop_timeout
        self._bot: Bot | None = None
        self._task: asyncio.Task[None] | None = None
        self._stirred = asyncio.Event()  # new rows, an answer, or stop
        self._stopping = False
        self._paused_until = 0.0  # monotonic time; flood control is bot-wide
        self._deferred: dict[int, bool] = {}  # chat id -> is_group, for chats at their limit
        # Sent (or answered) but not yet recorded: row id -> what to record. See the docstring.
        self._unrecorded: dict[int, tuple[Outgoing, Outcome]] = {}
        self._record_delay = RECORD_RETRY_FIRST
        self._sends: set[asyncio.Task[None]] = set()  # sends in flight
        self._touched: set[int] = set()  # broadcasts with recorded outcomes, not yet reported
        self._reporting: asyncio.Task[None] | None = None
        self._caps = burden.Caps.from_settings(services.settings)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Starts the draining task, which first connects its own Bot (call from post_init)."""
        if self._task is not None:
            return
        self._bot = self._make_bot()
        self._stopping = False
        # Connecting (a getMe) happens in the task: start-up does not wait for it.
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    def _make_bot(self) -> Bot:
        # A plain Bot, not the Application's: its AIORateLimiter would retry 429s out of sight.
        settings = self.services.settings
        request = bot_api_request(self.max_in_flight + 2)
        return Bot(
            settings.bot_token(),
            base_url=settings.telegram_base_url,
            base_file_url=settings.telegram_base_file_url,
            request=request,
            get_updates_request=bot_api_request(1),  # never polls, but Bot builds one anyway
        )

    async def stop(self) -> None:
        """Lets the sends in flight finish, then stops (call from post_shutdown)."""
        if self._task is None:
            return
        self._stopping = True
        self._stirred.set()
        try:
            await asyncio.wait_for(self._task, self.stop_timeout)
        except TimeoutError:
            log.warning("outbox sender: sends still in flight after %s s", self.stop_timeout)
        finally:
            self._task = None
            if self._bot is not None:
                await self._bot.shutdown()

    def wake(self) -> None:
        """New rows are committed: look at once instead of at the next poll."""
        self._stirred.set()

    @property
    def running(self) -> bool:
        """Whether the draining task is alive."""
        return self._task is not None and not self._task.done()

    # -- the loop ----------------------------------------------------------------------------

    async def _connect(self) -> None:
        """Initialises the sender's Bot, retrying (up to a minute apart) until it works."""
        delay = 1.0
        while not self._stopping:
            try:
                await self._bot.initialize()
                return
            except TelegramError as error:
                log.warning("outbox sender: cannot reach the Bot API (%s), retrying", error)
                await self._wait(delay)
                delay = min(delay * 2, 60.0)

    async def _run(self) -> None:
        await self._connect()
        while not self._stopping:
            self._stirred.clear()  # before reading, so a wake() during the read is not lost
            if not self._record_unrecorded():
                # Nothing more is sent until Telegram's answers so far are written down.
                await self._wait(self._record_delay)
                self._record_delay = min(self._record_delay * 2, RECORD_RETRY_CAP)
                continue
            self._record_delay = RECORD_RETRY_FIRST
            try:
                busy = await self._drain_batch()
            except Exception:  # the sender must outlive a database hiccup; retried below
                log.exception("outbox sender: batch failed, retrying")
                busy = False
            self._report_soon()
            if not busy:
                await self._wait(self._rest_time())
        await self._settle()
        if not self._record_unrecorded():
            log.error(
                "outbox sender: stopped with %s sent messages not recorded (ids %s); "
                "they will be sent again on the next start",
                len(self._unrecorded),
                sorted(self._unrecorded),
            )

    async def _settle(self) -> None:
        """Lets the sends in flight end, then reports the last progress."""
        if self._sends:
            await asyncio.wait(set(self._sends))
        if self._reporting is not None:
            await self._reporting
        await self._report()

    def _report_soon(self) -> None:
        """Reports progress in a task of its own, one at a time, so sending goes on meanwhile."""
        if self._touched and (self._reporting is None or self._reporting.done()):
            self._reporting = asyncio.create_task(self._report(), name="outbox-progress")

    def _record_unrecorded(self) -> bool:
        """Records the outcomes that failed to record before; True once none is left."""
        for row_id, (row, outcome) in list(self._unrecorded.items()):
            try:
                self._record(row, outcome, again=True)
            except Exception as error:  # still failing: kept in flight, retried later
                log.warning(
                    "outbox %s: still cannot record outcome %s: %s", row_id, outcome.kind, error
                )
                return False
            del self._unrecorded[row_id]
            if row.broadcast_id is not None:
                self._touched.add(row.broadcast_id)
            log.info("outbox %s: outcome %s recorded after a retry", row_id, outcome.kind)
        return True

    def _rest_time(self) -> float:
        waits = [self.limiter.chat_delay(c, is_group=g) for c, g in self._deferred.items()]
        waits.append(self._paused_until - time.monotonic())
        soonest = min((w for w in waits if w > 0), default=self.poll_interval)
        return min(self.poll_interval, soonest)

    async def _wait(self, seconds: float) -> None:
        if seconds <= 0 or self._stopping:
            return
        with contextlib.suppress(TimeoutError):  # waking early or on time are both fine
            await asyncio.wait_for(self._stirred.wait(), seconds)

    async def _drain_batch(self) -> bool:
        """Starts the sends of one batch; False if nothing could be started."""
        rows = self._load()
        started = 0
        for row in rows:
            ready = not self._unrecorded and await self._ready_for(row)
            if self._unrecorded:  # a recording failed: start nothing more until it is done
                break
            if not ready:
                if self._stopping:
                    break
                self._deferred[row.chat_id] = row.is_group
                continue
            self.limiter.begin(row.chat_id)
            task = asyncio.create_task(self._deliver(row), name=f"outbox-send-{row.id}")
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)
            started += 1
        return started > 0

    def _load(self) -> list[Outgoing]:
        self._deferred = {
            chat: group
            for chat, group in self._deferred.items()
            if self.limiter.chat_delay(chat, is_group=group) > 0
        }
        now = self.services.now()
        flying = self.limiter.chats_in_flight()
        with self.services.db.scope() as session:
            rows = outbox.due(
                session,
                now=now,
                limit=self.batch_size,
                exclude_chats=self._deferred.keys() | flying,
            )
            for row in rows:
                if row.chat_id is None and row.id is not None:
                    outbox.mark_unreachable(session, row.id, error="no chat", now=now)
            sendable = [r for r in rows if r.chat_id is not None and r.id not in self._unrecorded]
            # The burden cap: over it, a lower-priority message folds into the daily digest.
            # Every earlier send to these chats is recorded (their chats were left out above).
            kept = burden.screen(session, sendable, now=now, caps=self._caps)
            return [Outgoing.of(row) for row in kept]

    async def _ready_for(self, row: Outgoing) -> bool:
        """Waits for a free place in the overall limits; False if the chat is at its limit."""
        while not self._stopping:
            if (pause := self._paused_until - time.monotonic()) > 0:
                await self._wait(pause)
                continue
            if self.limiter.chat_delay(row.chat_id, is_group=row.is_group) > 0:
                return False
            self._stirred.clear()
            wait = self.limiter.overall_delay()
            if self.limiter.in_flight >= self.limiter.target_in_flight(self.max_in_flight):
                wait = max(wait, self.poll_interval)  # an answer will stir us sooner
            if wait <= 0:
                return True
            await self._wait(wait)
        return False

    async def _deliver(self, row: Outgoing) -> None:
        outcome = Outcome("retry", "cancelled")
        try:
            outcome = await self._attempt(row)
        finally:
            # A retry (timeout, dropped connection) says nothing reliable of the round trip.
            self.limiter.end(row.chat_id, is_group=row.is_group, measured=outcome.kind != "retry")
            self._stirred.set()
        if outcome.kind == "flood":
            self._paused_until = max(self._paused_until, time.monotonic() + outcome.seconds)
        try:
            self._record(row, outcome)
        except Exception as error:
            # Telegram has answered; only our note of it failed, and the row is still queued in
            # the database. Sending it again would repeat the message: keep it in flight here
            # and retry the note instead (`_record_unrecorded`).
            log.warning(
                "outbox %s: could not record outcome %s (%s); retrying the record, not the send",
                row.id,
                outcome.kind,
                error,
            )
            self._unrecorded[row.id] = (row, outcome)
            return
        if row.broadcast_id is not None:
            self._touched.add(row.broadcast_id)

    async def _attempt(self, row: Outgoing) -> Outcome:
        assert self._bot is not None
        markup = (
            InlineKeyboardMarkup.de_json(row.reply_markup, self._bot) if row.reply_markup else None
        )
        try:
            message = await self._bot.send_message(row.chat_id, row.text, reply_markup=markup)
        except TelegramError as error:
            return classify(error)
        except Exception as error:  # an unexpected bug must not stall the queue: retried
            log.exception("outbox %s: unexpected error while sending", row.id)
            return Outcome("retry", repr(error))
        return Outcome("sent", message_id=message.message_id)

    def _record(self, row: Outgoing, outcome: Outcome, *, again: bool = False) -> None:
        if outcome.kind != "sent" and not again:
            log.warning("outbox %s: %s (%s)", row.id, outcome.kind, outcome.error)
        with self.services.db.scope() as session:
            self._apply(session, row, outcome, self.services.now())

    def _apply(self, session: Session, row: Outgoing, outcome: Outcome, now: datetime) -> None:
        if outcome.kind == "sent" and outcome.message_id is not None:
            outbox.mark_sent(session, row.id, telegram_message_id=outcome.message_id, now=now)
        elif outcome.kind == "flood":
            outbox.postpone(session, row.id, error=outcome.error, now=now, delay=outcome.seconds)
        elif outcome.kind == "migrated" and outcome.chat_id is not None:
            outbox.redirect(session, row.id, chat_id=outcome.chat_id)
        elif outcome.kind == "unreachable":
            outbox.mark_unreachable(session, row.id, error=outcome.error, now=now)
        elif outcome.kind == "failed":
            outbox.mark_failed(session, row.id, error=outcome.error, now=now)
        else:
            delay = outbox.backoff(row.attempts + 1, base=self.backoff_base, cap=self.backoff_cap)
            status = outbox.mark_retry(session, row.id, error=outcome.error, now=now, delay=delay)
            if status == OutboxStatus.FAILED:
                log.warning("outbox %s: gave up after %s attempts", row.id, outbox.MAX_ATTEMPTS)

    async def _report(self) -> None:
        broadcast_ids, self._touched = self._touched, set()
        if not broadcast_ids or self.on_progress is None:
            return
        try:
            await self.on_progress(broadcast_ids)
        except Exception:  # a failed status edit must not stop the sending
            log.exception("outbox sender: progress callback failed")
