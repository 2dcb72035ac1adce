"""Runs the Application with long polling until SIGINT or SIGTERM.

A server's network comes and goes: `run` waits for the Bot API with backoff instead of dying,
and says so once a minute, not once per attempt. A token the Bot API refuses ends the run.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.settings import Settings
from bot.telegram.http import bot_api_request

log = logging.getLogger(__name__)

LAST_RETRY = 30.0  # seconds; the first is the setting bot_api_retry_seconds, then doubled
REPORT_EVERY = 60.0
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


def run_bot(build: Callable[[], Application], settings: Settings) -> None:
    """Polls the Bot API; pending updates are kept, so nothing sent while down is lost."""
    username = asyncio.run(wait_for_bot_api(settings))
    log.info(
        "parkbot started as @%s (database %s, Bot API %s)",
        username,
        _safe_url(settings.database_url),
        _host(settings),
    )
    # The Bot API answered a moment ago; should it vanish again before polling starts, PTB's
    # bootstrap retries (with its own backoff) until it is back.
    build().run_polling(
        allowed_updates=ALLOWED_UPDATES,
        timeout=settings.poll_timeout,
        poll_interval=0.0,
        drop_pending_updates=False,
        bootstrap_retries=-1,
    )
    log.info("parkbot stopped")


async def ask_username(token: str, settings: Settings) -> str:
    """The bot's @username from getMe; raises InvalidToken or NetworkError."""
    bot = Bot(token, base_url=settings.telegram_base_url, request=bot_api_request(1))
    async with bot:
        return bot.username


async def wait_for_bot_api(
    settings: Settings,
    *,
    ask: Callable[[], Awaitable[str]] | None = None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """The bot's username once the Bot API answers; InvalidToken is not retried."""
    ask = ask or (lambda: ask_username(settings.bot_token(), settings))
    delay, reported_at, failures = settings.bot_api_retry_seconds, None, 0
    while True:
        try:
            username = await ask()
        except InvalidToken:
            raise
        except NetworkError as error:
            failures += 1
            now = clock()
            if reported_at is None or now - reported_at >= REPORT_EVERY:
                reported_at = now
                log.warning(
                    "Bot API %s unreachable (%s); retrying with backoff, %d attempts so far",
                    _host(settings),
                    _reason(error),
                    failures,
                )
            await sleep(delay)
            delay = min(delay * 2, LAST_RETRY)
            continue
        if failures:
            log.info("Bot API %s reachable again after %d attempts", _host(settings), failures)
        return username


def _host(settings: Settings) -> str:
    return urlsplit(settings.telegram_base_url).netloc or settings.telegram_base_url


def _reason(error: NetworkError) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _safe_url(url: str) -> str:
    # Never log a database password.
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
