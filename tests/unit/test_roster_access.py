"""Roster import and access: it never re-activates anyone, reports and (opt-in) removes the rest."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db import Database
from bot.i18n import LANGUAGES, Catalogue
from bot.people.directory import person_by_phone
from bot.people.invites import InviteError, issue_invite, redeem_invite, revoke_invites
from bot.people.roster_file import RosterRow, RosterSheet
from bot.people.roster_import import import_roster
from bot.people.roster_messages import format_summary
from models import AuditEntry, Invite, Person, Project

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 1)
LATER = NOW + timedelta(days=3)
TTL = timedelta(days=14)

LEADER = ("周建华", "13900000003")
ZHANG = ("张伟", "13900000021")
LIU = ("刘洋", "13900000024")
ADMIN = ("陈志强", "13900000001")


def project_row(number: int, name: str, liaison: tuple[str, str]) -> RosterRow:
    return RosterRow(
        number,
        {
            "name": name,
            "park": "常德经开区",
            "total_investment": "200000",
            "annual_plan": "80000",
            "leader": LEADER[0],
            "leader_phone": LEADER[1],
            "liaisons": liaison[0],
            "liaison_phones": liaison[1],
        },
    )


def person_row(number: int, person: tuple[str, str], roles: str) -> RosterRow:
    return RosterRow(number, {"name": person[0], "phone": person[1], "roles": roles})


def sheets(projects: list[tuple[str, tuple[str, str]]], people: list | None) -> list[RosterSheet]:
    made = [
        RosterSheet(
            "projects",
            "项目",
            [project_row(n, name, who) for n, (name, who) in enumerate(projects, start=2)],
        )
    ]
    if people is not None:
        rows = [person_row(n, who, roles) for n, (who, roles) in enumerate(people, start=2)]
        made.append(RosterSheet("people", "人员", rows))
    return made


FULL = sheets(
    [("中联起重机械", ZHANG), ("辣妹子食品二期", LIU)],
    [(ADMIN, "指挥部"), (LEADER, "市级领导"), (ZHANG, "联络员"), (LIU, "联络员")],
)
# 辣妹子 and 刘洋 are gone from this one.
SMALLER = sheets(
    [("中联起重机械", ZHANG)], [(ADMIN, "指挥部"), (LEADER, "市级领导"), (ZHANG, "联络员")]
)


def run(db: Database, roster: list[RosterSheet], now: datetime = NOW, **options: object):
    with db.scope() as session:
        return import_roster(session, roster, now=now, today=TODAY, actor="test", **options)


def person(db: Database, phone: str) -> Person:
    with db.scope() as session:
        return session.exec(select(Person).where(Person.phone == phone)).one()


def project(db: Database, name: str) -> Project:
    with db.scope() as session:
        return session.exec(select(Project).where(Project.name == name)).one()


def deactivate(db: Database, phone: str) -> None:
    """What `parkbot person deactivate` does to the row (another change adds the command)."""
    with db.scope() as session:
        row = session.exec(select(Person).where(Person.phone == phone)).one()
        row.active = False
        session.add(row)


def audit(db: Database, action: str) -> list[AuditEntry]:
    with db.scope() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


def test_reimport_never_reactivates_a_deactivated_person(db, catalogue):
    run(db, FULL)
    deactivate(db, ZHANG[1])
    summary = run(db, FULL, now=LATER)
    assert person(db, ZHANG[1]).active is False
    assert summary.inactive_people == [ZHANG]
    with db.scope() as session:
        assert person_by_phone(session, ZHANG[1]) is None  # still no access
    assert not [e for e in audit(db, "update") if "active" in e.detail]
    text = format_summary(summary, catalogue, "zh_CN")
    assert "张伟" in text and f"parkbot person reactivate {ZHANG[1]}" in text
    english = format_summary(summary, catalogue, "en")
    assert "not re-activated" in english and f"parkbot person reactivate {ZHANG[1]}" in english


def test_a_deactivated_person_named_only_in_the_projects_table_stays_deactivated(db):
    run(db, FULL)
    deactivate(db, LIU[1])
    summary = run(db, sheets([("辣妹子食品二期", LIU)], None), now=LATER)
    assert person(db, LIU[1]).active is False
    assert summary.inactive_people == [LIU]


def test_what_the_file_no_longer_lists_is_reported_and_left_alone(db, catalogue):
    run(db, FULL)
    summary = run(db, SMALLER, now=LATER)
    assert summary.missing_people == [LIU]
    assert summary.missing_projects == ["辣妹子食品二期"]
    assert person(db, LIU[1]).active and project(db, "辣妹子食品二期").active
    assert audit(db, "deactivate") == []
    for language in LANGUAGES:
        text = format_summary(summary, catalogue, language)
        assert "刘洋" in text and "辣妹子食品二期" in text and "--deactivate-missing" in text


def test_deactivate_missing_removes_access_at_once_audited(db, catalogue):
    run(db, FULL)
    with db.scope() as session:
        liu = session.exec(select(Person).where(Person.phone == LIU[1])).one()
        used = issue_invite(session, person=liu, now=NOW, ttl=TTL)
        zhang = session.exec(select(Person).where(Person.phone == ZHANG[1])).one()
        kept = issue_invite(session, person=zhang, now=NOW, ttl=TTL)
    with db.scope() as session:
        redeem_invite(session, token=used, telegram_user_id=5001, now=NOW)
    with db.scope() as session:  # a person has one live invite at most: here a re-bind one
        liu = session.exec(select(Person).where(Person.phone == LIU[1])).one()
        outstanding = [issue_invite(session, person=liu, now=NOW, ttl=TTL, rebind=True)]

    summary = run(db, SMALLER, now=LATER, deactivate_missing=True)

    assert summary.deactivated_missing and summary.missing_people == [LIU]
    assert person(db, LIU[1]).active is False
    assert project(db, "辣妹子食品二期").active is False
    assert person(db, ZHANG[1]).active and project(db, "中联起重机械").active
    for token in outstanding:
        with db.scope() as session, pytest.raises(InviteError):
            redeem_invite(session, token=token, telegram_user_id=5002, now=LATER)
    with db.scope() as session:  # another person's invite is untouched
        assert redeem_invite(session, token=kept, telegram_user_id=5003, now=LATER).name == "张伟"
        redeemed = session.exec(select(Invite).where(Invite.used_by_telegram_id == 5001)).one()
        assert redeemed.used_at is not None and redeemed.expires_at == NOW + TTL
    entries = {(e.entity, e.entity_id): e for e in audit(db, "deactivate")}
    assert set(entries) == {
        ("person", person(db, LIU[1]).id),
        ("project", project(db, "辣妹子食品二期").id),
    }
    assert entries["person", person(db, LIU[1]).id].detail["invites_revoked"] == 1
    assert all(e.actor == "test" for e in entries.values())
    text = format_summary(summary, catalogue, "zh_CN")
    assert "已停用" in text and "刘洋" in text and "辣妹子食品二期" in text

    again = run(db, SMALLER, now=LATER + timedelta(days=1), deactivate_missing=True)
    assert again.missing_people == [] and again.missing_projects == []
    assert not again.changed


def test_a_projects_only_file_never_counts_people_missing(db):
    run(db, FULL)
    summary = run(db, sheets([("中联起重机械", ZHANG)], None), deactivate_missing=True)
    assert summary.missing_people == []  # the admin, in no project, keeps access
    assert person(db, ADMIN[1]).active and person(db, LIU[1]).active
    assert summary.missing_projects == ["辣妹子食品二期"]


def test_a_people_only_file_never_counts_projects_missing(db):
    run(db, FULL)
    summary = run(db, [FULL[1]], deactivate_missing=True)
    assert summary.missing_projects == [] and summary.missing_people == []
    assert project(db, "中联起重机械").active and project(db, "辣妹子食品二期").active


def test_a_project_listed_again_is_reactivated_and_said_so(db, catalogue):
    run(db, FULL)
    run(db, SMALLER, deactivate_missing=True)
    summary = run(db, FULL, now=LATER)
    assert project(db, "辣妹子食品二期").active
    assert summary.reactivated_projects == ["辣妹子食品二期"]
    assert summary.inactive_people == [LIU]  # the person, though, is not
    assert person(db, LIU[1]).active is False
    assert "辣妹子食品二期" in format_summary(summary, catalogue, "en")


def test_revoke_invites_touches_only_live_ones(db):
    with db.scope() as session:
        run_person = Person(name="王强", phone="13900000012", created_at=NOW, updated_at=NOW)
        session.add(run_person)
        session.flush()
        expired = issue_invite(session, person=run_person, now=NOW - TTL * 2, ttl=TTL)
        live = issue_invite(session, person=run_person, now=NOW, ttl=TTL)
        assert run_person.id is not None
        person_id = run_person.id
    with db.scope() as session:
        assert revoke_invites(session, person_id=person_id, now=LATER) == 1
    with db.scope() as session:
        assert revoke_invites(session, person_id=person_id, now=LATER) == 0
        for token in (expired, live):
            with pytest.raises(InviteError):
                redeem_invite(session, token=token, telegram_user_id=9, now=LATER)
