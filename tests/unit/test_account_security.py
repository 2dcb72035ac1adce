"""Accounts under attack: leftover invites, racing redemptions, recycled numbers, revocation."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot import audit
from bot.i18n import Catalogue
from bot.outbox import queue as outbox
from bot.people import directory as people
from bot.people.accounts import Notices
from bot.people.invites import (
    InviteError,
    hash_token,
    issue_invite,
    outstanding_invites,
    record_refusal,
    redeem_invite,
)
from models import AuditEntry, Invite, OutboxMessage, OutboxStatus, Person, ReportDraft
from models.draft import DraftStatus
from tests.factories import make_person

TTL = timedelta(days=14)
NOTICES = Notices(Catalogue(), "zh_CN")


def redeem_or_record(db, token, account, now):
    """What /start does: redeem, or roll back and record the refusal; returns the code or None."""
    with db.scope() as session:
        try:
            redeem_invite(session, token=token, telegram_user_id=account, now=now, notices=NOTICES)
        except InviteError as refusal:
            session.rollback()
            record_refusal(
                session,
                refusal,
                how="invite",
                telegram_user_id=account,
                now=now,
                notices=NOTICES,
                token=token,
            )
            return refusal.code
    return None


def bound(db, person_id):
    with db.scope() as session:
        return session.get(Person, person_id).telegram_user_id


def legacy_invite(session, person, now, token):
    """An invite row as issued before revocation existed (a person could hold several)."""
    session.add(
        Invite(
            person_id=person.id, token_hash=hash_token(token), created_at=now, expires_at=now + TTL
        )
    )
    session.flush()


def test_a_new_invite_revokes_the_older_one_so_a_forwarded_link_is_dead(db, now):
    with db.scope() as session:
        person = make_person(session, "李敏")
        first = issue_invite(session, person=person, now=now, ttl=TTL)
        second = issue_invite(session, person=person, now=now, ttl=TTL)  # "the link didn't work"
        assert len(outstanding_invites(session, now=now)) == 1
    assert redeem_or_record(db, second, 5001, now) is None
    # Three days later a stranger tries the first link: refused, and it is in the log.
    later = now + timedelta(days=3)
    assert redeem_or_record(db, first, 6666, later) == "revoked"
    assert bound(db, person.id) == 5001
    with db.scope() as session:
        refused = session.exec(
            select(AuditEntry).where(AuditEntry.action == "invite-refused")
        ).one()
    assert refused.detail["code"] == "revoked" and refused.entity_id == person.id
    assert refused.detail["token_ref"] == audit.token_ref(first)
    assert first not in str(refused.detail) and hash_token(first) not in str(refused.detail)


def test_a_binding_revokes_every_other_invite_in_the_same_transaction(db, now):
    with db.scope() as session:
        person = make_person(session)
        legacy_invite(session, person, now, "leftover-one-0123456789")
        legacy_invite(session, person, now, "leftover-two-0123456789")
    assert redeem_or_record(db, "leftover-two-0123456789", 5001, now) is None
    with db.scope() as session:
        assert outstanding_invites(session, now=now) == []
    assert redeem_or_record(db, "leftover-one-0123456789", 6666, now) == "revoked"
    assert bound(db, person.id) == 5001


def test_contact_binding_revokes_the_persons_invites(db, now):
    with db.scope() as session:
        person = make_person(session, phone="13900001234")
        token = issue_invite(session, person=person, now=now, ttl=TTL)
    with db.scope() as session:
        people.bind_by_contact(
            session, phone="+8613900001234", contact_user_id=42, sender_id=42, now=now
        )
    assert redeem_or_record(db, token, 6666, now) == "revoked"
    assert bound(db, person.id) == 42


def test_an_invite_of_a_bound_person_is_refused_and_admins_are_told(db, now):
    with db.scope() as session:
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=900)
        person = make_person(session, "王强", is_leader=True, telegram_user_id=5001)
        legacy_invite(session, person, now, "left-over-link-0123456789")
    assert redeem_or_record(db, "left-over-link-0123456789", 6666, now) == "person-bound"
    assert bound(db, person.id) == 5001
    with db.scope() as session:
        alert = session.exec(select(OutboxMessage)).one()
        invite = session.exec(select(Invite)).one()
    assert alert.person_id == admin.id and "王强" in alert.text and "6666" in alert.text
    assert invite.used_at is None


def test_issuing_an_invite_for_a_bound_person_needs_rebind(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=5001)
        with pytest.raises(InviteError, match="person-bound"):
            issue_invite(session, person=person, now=now, ttl=TTL)
        assert session.exec(select(Invite)).all() == []


def test_a_rebind_invite_moves_the_binding_and_tells_the_old_account_and_the_admins(db, now):
    with db.scope() as session:
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=900)
        person = make_person(session, "李敏", is_liaison=True, telegram_user_id=5001)
        draft = ReportDraft(
            person_id=person.id, chat_id=5001, step="project", created_at=now, updated_at=now
        )
        session.add(draft)
        queued = outbox.enqueue(session, kind="reminder", text="提醒", now=now, person=person)
        token = issue_invite(session, person=person, now=now, ttl=TTL, rebind=True)
    assert redeem_or_record(db, token, 5002, now) is None
    assert bound(db, person.id) == 5002
    with db.scope() as session:
        rows = {row.id: row for row in session.exec(select(OutboxMessage))}
        assert rows[queued.id].chat_id == 5002  # the person's reminder follows the person
        old = [row for row in rows.values() if row.chat_id == 5001]
        alerts = [row for row in rows.values() if row.person_id == admin.id]
        assert len(old) == 1 and "李敏" in old[0].text
        assert len(alerts) == 1 and "5001" in alerts[0].text and "5002" in alerts[0].text
        assert session.get(ReportDraft, draft.id).status == DraftStatus.CANCELLED.value
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "rebind")).one()
    assert entry.detail["previous_telegram_user_id"] == 5001


def test_two_redemptions_racing_after_the_same_read_bind_one(db, now):
    """The second reads the invite unused, the first commits, then the second writes."""
    with db.scope() as session:
        person = make_person(session)
        token = issue_invite(session, person=person, now=now, ttl=TTL)
    first_committed = threading.Event()
    late = "late-redeemer"

    def hold_first_write(conn, cursor, statement, *args):
        if threading.current_thread().name == late and statement.lstrip().startswith("UPDATE"):
            assert first_committed.wait(10)

    event.listen(db.engine, "before_cursor_execute", hold_first_write)
    outcome: dict[str, str | None] = {}
    second = threading.Thread(
        target=lambda: outcome.update(code=redeem_or_record(db, token, 6002, now)), name=late
    )
    try:
        second.start()
        assert redeem_or_record(db, token, 6001, now) is None
        first_committed.set()
        second.join(20)
    finally:
        event.remove(db.engine, "before_cursor_execute", hold_first_write)
    assert outcome["code"] in {"person-bound", "used"}
    assert bound(db, person.id) == 6001


def test_two_redemptions_at_once_bind_at_most_one_account(db, now):
    with db.scope() as session:
        person = make_person(session)
        token = issue_invite(session, person=person, now=now, ttl=TTL)
    start = threading.Barrier(2)
    codes: dict[int, str | None] = {}

    def redeem(account: int) -> None:
        start.wait(10)
        codes[account] = redeem_or_record(db, token, account, now)

    threads = [threading.Thread(target=redeem, args=(account,)) for account in (7001, 7002)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    winners = [account for account, code in codes.items() if code is None]
    assert len(codes) == 2 and len(winners) == 1
    assert bound(db, person.id) == winners[0]
    with db.scope() as session:
        invite = session.exec(select(Invite)).one()
    assert invite.used_by_telegram_id == winners[0]


def contact(db, phone, account, now):
    with db.scope() as session:
        try:
            people.bind_by_contact(
                session, phone=phone, contact_user_id=account, sender_id=account, now=now
            )
        except InviteError as refusal:
            session.rollback()
            record_refusal(
                session,
                refusal,
                how="contact",
                telegram_user_id=account,
                now=now,
                notices=NOTICES,
                phone=phone,
            )
            return refusal.code
    return None


def test_a_recycled_number_never_rebinds_a_bound_person(db, now):
    with db.scope() as session:
        admin = make_person(session, is_admin=True, telegram_user_id=900)
        person = make_person(session, "李敏", phone="13900001234", telegram_user_id=5001)
    assert contact(db, "+86 139 0000 1234", 6666, now) == "person-bound"
    assert bound(db, person.id) == 5001
    with db.scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "contact-refused")).one()
        alert = session.exec(select(OutboxMessage)).one()
    assert entry.detail == {
        "code": "person-bound",
        "telegram_user_id": 6666,
        "phone": "*********1234",
    }
    assert alert.person_id == admin.id and "李敏" in alert.text


def test_a_contact_without_the_86_country_code_is_refused_and_recorded(db, now):
    with db.scope() as session:
        person = make_person(session, phone="13471234567")
    # A North American +1 347-123-4567, not the roster's 134-7123-4567.
    assert contact(db, "13471234567", 6666, now) == "phone-not-mainland"
    assert bound(db, person.id) is None
    with db.scope() as session:
        entry = session.exec(select(AuditEntry)).one()
    assert entry.action == "contact-refused" and entry.detail["code"] == "phone-not-mainland"


@pytest.mark.parametrize("change", ["deactivate", "unbind"])
def test_revoking_access_stops_everything_in_progress(db, now, change):
    with db.scope() as session:
        person = make_person(session, is_liaison=True, telegram_user_id=5001)
        draft = ReportDraft(
            person_id=person.id, chat_id=5001, step="project", created_at=now, updated_at=now
        )
        session.add(draft)
        queued = outbox.enqueue(session, kind="reminder", text="提醒", now=now, person=person)
    with db.scope() as session:
        token = None
        if change == "deactivate":
            # A bound person may still hold a re-bind invite: it goes too.
            token = issue_invite(
                session, person=session.get(Person, person.id), now=now, ttl=TTL, rebind=True
            )
        effects = getattr(people, change)(
            session, person=session.get(Person, person.id), now=now, actor="cli:alice"
        )
    assert effects == {
        "invites_revoked": 1 if token else 0,
        "drafts_cancelled": 1,
        "messages_cancelled": 1,
    }
    with db.scope() as session:
        assert people.person_for_account(session, 5001) is None
        assert session.get(ReportDraft, draft.id).status == DraftStatus.CANCELLED.value
        assert session.get(OutboxMessage, queued.id).status == OutboxStatus.CANCELLED.value
        assert outbox.due(session, now=now + timedelta(days=1), limit=10) == []  # never sent
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == change)).one()
    assert entry.actor == "cli:alice" and entry.detail["messages_cancelled"] == 1
    if token:
        assert redeem_or_record(db, token, 5002, now) == "revoked"


def test_deactivate_then_reactivate_and_refusals(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=5001)
        with pytest.raises(people.AccessError, match="already-active"):
            people.reactivate(session, person=person, now=now, actor="cli:a")
        people.deactivate(session, person=person, now=now, actor="cli:a")
        with pytest.raises(people.AccessError, match="already-inactive"):
            people.deactivate(session, person=person, now=now, actor="cli:a")
        people.reactivate(session, person=person, now=now, actor="cli:a")
        assert people.person_for_account(session, 5001).id == person.id
        people.unbind(session, person=person, now=now, actor="cli:a")
        with pytest.raises(people.AccessError, match="not-bound"):
            people.unbind(session, person=person, now=now, actor="cli:a")
    with db.scope() as session:
        actions = [entry.action for entry in audit.entries(session, person_id=person.id)]
    assert actions == ["deactivate", "reactivate", "unbind"]


def test_audit_entries_filter_by_person_and_time(db, now):
    with db.scope() as session:
        one, other = make_person(session), make_person(session)
        for person, at in ((one, now - timedelta(days=2)), (other, now), (one, now)):
            audit.record(
                session, now=at, actor="cli:a", action="x", entity="person", entity_id=person.id
            )
    with db.scope() as session:
        assert len(audit.entries(session)) == 3
        assert len(audit.entries(session, person_id=one.id)) == 2
        assert len(audit.entries(session, person_id=one.id, since=now - timedelta(days=1))) == 1


def test_cli_actor_names_the_os_user_and_survives_without_one(monkeypatch):
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "alice")
    assert audit.cli_actor() == "cli:alice"
    assert audit.cli_actor("roster-import") == "cli:alice:roster-import"

    def no_user() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr(audit.getpass, "getuser", no_user)
    assert audit.cli_actor() == "cli:unknown"
