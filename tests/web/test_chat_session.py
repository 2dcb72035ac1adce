"""Web chat sessions: the cookie's attributes, and every way a session stops working."""

from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlmodel import col, select

from bot.people import directory
from models import Person, WebSession
from tests.web.chat_helpers import browser, invite, post, start_chat
from tests.web.harness import WebBot


def _set_cookie(web: WebBot) -> tuple[str, httpx.Client]:
    _, token = invite(web)
    client = browser(web)
    response = client.post(f"/join/{token}")
    assert response.status_code == 303
    return response.headers["set-cookie"], client


def test_the_cookie_is_httponly_strict_and_lasts_the_session_days(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web, web_session_days=7)
    header, _ = _set_cookie(web)
    parts = [p.strip().lower() for p in header.split(";")]
    assert parts[0].startswith("parkbot_session=")
    assert "httponly" in parts and "samesite=strict" in parts and "path=/" in parts
    assert f"max-age={7 * 86_400}" in parts
    assert "secure" not in parts  # plain http on loopback


def test_the_cookie_is_secure_behind_an_https_public_url(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web, web_public_url="https://parkbot.example.gov.cn")
    header, _ = _set_cookie(web)
    assert "secure" in [p.strip().lower() for p in header.split(";")]


def test_a_forged_or_tampered_cookie_is_refused(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    _, client = _set_cookie(web)
    real = client.cookies["parkbot_session"]
    for forged in (real[:-2] + ("AA" if not real.endswith("AA") else "BB"), "x.y.z", "abc"):
        stranger = browser(web)
        stranger.cookies.set("parkbot_session", forged)
        assert stranger.get("/api/feed").status_code == 401
        page = stranger.get("/")
        assert page.status_code == 401 and 'id="no-access"' in page.text
        assert 'id="chat"' not in page.text
    assert client.get("/api/feed").status_code == 200


def test_without_a_session_the_page_only_explains_access(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    page = browser(web).get("/")
    assert page.status_code == 200 and 'id="no-access"' in page.text
    assert browser(web).get("/api/feed").status_code == 401


def test_an_expired_session_is_refused(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web, web_session_days=2)
    _, client = _set_cookie(web)
    assert client.get("/api/feed").status_code == 200
    web.services.clock.advance(timedelta(days=2, seconds=1))  # type: ignore[union-attr]
    assert client.get("/api/feed").status_code == 401


def test_a_session_row_past_its_expiry_is_refused(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    _, client = _set_cookie(web)
    past = web.services.now() - timedelta(minutes=1)
    with web.services.db.scope() as session:
        session.execute(update(WebSession).values(expires_at=past))
    assert client.get("/api/feed").status_code == 401


def _person_of(web: WebBot) -> Person:
    with web.services.db.scope() as session:
        person = session.exec(select(Person).where(col(Person.telegram_user_id).is_not(None))).one()
    return person


def test_unbind_and_deactivate_end_the_session_at_once(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    for change in (directory.unbind, directory.deactivate):
        _, client = _set_cookie(web)
        assert client.get("/api/feed").status_code == 200
        person = _person_of(web)
        with web.services.db.scope() as session:
            row = session.get(Person, person.id)
            change(session, person=row, now=web.services.now(), actor="cli:test")
        assert client.get("/api/feed").status_code == 401
        assert post(client, "/api/send", {"text": "hi"}).status_code == 401


def test_logout_revokes_the_session(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    _, client = _set_cookie(web)
    cookie = client.cookies["parkbot_session"]
    assert client.post("/logout").status_code == 303
    replay = browser(web)
    replay.cookies.set("parkbot_session", cookie)
    assert replay.get("/api/feed").status_code == 401
