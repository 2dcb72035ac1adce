"""HTTP clients for the Bot API, sharing one TLS context, counting every call for /metrics.

Every httpx client otherwise builds its own SSL context from the CA bundle (~45 ms each), and
parkbot has four: the Application's two and the outbox sender's two. All four are
`BotApiRequest`s, so every Bot API call of the process passes `do_request` below: that is
where calls, 429s and failures are counted (bot.metrics) and where `PULSE` notes the last
answer, which /healthz reads instead of calling Telegram.
"""

import ssl
import time
from functools import cache

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot import metrics

POLLING = "getUpdates"  # long polling: one call per poll timeout, not a send


class Pulse:
    """When the Bot API last answered this process (monotonic seconds), for /healthz.

    Process-wide: one process serves one bot token (README "Deployment notes").
    """

    __slots__ = ("answered_at",)

    def __init__(self) -> None:
        self.answered_at: float | None = None


PULSE = Pulse()


@cache
def _tls() -> ssl.SSLContext:
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def error_kind(status: int) -> str:
    """The bot.metrics.API_ERROR_KINDS name of a non-2xx, non-429 HTTP status."""
    if status == 400:
        return "bad_request"
    if status == 403:
        return "forbidden"
    if status in (401, 404):
        return "unauthorized"
    if status == 409:
        return "conflict"
    if status >= 500:
        return "server"
    return "other"


def _method_name(url: str, http_method: str) -> str:
    """The Bot API method of a call ("download" for a file): never the token, never a path."""
    # Bot API calls are POSTs to <base><token>/<method>; files are GETs of <base><token>/<path>.
    name = url.rpartition("/")[2]
    return name if http_method == "POST" and name.isalnum() else "download"


class BotApiRequest(HTTPXRequest):
    """python-telegram-bot's httpx request, counting each call's outcome."""

    async def do_request(self, url: str, method: str, *args: object, **kwargs: object):  # type: ignore[override]
        """Sends one request (see HTTPXRequest.do_request) and counts how it ended."""
        try:
            status, payload = await super().do_request(url, method, *args, **kwargs)
        except TimedOut:
            metrics.api_failed("timeout")
            raise
        except NetworkError:
            metrics.api_failed("network")
            raise
        # Any answer but a server error shows the Bot API is reachable and working.
        if status < 500:
            PULSE.answered_at = time.monotonic()
        api_method = _method_name(url, method)
        if api_method != POLLING:
            metrics.api_answered(api_method)
        if status == 429:
            metrics.api_flooded()
        elif not 200 <= status <= 299:
            metrics.api_failed(error_kind(status))
        return status, payload


def bot_api_request(pool_size: int) -> BotApiRequest:
    """A Bot API request object with `pool_size` connections and the shared TLS context."""
    return BotApiRequest(connection_pool_size=pool_size, httpx_kwargs={"verify": _tls()})
