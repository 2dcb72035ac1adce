"""Shows the final status of broadcasts whose last status edit was lost.

The sender edits a broadcast's status message as its messages go out; the final edit ("群发完成",
with the unreachable named) can still fail (a network error, or a crash right after the last
send). Such a broadcast stays unfinished (bot.broadcasts.service.unreported) and this job edits
again, shortly after start-up and then every few seconds, until the edit goes through.
"""

from telegram.ext import Application, ContextTypes

from bot.broadcasts import service as broadcasts
from bot.services import Services
from bot.telegram.broadcast_progress import report_progress
from bot.telegram.context import SERVICES_KEY

EVERY = 10.0  # seconds
FIRST = 2.0


async def finish_unreported(application: Application) -> list[int]:
    """Edits the final status of every settled but unreported broadcast; returns their ids."""
    services: Services = application.bot_data[SERVICES_KEY]
    with services.db.scope() as session:
        pending = broadcasts.unreported(session)
    if pending:
        await report_progress(application, set(pending))  # a failed edit waits for the next run
    return pending


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await finish_unreported(context.application)


def register(application: Application) -> None:
    """Runs the check after start-up and then periodically."""
    application.job_queue.run_repeating(_job, interval=EVERY, first=FIRST, name="broadcast-status")
