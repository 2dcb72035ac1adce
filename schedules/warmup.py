"""Computes the city-wide status view before anyone asks: at start-up and just after midnight.

The day's first /overview, /park or ledger would otherwise pay for computing every project
(about 0.1–0.9 s at 5,000 projects, benchmarks/README.md); after that, answers only refresh the
projects that changed (bot.status.city_view). The job runs on the event loop like the handlers,
so it never races them over the cache.
"""

import logging
from datetime import time

from telegram.ext import Application, ContextTypes

from bot.services import Services
from bot.status import city_view, compute, queries
from bot.telegram.context import SERVICES_KEY

log = logging.getLogger(__name__)
AFTER_MIDNIGHT = time(0, 0, 30)  # local time: the day's first status answers need the new day
AFTER_START = 1.0  # seconds: after the first getUpdates is on its way


def warm(services: Services) -> int:
    """Computes today's city view; returns how many active projects it holds."""
    with services.db.scope() as session:
        return len(queries.statuses(session, compute.Asked.at(city_view.CITY_VIEW, services)))


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    count = warm(context.application.bot_data[SERVICES_KEY])
    log.info("city status view ready: %s projects", count)


def register(application: Application) -> None:
    """One run shortly after start-up, then one every night."""
    services: Services = application.bot_data[SERVICES_KEY]
    application.job_queue.run_once(_job, when=AFTER_START, name="status-warmup-start")
    application.job_queue.run_daily(
        _job, time=AFTER_MIDNIGHT.replace(tzinfo=services.settings.tz), name="status-warmup-daily"
    )
