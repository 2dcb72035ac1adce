"""GET /files/{file_id}: a file of the person's own chat, never anyone else's."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.messenger.state import Message
from bot.web.chat.context import ChatContext


def referenced(message: Message, file_id: str) -> bool:
    """Whether a message carries this file (a photo size or its document)."""
    if message.get("deleted"):
        return False
    if any(size.get("file_id") == file_id for size in message.get("photo") or []):
        return True
    return (message.get("document") or {}).get("file_id") == file_id


def routes(ctx: ChatContext) -> list[Route]:
    """The file download route."""

    async def download(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return ctx.error(request, 401, "web-server-unauthorized")
        file_id = request.path_params["file_id"]
        state = ctx.state
        with state.cond:
            chat = state.chats.get(viewer.user_id)
            history = chat.history if chat is not None else []
            owner = next((m for m in history if referenced(m, file_id)), None)
            record = state.files.get(file_id) if owner is not None else None
        if owner is None or record is None:
            return ctx.error(request, 404, "web-server-not-found")
        headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
        if owner.get("document"):
            name = record.file_name or owner["document"].get("file_name") or file_id
            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        media_type = record.mime_type or "application/octet-stream"
        return Response(record.data, media_type=media_type, headers=headers)

    return [Route("/files/{file_id}", download, methods=["GET"])]
