"""Publication notices reach each park's own people; the close job finalizes and broadcasts."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.assessment import publication as publishing
from bot.assessment import runs, store
from bot.assessment.notices import Texts
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from bot.i18n import Catalogue
from models import (
    AuditEntry,
    Objection,
    ObjectionStatus,
    OutboxMessage,
    ParkReporter,
    PublicationStatus,
)
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 4, 7, 10, 0, tzinfo=SHANGHAI)  # a Monday; the window closes 14 Apr 18:00
CLOSED = datetime(2025, 4, 14, 18, 0, tzinfo=SHANGHAI)
TEXTS = Texts(Catalogue(), "zh_CN", SHANGHAI)


def _site(session):
    a, b = make_park(session, "甲园区"), make_park(session, "乙园区")
    liaison = make_person(session, "甲联络员", is_liaison=True, telegram_user_id=101)
    leader = make_person(session, "甲领导", is_leader=True, telegram_user_id=102)
    reporter = make_person(session, "乙填报员", telegram_user_id=201)
    admin = make_person(session, "管理员", is_admin=True, telegram_user_id=900)
    make_project(session, park=a, leader=leader, liaisons=(liaison,))
    session.add(ParkReporter(park_id=b.id, person_id=reporter.id))
    store.save_scheme(session, default_scheme(["甲园区", "乙园区"]), now=NOW, actor="t")
    for park, tax in ((a, 300), (b, 100)):
        file_values(
            session,
            park_id=park.id,
            month="2025-03",
            entries=[Entry("tax", Decimal(tax))],
            source="xlsx",
            actor="导入员",
            now=NOW,
        )
    return {"liaison": liaison, "leader": leader, "reporter": reporter, "admin": admin}


def _publish(session):
    run = runs.draft_run(session, parse_period("2025-Q1"), SHANGHAI, now=NOW, actor="t")
    return publishing.publish_run(
        session,
        run,
        TEXTS,
        now=NOW,
        actor="admin",
        working_days=5,
        closes_at=CLOSED.timetz().replace(tzinfo=None),
    )


def _texts_to(session, person) -> str:
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.person_id == person.id))
    return "\n".join(row.text for row in rows)


def test_each_park_gets_its_own_detail_and_its_type_ranking(db) -> None:
    with db.scope() as session:
        people = _site(session)
        done = _publish(session)
        assert done.window.closes_at == CLOSED
        assert done.told == 3
        for name in ("liaison", "leader"):
            text = _texts_to(session, people[name])
            assert "甲园区（综合类园区）：总分" in text
            assert "乙园区（综合类园区）" not in text  # never another park's detail
            assert "第 2 名 乙园区" in text  # but the ranking
            assert "公示期至 2025年4月14日 18:00（5个工作日）" in text
            assert "/objection" in text
            assert "tax 税收" in text and "导入员 于 2025-04-07 10:00 导入" in text
        theirs = _texts_to(session, people["reporter"])
        assert "乙园区（综合类园区）：总分" in theirs and "甲园区（综合类园区）" not in theirs
        admin = _texts_to(session, people["admin"])
        assert "2 个园区的 3 人已收到" in admin and "总分" not in admin


def test_the_window_closes_into_the_final_result_and_its_broadcast(db) -> None:
    with db.scope() as session:
        people = _site(session)
        done = _publish(session)
        before = CLOSED - timedelta(minutes=1)
        assert publishing.close_due(session, TEXTS, now=before) == []
        final = publishing.close_due(session, TEXTS, now=CLOSED)
        assert [p.id for p in final] == [done.publication.id]
        assert done.publication.status == PublicationStatus.FINAL.value
        assert done.publication.final_at == CLOSED
        for person in people.values():
            assert "2025-Q1 园区分类考核最终结果（第 1 版）" in _texts_to(session, person)
        assert publishing.close_due(session, TEXTS, now=CLOSED + timedelta(minutes=1)) == []
        actions = [e.action for e in session.exec(select(AuditEntry))]
        assert "assessment-final" in actions and "assessment-final-broadcast" in actions
        latest = publishing.latest_final(session)
        assert latest is not None and latest[1].id == done.run.id


def test_a_pending_objection_holds_the_window_and_admins_are_reminded_once(db) -> None:
    with db.scope() as session:
        people = _site(session)
        done = _publish(session)
        objection = Objection(
            publication_id=done.publication.id,
            item="tax",
            reason="数据有误",
            filer_id=people["liaison"].id,
            filer_name="甲联络员",
            filed_at=NOW,
        )
        session.add(objection)
        session.flush()
        for minutes in (0, 1, 2):
            at = CLOSED + timedelta(minutes=minutes)
            assert publishing.close_due(session, TEXTS, now=at) == []
        assert done.publication.status == PublicationStatus.OPEN.value
        admin = _texts_to(session, people["admin"])
        assert admin.count("还有 1 条异议未答复") == 1
        assert "最终结果" not in _texts_to(session, people["liaison"])

        objection.status = ObjectionStatus.REJECTED.value
        session.add(objection)
        session.flush()
        final = publishing.close_due(session, TEXTS, now=CLOSED + timedelta(minutes=3))
        assert [p.id for p in final] == [done.publication.id]
        assert "最终结果" in _texts_to(session, people["liaison"])
