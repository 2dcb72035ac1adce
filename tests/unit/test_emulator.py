"""Tests for the local Bot API emulator, driven by raw HTTP and by a real PTB Application.

The Bot API contract tests run on both frontends (`frontend`): the emulator's aiohttp one and
the product's local messenger (bot/messenger/server.py) serving the same state. Those marked
`emulator_only` test what only the emulator's frontend has: faults, flood limits, latency.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dtm
import hashlib
import io
import json
import time
from collections.abc import Iterator

import httpx
import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.messenger.params import normalize_params
from tests.emulator import BotApiEmulator, BotThread, button_texts
from tests.emulator.limits import RateLimiter
from tests.emulator.server import EmulatorOnly, Frontend

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TOKEN = "123:ABC"


class FakeClock:
    """A manually advanced monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def seconds(value: int | float | dtm.timedelta) -> float:
    """Normalize RetryAfter.retry_after (int or timedelta depending on PTB_TIMEDELTA)."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# -- a tiny bot ------------------------------------------------------------------------------


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Option A", callback_data="pick:a")],
            [InlineKeyboardButton("Option B", callback_data="pick:b")],
        ]
    )
    user = update.effective_user
    assert update.message is not None and user is not None
    await update.message.reply_text(f"Hello, {user.first_name}!", reply_markup=keyboard)


async def on_pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"picked {query.data.split(':')[1]}")


async def on_phone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Share phone", request_contact=True)], [KeyboardButton("Skip")]]
    )
    assert update.message is not None
    await update.message.reply_text("Please share your phone", reply_markup=keyboard)


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.contact is not None
    contact = update.message.contact
    await update.message.reply_text(f"phone {contact.phone_number} of {contact.user_id}")


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    file = await update.message.photo[-1].get_file()
    data = bytes(await file.download_as_bytearray())
    await update.message.reply_text(f"photo {len(data)} {hashlib.sha256(data).hexdigest()}")


async def on_html(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_html("<b>Report</b> for A &amp; B")


async def on_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    assert message is not None
    if message.document is not None:
        file = await message.document.get_file()
        data = await file.download_as_bytearray()
        await message.reply_text(f"document {message.document.file_name} {len(data)}")
    elif message.location is not None:
        await message.reply_text(f"location {message.location.latitude}")
    else:
        kind = type(message.effective_attachment).__name__
        await message.reply_text(f"got {kind}")


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.edited_message is not None
    await update.edited_message.reply_text(f"edited: {update.edited_message.text}")


async def on_my_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    member = update.my_chat_member
    assert member is not None
    if member.new_chat_member.status == "member":
        await context.bot.send_message(member.chat.id, "welcome back")


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(f"echo: {update.message.text}")


def build_app(emu: BotApiEmulator, token: str = TOKEN) -> Application:
    """Build the test bot against the emulator."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CommandHandler("phone", on_phone))
    app.add_handler(CommandHandler("html", on_html))
    app.add_handler(CallbackQueryHandler(on_pick, pattern=r"^pick:"))
    app.add_handler(MessageHandler(filters.CONTACT, on_contact))
    app.add_handler(MessageHandler(filters.PHOTO, on_photo))
    media = filters.Sticker.ALL | filters.VOICE | filters.LOCATION | filters.Document.ALL
    app.add_handler(MessageHandler(media, on_media))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, on_edited))
    app.add_handler(ChatMemberHandler(on_my_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    return app


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on both frontends, but those that need the emulator's own."""
    if "frontend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("emulator_only")
        metafunc.parametrize("frontend", ["emulator"] if only else ["emulator", "local"])


@pytest.fixture
def emu(frontend: Frontend) -> Iterator[BotApiEmulator]:
    with BotApiEmulator(
        token=TOKEN, bot_username="parkbot_test_bot", frontend=frontend
    ) as emulator:
        yield emulator


@pytest.fixture
def bot(emu: BotApiEmulator) -> Iterator[BotThread]:
    runner = BotThread(build_app(emu))
    runner.start()
    yield runner
    runner.stop()
    runner.assert_no_errors()


@pytest.fixture
def http(emu: BotApiEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{emu.base_url}{TOKEN}/", timeout=5) as client:
        yield client


# -- raw HTTP --------------------------------------------------------------------------------


def test_get_me_auth_and_unknown_method(emu: BotApiEmulator, http: httpx.Client) -> None:
    me = http.get("getMe").json()
    assert me["ok"] is True
    assert me["result"]["username"] == "parkbot_test_bot"
    assert me["result"]["is_bot"] is True

    wrong = httpx.get(f"{emu.base_url}123:WRONG/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}

    unknown = http.post("noSuchMethod")
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert [c[1] for c in emu.calls] == ["getMe", "getMe", "noSuchMethod"]


@pytest.mark.emulator_only(reason="link latency")
def test_link_latency_delays_a_call_both_ways(emu: BotApiEmulator, http: httpx.Client) -> None:
    emu.set_latency(200)
    started = time.monotonic()
    assert http.get("getMe").json()["ok"] is True
    answered = time.monotonic()
    ((seen, method, _, status),) = emu.calls
    assert (method, status) == ("getMe", 200)
    # Half the round trip passes before the emulator sees the call, half before the answer.
    assert seen - started >= 0.1
    assert answered - seen >= 0.1
    emu.set_latency(0)
    with pytest.raises(ValueError):
        emu.set_latency(-1)


def test_params_json_form_and_typing(emu: BotApiEmulator, http: httpx.Client) -> None:
    emu.add_user(5, "Zhao")
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    form = http.post(
        "sendMessage", data={"chat_id": "5", "text": "123", "reply_markup": json.dumps(markup)}
    )
    body = http.post("sendMessage", json={"chat_id": 5, "text": "json", "reply_markup": markup})
    assert form.json()["result"]["reply_markup"] == markup
    assert form.json()["result"]["text"] == "123"
    assert body.json()["result"]["message_id"] == 2
    assert normalize_params({"show_alert": "true", "offset": "-1", "text": "42"}) == {
        "show_alert": True,
        "offset": -1,
        "text": "42",
    }


def test_lengths_are_counted_in_utf16_units_as_telegram_does(
    emu: BotApiEmulator, http: httpx.Client
) -> None:
    emu.add_user(6, "Qian")
    fits = http.post("sendMessage", json={"chat_id": 6, "text": "😀" * 2048})
    assert fits.json()["ok"]
    # 2,049 code points for len(), 4,098 units for Telegram: refused.
    long = http.post("sendMessage", json={"chat_id": 6, "text": "😀" * 2049})
    assert long.status_code == 400 and "message is too long" in long.json()["description"]


def test_get_updates_long_poll_wakes_and_offset_confirms(
    emu: BotApiEmulator, http: httpx.Client
) -> None:
    user = emu.add_user(11, "Sun")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        pending = pool.submit(lambda: http.post("getUpdates", json={"timeout": 10}).json())
        emu.wait_until(lambda: emu.active_polls == 1)
        # Counted on arrival, logged only when answered.
        assert (emu.polls_started, emu.calls_for("getUpdates")) == (1, [])
        user.send_text("first")
        result = pending.result(timeout=5)["result"]
        assert time.monotonic() - started < 3
    assert [u["message"]["text"] for u in result] == ["first"]

    user.send_text("second")
    again = http.post("getUpdates", json={"offset": result[0]["update_id"] + 1}).json()
    assert [u["message"]["text"] for u in again["result"]] == ["second"]
    assert emu.pending_updates() == 1
    http.post("getUpdates", json={"offset": again["result"][0]["update_id"] + 1, "timeout": 0})
    assert emu.pending_updates() == 0


def test_webhook_blocks_get_updates(emu: BotApiEmulator, http: httpx.Client) -> None:
    assert http.post("setWebhook", data={"url": "https://example.invalid/hook"}).json()["ok"]
    assert http.post("getWebhookInfo").json()["result"]["url"] == "https://example.invalid/hook"
    assert http.post("getUpdates").status_code == 409
    http.post("deleteWebhook")
    assert http.post("getUpdates").json() == {"ok": True, "result": []}


def test_wait_message_timeout_describes_what_arrived(
    emu: BotApiEmulator, http: httpx.Client
) -> None:
    user = emu.add_user(12, "Zhou")
    http.post("sendMessage", json={"chat_id": 12, "text": "something else"})
    with pytest.raises(AssertionError, match="something else"):
        user.wait_message(lambda m: m.get("text") == "expected", timeout=0.05)
    assert user.wait_message("something")["text"] == "something else"


def test_random_faults_are_seeded_and_counted() -> None:
    outcomes = []
    for _ in range(2):
        with BotApiEmulator(token=TOKEN, seed=7) as emu:
            emu.faults.configure(rate_5xx=0.5)
            with httpx.Client(base_url=f"{emu.base_url}{TOKEN}/") as client:
                codes = [client.post("getWebhookInfo").status_code for _ in range(20)]
                assert client.post("getMe").status_code == 200  # exempt by default
            assert emu.faults.injected["5xx"] == codes.count(502)
            outcomes.append(codes)
    assert outcomes[0] == outcomes[1]
    assert 0 < outcomes[0].count(502) < 20


# -- real PTB bot ----------------------------------------------------------------------------


def test_start_command_roundtrip(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1001, "Li", username="li")
    user.send_command("start")
    reply = user.wait_message()
    assert reply["text"] == "Hello, Li!"
    assert reply["from"]["is_bot"] is True
    assert button_texts(reply) == ["Option A", "Option B"]
    assert emu.sent_count(1001) == 1


def test_inline_press_is_answered_and_edits(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1002, "Wang")
    user.send_command("start")
    menu = user.wait_message("Hello")
    query = user.press("Option B")
    assert query["data"] == "pick:b"
    answer = user.wait_callback_answer()
    assert answer["callback_query_id"] == query["id"]
    assert answer["text"] == "got pick:b"
    edited = user.wait_edit(menu, "picked b")
    assert edited["edits"] == 1
    assert "reply_markup" not in edited  # editing without markup removes the keyboard
    assert emu.sent_count(1002) == 1


def test_edit_to_same_text_is_not_modified(emu: BotApiEmulator, bot: BotThread) -> None:
    emu.add_user(1003, "Zhang")
    sent = bot.run(bot.app.bot.send_message(1003, "status: ok"))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        bot.run(bot.app.bot.edit_message_text("status: ok", 1003, sent.message_id))
    edited = bot.run(bot.app.bot.edit_message_text("status: late", 1003, sent.message_id))
    assert edited.text == "status: late"


def test_reply_keyboard_contact_and_plain_text(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1004, "Chen", phone="+8613900000001")
    user.send_command("phone")
    user.wait_message("share your phone")
    user.press("Share phone")
    assert user.wait_message()["text"] == "phone +8613900000001 of 1004"
    user.press("Skip")
    assert user.wait_message()["text"] == "echo: Skip"
    user.send_contact("+8613900000002", user_id=42, first_name="Other")
    assert user.wait_message()["text"] == "phone +8613900000002 of 42"


def test_user_photo_is_downloaded_by_bot(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1005, "Liu")
    data = bytes(range(256)) * 40
    sent = user.send_photo(data, caption="site photo")
    assert emu.file_bytes(sent["photo"][-1]["file_id"]) == data
    reply = user.wait_message()
    assert reply["text"] == f"photo {len(data)} {hashlib.sha256(data).hexdigest()}"
    assert emu.calls_for("getFile") and emu.calls_for("downloadFile")[-1][3] == 200


def test_bot_uploads_photo_and_document(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1006, "Yang")
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 100
    photo_msg = bot.run(bot.app.bot.send_photo(1006, photo=png, caption="chart"))
    xlsx = b"PK\x03\x04 fake workbook"
    document = io.BytesIO(xlsx)
    doc_msg = bot.run(bot.app.bot.send_document(1006, document=document, filename="report.xlsx"))

    stored_photo = user.wait_message(lambda m: "photo" in m)
    assert stored_photo["caption"] == "chart"
    assert emu.file_bytes(stored_photo["photo"][-1]["file_id"]) == png
    assert photo_msg.photo[-1].file_id == stored_photo["photo"][-1]["file_id"]
    stored_doc = user.wait_message(lambda m: "document" in m)
    assert stored_doc["document"]["file_name"] == "report.xlsx"
    assert emu.file_bytes(doc_msg.document.file_id) == xlsx

    again = bot.run(bot.app.bot.send_document(1006, document=doc_msg.document.file_id))
    assert again.document.file_id == doc_msg.document.file_id
    file = bot.run(bot.app.bot.get_file(doc_msg.document.file_id))
    assert bytes(bot.run(file.download_as_bytearray())) == xlsx


def test_html_parse_mode_is_rendered_and_validated(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1007, "Huang")
    user.send_command("html")
    reply = user.wait_message()
    assert reply["text"] == "Report for A & B"
    assert reply["raw_text"] == "<b>Report</b> for A &amp; B"
    with pytest.raises(BadRequest, match=r"(?i)can.t parse entities"):
        bot.run(bot.app.bot.send_message(1007, "<div>x</div>", parse_mode="HTML"))


def test_group_chat(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1008, "Zhou")
    group = emu.add_group(-100123, "Dispatch")
    user.send_text("hello group", chat=group)
    assert group.wait_message()["text"] == "echo: hello group"
    assert emu.sent_count(1008) == 0


def test_blocked_user_gets_forbidden(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1009, "Wu")
    user.block()
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        bot.run(bot.app.bot.send_message(1009, "hi"))
    user.unblock()  # queues my_chat_member updates; the bot greets on the second one
    assert user.wait_message()["text"] == "welcome back"
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        bot.run(bot.app.bot.send_message(999999, "nobody"))


def test_user_media_types_reach_the_bot(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1015, "He")
    user.send_sticker()
    assert user.wait_message()["text"] == "got Sticker"
    user.send_voice(b"OggS voice", duration=3)
    assert user.wait_message()["text"] == "got Voice"
    user.send_location(31.23, 121.47)
    assert user.wait_message()["text"] == "location 31.23"
    user.send_document(b"a,b\n1,2\n", file_name="plan.csv", mime_type="text/csv")
    assert user.wait_message()["text"] == "document plan.csv 8"


def test_user_edit_produces_edited_message(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1016, "Luo")
    sent = user.send_text("draft")
    assert user.wait_message()["text"] == "echo: draft"
    user.edit_text(sent, "final")
    assert user.wait_message()["text"] == "edited: final"


def test_delete_chat_action_and_menu_button(emu: BotApiEmulator, bot: BotThread) -> None:
    from telegram import MenuButtonCommands

    user = emu.add_user(1017, "Song")
    tg = bot.app.bot
    first = bot.run(tg.send_message(1017, "first"))
    bot.run(tg.send_message(1017, "second"))
    assert bot.run(tg.delete_message(1017, first.message_id))
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        bot.run(tg.delete_message(1017, first.message_id))
    assert [m.get("deleted", False) for m in user.messages()] == [True, False]
    last = user.last()
    assert last is not None and last["text"] == "second"
    assert bot.run(tg.send_chat_action(1017, "typing"))
    assert bot.run(tg.set_chat_menu_button(1017, MenuButtonCommands()))
    assert isinstance(bot.run(tg.get_chat_menu_button(1017)), MenuButtonCommands)


def test_drain_and_expect_silence(emu: BotApiEmulator, http: httpx.Client) -> None:
    user = emu.add_user(1018, "Tang")
    for text in ("a", "b"):
        http.post("sendMessage", json={"chat_id": 1018, "text": text})
    assert [m["text"] for m in user.drain()] == ["a", "b"]
    user.expect_silence(timeout=0.05)
    http.post("sendMessage", json={"chat_id": 1018, "text": "c"})
    with pytest.raises(AssertionError, match="expected silence"):
        user.expect_silence(timeout=0.05)


def test_commands_stored_per_language(emu: BotApiEmulator, bot: BotThread) -> None:
    from telegram import BotCommand

    zh = [BotCommand("start", "开始"), BotCommand("report", "月报")]
    en = [BotCommand("start", "Start")]
    assert bot.run(bot.app.bot.set_my_commands(zh, language_code="zh"))
    assert bot.run(bot.app.bot.set_my_commands(en))
    assert [c["command"] for c in emu.commands(language_code="zh")] == ["start", "report"]
    assert emu.commands() == [{"command": "start", "description": "Start"}]
    fetched = bot.run(bot.app.bot.get_my_commands(language_code="zh"))
    assert [c.description for c in fetched] == ["开始", "月报"]
    with pytest.raises(BadRequest):
        bot.run(bot.app.bot.set_my_commands([BotCommand("Bad-Name", "x")]))


@pytest.mark.emulator_only(reason="fault injection")
def test_fail_next_429_raises_retry_after(emu: BotApiEmulator, bot: BotThread) -> None:
    user = emu.add_user(1010, "Xu")
    emu.fail_next("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        bot.run(bot.app.bot.send_message(1010, "lost"))
    assert seconds(caught.value.retry_after) == 7
    assert emu.sent_count(1010) == 0
    bot.run(bot.app.bot.send_message(1010, "delivered"))
    assert user.wait_message()["text"] == "delivered"
    assert emu.faults.injected["429"] == 1


@pytest.mark.emulator_only(reason="fault injection")
def test_fail_next_502_and_drops(emu: BotApiEmulator, bot: BotThread) -> None:
    emu.add_user(1011, "Ma")
    send = bot.app.bot.send_message
    emu.fail_next("sendMessage", "5xx")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        bot.run(send(1011, "a"))
    emu.fail_next("sendMessage", "drop")
    with pytest.raises(NetworkError):
        bot.run(send(1011, "b"))
    assert emu.sent_count(1011) == 0
    emu.fail_next("sendMessage", "drop_after")
    with pytest.raises(NetworkError):
        bot.run(send(1011, "c"))
    assert [m["text"] for m in emu.bot_messages(1011)] == ["c"]  # delivered, answer lost
    assert [c[3] for c in emu.calls_for("sendMessage")] == [502, 0, 200]


@pytest.mark.emulator_only(reason="fault injection")
def test_fail_next_only_hits_calls_it_matches(emu: BotApiEmulator, bot: BotThread) -> None:
    emu.add_user(1013, "Yu")
    send = bot.app.bot.send_message
    emu.fail_next("sendMessage", "5xx", count=1, matching=lambda params: "final" in params["text"])
    bot.run(send(1013, "progress"))
    with pytest.raises(NetworkError, match="Bad Gateway"):
        bot.run(send(1013, "final"))
    bot.run(send(1013, "final"))
    assert [c[3] for c in emu.calls_for("sendMessage")] == [200, 502, 200]


@pytest.mark.emulator_only(reason="fault injection")
def test_slow_response_times_out_without_delivery(emu: BotApiEmulator, bot: BotThread) -> None:
    emu.add_user(1012, "Gao")
    emu.faults.configure(slow_seconds=0.3)
    emu.fail_next("sendMessage", "slow")
    with pytest.raises(TimedOut):
        bot.run(bot.app.bot.send_message(1012, "late", read_timeout=0.05))
    emu.wait_until(lambda: bool(emu.calls_for("sendMessage")), timeout=3)
    assert emu.calls_for("sendMessage")[0][3] == 0
    assert emu.sent_count(1012) == 0


@pytest.mark.emulator_only(reason="flood limits")
def test_rate_limit_per_private_chat(emu: BotApiEmulator, bot: BotThread) -> None:
    clock = FakeClock()
    emu.clock = clock
    emu.enforce_limits()
    user = emu.add_user(1013, "Lin")
    bot.run(bot.app.bot.send_message(1013, "one"))
    clock.advance(0.5)
    with pytest.raises(RetryAfter) as caught:
        bot.run(bot.app.bot.send_message(1013, "two"))
    assert seconds(caught.value.retry_after) >= 1
    assert emu.limit_violations == 1
    clock.advance(0.5)
    bot.run(bot.app.bot.send_message(1013, "two"))
    assert [m["text"] for m in user.messages()] == ["one", "two"]


def test_rate_limiter_group_and_overall_windows() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock, overall_per_s=30, per_chat_per_s=1, per_group_per_min=20)
    for _ in range(20):
        assert limiter.check(-1, private=False) is None
        limiter.record(-1, private=False)
        clock.advance(0.5)
    assert limiter.check(-1, private=False) == 50  # first send ages out at t0 + 60
    clock.advance(50)
    assert limiter.check(-1, private=False) is None

    for chat_id in range(1, 31):
        assert limiter.check(chat_id, private=True) is None
        limiter.record(chat_id, private=True)
    assert limiter.check(99, private=True) == 1
    clock.advance(1.0)
    assert limiter.check(99, private=True) is None


def test_bot_thread_reports_startup_failure(emu: BotApiEmulator) -> None:
    runner = BotThread(build_app(emu, token="123:WRONG"))
    with pytest.raises(RuntimeError, match="failed to start"):
        runner.start()
    runner.stop()


def test_bot_thread_records_handler_errors(emu: BotApiEmulator) -> None:
    app = build_app(emu)

    async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise ValueError("boom")

    app.add_handler(CommandHandler("broken", broken), group=-1)
    user = emu.add_user(1014, "Qian")
    with BotThread(app) as runner:
        user.send_command("broken")
        assert isinstance(runner.wait_error(), ValueError)
    with pytest.raises(AssertionError, match="boom"):
        runner.assert_no_errors()


def test_bot_restart_resumes_without_duplicates(emu: BotApiEmulator) -> None:
    user = emu.add_user(1019, "Deng")
    with BotThread(build_app(emu)):
        user.send_text("one")
        assert user.wait_message()["text"] == "echo: one"
    user.send_text("two")  # queued while the bot is down
    with BotThread(build_app(emu)):
        assert user.wait_message()["text"] == "echo: two"
        user.expect_silence(timeout=0.2)
    assert [m["text"] for m in user.messages()] == ["echo: one", "echo: two"]


def test_the_local_frontend_refuses_emulator_only_features() -> None:
    with BotApiEmulator(token=TOKEN, frontend="local") as emu:
        for ask in (
            lambda: emu.fail_next("sendMessage", "429"),
            lambda: emu.enforce_limits(),
            lambda: emu.set_latency(10),
            lambda: emu.faults,
        ):
            with pytest.raises(EmulatorOnly, match="emulator_only"):
                ask()
        emu.set_latency(0)  # no latency is what the local messenger has
    with pytest.raises(ValueError, match="unknown frontend"):
        BotApiEmulator(frontend="telegram")  # type: ignore[arg-type]
