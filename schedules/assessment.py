"""Closes objection windows (assessments and the pairing table): finalizes and broadcasts.

A start-up run catches up whatever closed while the bot was down; then a cheap check every
minute, so a result becomes final right after its last pending objection is answered.
"""

from datetime import timedelta

from telegram.ext import Application, ContextTypes

from bot.assessment.notices import Texts
from bot.assessment.publication import close_due
from bot.pairing import publication as pairing_pub
from bot.services import Services
from bot.telegram.context import SERVICES_KEY, wake_sender

EVERY = timedelta(minutes=1)


async def close_windows(application: Application) -> list[int]:
    """Finalizes every due publication in one transaction; returns their ids."""
    services: Services = application.bot_data[SERVICES_KEY]
    settings = services.settings
    texts = Texts(services.catalogue, settings.language, settings.tz)
    with services.db.scope() as session:
        now = services.now()
        closed = close_due(session, texts, now=now) + pairing_pub.close_due(session, texts, now=now)
        final = [publication.id or 0 for publication in closed]
    wake_sender(application)
    return final


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await close_windows(context.application)


def register(application: Application) -> None:
    """The start-up catch-up and the minute check."""
    application.job_queue.run_once(
        _job, when=0, name="assessment-close-startup", job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(
        _job,
        interval=EVERY,
        first=EVERY,
        name="assessment-close",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
