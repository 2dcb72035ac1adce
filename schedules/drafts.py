"""Periodic jobs: expire abandoned report forms (telling their owners), sweep orphan photos."""

import logging
from datetime import timedelta

from sqlmodel import select
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.reporting import media
from bot.reporting.drafts import expire_stale
from bot.services import Services
from bot.telegram.context import SERVICES_KEY
from models import Person

log = logging.getLogger(__name__)
CHECK_EVERY = timedelta(minutes=10)
SWEEP_EVERY = timedelta(hours=1)


async def expire_drafts(application: Application) -> int:
    """Expires stale drafts (one transaction), then notifies each owner; returns how many."""
    services: Services = application.bot_data[SERVICES_KEY]
    ttl = timedelta(hours=services.settings.draft_ttl_hours)
    with services.db.scope() as session:
        expired = expire_stale(session, now=services.now(), ttl=ttl)
        owners = {
            p.id: p
            for p in session.exec(
                select(Person).where(Person.id.in_([draft.person_id for draft in expired]))
            )
        }
        notices = [
            (
                draft.chat_id,
                services.catalogue.text(
                    owners[draft.person_id].language or services.settings.language,
                    "report-expired",
                    hours=services.settings.draft_ttl_hours,
                ),
            )
            for draft in expired
        ]
    for chat_id, text in notices:
        try:
            await application.bot.send_message(chat_id, text)
        except TelegramError:
            log.warning("could not tell chat %s its draft expired", chat_id, exc_info=True)
    return len(notices)


async def sweep_media(application: Application) -> int:
    """Deletes photo files no report or open form keeps (a crash's leftovers); returns how many."""
    services: Services = application.bot_data[SERVICES_KEY]
    with services.db.scope() as session:
        removed = media.sweep(session, services.settings.media_dir, now=services.now())
    if removed:
        log.info("deleted %d photo files no report keeps", len(removed))
    return len(removed)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await expire_drafts(context.application)


async def _sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await sweep_media(context.application)


def register(application: Application) -> None:
    """Schedules the expiry check and the photo sweep."""
    application.job_queue.run_repeating(
        _job, interval=CHECK_EVERY, first=CHECK_EVERY, name="expire-drafts"
    )
    application.job_queue.run_repeating(
        _sweep_job, interval=SWEEP_EVERY, first=SWEEP_EVERY, name="sweep-photos"
    )
