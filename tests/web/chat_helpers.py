"""Helpers for the web chat's server tests: a signed-in browser (httpx) against the real bot."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx

from bot.people.invites import issue_invite
from models import Person
from tests.factories import make_person
from tests.web.harness import WebBot

API = {"X-Parkbot": "1"}


def start_chat(start_web: Callable[..., WebBot], **overrides: object) -> WebBot:
    """The bot with its web server (the web chat is served by default with the local messenger)."""
    return start_web(**overrides)


def invite(web: WebBot, **fields: object) -> tuple[Person, str]:
    """A roster person (a liaison unless told) and a live invite token for them."""
    fields.setdefault("is_liaison", True)
    with web.services.db.scope() as session:
        person = make_person(session, **fields)
        token = issue_invite(session, person=person, now=web.services.now(), ttl=timedelta(days=7))
    return person, token


def browser(web: WebBot) -> httpx.Client:
    """A cookie-keeping client of the web server."""
    return httpx.Client(base_url=web.url, timeout=30, follow_redirects=False)


def sign_in(web: WebBot, **fields: object) -> tuple[httpx.Client, Person]:
    """A browser signed in as a new roster person."""
    person, token = invite(web, **fields)
    client = browser(web)
    response = client.post(f"/join/{token}")
    assert response.status_code == 303, response.text
    return client, person


def feed(client: httpx.Client, since: int = 0, wait: float = 0) -> dict[str, Any]:
    """One feed answer."""
    response = client.get("/api/feed", params={"since": since, "wait": wait})
    assert response.status_code == 200, response.text
    return response.json()


def feed_until(
    client: httpx.Client, ready: Callable[[list[dict]], bool], timeout: float = 15
) -> tuple[list[dict], dict[str, Any]]:
    """Long-poll until the messages seen so far satisfy `ready`; (messages by id, last answer)."""
    seen: dict[int, dict] = {}
    since, deadline, answer = 0, time.monotonic() + timeout, {}
    while True:
        answer = feed(client, since, wait=5)
        for message in answer["messages"]:
            seen[message["id"]] = message
        since = answer["revision"]
        messages = [seen[key] for key in sorted(seen)]
        if ready(messages):
            return messages, answer
        assert time.monotonic() < deadline, messages


def post(client: httpx.Client, path: str, body: dict | None = None) -> httpx.Response:
    """An API POST with the X-Parkbot header."""
    return client.post(path, json=body or {}, headers=API)
