"""Registers the reminder jobs with PTB's JobQueue (APScheduler), rebuilt from rows.

Nothing is kept in the scheduler: at start-up a tick fires what fell due while the bot was
down (once, by the reminder_run keys), then one job waits for the next due reminder, and a
minute-by-minute tick picks up meetings changed by another process (the CLI). Jobs have no
misfire grace limit, so a late wake-up still runs.
"""

import logging
from datetime import timedelta

from telegram.ext import Application, ContextTypes

from bot.services import Services
from handlers.context import SERVICES_KEY
from schedules.policy import policy_from
from schedules.reminders import Messenger, RunResult, run_due

log = logging.getLogger(__name__)
TICK = timedelta(minutes=1)
NEXT_JOB = "reminders-next"
SENDER_KEY = "outbox-sender"


def wake_sender(application: Application) -> None:
    """Tells the outbox sender new rows are waiting."""
    sender = application.bot_data.get(SENDER_KEY)
    if sender is not None:
        sender.wake()


async def reminders_tick(application: Application) -> RunResult:
    """Fires what is due (one transaction), wakes the sender, and waits for the next one."""
    services: Services = application.bot_data[SERVICES_KEY]
    messenger = Messenger(
        services.catalogue, services.settings.language, policy_from(services.settings)
    )
    now = services.now()
    with services.db.scope() as session:
        result = run_due(session, now=now, messenger=messenger)
    if result.messages:
        log.info(
            "reminders fired: %s (%s messages)", [r.key for r in result.fired], result.messages
        )
        wake_sender(application)
    if result.next_due is not None and application.job_queue is not None:
        delay = max((result.next_due - now).total_seconds(), 0.0)
        application.job_queue.run_once(
            _tick_job,
            when=delay,
            name=NEXT_JOB,
            job_kwargs={"id": NEXT_JOB, "replace_existing": True, "misfire_grace_time": None},
        )
    return result


async def _tick_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await reminders_tick(context.application)


def register(application: Application) -> None:
    """The start-up catch-up and the periodic tick."""
    # A one-off job for the catch-up: an interval job cannot start "now", APScheduler moves a
    # start date already past (as 0 is by the time the scheduler starts) a whole interval on.
    application.job_queue.run_once(
        _tick_job, when=0, name="reminders-startup", job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(
        _tick_job,
        interval=TICK,
        first=TICK,
        name="reminders-tick",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
