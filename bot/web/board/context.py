"""What every board route shares: services, the web sessions, and who the request's viewer is."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from bot.board.viewer import BoardViewer
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.services import Services
from bot.web.chat.context import LANG_COOKIE
from bot.web.chat.sessions import COOKIE, Sessions, load_secret


@dataclass
class BoardContext:
    """The board's shared parts, built once when the routes are made."""

    services: Services
    sessions: Sessions  # the web chat's sessions: a signed-in member sees their own scope
    bot_token: str | None = None  # Telegram's bot token, to check Mini App initData

    @classmethod
    def build(cls, services: Services, bot_token: str | None = None) -> BoardContext:
        """The context for these services (and the bot token, in Telegram mode)."""
        settings = services.settings
        sessions = Sessions(
            services.db, load_secret(settings), settings.web_session_days, services.now
        )
        return cls(services, sessions, bot_token)

    def viewer(self, request: Request) -> BoardViewer | None:
        """Who the request is, or None (the route answers 403 and shows no data)."""
        session = self.sessions.check(request.cookies.get(COOKIE))
        if session is None:
            return None
        return BoardViewer(person_id=session.person_id, language=session.language)

    def language(self, request: Request, viewer: BoardViewer | None = None) -> str:
        """?lang=, else the board language cookie, else the viewer's, else Accept-Language."""
        for chosen in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
            if chosen in LANGUAGES:
                return chosen
        if viewer is not None and viewer.language in LANGUAGES:
            return viewer.language
        accept = request.headers.get("accept-language", "").strip().lower()
        return "en" if accept.startswith("en") else DEFAULT_LANGUAGE
