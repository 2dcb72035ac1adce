"""Account attacks end to end, through the Bot API emulator: leftover invites, recycled
numbers, foreign numbers, re-binds, and revocation taking effect mid-conversation."""

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.i18n import Catalogue
from bot.outbox import queue as outbox
from bot.people import directory as people
from bot.people.invites import hash_token, issue_invite
from models import AuditEntry, Invite, OutboxMessage, OutboxStatus, Person, ReportDraft
from models.draft import DraftStatus
from tests.e2e.chat import screen
from tests.factories import make_person, make_project
from tests.screens import on, say, shows

pytestmark = pytest.mark.e2e

TTL = timedelta(days=14)
ADMIN_ID, LIAISON_ID, LEADER_ID, STRANGER_ID = 8101, 8102, 8103, 8199
CATALOGUE = Catalogue()


def t(key: str) -> str:
    """The text of a catalogue message up to its first argument."""
    return CATALOGUE.text("zh_CN", key, name="\x00", phone="\x00").split("\x00")[0]


@pytest.fixture
def roster(db):
    """An admin (bound), a liaison (not bound) with a project, a leader (bound)."""
    with db.scope() as session:
        admin = make_person(
            session, "赵磊", phone="13900000013", is_admin=True, telegram_user_id=ADMIN_ID
        )
        liaison = make_person(session, "李敏", phone="13900000011", is_liaison=True)
        leader = make_person(
            session, "王强", phone="13900000012", is_leader=True, telegram_user_id=LEADER_ID
        )
        make_project(session, name="中联起重机械", leader=leader, liaisons=(liaison,))
    return {"admin": admin, "liaison": liaison, "leader": leader}


def bound(db, person_id):
    with db.scope() as session:
        return session.get(Person, person_id).telegram_user_id


def actions(db, action):
    with db.scope() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_leftover_invite_no_longer_takes_over_the_account(harness, roster, now):
    # Two invites (the first "didn't work"); the liaison binds with the second.
    with harness.db.scope() as session:
        liaison = session.get(Person, roster["liaison"].id)
        first = issue_invite(session, person=liaison, now=now, ttl=TTL)
        second = issue_invite(session, person=liaison, now=now, ttl=TTL)
    member = harness.emulator.add_user(LIAISON_ID, "Min")
    member.send_command("start", second)
    assert on(member.wait_message()["text"], "greet", name="李敏")
    # Three days later a stranger redeems the first: refused, the liaison keeps the account.
    harness.clock.advance(timedelta(days=3))
    stranger = harness.emulator.add_user(STRANGER_ID, "Stranger")
    stranger.send_command("start", first)
    assert say("invite-error-revoked") in stranger.wait_message()["text"]
    stranger.send_command("whoami")
    assert "李敏" not in stranger.wait_message()["text"]
    assert bound(harness.db, roster["liaison"].id) == LIAISON_ID
    [refused] = actions(harness.db, "invite-refused")
    assert refused.detail["code"] == "revoked" and first not in str(refused.detail)


def test_an_invite_for_a_bound_leader_is_refused_and_the_admin_is_told(harness, roster, now):
    with harness.db.scope() as session:  # an invite from before invites were revoked
        session.add(
            Invite(
                person_id=roster["leader"].id,
                token_hash=hash_token("old-link-0123456789"),
                created_at=now,
                expires_at=now + TTL,
            )
        )
    admin = harness.emulator.add_user(ADMIN_ID, "Lei")
    stranger = harness.emulator.add_user(STRANGER_ID, "Stranger")
    stranger.send_command("start", "old-link-0123456789")
    assert say("invite-error-person-bound") in stranger.wait_message()["text"]
    assert bound(harness.db, roster["leader"].id) == LEADER_ID
    alert = admin.wait_message(lambda m: on(m["text"], "alert-invite-person-bound"), timeout=10)
    assert on(alert["text"], "alert-invite-person-bound", name="王强", account=STRANGER_ID)


