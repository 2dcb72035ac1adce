"""Logging set-up: what an operator needs; never the bot token, an invite token, what people
typed or a full phone number, at any level.

At INFO a running bot logs one line per start, stop, reminder run, broadcast and error. The
libraries' own INFO chatter (APScheduler's "Running job" pair every tick, "Adding job
tentatively" at start, every HTTP request) is kept at WARNING.
"""

import logging
import re
import time
from collections.abc import Callable

REDACTED = "<redacted-token>"
HIDDEN = "<hidden>"
# Loggers whose INFO lines narrate the library's work, not the bot's.
# alembic.runtime.plugins: newer Alembic logs each of its plugins at INFO on every upgrade.
QUIET_LOGGERS = (
    "apscheduler",
    "httpx",
    "httpcore",
    "telegram",
    "telegram.ext",
    "alembic.runtime.plugins",
)
NETWORK_REPORT_EVERY = 60.0  # seconds between reports of the same Bot API outage

# A Chinese mobile number, with or without +86 / 0086 / 86 and separators: 138-0000-0001.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
# An invite token: the /start parameter of a message, and the start= parameter of a link.
START_COMMAND = re.compile(r"(/start(?:@\w+)?[ \t]+)[^\s'\"\\]+")
START_LINK = re.compile(r"([?&]start=)[^\s&'\"\\]+")
# At DEBUG python-telegram-bot logs every payload: updates as dicts ('text': '...') and as
# objects (text='...'), sent messages as parameter dicts. These fields carry what people
# typed (report texts, invite tokens) and the phone numbers of shared contacts; setWebhook's
# parameters carry the webhook's secret.
PAYLOAD = re.compile(
    r"""(?P<key>(?P<q>['"]?)\b(?:text|caption|phone_number|vcard|secret_token)(?P=q)\s*[:=]\s*)"""
    r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
)


def mask_phone(match: re.Match[str]) -> str:
    """138-0000-0001 as 138****0001: enough to tell numbers apart, not to call one."""
    digits = re.sub(r"\D", "", match.group())[-11:]
    return f"{digits[:3]}****{digits[-4:]}"


def redact(text: str, token: str | None = None) -> str:
    """The text without the bot token, invite tokens, typed texts and full phone numbers."""
    if token:
        text = text.replace(token, REDACTED)
    text = PAYLOAD.sub(lambda m: f"{m.group('key')}'{HIDDEN}'", text)
    text = START_COMMAND.sub(rf"\1{HIDDEN}", text)
    text = START_LINK.sub(rf"\1{HIDDEN}", text)
    return PHONE.sub(mask_phone, text)


class Redact(logging.Filter):
    """Redacts every record a handler writes, the libraries' included, at every level."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.token)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.token)
        return True


class QuietNetworkErrors(logging.Filter):
    """PTB logs a traceback per failed getUpdates while the network is down: one line a minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self._reported_at: float | None = None
        self._suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not record.name.startswith("telegram") or not _is_network_error(error):
            return True
        now = self.clock()
        if self._reported_at is not None and now - self._reported_at < NETWORK_REPORT_EVERY:
            self._suppressed += 1
            return False
        self._reported_at = now
        first = str(error).strip().splitlines()
        record.msg = "Bot API unreachable (%s); retrying (%d more failures since last report)"
        record.args = (first[0] if first else type(error).__name__, self._suppressed)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        self._suppressed = 0
        return True


def _is_network_error(error: BaseException | None) -> bool:
    if error is None:
        return False
    from telegram.error import BadRequest, NetworkError

    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def configure(level: str, token: str | None) -> None:
    """Logs to stderr at `level`; library chatter only from WARNING up."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(QuietNetworkErrors())
    # On the handler, not a logger: a handler's filters see the libraries' records too.
    handler.addFilter(Redact(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # At DEBUG the operator asked for everything; otherwise the libraries speak up only for
    # warnings (httpx's request lines would carry the token in their URLs, too).
    quiet = logging.DEBUG if root.level <= logging.DEBUG else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
