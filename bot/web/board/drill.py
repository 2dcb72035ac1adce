"""The board's drill-down pages: /park/<id>, /project/<id> and a project's site photos.

Every page asks `ctx.viewer(request)`: no viewer is 403 (how to get access, no data); a park
or project that does not exist and one outside the viewer's scope are the same 404, so ids
cannot be probed. The data come from bot.board.park_page / project_page, the words from the
catalogue (board-pages.ftl), the chart from bot.charts.svg; no script is needed.

The database work runs on the event loop, as the chat's status answers do: the cached city
view (bot.status.city_view) relies on nothing else running between its read and its store.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from bot.board.page_scope import page_scope
from bot.board.park_page import park_page
from bot.board.project_page import photo_file, project_page
from bot.board.viewer import BoardViewer
from bot.i18n import LANGUAGES
from bot.web.board.context import BoardContext
from bot.web.board.page_words import Words

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = Path(__file__).parent / "static" / "pages.css"
STYLESHEET_PATH = "/board-pages/pages.css"
MAX_ID = 2**31 - 1  # beyond any row id; PostgreSQL would refuse a bigger integer parameter
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
# Image types a site photo may have, by their first bytes (the file decides, not its name).
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def routes(ctx: BoardContext) -> list[Route]:
    """The park page, the project page, a project's photos and the pages' stylesheet."""

    async def park(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return _message(ctx, request, "denied", 403)
        park_id = _id(request.path_params["park_id"])
        with ctx.services.db.scope() as session:
            scope = page_scope(session, viewer, ctx.services)
            page = park_page(session, scope, park_id) if scope and park_id else None
        if page is None:
            return _message(ctx, request, "not-found", 404, viewer)
        return _render(ctx, request, "park.html", viewer, page=page)

    async def project(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return _message(ctx, request, "denied", 403)
        project_id = _id(request.path_params["project_id"])
        with ctx.services.db.scope() as session:
            scope = page_scope(session, viewer, ctx.services)
            page = project_page(session, scope, project_id) if scope and project_id else None
        if page is None:
            return _message(ctx, request, "not-found", 404, viewer)
        return _render(ctx, request, "project.html", viewer, page=page)

    async def photo(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return _message(ctx, request, "denied", 403)
        project_id = _id(request.path_params["project_id"])
        photo_id = _id(request.path_params["photo_id"])
        path = None
        with ctx.services.db.scope() as session:
            scope = page_scope(session, viewer, ctx.services)
            if scope and project_id and photo_id:
                path = photo_file(session, scope, project_id, photo_id)
        found = _kept_file(path, ctx.services.settings.media_dir)
        if found is None:
            return _message(ctx, request, "not-found", 404, viewer)
        headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
        return FileResponse(found, media_type=_media_type(found), headers=headers)

    async def stylesheet(_: Request) -> Response:
        return FileResponse(
            STYLESHEET, media_type="text/css", headers={"Cache-Control": "max-age=300"}
        )

    return [
        Route("/park/{park_id}", park, methods=["GET"]),
        Route("/project/{project_id}", project, methods=["GET"]),
        Route("/project/{project_id}/photos/{photo_id}", photo, methods=["GET"]),
        Route(STYLESHEET_PATH, stylesheet, methods=["GET"]),
    ]


def _id(text: str) -> int | None:
    """A row id from the path; anything else (letters, signs, huge numbers) is None."""
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def _kept_file(path: str | None, media_dir: Path) -> Path | None:
    """The photo's file, if it is there and inside the media folder (nothing else is served)."""
    if not path:
        return None
    resolved, root = Path(path).resolve(), media_dir.resolve()
    if not resolved.is_relative_to(root) or not resolved.is_file():
        return None
    return resolved


def _media_type(path: Path) -> str:
    """The image type from the file's first bytes, else from its name."""
    with path.open("rb") as file:
        head = file.read(16)
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1"):
        return "image/heic"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _render(
    ctx: BoardContext,
    request: Request,
    name: str,
    viewer: BoardViewer | None,
    status: int = 200,
    **variables: Any,
) -> HTMLResponse:
    """A page in the request's language; links keep an explicit ?lang= choice."""
    lang = ctx.language(request, viewer)
    chosen = request.query_params.get("lang")
    words = Words(ctx.services.catalogue, lang, ctx.services.settings.tz)
    html = _env.get_template(name).render(
        w=words,
        t=words.t,
        lang=lang,
        languages=LANGUAGES,
        keep=f"?lang={chosen}" if chosen in LANGUAGES else "",
        path=request.url.path,
        stylesheet=STYLESHEET_PATH,
        made_at=words.when(ctx.services.now()),
        **variables,
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _message(
    ctx: BoardContext, request: Request, kind: str, status: int, viewer: BoardViewer | None = None
) -> HTMLResponse:
    """A page with one message and no data: 403 (how to get access) or 404."""
    return _render(ctx, request, "pages_message.html", viewer, status, kind=kind)
