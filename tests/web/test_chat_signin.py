"""Web chat sign-in: an invite link binds the browser to the person, once, and is rate-limited."""

from collections.abc import Callable

from sqlmodel import col, func, select

from bot.messenger.state import message_text
from models import AuditEntry, Invite, Person, WebSession
from tests.web.chat_helpers import browser, feed, invite, start_chat
from tests.web.harness import WebBot


def _rows(web: WebBot) -> tuple[int, int, int]:
    with web.services.db.scope() as session:
        return (
            session.exec(select(func.count()).select_from(WebSession)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
            session.exec(
                select(func.count()).select_from(Invite).where(col(Invite.used_at).is_not(None))
            ).one(),
        )


def test_a_live_link_binds_and_lands_in_the_chat_with_the_greeting(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    person, token = invite(web)
    client = browser(web)
    page = client.get(f"/join/{token}")
    assert page.status_code == 200 and 'id="join"' in page.text and 'id="join-button"' in page.text
    response = client.post(f"/join/{token}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    with web.services.db.scope() as session:
        bound = session.get(Person, person.id)
        assert bound is not None and bound.telegram_user_id is not None
        assert bound.telegram_user_id > 7_000_000_000
    home = client.get("/")
    assert home.status_code == 200 and 'id="chat"' in home.text
    answer = feed(client)
    bot_said = [m for m in answer["messages"] if m["from_bot"]]
    assert bot_said and bot_said[0]["html"]
    state = web.running.messenger.state  # type: ignore[union-attr]
    assert message_text(state.chat(bound.telegram_user_id).bot_messages()[0])


def test_the_same_link_again_is_refused_and_writes_nothing(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    _, token = invite(web)
    assert browser(web).post(f"/join/{token}").status_code == 303
    before = _rows(web)
    other = browser(web)
    again = other.post(f"/join/{token}")
    assert again.status_code == 410 and 'id="join-refused"' in again.text
    assert "parkbot_session" not in other.cookies
    assert other.get(f"/join/{token}").status_code == 410
    assert _rows(web) == before


def test_an_unknown_token_is_404_and_get_never_writes(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    _, token = invite(web)
    client = browser(web)
    assert client.get("/join/no-such-token").status_code == 404
    assert client.post("/join/no-such-token").status_code == 404
    before = _rows(web)
    for _ in range(3):
        assert client.get(f"/join/{token}").status_code == 200
    assert _rows(web) == before
    assert "parkbot_session" not in client.cookies


def test_the_eleventh_failed_attempt_from_one_address_is_429(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    _, token = invite(web)
    client = browser(web)
    for n in range(10):
        assert client.post(f"/join/guess-{n}").status_code == 404
    assert client.post("/join/guess-10").status_code == 429
    assert client.get(f"/join/{token}").status_code == 429  # even a live link, for a while
