"""Escalates to leaders what turned red and what is overdue, every ten minutes.

Each escalation is written once (its key), so a rerun or a restart asks nobody twice. There is
no start-up run: after a restart the first run comes ten minutes later (nothing here is urgent
to the minute, and a bot that starts does not first message leaders).
"""

from dataclasses import dataclass
from datetime import timedelta

from telegram.ext import Application, ContextTypes

from bot.escalations import sources
from bot.people.accounts import Notices
from bot.services import Services
from bot.status.lights import LightPolicy
from bot.telegram.context import SERVICES_KEY, wake_sender

EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class Escalated:
    """How many leaders were asked, by source."""

    red: int
    overdue: int


async def escalate(application: Application) -> Escalated:
    """One run, in one transaction: red lights, then overdue assignments."""
    services: Services = application.bot_data[SERVICES_KEY]
    settings = services.settings
    notices = Notices(services.catalogue, settings.language)
    now = services.now()
    with services.db.scope() as session:
        red = sources.red_projects(
            session, notices=notices, policy=LightPolicy.from_settings(settings), now=now
        )
        overdue = sources.overdue_assignments(session, notices=notices, today=now.date(), now=now)
    if red or overdue:
        wake_sender(application)
    return Escalated(red, overdue)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await escalate(context.application)


def register(application: Application) -> None:
    """The periodic run."""
    application.job_queue.run_repeating(
        _job,
        interval=EVERY,
        first=EVERY,
        name="escalations",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
