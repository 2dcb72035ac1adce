"""The bot token never reaches the log, in messages or in tracebacks."""

import logging

from bot.logs import REDACTED, RedactToken

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
