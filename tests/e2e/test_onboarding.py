"""Onboarding end to end: invite tokens, contact binding, strangers, /help, /lang, menus."""

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.people.invites import issue_invite
from models import AuditEntry, Person
from tests.e2e.chat import buttons
from tests.factories import make_person, make_project
from tests.screens import on, say

TTL = timedelta(days=14)


@pytest.fixture
def roster(db, now):
    """A liaison with a project, a leader, an admin; invites for the liaison."""
    with db.scope() as session:
        liaison = make_person(session, "李敏", phone="13900000011", is_liaison=True, unit="经开区")
        leader = make_person(session, "王强", phone="13900000012", is_leader=True)
        admin = make_person(session, "赵磊", phone="13900000013", is_admin=True)
        make_project(session, name="中联起重机械", leader=leader, liaisons=(liaison,))
        token = issue_invite(session, person=liaison, now=now, ttl=TTL)
    return {"liaison": liaison, "leader": leader, "admin": admin, "token": token}


def bound_account(db, person_id):
    with db.scope() as session:
        return session.get(Person, person_id).telegram_user_id


def test_start_with_invite_binds_and_greets_by_name_and_role(harness, roster):
    user = harness.emulator.add_user(1001, "Min")
    user.send_command("start", roster["token"])
    greeting = user.wait_message()
    assert on(greeting["text"], "greet", name="李敏", roles=say("role-liaison"))
    assert on(greeting["text"], "greet-liaison-projects", projects="中联起重机械")
    assert say("greet-next") in greeting["text"]
    assert bound_account(harness.db, roster["liaison"].id) == 1001


def test_reused_token_is_refused(harness, roster):
    first = harness.emulator.add_user(1001, "Min")
    first.send_command("start", roster["token"])
    first.wait_message(lambda m: on(m["text"], "greet", name="李敏"))
    second = harness.emulator.add_user(1002, "Other")
    second.send_command("start", roster["token"])
    refusal = second.wait_message()
    assert say("invite-error-used") in refusal["text"]
    assert bound_account(harness.db, roster["liaison"].id) == 1001


def test_expired_and_unknown_tokens_are_refused(harness, roster):
    user = harness.emulator.add_user(1003, "Late")
    harness.clock.advance(TTL)
    user.send_command("start", roster["token"])
    assert say("invite-error-expired") in user.wait_message()["text"]
    user.send_command("start", "forged-token-0123456789")
    assert say("invite-error-unknown") in user.wait_message()["text"]
    assert bound_account(harness.db, roster["liaison"].id) is None


def test_stranger_gets_an_explanation_with_a_share_phone_button_and_no_data(harness, roster):
    user = harness.emulator.add_user(2001, "Stranger")
    user.send_command("start")
    reply = user.wait_message()
    assert say("welcome-unknown") in reply["text"]
    assert "中联起重机械" not in reply["text"]
    keyboard = reply["reply_keyboard"]["keyboard"]
    assert keyboard[0][0]["request_contact"] is True
    user.send_text("中联")
    assert "中联起重机械" not in user.wait_message()["text"]
    user.send_command("whoami")
    assert "/start" in user.wait_message()["text"]


def test_contact_binding_with_the_share_phone_button(harness, roster):
    user = harness.emulator.add_user(3001, "Qiang", phone="+86 139 0000 0012")
    user.send_command("start")
    user.wait_message()
    user.press(say("button-share-phone"))
    greeting = user.wait_message()
    assert on(greeting["text"], "greet", name="王强", roles=say("role-leader"))
    assert bound_account(harness.db, roster["leader"].id) == 3001


def test_spoofed_contact_is_refused(harness, roster):
    user = harness.emulator.add_user(3002, "Spoofer")
    user.send_contact("+8613900000012", user_id=9999)
    refusal = user.wait_message()
    assert say("invite-error-contact-not-own") in refusal["text"]
    assert bound_account(harness.db, roster["leader"].id) is None


def test_contact_with_unknown_phone_is_refused(harness, roster):
    user = harness.emulator.add_user(3003, "Unknown", phone="+8613811112222")
    user.send_contact()
    assert say("invite-error-phone-unknown") in user.wait_message()["text"]


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        ("liaison", ["/help", "/lang", "/whoami"], []),
        ("admin", ["/help", "/lang", "/whoami"], []),
    ],
)
def test_help_lists_the_commands_of_the_role(harness, roster, db, role, expected, absent):
    with db.scope() as session:
        person = session.get(Person, roster[role].id)
        person.telegram_user_id = 4000
    user = harness.emulator.add_user(4000, "Member")
    user.send_command("help")
    text = user.wait_message()["text"]
    for command in expected:
        assert command in text
    for command in absent:
        assert command not in text


def test_help_for_a_stranger_lists_only_start_and_help(harness):
    user = harness.emulator.add_user(4001, "Stranger", language_code="en")
    user.send_command("help")
    text = user.wait_message()["text"]
    assert "/start" in text and "/help" in text and "/lang" not in text
    assert "access" in text  # English from Telegram's language_code


