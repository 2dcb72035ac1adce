"""Objections to a published assessment: who may file, the window, and answering once."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.assessment import audience, objections, runs, store
from bot.assessment.objection_notices import format_changes, notify_answered, notify_filed
from bot.assessment.objections import ObjectionRefused
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values, history
from bot.i18n import Catalogue
from bot.people.accounts import Notices
from models import AuditEntry, Objection, OutboxMessage, ParkReporter
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = Decimal
NOW = datetime(2025, 4, 7, 10, 0, tzinfo=SHANGHAI)  # Monday; the window closes 14 Apr 18:00
NOTICES = Notices(Catalogue(), "zh_CN")


def _published(session):
    a, b = make_park(session, "甲园区"), make_park(session, "乙园区")
    liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=81)
    leader = make_person(session, "王强", is_leader=True, telegram_user_id=82)
    reporter = make_person(session, "钱报", telegram_user_id=83)
    other = make_person(session, "周涛", is_liaison=True, telegram_user_id=84)
    admin = make_person(session, "孙丽", is_admin=True, telegram_user_id=85)
    make_project(session, park=b, leader=leader, liaisons=(liaison,))
    make_project(session, park=a, liaisons=(other,))
    session.add(ParkReporter(park_id=b.id, person_id=reporter.id))
    store.save_scheme(session, default_scheme(["甲园区", "乙园区"]), now=NOW, actor="t")
    for park, tax in ((a, 300), (b, 100)):
        file_values(
            session, park_id=park.id, month="2025-03", entries=[Entry("tax", D(tax))],
            source="xlsx", actor="t", now=NOW,
        )  # fmt: skip
    run = runs.draft_run(session, parse_period("2025-Q1"), SHANGHAI, now=NOW, actor="t")
    publication = runs.publish(
        session, run, SHANGHAI, now=NOW, actor="t", working_days=5, closes_at=time(18)
    )
    return publication, b, liaison, other, admin


def _file(session, publication, park, person, *, at=NOW, item="tax"):
    return objections.file(
        session, publication_id=publication.id, park_id=park.id, item=item,
        reason="税收漏报了一笔", attachment=None, person=person, now=at, tz=SHANGHAI,
    )  # fmt: skip


def test_park_people_are_liaisons_leaders_and_reporters(db) -> None:
    with db.scope() as session:
        _, b, *_ = _published(session)
        names = [p.name for p in audience.park_people(session, b.id)]
        assert names == ["李敏", "王强", "钱报"]
        liaison = next(p for p in audience.park_people(session, b.id) if p.name == "李敏")
        assert [park.name for park in audience.parks_of(session, liaison.id)] == ["乙园区"]


def test_accepted_objection_rescores_and_tells_the_difference(db) -> None:
    with db.scope() as session:
        publication, b, liaison, other, admin = _published(session)
        assert [t.park.name for t in objections.targets(session, liaison, NOW)] == ["乙园区"]
        objection = _file(session, publication, b, liaison)
        assert (objection.filer_name, objection.status) == ("李敏", "pending")
        notify_filed(session, objection, notices=NOTICES, now=NOW, tz=SHANGHAI)
        to_admin = session.exec(select(OutboxMessage).where(OutboxMessage.person_id == admin.id))
        to_admin = to_admin.one()
        assert "税收漏报了一笔" in to_admin.text and "李敏（实名）" in to_admin.text
        assert to_admin.reply_markup["inline_keyboard"][0][0]["callback_data"] == (
            f"ob:accept:{objection.id}"
        )
        # Answering works after the window has closed.
        later = NOW + timedelta(days=10)
        answered = objections.accept(
            session, objection.id, value=D(500), base=None, note="", actor="t", now=later,
            tz=SHANGHAI,
        )  # fmt: skip
        assert answered.objection.status == "accepted" and answered.objection.run_id is not None
        assert [r.number for r in runs.runs_of(session, "2025-Q1")] == [1, 2]
        assert history(session, b.id, "tax", "2025-03")[-1].source == "objection"
        text = format_changes(
            answered.changes, lambda k, **a: NOTICES.catalogue.text("zh_CN", k, **a)
        )
        assert "乙园区：总分" in text and "排名 2 → 1" in text and "税收收入：100 → 500" in text
        notify_answered(session, answered, notices=NOTICES, now=later, tz=SHANGHAI)
        # To the filer it is the answer to their own request: kind answer, never capped.
        to_filer = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.person_id == liaison.id, OutboxMessage.kind == "answer"
            )
        ).one()
        assert "已采纳" in to_filer.text and "税收收入：100 → 500" in to_filer.text
        # 甲's people lost their rank: their liaison hears the new standing.
        standing = session.exec(select(OutboxMessage).where(OutboxMessage.person_id == other.id))
        assert "排名第 2（原第 1）" in standing.one().text
        with pytest.raises(ObjectionRefused) as twice:
            objections.reject(session, objection.id, reason="x", actor="t", now=later)
        assert twice.value.key == "objection-refused-answered"
        actions = set(session.exec(select(AuditEntry.action)))
        assert {"objection-filed", "objection-accepted", "assessment-run"} <= actions


def test_late_foreign_and_bad_objections_are_refused_and_store_nothing(db) -> None:
    with db.scope() as session:
        publication, b, liaison, other, _ = _published(session)
        late = publication.closes_at
        with pytest.raises(ObjectionRefused) as refused:
            _file(session, publication, b, liaison, at=late)
        assert refused.value.key == "objection-refused-late"
        assert refused.value.params["closes"] == "2025-04-14 18:00"
        assert objections.targets(session, liaison, late) == []
        with pytest.raises(ObjectionRefused) as foreign:
            _file(session, publication, b, other)
        assert foreign.value.key == "objection-refused-not-your-park"
        with pytest.raises(ObjectionRefused) as unknown:
            _file(session, publication, b, liaison, item="nope")
        assert unknown.value.key == "objection-refused-unknown-item"
        assert session.exec(select(Objection)).all() == []


def test_a_rejection_keeps_the_result_and_parks_see_only_their_own(db) -> None:
    with db.scope() as session:
        publication, b, liaison, other, admin = _published(session)
        objection = _file(session, publication, b, liaison)
        assert objections.visible(session, other) == []
        assert [o.id for o in objections.visible(session, admin)] == [objection.id]
        with pytest.raises(ObjectionRefused):
            objections.reject(session, objection.id, reason="  ", actor="t", now=NOW)
        answered = objections.reject(
            session, objection.id, reason="数据以税务局为准", actor="t", now=NOW
        )
        assert answered.objection.answer == "数据以税务局为准" and answered.changes == []
        assert [r.number for r in runs.runs_of(session, "2025-Q1")] == [1]
        assert (
            objections.listing(session, period="2025-Q1", status="rejected")[0].id == objection.id
        )
        assert objections.listing(session, status="pending") == []
