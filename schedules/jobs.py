"""Registers the reminder jobs with PTB's JobQueue (APScheduler), rebuilt from rows.

Nothing is kept in the scheduler: at start-up a tick fires what fell due while the bot was
down (once, by the reminder_run keys), then one job waits for the next due reminder, and a
minute-by-minute tick picks up meetings changed by another process (the CLI). Jobs have no
misfire grace limit, so a late wake-up still runs.
"""

from datetime import timedelta

from telegram.ext import Application

from bot.telegram.reminders import tick_job

TICK = timedelta(minutes=1)


def register(application: Application) -> None:
    """The start-up catch-up and the periodic tick."""
    # A one-off job for the catch-up: an interval job cannot start "now", APScheduler moves a
    # start date already past (as 0 is by the time the scheduler starts) a whole interval on.
    application.job_queue.run_once(
        tick_job, when=0, name="reminders-startup", job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(
        tick_job,
        interval=TICK,
        first=TICK,
        name="reminders-tick",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