def test_lang_switches_language_and_menu(harness, roster):
    user = harness.emulator.add_user(5001, "Min")
    user.send_command("start", roster["token"])
    user.wait_message()
    user.send_command("lang")
    user.wait_message(lambda m: say("lang-choose") in m["text"])
    user.press("English")
    answer = user.wait_callback_answer()
    assert answer.get("text") is None
    harness.emulator.wait_until(
        lambda: any(m["text"] == say("lang-set", "en") for m in user.messages())
    )
    user.send_command("help")
    assert say("help-header", "en") in user.wait_message()["text"]
    with harness.db.scope() as session:
        assert session.get(Person, roster["liaison"].id).language == "en"
        actions = {entry.action for entry in session.exec(select(AuditEntry))}
    assert {"bind", "set-language"} <= actions
    menu = harness.emulator.state.commands
    chat_menu = next(v for k, v in menu.items() if str(5001) in k[0])
    assert [c["command"] for c in chat_menu] == [
        "start",
        "help",
        "report",
        "status",
        "park",
        "problems",
        "chart",
        "board",
        "objection",
        "service",
        "pairing",
        "meetings",
        "cancel",
        "lang",
        "whoami",
    ]
    assert chat_menu[1]["description"] == say("cmd-help", "en")


@pytest.mark.parametrize(
    ("argument", "language", "confirmation", "menu_help"),
    [
        ("en", "en", say("lang-set", "en"), say("cmd-help", "en")),
        ("English", "en", say("lang-set", "en"), say("cmd-help", "en")),
        ("英文", "en", say("lang-set", "en"), say("cmd-help", "en")),
        ("zh", "zh_CN", say("lang-set"), say("cmd-help")),
        ("中文", "zh_CN", say("lang-set"), say("cmd-help")),
    ],
)
def test_lang_with_an_argument_switches_at_once(
    harness, roster, argument, language, confirmation, menu_help
):
    # Start in the other language, so the switch is visible.
    other = "zh_CN" if language == "en" else "en"
    with harness.db.scope() as session:
        person = session.get(Person, roster["liaison"].id)
        person.telegram_user_id, person.language = 5002, other
    user = harness.emulator.add_user(5002, "Min")
    user.send_command("lang", argument)
    reply = user.wait_message()
    assert reply["text"] == confirmation
    assert not reply.get("reply_markup")  # switched: no buttons to press
    with harness.db.scope() as session:
        assert session.get(Person, roster["liaison"].id).language == language

    def chat_menu() -> list[dict]:
        menus = harness.emulator.state.commands.items()
        return next((menu for key, menu in menus if str(5002) in key[0]), [])

    # The chat's command menu is republished in the new language.
    harness.emulator.wait_until(lambda: [c["description"] for c in chat_menu()][1:2] == [menu_help])


def test_lang_with_an_unknown_argument_says_so_and_offers_the_buttons(harness, roster):
    with harness.db.scope() as session:
        session.get(Person, roster["liaison"].id).telegram_user_id = 5003
    user = harness.emulator.add_user(5003, "Min")
    user.send_command("lang", "klingon")
    reply = user.wait_message()
    assert say("lang-unknown", text="klingon") in reply["text"]
    assert buttons(reply) == [say("lang-name-zh_CN"), say("lang-name-en")]
    with harness.db.scope() as session:
        assert session.get(Person, roster["liaison"].id).language != "en"


def test_default_menus_are_published_per_language(harness):
    harness.emulator.wait_until(lambda: len(harness.emulator.state.commands) >= 3)
    by_language = {key[1]: value for key, value in harness.emulator.state.commands.items()}
    assert [c["command"] for c in by_language["zh"]] == ["start", "help"]
    assert by_language["en"][1]["description"] == say("cmd-help", "en")
    assert json.dumps(by_language["zh"], ensure_ascii=False).count(say("cmd-help")) == 1


def test_stickers_voice_and_edits_get_a_polite_answer(harness, roster, db):
    with db.scope() as session:
        session.get(Person, roster["admin"].id).telegram_user_id = 6001
    user = harness.emulator.add_user(6001, "Lei")
    user.send_sticker()
    assert say("not-understood") in user.wait_message()["text"]
    user.send_voice()
    assert say("not-understood") in user.wait_message()["text"]
    sent = user.send_text("hello")
    user.wait_message()
    user.edit_text(sent, "hello again")
    assert say("edited-not-supported") in user.wait_message()["text"]


def test_group_commands_get_a_private_chat_hint_and_no_data(harness, roster, db):
    with db.scope() as session:
        session.get(Person, roster["admin"].id).telegram_user_id = 7001
    user = harness.emulator.add_user(7001, "Lei")
    group = harness.emulator.add_group(-100123, "调度群")
    user.send_command("whoami", chat=group)
    reply = group.wait_message()
    assert say("private-only") in reply["text"] and "中联" not in reply["text"]


def test_removed_person_loses_access_at_once(harness, roster, db):
    with db.scope() as session:
        person = session.get(Person, roster["leader"].id)
        person.telegram_user_id = 8001
    user = harness.emulator.add_user(8001, "Qiang")
    user.send_command("whoami")
    assert "王强" in user.wait_message()["text"]
    with db.scope() as session:
        session.get(Person, roster["leader"].id).active = False
    user.send_command("whoami")
    assert "王强" not in user.wait_message()["text"]


def test_stale_button_is_answered(harness, roster):
    user = harness.emulator.add_user(9001, "Min")
    user.send_command("start", roster["token"])
    user.wait_message()
    user.send_command("lang")
    prompt = user.wait_message()
    with harness.db.scope() as session:
        session.get(Person, roster["liaison"].id).active = False
    user.press("English", message=prompt)
    assert user.wait_callback_answer()["text"] == say("callback-closed")
