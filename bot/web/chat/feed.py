"""The feed: the person's private chat as JSON (Msg objects), and its long poll.

Toasts (answerCallbackQuery texts) are delivered once per session: each session keeps, in
memory, how many of its user's answers its feeds have returned; a restart forgets them
(toasts are fleeting, the messages are not).
"""

from __future__ import annotations

import json
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.messenger.state import Message, MessengerState, message_text
from bot.messenger.text import safe_html
from bot.web.chat.context import ChatContext
from bot.web.chat.sessions import Viewer

FIRST_FEED = 200  # messages a fresh page gets (since=0)
MAX_WAIT = 25  # seconds a long poll may wait


def file_url(file_id: str) -> str:
    """Where the web chat serves a file."""
    return f"/files/{file_id}"


def _buttons(message: Message) -> list[list[dict[str, str]]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    shown: list[list[dict[str, str]]] = []
    for row in rows:
        out = []
        for button in row:
            if "callback_data" in button:
                out.append({"text": button["text"], "data": button["callback_data"]})
            elif "url" in button:
                out.append({"text": button["text"], "url": button["url"]})
            elif "web_app" in button:  # the browser has no Mini App frame: a plain link
                out.append({"text": button["text"], "url": button["web_app"]["url"]})
        shown.append(out)
    return shown


def msg_json(message: Message) -> dict[str, Any]:
    """A stored message as the web chat's Msg object (a deleted one keeps nothing)."""
    from_bot = bool(message["from"].get("is_bot"))
    deleted = bool(message.get("deleted"))
    text = message_text(message)
    if not from_bot and text.startswith("/start "):
        # The sign-in sends `/start <invite token>`; as in Telegram's apps, the person sees
        # only /start (the token is used up, but it is nobody's business).
        text = "/start"
    photo = message.get("photo") or []
    document = message.get("document")
    return {
        "id": message["message_id"],
        "rev": message.get("rev", 0),
        "from_bot": from_bot,
        "date": message.get("date", 0),
        "html": "" if deleted else safe_html(text, message.get("raw_text") if from_bot else None),
        "photo": file_url(photo[-1]["file_id"]) if photo and not deleted else None,
        "document": (
            {
                "url": file_url(document["file_id"]),
                "name": document.get("file_name") or document["file_id"],
                "size": document.get("file_size", 0),
            }
            if document and not deleted
            else None
        ),
        "location": (
            {
                "latitude": message["location"]["latitude"],
                "longitude": message["location"]["longitude"],
            }
            if message.get("location") and not deleted
            else None
        ),
        "buttons": [] if deleted else _buttons(message),
        "edited": bool(message.get("edits") or message.get("edit_date")),
        "deleted": deleted,
    }


def keyboard(history: list[Message]) -> dict[str, Any] | None:
    """The latest reply keyboard the bot sent and did not remove (a used one-time one hides)."""
    for index in range(len(history) - 1, -1, -1):
        message = history[index]
        markup = message.get("reply_keyboard") if message["from"].get("is_bot") else None
        if not markup:
            continue
        if "keyboard" not in markup:
            return None  # remove_keyboard (or force_reply): no keyboard shown
        one_time = bool(markup.get("one_time_keyboard"))
        if one_time and any(not m["from"].get("is_bot") for m in history[index + 1 :]):
            return None
        rows = [
            [{"text": b if isinstance(b, str) else b["text"], "contact": _contact(b)} for b in row]
            for row in markup["keyboard"]
        ]
        return {"rows": rows, "one_time": one_time}
    return None


def _contact(button: Any) -> bool:
    return isinstance(button, dict) and bool(button.get("request_contact"))


def commands(state: MessengerState, user: dict[str, Any]) -> list[dict[str, str]]:
    """The setMyCommands list this user sees: their chat's scope, else the default one."""
    chat_scope = json.dumps({"chat_id": user["id"], "type": "chat"}, sort_keys=True)
    default_scope = json.dumps({"type": "default"}, sort_keys=True)
    code = (user.get("language_code") or "")[:2]
    for key in [(chat_scope, code), (chat_scope, ""), (default_scope, code), (default_scope, "")]:
        found = state.commands.get(key)
        if found:
            return [
                {"command": "/" + c["command"].lstrip("/"), "description": c["description"]}
                for c in found
            ]
    return []


def _pending_toasts(ctx: ChatContext, viewer: Viewer) -> list[str]:
    answers = ctx.state.callback_answers.get(viewer.user_id, [])
    seen = ctx.toast_cursors.get(viewer.id_hash, 0)
    return [a["text"] for a in answers[seen:] if a.get("text")] if len(answers) > seen else []


def snapshot(ctx: ChatContext, viewer: Viewer, user: dict[str, Any], since: int) -> dict:
    """The feed answer for messages newer than `since`; marks its toasts delivered."""
    state = ctx.state
    with state.cond:
        chat = state.chat(viewer.user_id)
        history = chat.history
        if since <= 0:
            fresh = history[-FIRST_FEED:]
        else:
            fresh = [m for m in history if m.get("rev", 0) > since]
        toasts = _pending_toasts(ctx, viewer)
        ctx.toast_cursors[viewer.id_hash] = len(state.callback_answers.get(viewer.user_id, []))
        return {
            "revision": chat.revision,
            "messages": [msg_json(m) for m in fresh],
            "keyboard": keyboard(history),
            "toasts": toasts,
            "commands": commands(state, user),
        }


def _ready(ctx: ChatContext, viewer: Viewer, since: int) -> bool:
    with ctx.state.cond:
        changed = ctx.state.chat(viewer.user_id).revision > since
        return changed or bool(_pending_toasts(ctx, viewer))


async def feed(ctx: ChatContext, request: Request, viewer: Viewer) -> Response:
    """GET /api/feed?since=&wait=: long poll until something newer than `since`."""
    try:
        since = int(request.query_params.get("since", "0"))
        wait = min(max(float(request.query_params.get("wait", "0")), 0.0), MAX_WAIT)
    except ValueError:
        return ctx.error(request, 400, "web-server-bad-request")
    user = ctx.client(viewer).user
    deadline = time.monotonic() + wait
    while not _ready(ctx, viewer, since):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        await ctx.waiter().wait(viewer.user_id, left)
        if ctx.waiter().closed or await request.is_disconnected():
            break
    return JSONResponse(snapshot(ctx, viewer, user, since))


def routes(ctx: ChatContext) -> list[Route]:
    """GET /api/feed."""

    async def get_feed(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return ctx.error(request, 401, "web-server-unauthorized")
        return await feed(ctx, request, viewer)

    return [Route("/api/feed", get_feed, methods=["GET"])]