def test_a_recycled_number_does_not_rebind_and_the_admin_is_told(harness, roster):
    admin = harness.emulator.add_user(ADMIN_ID, "Lei")
    # The leader's old number now belongs to someone else, who shares it as their own.
    newcomer = harness.emulator.add_user(STRANGER_ID, "New", phone="+86 139 0000 0012")
    newcomer.send_contact()
    assert say("invite-error-person-bound") in newcomer.wait_message()["text"]
    assert bound(harness.db, roster["leader"].id) == LEADER_ID
    alert = admin.wait_message(lambda m: on(m["text"], "alert-contact-person-bound"), timeout=10)
    assert on(alert["text"], "alert-contact-person-bound", name="王强")
    assert "13900000012" in alert["text"]
    [refused] = actions(harness.db, "contact-refused")
    assert refused.detail["code"] == "person-bound"


def test_a_contact_without_the_country_code_is_a_foreign_number(harness, roster):
    # +1 347-123-4567 must not become the roster's 139-0000-0011 look-alike: no 86, no match.
    foreign = harness.emulator.add_user(STRANGER_ID, "Foreign", phone="13900000011")
    foreign.send_contact()
    assert "+86" in foreign.wait_message()["text"]
    assert bound(harness.db, roster["liaison"].id) is None
    [refused] = actions(harness.db, "contact-refused")
    assert refused.detail["code"] == "phone-not-mainland"


def test_a_rebind_moves_the_account_and_tells_the_old_one_and_the_admin(harness, roster, now):
    admin = harness.emulator.add_user(ADMIN_ID, "Lei")
    old = harness.emulator.add_user(LEADER_ID, "Qiang")
    new = harness.emulator.add_user(STRANGER_ID, "Qiang's new phone")
    with harness.db.scope() as session:
        leader = session.get(Person, roster["leader"].id)
        token = issue_invite(session, person=leader, now=now, ttl=TTL, rebind=True)
    new.send_command("start", token)
    assert on(new.wait_message()["text"], "greet", name="王强")
    assert on(old.wait_message(timeout=10)["text"], "rebind-old-account", name="王强")
    alert = admin.wait_message(lambda m: on(m["text"], "alert-rebind"), timeout=10)
    assert on(alert["text"], "alert-rebind", old=LEADER_ID, new=STRANGER_ID)
    old.send_command("whoami")
    assert "王强" not in old.wait_message()["text"]
    assert actions(harness.db, "rebind")


def test_deactivation_ends_the_report_form_and_cancels_queued_messages(harness, roster, now):
    with harness.db.scope() as session:
        session.get(Person, roster["liaison"].id).telegram_user_id = LIAISON_ID
    member = harness.emulator.add_user(LIAISON_ID, "Min")
    member.send_command("report")
    screen(harness.emulator, member, shows("report-choose-period"))
    member.drain()
    with harness.db.scope() as session:
        person = session.get(Person, roster["liaison"].id)
        # A reminder due tomorrow, queued before the deactivation.
        queued = outbox.enqueue(
            session,
            kind="reminder",
            text="明天截止",
            now=now,
            person=person,
            not_before=now + timedelta(days=1),
        )
        people.deactivate(session, person=person, now=now, actor="cli:test")
    member.send_text("1,200")
    assert say("welcome-unknown") in member.wait_message()["text"]  # the stranger's answer
    member.press("2025年3月")
    member.wait_callback_answer()
    harness.clock.advance(timedelta(days=2))
    with harness.db.scope() as session:
        assert session.get(OutboxMessage, queued.id).status == OutboxStatus.CANCELLED.value
        draft = session.exec(select(ReportDraft)).one()
    assert draft.status == DraftStatus.CANCELLED.value
    member.expect_silence(0.5)
    assert all("明天截止" not in (m.get("text") or "") for m in member.messages())


def test_unbinding_ends_an_admin_wizard(harness, roster, now):
    admin = harness.emulator.add_user(ADMIN_ID, "Lei")
    admin.send_command("broadcast")
    admin.wait_message()
    admin.drain()
    with harness.db.scope() as session:
        people.unbind(
            session, person=session.get(Person, roster["admin"].id), now=now, actor="cli:test"
        )
    admin.send_text("全体注意")
    reply = admin.wait_message()
    assert say("welcome-unknown") in reply["text"]
    with harness.db.scope() as session:
        assert session.exec(select(OutboxMessage)).all() == []  # nothing was broadcast
