"""Firing reminders against the database: the right people, once, with leave respected."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.i18n import Catalogue
from bot.meetings import service as meetings
from bot.meetings.announcements import announce_cancel
from bot.meetings.policy import ReminderPolicy, parse_offsets, parse_quiet_hours
from bot.meetings.reminders import Messenger, run_due
from models import OutboxMessage, ReminderRun
from tests.factories import make_park, make_person, make_project, make_report

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = ReminderPolicy(
    parse_offsets("7d,3d,1d,2h"), parse_offsets("2h")[0], parse_quiet_hours("22:00-08:00"), SHANGHAI
)
MESSENGER = Messenger(Catalogue(), "zh_CN", POLICY)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def city(db):
    """Host park 常德经开区 with liaisons 李敏 (two projects) and 陈静; another park's liaison."""
    created = local("2025-03-01 09:00")
    with db.scope() as session:
        host, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=301)
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=302)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=303)
        chen = make_person(session, "陈静", is_liaison=True, telegram_user_id=304)
        zhou = make_person(session, "周涛", is_liaison=True, telegram_user_id=305)
        a = make_project(session, name="中联起重机械", park=host, leader=leader, liaisons=(li,))
        b = make_project(session, name="美华尼龙四期", park=host, leader=leader, liaisons=(li,))
        c = make_project(session, name="德施普惠医药", park=host, leader=leader, liaisons=(chen,))
        make_project(session, name="润田农机", park=other, liaisons=(zhou,))
        plan = meetings.prepare(
            session,
            starts_at=local("2025-03-15 09:00"),
            park_id=host.id,
            place="经开区管委会",
            deadline=local("2025-03-12 18:00"),
            now=created,
            tz=SHANGHAI,
        )
        meeting = meetings.create(session, plan, now=created, actor=admin)
    people = {"leader": leader, "admin": admin, "li": li, "chen": chen, "zhou": zhou}
    return {"db": db, "meeting": meeting, "people": people, "projects": {"a": a, "b": b, "c": c}}


def fire(db, now: datetime):
    with db.scope() as session:
        return run_due(session, now=now, messenger=MESSENGER)


def recipients(db, kind: str | None = None) -> list[tuple[int, str]]:
    with db.scope() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        rows = [r for r in session.exec(query) if kind is None or r.kind == kind]
        return [(row.person_id, row.text) for row in rows]


def report(db, project, person, period="2025-03"):
    with db.scope() as session:
        make_report(
            session,
            project=project,
            reporter=person,
            period=period,
            investment_month=1,
            stage="started",
            percent=10,
            progress="x",
            submitted_at=local("2025-03-06 10:00"),
        )


def test_missing_liaisons_are_reminded_once_with_their_projects(city):
    db, people = city["db"], city["people"]
    # The server clock is UTC: 10:00Z is 18:00 in Shanghai, the 7d reminder.
    result = fire(db, datetime(2025, 3, 5, 10, 0, tzinfo=UTC))
    assert [r.label for r in result.fired] == ["7d"]
    sent = recipients(db)
    assert {person for person, _ in sent} == {people[k].id for k in ("li", "chen", "zhou")}
    li_text = next(text for person, text in sent if person == people["li"].id)
    assert "中联起重机械" in li_text and "美华尼龙四期" in li_text and "3月12日 18:00" in li_text
    again = fire(db, datetime(2025, 3, 5, 10, 5, tzinfo=UTC))
    assert again.fired == [] and len(recipients(db)) == 3


def test_a_report_between_reminders_stops_the_next_one(city):
    db, people, projects = city["db"], city["people"], city["projects"]
    fire(db, local("2025-03-05 18:00"))
    report(db, projects["c"], people["chen"])
    fire(db, local("2025-03-09 18:00"))
    second = [person for person, _ in recipients(db)][3:]
    assert people["chen"].id not in second and people["li"].id in second


def test_liaison_on_leave_is_not_reminded_and_not_counted_missing(city):
    db, people = city["db"], city["people"]
    with db.scope() as session:
        meetings.add_leave(
            session,
            person=people["chen"],
            starts_on=local("2025-03-01 00:00"),
            ends_on=local("2025-03-20 00:00"),
            now=local("2025-03-01 09:00"),
            actor=people["admin"],
        )
    fire(db, local("2025-03-05 18:00"))
    assert people["chen"].id not in [person for person, _ in recipients(db)]
    fire(db, local("2025-03-12 18:00"))
    admin_text = next(t for p, t in recipients(db, "summary") if p == people["admin"].id)
    assert "常德经开区：中联起重机械、美华尼龙四期" in admin_text
    assert "常德经开区（联络员请假）：德施普惠医药" in admin_text


