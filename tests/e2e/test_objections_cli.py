"""`parkbot assess objections` and `parkbot assess answer` as an operator runs them."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.assessment import objections, runs, store
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from bot.db import Database
from models import AuditEntry, Objection, OutboxMessage
from tests.e2e.process import operator_env, parkbot_here
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _filed(db: Database) -> tuple[int, int]:
    """Two parks published now (the CLI's clock is the real one); 乙 objects twice."""
    now = datetime.now(SHANGHAI)
    with db.scope() as session:
        a, b = make_park(session, "甲园区"), make_park(session, "乙园区")
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=9101)
        make_person(session, "孙丽", is_admin=True, telegram_user_id=9102)
        make_project(session, park=b, liaisons=(liaison,))
        store.save_scheme(session, default_scheme(["甲园区", "乙园区"]), now=now, actor="t")
        for park, tax in ((a, 300), (b, 100)):
            file_values(
                session, park_id=park.id, month="2025-03", entries=[Entry("tax", Decimal(tax))],
                source="xlsx", actor="t", now=now,
            )  # fmt: skip
        run = runs.draft_run(session, parse_period("2025-Q1"), SHANGHAI, now=now, actor="t")
        publication = runs.publish(
            session, run, SHANGHAI, now=now, actor="t", working_days=5, closes_at=time(18)
        )
        ids = [
            objections.file(
                session, publication_id=publication.id, park_id=b.id, item=item,
                reason=reason, attachment=None, person=liaison, now=now, tz=SHANGHAI,
            ).id
            for item, reason in (("tax", "税收漏报"), ("investment", "投资统计口径不对"))
        ]  # fmt: skip
    return ids[0], ids[1]


def test_list_accept_and_reject_from_the_command_line(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    empty = parkbot_here(env, "assess", "objections")
    assert empty.returncode == 0, empty.stderr
    assert "没有符合条件的异议" in empty.stdout
    db = Database.from_url(env["DATABASE_URL"])
    tax, investment = _filed(db)

    listed = parkbot_here(env, "assess", "objections", "--period", "2025-Q1", "--status", "pending")
    assert listed.returncode == 0, listed.stderr
    assert f"异议 #{tax}｜乙园区｜2025-Q1｜tax 税收收入｜李敏（实名）" in listed.stdout
    assert "投资统计口径不对" in listed.stdout

    neither = parkbot_here(env, "assess", "answer", str(tax), "--value", "500")
    assert neither.returncode == 2 and "--accept 或 --reject" in neither.stderr
    accepted = parkbot_here(
        env, "assess", "answer", str(tax), "--accept", "--value", "500", "--note", "已核实"
    )
    assert accepted.returncode == 0, accepted.stderr
    assert f"异议 #{tax} 已采纳" in accepted.stdout and "新版本 2" in accepted.stdout
    assert "税收收入：100 → 500" in accepted.stdout
    again = parkbot_here(env, "assess", "answer", str(tax), "--reject", "--reason", "x")
    assert again.returncode == 1 and f"异议 #{tax} 已经答复过" in again.stderr
    assert "Traceback" not in again.stderr

    rejected = parkbot_here(
        env, "assess", "answer", str(investment), "--reject", "--reason", "以统计局数据为准"
    )
    assert rejected.returncode == 0, rejected.stderr
    assert f"异议 #{investment} 已驳回" in rejected.stdout
    with db.scope() as session:
        statuses = {o.id: o.status for o in session.exec(select(Objection))}
        assert statuses == {tax: "accepted", investment: "rejected"}
        told = [m.text for m in session.exec(select(OutboxMessage))]
        assert any("以统计局数据为准" in text for text in told)
        actions = list(session.exec(select(AuditEntry.action)))
        assert {"objection-accepted", "objection-rejected"} <= set(actions)
    db.dispose()
