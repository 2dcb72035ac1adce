"""Queues the pre-meeting pack notices (bot.meetings.pack.notices), rebuilt from rows.

Nothing is kept in the scheduler: a start-up run catches up a notice that fell due while the
bot was down, then a cheap check every minute; the outbox's dedupe keys make each notice go out
once per meeting and person, whatever runs how often.
"""

from datetime import timedelta

from telegram.ext import Application, ContextTypes

from bot.meetings.pack.notices import queue_pack_notices
from bot.meetings.policy import policy_from
from bot.meetings.reminders import Messenger
from bot.services import Services
from bot.telegram.context import SERVICES_KEY, wake_sender

EVERY = timedelta(minutes=1)


async def pack_tick(application: Application) -> int:
    """Queues the due notices in one transaction, wakes the sender; returns how many."""
    services: Services = application.bot_data[SERVICES_KEY]
    settings = services.settings
    if settings.pack_days_before <= 0:
        return 0
    messenger = Messenger(services.catalogue, settings.language, policy_from(settings))
    with services.db.scope() as session:
        queued = queue_pack_notices(
            session, now=services.now(), days_before=settings.pack_days_before, messenger=messenger
        )
    if queued:
        wake_sender(application)
    return queued


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await pack_tick(context.application)


def register(application: Application) -> None:
    """The start-up catch-up and the minute check (none when PARKBOT_PACK_DAYS_BEFORE=0)."""
    services: Services = application.bot_data[SERVICES_KEY]
    if services.settings.pack_days_before <= 0:
        return
    application.job_queue.run_once(
        _job, when=0, name="pack-notice-startup", job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(
        _job,
        interval=EVERY,
        first=EVERY,
        name="pack-notice",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
