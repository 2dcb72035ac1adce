"""Publishing the 三个一 pairing table: notices, objections to one's own row, the close."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.assessment import objections
from bot.assessment.notices import Texts
from bot.assessment.objections import ObjectionRefused
from bot.assessment.period import parse_period
from bot.cli.pairing import OPERATOR
from bot.db import Database
from bot.i18n import Catalogue
from bot.pairing import publication as pairing_pub
from bot.pairing.view import leader_pairings
from bot.status.compute import Asked
from models import AuditEntry, Objection, OutboxMessage, Person, Publication, PublicationStatus
from tests.factories import make_enterprise, make_pairing, make_park, make_person, make_project

pytestmark = pytest.mark.both_databases

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 28, 10, 0, tzinfo=TZ)  # Friday; 5 working days (清明 off) end 7 April 18:00
Q1 = parse_period("2025-Q1")


def texts() -> Texts:
    return Texts(Catalogue(), "zh_CN", TZ)


@pytest.fixture
def published(db: Database) -> dict:
    """周建华 (liaison 张伟) and 刘伟 paired; the table published at NOW."""
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=8801)
        zhou = make_person(session, "周建华", is_leader=True, telegram_user_id=8802)
        liu = make_person(session, "刘伟", is_leader=True, telegram_user_id=8803)
        zhang = make_person(session, "张伟", is_liaison=True, telegram_user_id=8804)
        project = make_project(session, name="中联起重机械", park=park, leader=zhou)
        backbone = make_enterprise(session, "中联重科", park=park)
        mine = make_pairing(session, leader=zhou, project=project, backbone=backbone, liaison=zhang)
        other = make_pairing(session, leader=liu)
        rows = leader_pairings(
            session, viewer=OPERATOR, asked=Asked(OPERATOR, NOW.date(), TZ), quarter=Q1
        )
        publication, told = pairing_pub.publish(
            session, rows, Q1, texts(), now=NOW, actor="t", working_days=5, closes_at=time(18)
        )
        return {
            "publication": publication.id, "told": told, "zhou": zhou.id, "liu": liu.id,
            "zhang": zhang.id, "mine": mine.id, "other": other.id,
        }  # fmt: skip


def _outbox(db: Database) -> list[OutboxMessage]:
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage)))


def test_publish_snapshots_the_rows_and_tells_each_leader_their_row(db, published):
    with db.scope() as session:
        publication = session.get(Publication, published["publication"])
        assert publication.kind == "pairing" and publication.period == "2025-Q1"
        assert publication.closes_at == datetime(2025, 4, 7, 18, tzinfo=TZ)
        rows = pairing_pub.rows_of(publication)
        assert [r["leader"] for r in rows] == ["刘伟", "周建华"]
        assert rows[1]["backbone"] == "中联重科" and rows[1]["pairing_id"] == published["mine"]
        actions = [a.action for a in session.exec(select(AuditEntry))]
        assert "pairing-published" in actions
    assert published["told"] == 3  # 周建华, 张伟 and 刘伟
    by_person: dict[int, list[str]] = {}
    for message in _outbox(db):
        by_person.setdefault(message.person_id, []).append(message.text)
    zhou = "\n".join(by_person[published["zhou"]])
    assert "中联起重机械" in zhou and "刘伟｜" not in zhou and "公示期至" in zhou
    assert "周建华｜" in "\n".join(by_person[published["zhang"]])
    assert "刘伟｜" in "\n".join(by_person[published["liu"]])
    admin = [t for t in (m.text for m in _outbox(db)) if "2 位领导" in t]
    assert admin and "已通知 3 位" in admin[0]


def test_a_second_publish_is_refused_while_open(db, published):
    with db.scope() as session:
        with pytest.raises(pairing_pub.PairingPublishRefused) as refused:
            pairing_pub.publish(
                session, [object()], Q1, texts(), now=NOW, actor="t",
                working_days=5, closes_at=time(18),
            )  # fmt: skip
        assert refused.value.key == "pairing-publish-refused-open"


def test_only_the_rows_own_leader_or_liaison_may_object_and_not_late(db, published):
    pub, mine, other = published["publication"], published["mine"], published["other"]
    with db.scope() as session:
        zhang = session.get(Person, published["zhang"])
        with pytest.raises(ObjectionRefused) as refused:
            objections.file(
                session, publication_id=pub, park_id=None, item=f"pairing:{other}",
                reason="不是我的", attachment=None, person=zhang, now=NOW, tz=TZ,
            )  # fmt: skip
        assert refused.value.code == "not-your-pairing"
        late = datetime(2025, 4, 7, 18, 0, tzinfo=TZ)
        with pytest.raises(ObjectionRefused) as refused:
            objections.file(
                session, publication_id=pub, park_id=None, item=f"pairing:{mine}",
                reason="迟了", attachment=None, person=zhang, now=late, tz=TZ,
            )  # fmt: skip
        assert refused.value.code == "late"
        filed = objections.file(
            session, publication_id=pub, park_id=None, item=f"pairing:{mine}",
            reason="服务次数少算了一次", attachment=None, person=zhang, now=NOW, tz=TZ,
        )  # fmt: skip
        assert filed.park_id is None and filed.filer_name == "张伟"
        assert [o.id for o in objections.visible(session, zhang)] == [filed.id]
        assert [(p.id, r["leader"]) for p, r in pairing_pub.own_rows(session, zhang, NOW)] == [
            (pub, "周建华")
        ]
        rejected = objections.reject(session, filed.id, reason="台账只记一次", actor="t", now=NOW)
        answer = rejected.objection
        assert (answer.status, answer.answer) == ("rejected", "台账只记一次")


def test_close_holds_while_pending_then_finalizes_and_tells_admins_and_leaders(db, published):
    pub, mine = published["publication"], published["mine"]
    after = datetime(2025, 4, 7, 18, 1, tzinfo=TZ)
    with db.scope() as session:
        zhou = session.get(Person, published["zhou"])
        filed = objections.file(
            session, publication_id=pub, park_id=None, item=f"pairing:{mine}",
            reason="形象进度不对", attachment=None, person=zhou, now=NOW, tz=TZ,
        )  # fmt: skip
        assert pairing_pub.close_due(session, texts(), now=after - timedelta(minutes=2)) == []
        assert pairing_pub.close_due(session, texts(), now=after) == []  # held: one pending
        with pytest.raises(ObjectionRefused) as refused:
            objections.accept(
                session, filed.id, value=None, base=None, note=" ", actor="t", now=after, tz=TZ
            )
        assert refused.value.code == "note-needed"
        answered = objections.accept(
            session, filed.id, value=None, base=None, note="已核实，修正花名册后重新公示",
            actor="t", now=after, tz=TZ,
        )  # fmt: skip
        assert answered.objection.status == "accepted" and answered.changes == []
    with db.scope() as session:
        [final] = pairing_pub.close_due(session, texts(), now=after)
        assert final.status == PublicationStatus.FINAL.value and final.final_at is not None
        actions = [a.action for a in session.exec(select(AuditEntry))]
        assert "pairing-final" in actions and "objection-accepted" in actions
        assert session.exec(select(Objection)).one().status == "accepted"
    texts_ = [m.text for m in _outbox(db)]
    assert any("结对表公示期已结束" in t and "1 条异议" in t for t in texts_)
    finals = [m for m in _outbox(db) if "公示期满" in m.text]
    assert {m.person_id for m in finals} >= {published["zhou"], published["liu"]}
    assert all("周建华｜" in m.text and "刘伟｜" in m.text for m in finals)
    with db.scope() as session:
        assert pairing_pub.close_due(session, texts(), now=after) == []  # final once
