"""A stand-in for `parkbot run` until bot/app.py starts the outbox sender: polls and sends.

Reads the same settings as `parkbot run` (the environment), applies migrations and runs an
Application whose post_init / post_shutdown start and stop an OutboxSender, exactly the
wiring bot/app.py is to get. Used by the SIGKILL test and the broadcast benchmark.

    python -m tests.e2e.outbox_runner
"""

import sys

from telegram.ext import Application, ApplicationBuilder

from bot import logs, migrate
from bot.db import Database
from bot.sender import OutboxSender
from bot.services import Services
from bot.settings import Settings

SENDER_KEY = "outbox-sender"  # as in schedules/jobs.py


def build(services: Services) -> Application:
    """A bare Application that runs the outbox sender for its lifetime."""
    settings = services.settings
    application = (
        ApplicationBuilder()
        .token(settings.bot_token())
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SENDER_KEY] = OutboxSender(services)
    return application


async def _post_init(application: Application) -> None:
    await application.bot_data[SENDER_KEY].start()


async def _post_shutdown(application: Application) -> None:
    await application.bot_data[SENDER_KEY].stop()


def main() -> int:
    """Runs until SIGTERM or SIGINT."""
    settings = Settings()
    logs.configure(settings.log_level, settings.bot_token())
    services = Services(settings=settings, db=Database.from_url(settings.database_url))
    migrate.upgrade(services.db.engine)
    build(services).run_polling(timeout=settings.poll_timeout, poll_interval=0.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
