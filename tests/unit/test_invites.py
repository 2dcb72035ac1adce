"""Invite tokens: random, hashed, single-use, expiring; contact binding only for one's own."""

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.people.directory import bind_by_contact, person_for_account
from bot.people.invites import InviteError, hash_token, issue_invite, redeem_invite
from models import AuditEntry, Invite
from tests.factories import make_person

TTL = timedelta(days=14)


def test_token_is_long_random_and_only_its_hash_is_stored(db, now):
    with db.scope() as session:
        person = make_person(session)
        first = issue_invite(session, person=person, now=now, ttl=TTL)
        second = issue_invite(session, person=person, now=now, ttl=TTL)
    assert first != second
    assert len(first) >= 32  # 24 random bytes, base64url: 192 bits
    with db.scope() as session:
        stored = [invite.token_hash for invite in session.exec(select(Invite))]
    assert first not in stored and hash_token(first) in stored


def test_redeem_binds_once_then_refuses_reuse(db, now):
    with db.scope() as session:
        person = make_person(session, "李敏")
        token = issue_invite(session, person=person, now=now, ttl=TTL)
    with db.scope() as session:
        bound = redeem_invite(session, token=token, telegram_user_id=5001, now=now)
        assert bound.name == "李敏"
    with db.scope() as session:
        assert person_for_account(session, 5001).name == "李敏"
        with pytest.raises(InviteError) as refused:
            redeem_invite(session, token=token, telegram_user_id=5002, now=now)
    assert refused.value.code == "used"


@pytest.mark.parametrize(
    ("age", "code"),
    [(timedelta(days=14), "expired"), (timedelta(days=14, seconds=-1), None)],
)
def test_expiry_edge(db, now, age, code):
    with db.scope() as session:
        token = issue_invite(session, person=make_person(session), now=now, ttl=TTL)
    with db.scope() as session:
        if code is None:
            redeem_invite(session, token=token, telegram_user_id=7, now=now + age)
        else:
            with pytest.raises(InviteError, match=code):
                redeem_invite(session, token=token, telegram_user_id=7, now=now + age)


def test_unknown_token_and_inactive_person_are_refused(db, now):
    with db.scope() as session:
        person = make_person(session, active=False)
        token = issue_invite(session, person=person, now=now, ttl=TTL)
    with db.scope() as session:
        for candidate in (token, "not-a-token", ""):
            with pytest.raises(InviteError, match="unknown"):
                redeem_invite(session, token=candidate, telegram_user_id=8, now=now)


def test_account_bound_to_someone_else_is_refused_and_nothing_changes(db, now):
    with db.scope() as session:
        first = make_person(session, telegram_user_id=9)
        second = make_person(session)
        token = issue_invite(session, person=second, now=now, ttl=TTL)
    with db.scope() as session, pytest.raises(InviteError, match="account-taken"):
        redeem_invite(session, token=token, telegram_user_id=9, now=now)
    with db.scope() as session:
        assert session.get(type(first), second.id).telegram_user_id is None
        invite = session.exec(select(Invite)).one()
        assert invite.used_at is None


def test_contact_binding_accepts_own_contact_with_any_phone_spelling(db, now):
    with db.scope() as session:
        make_person(session, "王强", phone="13900001234")
    with db.scope() as session:
        person = bind_by_contact(
            session, phone="+86 139-0000-1234", contact_user_id=42, sender_id=42, now=now
        )
        assert person.name == "王强"
    with db.scope() as session:
        actions = [entry.action for entry in session.exec(select(AuditEntry))]
    assert actions == ["bind"]


@pytest.mark.parametrize(
    ("phone", "contact_user_id", "code"),
    [
        ("13900001234", 99, "contact-not-own"),
        ("13900001234", None, "contact-not-own"),
        ("+8613911112222", 42, "phone-unknown"),
        ("not a phone", 42, "phone-not-mainland"),
        # A contact always carries its country code: without 86 it is another country's.
        ("13900001234", 42, "phone-not-mainland"),
        ("+1 347 123 4567", 42, "phone-not-mainland"),
    ],
)
def test_contact_binding_refusals(db, now, phone, contact_user_id, code):
    with db.scope() as session:
        make_person(session, phone="13900001234")
    with db.scope() as session, pytest.raises(InviteError, match=code):
        bind_by_contact(
            session, phone=phone, contact_user_id=contact_user_id, sender_id=42, now=now
        )
    with db.scope() as session:
        assert person_for_account(session, 42) is None
