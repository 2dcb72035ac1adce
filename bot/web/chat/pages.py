"""Server-rendered pages (Jinja2, bot/web/chat/templates/), every text from the catalogue.

Variables every template gets:
  t            the catalogue for the page's language: t(key, **args) -> str
  lang         the page's language, "zh_CN" or "en"
  other_lang   the language the switch links offer ("en" or "zh_CN")
  languages    every catalogue language, for the `.lang` links (href "/lang/<code>")
Per page:
  chat.html          person_name (the signed-in person's roster name)
  no_access.html     (nothing more) — also served with 401 when a session is invalid
  join.html          token (the invite token, for the form's action "/join/<token>")
  join_refused.html  reason (the catalogue text saying why), http_status (404, 410, 429, 503)
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.i18n import LANGUAGES
from bot.web.chat.context import LANG_COOKIE, ChatContext, clear_cookie
from bot.web.chat.sessions import COOKIE

TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def render(
    ctx: ChatContext, request: Request, name: str, status: int = 200, **variables: Any
) -> HTMLResponse:
    """A page in the request's language."""
    lang = ctx.language(request)
    html = _env.get_template(name).render(
        t=partial(ctx.services.catalogue.text, lang),
        lang=lang,
        other_lang="en" if lang != "en" else "zh_CN",
        languages=LANGUAGES,
        **variables,
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def no_access(ctx: ChatContext, request: Request, status: int = 200) -> HTMLResponse:
    """How to get access, nothing else; an invalid session's cookie is cleared."""
    response = render(ctx, request, "no_access.html", status)
    if request.cookies.get(COOKIE):
        clear_cookie(response)
    return response


def routes(ctx: ChatContext) -> list[Route]:
    """The chat page, the language switch and logout."""

    async def home(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            status = 401 if request.cookies.get(COOKIE) else 200
            return no_access(ctx, request, status)
        return render(ctx, request, "chat.html", person_name=viewer.name)

    async def language(request: Request) -> Response:
        lang = request.path_params["lang"]
        if lang not in LANGUAGES:
            return Response(status_code=404)
        # Back to the page the switch was on: only its path, so never to another site.
        back = "/"
        referer = request.headers.get("referer", "")
        if referer.startswith(str(request.base_url)):
            back = "/" + referer[len(str(request.base_url)) :].lstrip("/")
        response = RedirectResponse(back, status_code=303)
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86_400, path="/", samesite="strict")
        return response

    async def logout(request: Request) -> Response:
        ctx.sessions.revoke(request.cookies.get(COOKIE))
        response = RedirectResponse("/", status_code=303)
        clear_cookie(response)
        return response

    return [
        Route("/", home, methods=["GET"]),
        Route("/lang/{lang}", language, methods=["GET"]),
        Route("/logout", logout, methods=["POST"]),
    ]
