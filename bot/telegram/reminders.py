"""Fires the reminders that are due and books the next wake-up in PTB's JobQueue.

Shared by the jobs (schedules/jobs.py registers the start-up catch-up and the minute tick) and
the handlers (a meeting created or moved in chat is ticked at once), so it lives below both.
"""

import logging

from telegram.ext import Application, ContextTypes

from bot.meetings.policy import policy_from
from bot.meetings.reminders import Messenger, RunResult, run_due
from bot.services import Services
from bot.telegram.context import SERVICES_KEY, wake_sender

log = logging.getLogger(__name__)
NEXT_JOB = "reminders-next"


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
            tick_job,
            when=delay,
            name=NEXT_JOB,
            job_kwargs={"id": NEXT_JOB, "replace_existing": True, "misfire_grace_time": None},
        )
    return result


async def tick_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue callback: one tick."""
    await reminders_tick(context.application)
