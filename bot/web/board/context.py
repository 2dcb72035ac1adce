"""What every board route shares: services, the web sessions, and who the request's viewer is."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from starlette.requests import Request

from bot.board import links
from bot.board.viewer import BoardViewer
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.services import Services
from bot.web.board.shared import SharedAnswers
from bot.web.chat.context import JOIN_FAILURES, JOIN_WINDOW, LANG_COOKIE
from bot.web.chat.limits import Window
from bot.web.chat.sessions import COOKIE, Sessions, load_secret

BOARD_COOKIE = "parkbot_board"  # a board link's signed token (bot/web/board/access.py)


@dataclass
class BoardContext:
    """The board's shared parts, built once when the routes are made."""

    services: Services
    sessions: Sessions  # the web chat's sessions: a signed-in member sees their own scope
    bot_token: str | None = None  # Telegram's bot token, to check Mini App initData
    # Failed board links per client address: the web chat's sign-in limit (10 in 10 minutes).
    link_failures: Window = field(default_factory=lambda: Window(JOIN_FAILURES, JOIN_WINDOW))
    shared: SharedAnswers = field(default_factory=SharedAnswers)  # board links' answers

    @classmethod
    def build(cls, services: Services, bot_token: str | None = None) -> BoardContext:
        """The context for these services (and the bot token, in Telegram mode)."""
        settings = services.settings
        sessions = Sessions(
            services.db, load_secret(settings), settings.web_session_days, services.now
        )
        return cls(services, sessions, bot_token)

    @cached_property
    def link_secret(self) -> str:
        """The web secret board links are signed with (the sessions' secret)."""
        return load_secret(self.services.settings)

    def viewer(self, request: Request) -> BoardViewer | None:
        """Who the request is, or None (the route answers 403 and shows no data).

        A board link's cookie first (its row is checked on every request: a revoked or
        expired link ends at once), else the web session of a signed-in member.
        """
        token = request.cookies.get(BOARD_COOKIE)
        if token:
            link_id = links.link_id_of(self.link_secret, token)
            with self.services.db.scope() as session:
                link = links.valid_link(session, link_id, self.services.now())
                if link is not None:
                    return BoardViewer(park_id=link.park_id, link_id=link.id)
        session_viewer = self.sessions.check(request.cookies.get(COOKIE))
        if session_viewer is None:
            return None
        return BoardViewer(person_id=session_viewer.person_id, language=session_viewer.language)

    def language(self, request: Request, viewer: BoardViewer | None = None) -> str:
        """?lang=, else the board language cookie, else the viewer's, else Accept-Language."""
        for chosen in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
            if chosen in LANGUAGES:
                return chosen
        if viewer is not None and viewer.language in LANGUAGES:
            return viewer.language
        accept = request.headers.get("accept-language", "").strip().lower()
        return "en" if accept.startswith("en") else DEFAULT_LANGUAGE
