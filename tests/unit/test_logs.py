"""The log: never a token, a typed text or a full phone number; one line per outage; no
library chatter at INFO."""

import asyncio
import logging
import sys

import pytest
from telegram.error import InvalidToken, NetworkError

from bot.settings import Settings
from bot.telegram.logs import QUIET_LOGGERS, REDACTED, QuietNetworkErrors, Redact, configure, redact
from bot.telegram.runner import wait_for_bot_api

TOKEN = "123456789:AAHsecretTokenValue_abcdefghijkl"


def test_token_is_redacted_from_messages_and_tracebacks(caplog):
    logger = logging.getLogger("test.redaction")
    handler = caplog.handler
    handler.addFilter(Redact(TOKEN))
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


@pytest.mark.parametrize(
    "written",
    [
        "13800000001",
        "138-0000-0001",
        "138 0000 0001",
        "+86 138 0000 0001",
        "+86-138-0000-0001",
        "+8613800000001",
        "8613800000001",
        "008613800000001",
    ],
)
def test_chinese_mobiles_are_masked_however_written(written):
    assert redact(f"联系人 {written}，请回电") == "联系人 138****0001，请回电"
    assert redact(f"phone={written}") == "phone=138****0001"


@pytest.mark.parametrize(
    "line",
    [
        "update 1234567 failed",
        "outbox 12800000001: sent",  # 12x is no mobile prefix
        "chat 138000000012",  # twelve digits
        "at 2025-03-01 09:00:00",
    ],
)
def test_other_numbers_are_left_alone(line):
    assert redact(line) == line


def test_invite_tokens_are_hidden_in_commands_and_links():
    token = "q3J5-x_Yb8TfN2kLmP0sVwZa1cDe4Fg7"
    assert token not in redact(f"text /start {token}")
    assert token not in redact(f"/start@parkbot_bot {token}")
    assert token not in redact(f"https://t.me/parkbot_bot?start={token} sent")
    assert redact(f"?start={token}&x=1") == "?start=<hidden>&x=1"


def test_library_payloads_lose_texts_and_contacts():
    from telegram import Update

    raw = {
        "update_id": 7,
        "message": {
            "message_id": 3,
            "date": 1741000000,
            "chat": {"id": 42, "type": "private", "first_name": "Min"},
            "from": {"id": 42, "is_bot": False, "first_name": "Min"},
            "text": "进度说明：业主 'Zhang' 电话 139 0000 0011 已协调",
            "contact": {"phone_number": "8613900000011", "first_name": "Min", "user_id": 42},
        },
    }
    update = Update.de_json(raw, None)
    lines = [
        f"Call to Bot API endpoint `getUpdates` finished with return value `{[raw]}`",
        f"Processing update {update}",
        "Calling Bot API endpoint `sendMessage` with parameters "
        f"`{ {'chat_id': 42, 'text': '您好，李敏（13900000011）'} }`",
        '{"text": "业主已协调", "phone_number": "+8613900000011"}',
    ]
    for line in lines:
        clean = redact(line)
        assert "协调" not in clean and "您好" not in clean, clean
        assert "13900000011" not in clean.replace(" ", "").replace("-", ""), clean
        assert "<hidden>" in clean
    assert "update_id" in redact(lines[0]) and "'chat_id': 42" in redact(lines[2])


def test_the_filter_on_the_handler_redacts_library_records(restore_logging, capsys):
    configure("DEBUG", TOKEN)
    library = logging.getLogger("telegram.ext.Application")
    library.debug("Processing update %s", {"text": "/start abcdefSECRET", "id": 13900000011})
    try:
        raise ValueError(f"bot{TOKEN} and 139-0000-0011")
    except ValueError:
        logging.getLogger("httpx").exception("request failed")
    err = capsys.readouterr().err
    for secret in (TOKEN, "abcdefSECRET", "13900000011", "139-0000-0011"):
        assert secret not in err, err
    assert "139****0011" in err and "ValueError" in err


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

    caplog.set_level(logging.INFO, logger="bot.telegram.runner")
    waiting = wait_for_bot_api(_settings(), ask=ask, sleep=sleep, clock=lambda: now[0])
    username = asyncio.run(waiting)
    assert username == "parkbot_bot"
    assert slept[:6] == [1, 2, 4, 8, 16, 30] and max(slept) == 30
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    # 12 failures, at 0, 1, 3, 7, 15, 31, 61, 91, ... 211 s: reported at 0, 61, 121 and 181 s.
    assert len(warnings) == 4
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_wait_for_bot_api_starts_its_backoff_at_the_setting():
    slept, attempts = [], [0]

    async def ask() -> str:
        attempts[0] += 1
        if attempts[0] <= 3:
            raise NetworkError("connection refused")
        return "parkbot_bot"

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    settings = _settings().model_copy(update={"bot_api_retry_seconds": 0.25})
    assert asyncio.run(wait_for_bot_api(settings, ask=ask, sleep=sleep)) == "parkbot_bot"
    assert slept == [0.25, 0.5, 1.0]


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
