"""What every web chat route shares: services, the messenger's state, sessions, limits, waiters."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalize_language
from bot.messenger.client import ChatClient
from bot.messenger.state import MessengerState
from bot.services import Services
from bot.web.chat.limits import Window
from bot.web.chat.sessions import COOKIE, Sessions, Viewer, load_secret

LANG_COOKIE = "parkbot_lang"
# The messenger's language_code for a web user, per catalogue language.
LANGUAGE_CODES = {"zh_CN": "zh-hans", "en": "en"}
JOIN_FAILURES, JOIN_WINDOW = 10, 600.0  # failed sign-ins per client address per 10 minutes
FLOOD_POSTS, FLOOD_WINDOW = 30, 10.0  # API posts per session per 10 seconds


class Waiters:
    """Asyncio futures woken when a chat changes; the messenger may call from any thread."""

    def __init__(self, state: MessengerState, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._waiting: dict[int, set[asyncio.Future[None]]] = {}
        self.closed = False
        state.listeners.append(self._changed)

    def close(self) -> None:
        """The server is stopping: end every long poll now (on the server's loop)."""
        self.closed = True
        for chat_id in list(self._waiting):
            self._wake(chat_id)

    def _changed(self, chat_id: int) -> None:
        # Under the messenger's lock, maybe on another thread: only schedule the wake-up.
        if chat_id in self._waiting:
            self.loop.call_soon_threadsafe(self._wake, chat_id)

    def _wake(self, chat_id: int) -> None:
        for future in self._waiting.pop(chat_id, set()):
            if not future.done():
                future.set_result(None)

    async def wait(self, chat_id: int, timeout: float) -> None:
        """Return when the chat changes or after timeout seconds."""
        if self.closed:
            return
        future: asyncio.Future[None] = self.loop.create_future()
        self._waiting.setdefault(chat_id, set()).add(future)
        try:
            await asyncio.wait_for(asyncio.shield(future), max(0.0, timeout))
        except TimeoutError:
            pass
        finally:
            waiting = self._waiting.get(chat_id)
            if waiting is not None:
                waiting.discard(future)
                if not waiting:
                    del self._waiting[chat_id]


@dataclass
class ChatContext:
    """The web chat's shared parts, built once by `routes`."""

    services: Services
    state: MessengerState
    sessions: Sessions
    waiters: Waiters | None = None
    join_failures: Window = field(default_factory=lambda: Window(JOIN_FAILURES, JOIN_WINDOW))
    posts: Window = field(default_factory=lambda: Window(FLOOD_POSTS, FLOOD_WINDOW))
    # Per session: how many of the user's callback answers its feed already delivered.
    toast_cursors: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, services: Services, state: MessengerState) -> ChatContext:
        """The context for these services and this messenger."""
        settings = services.settings
        sessions = Sessions(
            services.db, load_secret(settings), settings.web_session_days, services.now
        )
        return cls(services, state, sessions)

    def waiter(self) -> Waiters:
        """The waiters, bound to the running loop on first use."""
        if self.waiters is None:
            self.waiters = Waiters(self.state, asyncio.get_running_loop())
        return self.waiters

    def language(self, request: Request) -> str:
        """The page language: the parkbot_lang cookie, else Accept-Language, else Chinese."""
        chosen = request.cookies.get(LANG_COOKIE)
        if chosen in LANGUAGES:
            return chosen
        accept = request.headers.get("accept-language", "").strip().lower()
        return "en" if accept.startswith("en") else DEFAULT_LANGUAGE

    def text(self, request: Request, key: str, **args: object) -> str:
        """A catalogue text in the request's language."""
        return self.services.catalogue.text(self.language(request), key, **args)

    def viewer(self, request: Request) -> Viewer | None:
        """The request's valid session, if any."""
        return self.sessions.check(request.cookies.get(COOKIE))

    def error(self, request: Request, status: int, key: str, **args: object) -> JSONResponse:
        """An API error: {"error": catalogue text}; a 401 also clears the cookie."""
        response = JSONResponse({"error": self.text(request, key, **args)}, status_code=status)
        if status == 401:
            clear_cookie(response)
        return response

    def secure(self, request: Request) -> bool:
        """Whether the cookie must be Secure (https here, or behind an https proxy)."""
        public = self.services.settings.web_public_url or ""
        return request.url.scheme == "https" or public.startswith("https")

    def client(self, viewer: Viewer) -> ChatClient:
        """The viewer's messenger app: their user and private chat (made again if missing)."""
        state = self.state
        with state.cond:
            user = state.users.get(viewer.user_id)
            if user is None:
                user = new_user(viewer.user_id, viewer.name, viewer.language)
                state.add_user(user)
            ensure_chat(state, user)
            return ChatClient(state, user)


def new_user(user_id: int, name: str, language: str | None) -> dict[str, Any]:
    """A messenger user for a roster person."""
    code = LANGUAGE_CODES.get(normalize_language(language) or DEFAULT_LANGUAGE, "zh-hans")
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": code}


def ensure_chat(state: MessengerState, user: dict[str, Any]) -> None:
    """The user's private chat with the bot (idempotent)."""
    state.add_chat({"id": user["id"], "type": "private", "first_name": user["first_name"]})


def clear_cookie(response: Response) -> None:
    """Drop the session cookie."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")


async def json_body(request: Request) -> dict[str, Any] | None:
    """The request's JSON object, or None when it is not one."""
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None
