"""Webhook mode: Telegram POSTs each update to a route of parkbot's own web server.

The pattern of python-telegram-bot's custom-webhook example (Starlette): the route checks
Telegram's secret header, turns the JSON into an Update and puts it on the Application's
update queue, which the running Application drains as it drains long polling's.
"""

import hmac
import json
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.ext import Application

from bot.settings import Settings

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_secret(settings: Settings) -> str:
    """PARKBOT_WEBHOOK_SECRET, or a fresh one for this start (setWebhook replaces the old)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def webhook_path(url: str) -> str:
    """The path Telegram POSTs to: the URL's, as the reverse proxy passes it on."""
    return urlsplit(url).path or "/"


def routes(application: Application, secret: str, path: str) -> list[BaseRoute]:
    """The POST route that queues Telegram's deliveries for `application`."""
    expected = secret.encode()

    async def deliver(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        # Constant time: the answer's timing must not tell how much of a guess was right.
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            data = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return Response(status_code=400)
        if not isinstance(data, dict):
            return Response(status_code=400)
        try:
            update = Update.de_json(data, application.bot)
        except (AttributeError, KeyError, TypeError, ValueError):
            # PTB trusts the shape Telegram sends: a wrong one fails somewhere inside.
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    return [Route(path, deliver, methods=["POST"])]
