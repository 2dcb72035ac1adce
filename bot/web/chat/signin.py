"""Sign-in: the invite link's page (read-only) and its POST, which binds as /start <token> does.

The POST acts as the person's messenger app: it sends `/start <token>` from their messenger
user, so the bot binds exactly as on Telegram; a session is made only once the database shows
the binding. Failed attempts (unknown, used, expired links; refusals) count per client address.
"""

from __future__ import annotations

import time

from sqlmodel import select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.messenger.client import ChatClient
from bot.people.invites import hash_token
from bot.web.chat.context import ChatContext, ensure_chat, new_user
from bot.web.chat.pages import render
from bot.web.chat.sessions import COOKIE
from models import Invite, Person

FIRST_WEB_USER = 7_000_000_000  # web users' messenger ids start above this
SIGN_IN_TIMEOUT = 10.0  # seconds for the bot's answer to /start


def invite_status(ctx: ChatContext, token: str) -> tuple[str | None, Person | None]:
    """(refusal code or None, the invited person) for a token; reads only."""
    now = ctx.services.now()
    with ctx.services.db.scope() as session:
        invite = session.exec(select(Invite).where(Invite.token_hash == hash_token(token))).first()
        if invite is None:
            return "unknown", None
        person = session.get(Person, invite.person_id)
        if person is None or not person.active:
            return "unknown", None
        if invite.revoked_at is not None:
            return "revoked", person
        if invite.used_at is not None:
            return "used", person
        if invite.expires_at <= now:
            return "expired", person
        return None, person


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _refused(ctx: ChatContext, request: Request, code: str) -> Response:
    if code == "too-many":
        status, key = 429, "web-server-join-too-many"
    elif code == "failed":
        status, key = 503, "web-server-join-failed"
    else:
        status, key = (404 if code == "unknown" else 410), f"invite-error-{code}"
    reason = ctx.text(request, key)
    return render(ctx, request, "join_refused.html", status, reason=reason, http_status=status)


def _user_for(ctx: ChatContext, person: Person, language: str) -> dict:
    """The person's messenger user: their bound id if the messenger knows it, else a new one."""
    state = ctx.state
    with state.cond:
        known = person.telegram_user_id
        if known is not None and known in state.users:
            user = state.users[known]
        else:
            user_id = max([FIRST_WEB_USER, *state.users]) + 1
            user = new_user(user_id, person.name, language)
            state.add_user(user)
        ensure_chat(state, user)
        return user


async def _bot_answered(ctx: ChatContext, chat_id: int, after: int) -> bool:
    """Wait (≤ SIGN_IN_TIMEOUT) for a bot message in the chat newer than message `after`."""
    state, deadline = ctx.state, time.monotonic() + SIGN_IN_TIMEOUT
    while True:
        with state.cond:
            if any(m["message_id"] > after for m in state.chat(chat_id).bot_messages()):
                return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        await ctx.waiter().wait(chat_id, left)


def _bound(ctx: ChatContext, person_id: int, user_id: int) -> bool:
    with ctx.services.db.scope() as session:
        person = session.get(Person, person_id)
        return person is not None and person.active and person.telegram_user_id == user_id


def routes(ctx: ChatContext) -> list[Route]:
    """GET and POST /join/{token}."""

    async def join(request: Request) -> Response:
        token = request.path_params["token"]
        address = _address(request)
        if ctx.join_failures.full(address):
            return _refused(ctx, request, "too-many")
        code, person = invite_status(ctx, token)
        if code is not None or person is None:
            ctx.join_failures.hit(address)
            return _refused(ctx, request, code or "unknown")
        if request.method == "GET":
            return render(ctx, request, "join.html", token=token)
        assert person.id is not None
        user = _user_for(ctx, person, ctx.language(request))
        sent = ChatClient(ctx.state, user).send_text(f"/start {token}")
        if not (
            await _bot_answered(ctx, user["id"], sent["message_id"])
            and _bound(ctx, person.id, user["id"])
        ):
            ctx.join_failures.hit(address)
            code, _ = invite_status(ctx, token)
            return _refused(ctx, request, code or "failed")
        cookie = ctx.sessions.create(person_id=person.id, user_id=user["id"])
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE,
            cookie,
            max_age=ctx.sessions.max_age,
            path="/",
            httponly=True,
            samesite="strict",
            secure=ctx.secure(request),
        )
        return response

    return [Route("/join/{token}", join, methods=["GET", "POST"])]
