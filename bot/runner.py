"""Runs the Application with long polling until SIGINT or SIGTERM."""

import logging

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES
from bot.settings import Settings

log = logging.getLogger(__name__)


def run_bot(application: Application, settings: Settings) -> None:
    """Polls the Bot API; pending updates are kept, so nothing sent while down is lost."""
    log.info("parkbot starting (database %s)", _safe_url(settings.database_url))
    application.run_polling(
        allowed_updates=ALLOWED_UPDATES,
        timeout=settings.poll_timeout,
        poll_interval=0.0,
        drop_pending_updates=False,
    )


def _safe_url(url: str) -> str:
    # Never log a database password.
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
