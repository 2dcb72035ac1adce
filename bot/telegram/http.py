"""HTTP clients for the Bot API, sharing one TLS context.

Every httpx client otherwise builds its own SSL context from the CA bundle (~45 ms each), and
parkbot has four: the Application's two and the outbox sender's two.
"""

import ssl
from functools import cache

from telegram.request import HTTPXRequest


@cache
def _tls() -> ssl.SSLContext:
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def bot_api_request(pool_size: int) -> HTTPXRequest:
    """A Bot API request object with `pool_size` connections and the shared TLS context."""
    return HTTPXRequest(connection_pool_size=pool_size, httpx_kwargs={"verify": _tls()})
