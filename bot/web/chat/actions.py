"""What the person does in the chat: send text, press a button, share their phone, send a photo.

Every POST needs the header `X-Parkbot: 1` (403 otherwise: with SameSite=Strict cookies this
stops cross-site posts), a valid session (401) and stays under the flood limit (429). Nothing
reaches the bot when the input is refused.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.messenger.state import ApiError
from bot.web.chat.context import ChatContext, json_body
from bot.web.chat.sessions import Viewer

TEXT_LIMIT = 4096  # UTF-16 code units, as Telegram counts
IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)

IMAGE_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}

Action = Callable[[ChatContext, Request, Viewer], Awaitable[Response]]


def image_type(data: bytes) -> str | None:
    """The MIME type of JPEG, PNG or WebP bytes (by their magic), else None."""
    for magic, mime in IMAGE_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _too_long(text: str) -> bool:
    return len(text.encode("utf-16-le")) // 2 > TEXT_LIMIT


async def send(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """POST /api/send {"text"}."""
    body = await json_body(request)
    text = body.get("text") if body is not None else None
    if not isinstance(text, str):
        return ctx.error(request, 400, "web-server-bad-request")
    text = text.strip()
    if not text:
        return ctx.error(request, 400, "web-server-text-empty")
    if _too_long(text):
        return ctx.error(request, 400, "web-server-text-too-long")
    sent = ctx.client(viewer).send_text(text)
    return JSONResponse({"ok": True, "id": sent["message_id"]})


async def press(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """POST /api/press {"message_id", "data"}: only a live button of the person's own chat."""
    body = await json_body(request)
    if body is None:
        return ctx.error(request, 400, "web-server-bad-request")
    message_id, data = body.get("message_id"), body.get("data")
    if not isinstance(message_id, int) or isinstance(message_id, bool) or not isinstance(data, str):
        return ctx.error(request, 400, "web-server-bad-request")
    try:
        ctx.client(viewer).press_inline(message_id, data)
    except ApiError:
        return ctx.error(request, 404, "web-server-not-found")
    return JSONResponse({"ok": True})


async def contact(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """POST /api/contact: share the session person's roster phone."""
    sent = ctx.client(viewer).send_contact(viewer.phone)
    return JSONResponse({"ok": True, "id": sent["message_id"]})


async def photo(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """POST /api/photo (multipart: photo, optional caption): JPEG/PNG/WebP up to PHOTO_MAX_MB."""
    max_mb = ctx.services.settings.photo_max_mb
    limit = int(max_mb * 1024 * 1024)
    too_large = ctx.error(request, 413, "web-server-photo-too-large", mb=max_mb)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:
        return too_large  # refused before reading the body
    try:
        form = await request.form(max_files=1, max_fields=4)
    except Exception:  # any unreadable multipart body is the client's error
        return ctx.error(request, 400, "web-server-bad-request")
    upload = form.get("photo")
    caption = form.get("caption")
    if not isinstance(upload, UploadFile) or (caption is not None and not isinstance(caption, str)):
        return ctx.error(request, 400, "web-server-bad-request")
    data = await upload.read(limit + 1)
    await form.close()
    if len(data) > limit:
        return too_large
    mime = image_type(data)
    if mime is None:
        return ctx.error(request, 415, "web-server-photo-type")
    caption = (caption or "").strip() or None
    if caption is not None and _too_long(caption):
        return ctx.error(request, 400, "web-server-text-too-long")
    client = ctx.client(viewer)
    if form.get("original") == "1":
        # Sent as a file, as Telegram's "send as file": the bytes (and their EXIF) unchanged.
        name = f"photo{IMAGE_EXTENSIONS[mime]}"
        sent = client.send_document(data, name, mime, caption=caption)
    else:
        sent = client.send_photo(data, caption=caption, mime_type=mime)
    return JSONResponse({"ok": True, "id": sent["message_id"]})


async def location(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """POST /api/location {"latitude", "longitude"}: the browser's position, in degrees."""
    body = await json_body(request)
    if body is None:
        return ctx.error(request, 400, "web-server-bad-request")
    lat, lon = body.get("latitude"), body.get("longitude")
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    if not numbers or not (math.isfinite(lat) and math.isfinite(lon)):
        return ctx.error(request, 400, "web-server-bad-request")
    if abs(lat) > 90 or abs(lon) > 180:
        return ctx.error(request, 400, "web-server-bad-request")
    sent = ctx.client(viewer).send_location(float(lat), float(lon))
    return JSONResponse({"ok": True, "id": sent["message_id"]})


def guarded(ctx: ChatContext, action: Action) -> Callable[[Request], Awaitable[Response]]:
    """The action behind the header check, the session check and the flood limit."""

    async def endpoint(request: Request) -> Response:
        if request.headers.get("x-parkbot") != "1":
            return ctx.error(request, 403, "web-server-forbidden")
        viewer = ctx.viewer(request)
        if viewer is None:
            return ctx.error(request, 401, "web-server-unauthorized")
        if not ctx.posts.hit(viewer.id_hash):
            return ctx.error(request, 429, "web-server-too-many")
        return await action(ctx, request, viewer)

    return endpoint


def routes(ctx: ChatContext) -> list[Route]:
    """The API's POSTs."""
    actions = {
        "send": send,
        "press": press,
        "contact": contact,
        "photo": photo,
        "location": location,
    }
    return [
        Route(f"/api/{name}", guarded(ctx, action), methods=["POST"])
        for name, action in actions.items()
    ]
