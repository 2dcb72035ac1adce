"""The web chat's feed and actions against the real bot, isolation between people, bad input."""

from collections.abc import Callable

from bot.messenger.state import ChatState
from tests.web.chat_helpers import feed, feed_until, post, sign_in, start_chat
from tests.web.harness import WebBot

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _chat(web: WebBot, user_id: int) -> ChatState:
    return web.running.messenger.state.chat(user_id)  # type: ignore[union-attr]


def test_a_sent_text_is_answered_in_a_long_poll(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    first = feed(client)
    count = len(first["messages"])
    assert first["commands"] and first["commands"][0]["command"].startswith("/")
    sent = post(client, "/api/send", {"text": "/help"})
    assert sent.status_code == 200 and sent.json()["ok"]
    messages, _ = feed_until(
        client, lambda ms: any(m["from_bot"] and m["id"] > sent.json()["id"] for m in ms)
    )
    assert len(messages) > count
    mine = [m for m in messages if m["id"] == sent.json()["id"]]
    assert mine and mine[0]["html"] == "/help" and not mine[0]["from_bot"]


def test_buttons_press_and_the_edit_arrives_as_the_same_message(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    sent = post(client, "/api/send", {"text": "/lang"}).json()["id"]
    messages, _ = feed_until(
        client, lambda ms: any(m["from_bot"] and m["id"] > sent and m["buttons"] for m in ms)
    )
    prompt = next(m for m in messages if m["from_bot"] and m["id"] > sent and m["buttons"])
    assert not prompt["edited"]
    button = next(b for row in prompt["buttons"] for b in row if b["data"].endswith("en"))
    pressed = post(client, "/api/press", {"message_id": prompt["id"], "data": button["data"]})
    assert pressed.status_code == 200
    since = feed(client)["revision"]
    answer = feed(client, since, wait=10)
    while not any(m["id"] == prompt["id"] for m in answer["messages"]):
        answer = feed(client, answer["revision"], wait=10)
    edited = next(m for m in answer["messages"] if m["id"] == prompt["id"])
    assert edited["edited"] and edited["buttons"] == [] and edited["html"] != prompt["html"]
    # The edited message has no buttons left: pressing the old one again is refused.
    again = post(client, "/api/press", {"message_id": prompt["id"], "data": button["data"]})
    assert again.status_code == 404


def test_people_cannot_reach_each_others_chat(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    alice, _ = sign_in(web)
    bob, _ = sign_in(web)
    post(alice, "/api/send", {"text": "alice-secret"})
    photo = post_photo(alice, PNG)
    assert photo.status_code == 200
    a_messages, _ = feed_until(alice, lambda ms: any(m["photo"] for m in ms))
    a_photo = next(m["photo"] for m in a_messages if m["photo"])
    assert alice.get(a_photo).status_code == 200
    assert alice.get(a_photo).content == PNG
    b_feed = feed(bob)
    assert all("alice-secret" not in m["html"] for m in b_feed["messages"])
    assert bob.get(a_photo).status_code == 404
    a_bot = [m for m in a_messages if m["from_bot"]]
    # Message ids are per chat: Bob may press his own message 2, never Alice's buttons as such.
    bobs = {(m["id"], b.get("data")) for m in b_feed["messages"] for r in m["buttons"] for b in r}
    pairs = {(m["id"], b["data"]) for m in a_bot for r in m["buttons"] for b in r if "data" in b}
    pairs |= {(a_messages[-1]["id"] + 5, "report:")}
    for message_id, data in pairs - bobs:
        body = {"message_id": message_id, "data": data}
        assert post(bob, "/api/press", body).status_code == 404
    # No chat id can be named: a chat_id in the body is ignored, the post lands in Bob's chat.
    sent = post(bob, "/api/send", {"text": "bob-here", "chat_id": a_bot[0]["id"]})
    assert sent.status_code == 200
    assert all("bob-here" not in m["html"] for m in feed(alice)["messages"])
    assert post(bob, "/api/press", {"message_id": 1, "data": "x"}).status_code == 404


def post_photo(client, data: bytes, name: str = "a.png"):  # type: ignore[no-untyped-def]
    """POST /api/photo with these bytes."""
    return client.post(
        "/api/photo", files={"photo": (name, data, "image/png")}, headers={"X-Parkbot": "1"}
    )


def test_bad_input_is_refused_and_nothing_reaches_the_bot(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_chat(start_web, photo_max_mb=0.01)
    client, _ = sign_in(web)
    user_id = next(iter(u for u in web.running.messenger.state.users if u > 7_000_000_000))  # type: ignore[union-attr]
    before = len(_chat(web, user_id).history)
    assert post(client, "/api/send", {"text": "   "}).status_code == 400
    assert post(client, "/api/send", {"text": "字" * 4097}).status_code == 400
    assert post(client, "/api/send", {"text": 5}).status_code == 400
    assert client.post("/api/send", json={"text": "hi"}).status_code == 403
    garbage = client.post("/api/send", content=b"{not json", headers={"X-Parkbot": "1"})
    assert garbage.status_code == 400 and garbage.json()["error"]
    assert post_photo(client, b"GIF89a not a photo", "x.jpg").status_code == 415
    assert post_photo(client, PNG + b"\0" * 20_000).status_code == 413
    assert client.get("/api/feed", params={"since": "x"}).status_code == 400
    assert client.get("/files/NOPE").status_code == 404
    assert len(_chat(web, user_id).history) == before
    ok = post(client, "/api/send", {"text": "字" * 4096})
    assert ok.status_code == 200  # and the server still serves


def test_a_flood_of_posts_is_429(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    codes = [post(client, "/api/send", {"text": ""}).status_code for _ in range(31)]
    assert codes[:30] == [400] * 30 and codes[30] == 429


def test_a_location_and_an_original_photo_reach_the_chat(start_web: Callable[..., WebBot]) -> None:
    web = start_chat(start_web)
    client, _ = sign_in(web)
    user_id = next(iter(u for u in web.running.messenger.state.users if u > 7_000_000_000))  # type: ignore[union-attr]
    before = len(_chat(web, user_id).history)
    for bad in ({"latitude": "29", "longitude": 111.7}, {"latitude": 91, "longitude": 0}, {}):
        assert post(client, "/api/location", bad).status_code == 400
    assert len(_chat(web, user_id).history) == before
    sent = post(client, "/api/location", {"latitude": 29.0312, "longitude": 111.6981})
    assert sent.status_code == 200
    original = client.post(
        "/api/photo",
        files={"photo": ("a.png", PNG, "image/png")},
        data={"original": "1"},
        headers={"X-Parkbot": "1"},
    )
    assert original.status_code == 200
    messages, _ = feed_until(client, lambda ms: any(m["document"] for m in ms))
    shared = next(m for m in messages if m["id"] == sent.json()["id"])
    assert shared["location"] == {"latitude": 29.0312, "longitude": 111.6981}
    as_file = next(m for m in messages if m["id"] == original.json()["id"])
    assert as_file["document"]["name"] == "photo.png" and as_file["photo"] is None
    assert client.get(as_file["document"]["url"]).content == PNG  # the bytes unchanged
