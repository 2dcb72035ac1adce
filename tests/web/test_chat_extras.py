"""Web chat extras: toasts once, the shared phone, documents, the language switch, the menu."""

from collections.abc import Callable

from bot.messenger.api import document_object
from tests.web.chat_helpers import browser, feed, post, sign_in, start_chat
from tests.web.harness import WebBot


def _user_id(web: WebBot) -> int:
    state = web.running.messenger.state  # type: ignore[union-attr]
    return max(state.users)


def test_a_toast_wakes_the_long_poll_and_is_delivered_once(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    messenger = web.running.messenger  # type: ignore[union-attr]
    user_id = _user_id(web)
    revision = feed(client)["revision"]
    with messenger.state.cond:
        messenger.state.callback_queries["cq-test"] = user_id
    messenger.api.on_answerCallbackQuery({"callback_query_id": "cq-test", "text": "已保存"})
    answer = feed(client, revision, wait=10)
    assert answer["toasts"] == ["已保存"]
    assert feed(client, revision)["toasts"] == []


def test_the_contact_button_shares_the_roster_phone(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    client, person = sign_in(web)
    response = post(client, "/api/contact")
    assert response.status_code == 200
    chat = web.running.messenger.state.chat(_user_id(web))  # type: ignore[union-attr]
    shared = chat.find(response.json()["id"])
    assert shared is not None and shared["contact"]["phone_number"] == person.phone
    assert shared["contact"]["user_id"] == _user_id(web)


def test_a_document_of_ones_own_chat_downloads_as_an_attachment(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    other, _ = sign_in(web)
    state = web.running.messenger.state  # type: ignore[union-attr]
    owner = min(u for u in state.users if u > 7_000_000_000)
    record = state.add_file(
        b"PK\x03\x04ledger", "documents", ".xlsx", "application/zip", "台账.xlsx"
    )
    state.new_message(
        state.chat(owner), state.bot_sender, edits=0, document=document_object(record)
    )
    message = feed(client)["messages"][-1]
    assert message["document"] == {
        "url": f"/files/{record.file_id}",
        "name": "台账.xlsx",
        "size": len(b"PK\x03\x04ledger"),
    }
    download = client.get(message["document"]["url"])
    assert download.status_code == 200 and download.content == b"PK\x03\x04ledger"
    assert download.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx"
    )
    assert other.get(message["document"]["url"]).status_code == 404
    assert browser(web).get(message["document"]["url"]).status_code == 401


def test_the_language_follows_the_cookie_then_accept_language(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    client = browser(web)
    chinese = client.get("/").text
    english = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).text
    assert chinese != english and 'lang="zh-CN"' in chinese and 'lang="en"' in english
    switched = client.get("/lang/en", headers={"Referer": f"{web.url}/join/abc"})
    assert switched.status_code == 303 and switched.headers["location"] == "/join/abc"
    assert 'lang="en"' in client.get("/").text
    outside = client.get("/lang/zh_CN", headers={"Referer": "https://evil.example/x"})
    assert outside.headers["location"] == "/"
    assert client.get("/lang/fr").status_code == 404
