"""The daily digest of folded messages (the burden cap, bot/outbox/burden.py).

A start-up run catches up a digest time passed while the bot was down; then a check every ten
minutes: from PARKBOT_BURDEN_DIGEST_AT on, each person with folded messages gets one digest a
day (its dedupe key), so any number of checks send it once.
"""

from datetime import timedelta

from telegram.ext import Application, ContextTypes

from bot.outbox.burden import Caps, queue_digests
from bot.services import Services
from bot.telegram.context import SERVICES_KEY, wake_sender

EVERY = timedelta(minutes=10)


async def send_digests(application: Application) -> int:
    """Queues the digests that are due (one transaction) and wakes the sender."""
    services: Services = application.bot_data[SERVICES_KEY]
    settings = services.settings
    with services.db.scope() as session:
        queued = queue_digests(
            session,
            now=services.now(),
            caps=Caps.from_settings(settings),
            catalogue=services.catalogue,
            language=settings.language,
        )
    if queued:
        wake_sender(application)
    return queued


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_digests(context.application)


def register(application: Application) -> None:
    """The start-up catch-up and the ten-minute check."""
    application.job_queue.run_once(
        _job, when=0, name="burden-digest-startup", job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(
        _job,
        interval=EVERY,
        first=EVERY,
        name="burden-digest",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
