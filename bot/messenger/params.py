"""Bot API request parameters as Telegram reads them: JSON objects, numbers, booleans, attach://."""

from __future__ import annotations

import json
from typing import Any

from bot.messenger.state import ApiError

JSON_FIELDS = frozenset(
    {
        "reply_markup", "reply_parameters", "scope", "commands", "entities", "caption_entities",
        "allowed_updates", "menu_button", "link_preview_options", "media", "results",
    }
)  # fmt: skip
NUMBER_FIELDS = frozenset(
    {
        "chat_id", "message_id", "offset", "limit", "timeout", "user_id", "from_chat_id",
        "message_thread_id", "reply_to_message_id", "cache_time", "max_connections",
        "duration", "width", "height", "latitude", "longitude", "until_date",
    }
)  # fmt: skip
BOOL_FIELDS = frozenset(
    {
        "show_alert", "drop_pending_updates", "disable_notification", "protect_content",
        "allow_sending_without_reply", "has_spoiler", "disable_content_type_detection",
        "disable_web_page_preview", "is_personal",
    }
)  # fmt: skip


def _number(value: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def normalize_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode form values the way Telegram does: JSON objects, numbers, booleans, attach://."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and value.startswith("attach://"):
            value = raw.get(value.removeprefix("attach://"), value)
        elif isinstance(value, str) and key in JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
        elif isinstance(value, str) and key in NUMBER_FIELDS:
            value = _number(value)
        elif isinstance(value, str) and key in BOOL_FIELDS:
            value = value.lower() == "true"
        params[key] = value
    return params
