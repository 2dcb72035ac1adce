"""Telegram's side of a Mini App: the signed initData and the URL a web_app button opens.

Written from Telegram's documentation (core.telegram.org/bots/webapps), independently of
bot/web/board/init_data.py, so a test checks the product against Telegram's algorithm.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import quote, urlencode

USER_FIELDS = ("id", "first_name", "last_name", "username", "language_code", "is_premium")


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram adds: HMAC-SHA256 of the sorted key=value lines, keyed for the bot."""
    lines = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret_key = hmac.new(key=b"WebAppData", msg=bot_token.encode(), digestmod=hashlib.sha256)
    return hmac.new(secret_key.digest(), lines.encode(), hashlib.sha256).hexdigest()


def init_data_for(
    user: dict[str, Any], bot_token: str, *, auth_date: int, query_id: str = "AAHdF6IQAAAAAN0X"
) -> str:
    """initData as Telegram passes it to a Mini App opened by this user (a query string)."""
    shown = {key: user[key] for key in USER_FIELDS if key in user}
    fields = {
        "query_id": query_id,
        "user": json.dumps(shown, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(auth_date),
    }
    fields["hash"] = sign(fields, bot_token)
    return urlencode(fields, quote_via=quote)


def web_app_url(url: str, init_data: str) -> str:
    """The address Telegram opens: the button's URL with the launch parameters in the fragment."""
    launch = {"tgWebAppData": init_data, "tgWebAppVersion": "8.0", "tgWebAppPlatform": "tdesktop"}
    return f"{url}#{urlencode(launch, quote_via=quote)}"