def test_deadline_sends_leader_summary_and_admin_list(city):
    db, people, projects = city["db"], city["people"], city["projects"]
    report(db, projects["a"], people["li"])
    fire(db, local("2025-03-12 18:00"))
    summaries = dict(recipients(db, "summary"))
    leader = summaries[people["leader"].id]
    assert "3 个项目中，已填报 1 个" in leader
    assert "未填报：德施普惠医药、美华尼龙四期" in leader
    admin = summaries[people["admin"].id]
    assert "全市还有 3 个项目未填报" in admin and "鼎城高新区：润田农机" in admin


def test_meeting_notice_goes_to_admins_leaders_and_host_park_liaisons(city):
    db, people = city["db"], city["people"]
    fire(db, local("2025-03-15 08:00"))
    noticed = {person for person, _ in recipients(db, "notice")}
    assert noticed == {people[k].id for k in ("admin", "leader", "li", "chen")}
    text = recipients(db, "notice")[0][1]
    assert "3月15日 09:00" in text and "经开区管委会" in text


def test_downtime_catches_up_once(city):
    db = city["db"]
    result = fire(db, local("2025-03-11 19:00"))
    assert [r.label for r in result.fired] == ["1d"]
    with db.scope() as session:
        outcomes = {
            run.reminder_key.split("@")[0]: run.outcome for run in session.exec(select(ReminderRun))
        }
    assert outcomes == {"liaison:7d": "skipped", "liaison:3d": "skipped", "liaison:1d": "sent"}
    assert len(recipients(db)) == 3


def test_cancelling_tells_those_who_were_told(city):
    db, people, meeting = city["db"], city["people"], city["meeting"]
    fire(db, local("2025-03-05 18:00"))
    with db.scope() as session:
        for row in session.exec(select(OutboxMessage)):
            row.status = "sent"
            session.add(row)
    from bot.services import Services
    from bot.settings import Settings

    services = Services(
        settings=Settings(_env_file=None), db=db, clock=lambda: local("2025-03-06 09:00")
    )
    with db.scope() as session:
        stored = session.get(type(meeting), meeting.id)
        told = meetings.cancel(session, stored, now=services.now(), actor=people["admin"])
        announce_cancel(session, services, stored, told)
    cancelled = recipients(db, "notice")
    assert {p for p, _ in cancelled} == {people[k].id for k in ("li", "chen", "zhou")}
    assert all("已取消" in text for _, text in cancelled)
    assert fire(db, local("2025-03-09 18:00")).fired == []


def test_unbound_person_is_listed_unreachable_to_admins(city):
    db, people = city["db"], city["people"]
    with db.scope() as session:
        person = session.get(type(people["zhou"]), people["zhou"].id)
        person.telegram_user_id = None
    fire(db, local("2025-03-05 18:00"))
    fire(db, local("2025-03-12 18:00"))
    admin = next(t for p, t in recipients(db, "summary") if p == people["admin"].id)
    assert "无法送达提醒的人员：周涛" in admin


def test_meeting_rules(city):
    db = city["db"]
    now = local("2025-03-01 09:00")
    with db.scope() as session:
        park_id = city["meeting"].park_id
        for fields, code in [
            ({"starts_at": local("2025-02-01 09:00")}, "in-past"),
            ({"deadline": local("2025-03-16 09:00")}, "deadline-after-meeting"),
            ({"deadline": local("2025-02-28 09:00")}, "deadline-passed"),
            ({"place": "  "}, "place-invalid"),
        ]:
            values = {
                "starts_at": local("2025-03-15 09:00"),
                "park_id": park_id,
                "place": "x",
                "deadline": local("2025-03-12 18:00"),
                **fields,
            }
            with pytest.raises(meetings.MeetingRefused) as refused:
                meetings.prepare(session, now=now, tz=SHANGHAI, **values)
            assert refused.value.code == code
    assert meetings.default_deadline(local("2025-03-15 09:00"), 3, SHANGHAI) == local(
        "2025-03-12 18:00"
    )
    assert meetings.default_deadline(local("2025-03-15 09:00"), 0, SHANGHAI) == local(
        "2025-03-15 09:00"
    )
