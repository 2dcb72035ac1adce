"""Telegram Mini App initData: Telegram's documented check, in one small audited function.

core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app: the
data-check-string is every received field but `hash`, as `key=value`, sorted by key, joined
by "\\n"; secret_key = HMAC-SHA256(key="WebAppData", msg=bot_token); the hash is the hex
HMAC-SHA256(key=secret_key, msg=data_check_string). Compared in constant time; auth_date must
be recent on the services' clock. (The PyPI packages for this are small one-author projects;
the function is shorter than a dependency review.)
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl

FUTURE_SKEW = 300  # seconds an auth_date may be ahead of our clock (clocks differ a little)
MAX_LENGTH = 8192  # initData is a few hundred bytes; a longer body is not Telegram's


@dataclass(frozen=True)
class MiniAppUser:
    """The Telegram user a valid initData names."""

    user_id: int
    language_code: str | None


def data_check_string(fields: dict[str, str]) -> str:
    """Every field but hash, `key=value`, sorted by key, one a line."""
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def signature(fields: dict[str, str], bot_token: str) -> str:
    """The hex hash Telegram puts on these fields for this bot."""
    secret_key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret_key, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def verify(init_data: str, bot_token: str, *, now: datetime, max_age: int) -> MiniAppUser | None:
    """The user of initData signed for this bot and at most max_age seconds old, else None."""
    if not init_data or len(init_data) > MAX_LENGTH or not bot_token:
        return None
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    fields = dict(pairs)
    received = fields.get("hash", "")
    if len(fields) != len(pairs) or not received:  # a repeated key is not Telegram's
        return None
    if not hmac.compare_digest(signature(fields, bot_token).encode(), received.encode()):
        return None
    try:
        age = now.timestamp() - int(fields["auth_date"])
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        return None
    if not -FUTURE_SKEW <= age <= max_age:
        return None
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    language = user.get("language_code")
    return MiniAppUser(user_id, language if isinstance(language, str) else None)
