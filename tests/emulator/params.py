"""The emulator's aiohttp side of parameter decoding (the rules: bot/messenger/params.py)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.messenger.api import Upload
from bot.messenger.params import normalize_params
from bot.messenger.state import ApiError


async def read_params(request: web.Request) -> dict[str, Any]:
    """Collect query, JSON, urlencoded or multipart parameters (uploads become Upload)."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: expected a JSON object")
        raw.update(body)
    elif request.body_exists:
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                raw[key] = Upload(value.file.read(), value.filename, value.content_type)
            else:
                raw[key] = value
    return normalize_params(raw)
