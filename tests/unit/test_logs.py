"""The log: never the bot token, one line per outage, no library chatter at INFO."""

import asyncio
import logging
import sys

import pytest
from telegram.error import InvalidToken, NetworkError

from bot.logs import QUIET_LOGGERS, REDACTED, QuietNetworkErrors, RedactToken, configure
from bot.runner import wait_for_bot_api
from bot.settings import Settings

TOKEN = "123456789:AAHsecretTokenValue_abcdefghijkl"


def test_token_is_redacted_from_messages_and_tracebacks(caplog):
    logger = logging.getLogger("test.redaction")
    handler = caplog.handler
    handler.addFilter(RedactToken(TOKEN))
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed calling /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("send failed")
    finally:
        handler.removeFilter(handler.filters[-1])
    assert TOKEN not in caplog.text
    assert REDACTED in caplog.text


# --- what an operator reads -----------------------------------------------------------------


@pytest.fixture
def restore_logging():
    """Puts the root handlers and library levels back after logs.configure()."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def test_library_chatter_is_kept_below_info(restore_logging):
    configure("INFO", TOKEN)
    for name in ("apscheduler.scheduler", "apscheduler.executors.default", "httpx", "telegram.ext"):
        logger = logging.getLogger(name)
        assert not logger.isEnabledFor(logging.INFO), name
        assert logger.isEnabledFor(logging.WARNING), name
    assert logging.getLogger("schedules.jobs").isEnabledFor(logging.INFO)


def _polling_failure(error: Exception) -> logging.LogRecord:
    try:
        raise error
    except Exception:
        return logging.LogRecord(
            "telegram.ext.Updater", logging.ERROR, __file__, 1,
            "Exception happened while polling for updates.", None, sys.exc_info(),
        )  # fmt: skip


def test_bot_api_outage_is_one_line_a_minute():
    clock = [0.0]
    quiet = QuietNetworkErrors(clock=lambda: clock[0])
    passed = []
    for second in range(0, 150, 5):
        clock[0] = float(second)
        record = _polling_failure(NetworkError("httpx.ConnectError: All connection attempts"))
        if quiet.filter(record):
            passed.append(record)
    assert len(passed) == 3  # at 0 s, 60 s and 120 s
    assert all(r.exc_info is None and r.levelno == logging.WARNING for r in passed)
    assert "11 more failures" in passed[1].getMessage()
    other = _polling_failure(RuntimeError("a bug"))
    assert quiet.filter(other) and other.exc_info is not None  # not a network error: as is


def _settings() -> Settings:
    return Settings(_env_file=None, telegram_bot_token=TOKEN, telegram_base_url="http://h:1/bot")


def test_wait_for_bot_api_backs_off_and_reports_once_a_minute(caplog):
    now, slept, attempts = [0.0], [], [0]

    async def ask() -> str:
        attempts[0] += 1
        if attempts[0] <= 12:
            raise NetworkError("connection refused")
        return "parkbot_bot"

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    caplog.set_level(logging.INFO, logger="bot.runner")
    waiting = wait_for_bot_api(_settings(), ask=ask, sleep=sleep, clock=lambda: now[0])
    username = asyncio.run(waiting)
    assert username == "parkbot_bot"
    assert slept[:6] == [1, 2, 4, 8, 16, 30] and max(slept) == 30
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    # 12 failures, at 0, 1, 3, 7, 15, 31, 61, 91, ... 211 s: reported at 0, 61, 121 and 181 s.
    assert len(warnings) == 4
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_wait_for_bot_api_gives_up_on_a_rejected_token():
    calls = [0]

    async def ask() -> str:
        calls[0] += 1
        raise InvalidToken("The token was rejected by the server.")

    async def sleep(seconds: float) -> None:
        raise AssertionError("a rejected token is not retried")

    with pytest.raises(InvalidToken):
        asyncio.run(wait_for_bot_api(_settings(), ask=ask, sleep=sleep))
    assert calls[0] == 1
