"""Who may open the board: board links and Telegram Mini App sign-ins, over real HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from bot.board import links
from bot.people import directory
from bot.web_secret import load_secret
from models import Person, WebSession
from tests.emulator.mini_app import init_data_for
from tests.factories import make_park, make_person
from tests.screens import say
from tests.web.board_access_helpers import BOT_TOKEN, board_routes, client, viewer_of
from tests.web.chat_helpers import feed_until, post, sign_in
from tests.web.harness import WebBot

TG_USER = 424_242


def _link(web: WebBot, *, park: bool = False, days: int = 30) -> tuple[int, int | None, str]:
    with web.services.db.scope() as session:
        scope = make_park(session) if park else None
        link = links.create(
            session, park=scope, days=days, label="wall", now=web.services.now(), actor="test"
        )
        link_id, park_id = link.id, link.park_id
    assert link_id is not None
    return link_id, park_id, links.token_for(load_secret(web.services.settings), link_id)


def _refused_page(response) -> None:
    assert response.status_code == 403
    assert 'id="board-refused"' in response.text
    assert "set-cookie" not in response.headers


def test_a_valid_link_sets_a_lax_httponly_cookie_and_the_viewer_is_its_park(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    link_id, park_id, token = _link(web, park=True, days=10)
    http = client(web)
    response = http.get(f"/b/{token}")
    assert response.status_code == 303 and response.headers["location"] == "/board"
    parts = [p.strip().lower() for p in response.headers["set-cookie"].split(";")]
    assert parts[0].startswith("parkbot_board=")
    assert {"httponly", "samesite=lax", "path=/"} <= set(parts)
    assert f"max-age={10 * 86_400}" in parts and "secure" not in parts
    assert viewer_of(http) == {
        "person_id": None,
        "park_id": park_id,
        "link_id": link_id,
        "language": None,
    }


def test_a_city_link_is_secure_behind_https(start_web: Callable[..., WebBot]) -> None:
    web = start_web(routes=board_routes(), web_public_url="https://parkbot.example.gov.cn")
    link_id, _, token = _link(web)
    response = client(web).get(f"/b/{token}")
    assert "secure" in [p.strip().lower() for p in response.headers["set-cookie"].split(";")]
    assert link_id > 0


def test_forged_unknown_expired_and_revoked_links_get_403_and_no_cookie(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    link_id, _, token = _link(web, days=1)
    secret = load_secret(web.services.settings)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, links.token_for("another secret", link_id), links.token_for(secret, 999)):
        _refused_page(client(web).get(f"/b/{bad}"))
    # Expired on the services' clock.
    web.services.clock.advance(timedelta(days=1, seconds=1))  # type: ignore[union-attr]
    _refused_page(client(web).get(f"/b/{token}"))
    web.services.clock.advance(-timedelta(days=1, seconds=1))  # type: ignore[union-attr]
    assert client(web).get(f"/b/{token}").status_code == 303
    with web.services.db.scope() as session:
        links.revoke(session, link_id=link_id, now=web.services.now(), actor="test")
    _refused_page(client(web).get(f"/b/{token}"))


def test_the_eleventh_failed_link_from_one_address_is_429(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    link_id, _, token = _link(web)
    secret = load_secret(web.services.settings)
    http = client(web)
    # Opening a good link is no failure: it never uses up the address's attempts.
    for _ in range(3):
        assert http.get(f"/b/{token}").status_code == 303
    for guess in range(10):
        _refused_page(http.get(f"/b/{links.token_for(secret, link_id + 100 + guess)}"))
    for attempt in (f"/b/{links.token_for(secret, 999)}", f"/b/{token}"):  # even a good link
        answer = client(web).get(attempt)
        assert answer.status_code == 429
        assert say("board-access-link-too-many") in answer.text
        assert "set-cookie" not in answer.headers
    assert viewer_of(client(web)) is None


def test_revoking_or_expiry_ends_an_open_board_at_its_next_request(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    first, _, token = _link(web, days=2)
    second, _, other = _link(web, days=1)
    wall, corridor = client(web), client(web)
    assert wall.get(f"/b/{token}").status_code == 303
    assert corridor.get(f"/b/{other}").status_code == 303
    assert viewer_of(wall)["link_id"] == first
    with web.services.db.scope() as session:
        links.revoke(session, link_id=first, now=web.services.now(), actor="test")
    assert viewer_of(wall) is None
    assert viewer_of(corridor)["link_id"] == second
    web.services.clock.advance(timedelta(days=1, seconds=1))  # type: ignore[union-attr]
    assert viewer_of(corridor) is None


def _member(web: WebBot, **fields: object) -> Person:
    with web.services.db.scope() as session:
        person = make_person(session, telegram_user_id=TG_USER, is_liaison=True, **fields)
        session.expunge(person)
    return person


def _user(language: str = "zh-hans") -> dict:
    return {"id": TG_USER, "first_name": "Li", "language_code": language}


def _post(web: WebBot, init_data: object):
    http = client(web)
    return http, http.post("/board/app/session", json={"init_data": init_data})


def test_valid_init_data_signs_a_member_in_with_a_web_session(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    person = _member(web)
    auth = int(web.services.now().timestamp())
    http, response = _post(web, init_data_for(_user(), BOT_TOKEN, auth_date=auth))
    assert response.status_code == 200 and response.json() == {"next": "/board"}
    parts = [p.strip().lower() for p in response.headers["set-cookie"].split(";")]
    assert parts[0].startswith("parkbot_session=") and "httponly" in parts
    assert "samesite=lax" in parts  # plain http: SameSite=None would need Secure
    assert viewer_of(http) == {
        "person_id": person.id,
        "park_id": None,
        "link_id": None,
        "language": person.language,
    }
    with web.services.db.scope() as session:
        row = session.exec(select(WebSession)).one()
        assert (row.person_id, row.user_id) == (person.id, TG_USER)


def test_behind_https_the_mini_app_cookie_is_samesite_none_and_secure(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes(), web_public_url="https://parkbot.example.gov.cn")
    _member(web)
    auth = int(web.services.now().timestamp())
    _, response = _post(web, init_data_for(_user(), BOT_TOKEN, auth_date=auth))
    parts = [p.strip().lower() for p in response.headers["set-cookie"].split(";")]
    assert {"samesite=none", "secure", "httponly"} <= set(parts)


def test_forged_stale_and_stranger_init_data_get_403_and_store_nothing(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes(), miniapp_max_age_seconds=3600)
    _member(web)
    now = int(web.services.now().timestamp())
    good = init_data_for(_user(), BOT_TOKEN, auth_date=now)
    refused = [
        init_data_for(_user(), "111:another-bot", auth_date=now),  # another bot's token
        good.replace("auth_date=", "auth_date=1"),  # a changed field
        good.split("&hash=")[0],  # no hash
        init_data_for(_user(), BOT_TOKEN, auth_date=now - 3601),  # too old
        init_data_for({**_user(), "id": TG_USER + 1}, BOT_TOKEN, auth_date=now),  # stranger
        "",
        None,
        12,
    ]
    for init_data in refused:
        http, response = _post(web, init_data)
        assert response.status_code == 403, init_data
        assert "error" in response.json() and "set-cookie" not in response.headers
        assert viewer_of(http) is None
    http = client(web)
    assert http.post("/board/app/session", content=b"not json").status_code == 403
    with web.services.db.scope() as session:
        assert session.exec(select(WebSession)).all() == []


def test_a_deactivated_member_is_refused_and_their_session_ends(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes())
    person = _member(web)
    now = int(web.services.now().timestamp())
    http, response = _post(web, init_data_for(_user(), BOT_TOKEN, auth_date=now))
    assert response.status_code == 200
    with web.services.db.scope() as session:
        directory.deactivate(
            session, person=session.get(Person, person.id), now=web.services.now(), actor="test"
        )
    assert viewer_of(http) is None
    _, again = _post(web, init_data_for(_user(), BOT_TOKEN, auth_date=now))
    assert again.status_code == 403


def test_the_local_messenger_has_no_mini_app_sign_in(start_web: Callable[..., WebBot]) -> None:
    web = start_web(routes=board_routes(bot_token=None))
    _member(web)
    now = int(web.services.now().timestamp())
    # Signed with the local messenger's own token: still no Mini App sign-in there.
    local_token = web.services.settings.telegram_bot_token
    signed = local_token.get_secret_value() if local_token else BOT_TOKEN
    _, response = _post(web, init_data_for(_user(), signed, auth_date=now))
    assert response.status_code == 403


def test_in_the_local_messenger_board_is_a_link_the_web_chat_session_opens(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=board_routes(), web_public_url="http://10.1.2.3:8080")
    http, person = sign_in(web)
    board = {"text": "看板", "url": "http://10.1.2.3:8080/board"}

    def links_in(messages: list[dict]) -> list[dict]:
        return [
            b for m in messages if m["from_bot"] for row in m["buttons"] for b in row if "url" in b
        ]

    # The welcome after signing in offers it (below the report button), and so does /board.
    welcome, _ = feed_until(http, lambda ms: bool(links_in(ms)))
    assert links_in(welcome) == [board]
    post(http, "/api/send", {"text": "/board"})
    messages, _ = feed_until(http, lambda ms: len(links_in(ms)) == 2)
    assert links_in(messages) == [board, board]
    # The same site's /board: the web chat's cookie is the member's board session.
    assert viewer_of(http)["person_id"] == person.id
    assert viewer_of(client(web)) is None
