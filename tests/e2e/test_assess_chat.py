"""/assess in chat: a draft with its XLSX, publication after confirming, and second presses."""

from datetime import datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from bot.assessment import store
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from models import AssessmentRun, OutboxMessage, Person, Publication
from tests.e2e.test_access_matrix import Chat, t, xlsx_text
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

ADMIN, LIAISON_A, LIAISON_B = 7401, 7402, 7403
AT = datetime.fromisoformat("2025-03-01T10:00:00+08:00")


@pytest.fixture
def parks(db) -> None:
    with db.scope() as session:
        a, b = make_park(session, "云溪园区"), make_park(session, "石门园区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        one = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON_A)
        two = make_person(session, "周涛", is_liaison=True, telegram_user_id=LIAISON_B)
        make_project(session, name="星火锂电池", park=a, liaisons=(one,))
        make_project(session, name="海川精密轴承", park=b, liaisons=(two,))
        store.save_scheme(session, default_scheme(["云溪园区", "石门园区"]), now=AT, actor="t")
        for park, tax in ((a, 300), (b, 100)):
            file_values(
                session,
                park_id=park.id,
                month="2025-03",
                entries=[Entry("tax", Decimal(tax))],
                source="xlsx",
                actor="t",
                now=AT,
            )


def _count(db, model) -> int:
    with db.scope() as session:
        return len(session.exec(select(model)).all())


def test_draft_xlsx_publish_with_confirm_and_double_presses(harness, parks, db):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    menu = admin.command("assess")
    assert t("assess-chat-choose") in menu.text
    assert t("assess-chat-run", period="2025-Q1") in str(menu.messages[-1]["reply_markup"])

    draft = admin.press("as:r:2025-Q1:0")
    assert "2025-Q1 考核结果 第 1 版" in draft.text and t("assess-status-draft") in draft.text
    assert "第 1 名 云溪园区" in draft.text and "第 2 名 石门园区" in draft.text
    assert t("assess-missing-title", parks=2) in draft.text
    assert len(draft.documents) == 1
    cells = xlsx_text(draft, harness.emulator)
    assert "草稿 DRAFT" in cells and "石门园区" in cells
    assert t("assess-chat-publish") in str(draft.messages[-1]["reply_markup"])

    again = admin.press("as:r:2025-Q1:0")  # the same button pressed twice
    assert t("assess-chat-already-run", period="2025-Q1") in again.text
    assert _count(db, AssessmentRun) == 1
    with db.scope() as session:
        run_id = session.exec(select(AssessmentRun)).one().id

    ask = admin.press(f"as:p:{run_id}")
    assert t("assess-chat-confirm-ask", period="2025-Q1", number=1) in ask.text
    assert _count(db, Publication) == 0  # asking changes nothing
    published = admin.press(f"as:c:{run_id}")
    assert t("assess-published", period="2025-Q1", number=1) in published.text
    assert "公示期至 2025年3月17日 18:00（5个工作日）" in published.text
    twice = admin.press(f"as:c:{run_id}")
    assert t("assess-run-already-published", run=run_id) in twice.text
    assert _count(db, Publication) == 1

    versions = admin.press("as:v:2025-Q1")
    assert t("assess-chat-version", number=1, status=t("assess-status-open")) in str(
        versions.messages[-1]["reply_markup"]
    )
    shown = admin.press(f"as:s:{run_id}")
    assert t("assess-status-open") in shown.text
    assert "公示中" in xlsx_text(shown, harness.emulator)

    with db.scope() as session:
        ids = {p.telegram_user_id: p.id for p in session.exec(select(Person))}
        rows = session.exec(select(OutboxMessage)).all()
        to_a = "\n".join(r.text for r in rows if r.person_id == ids[LIAISON_A])
        to_b = "\n".join(r.text for r in rows if r.person_id == ids[LIAISON_B])
    assert "云溪园区（综合类园区）：总分" in to_a and "石门园区（综合类园区）" not in to_a
    assert "石门园区（综合类园区）：总分" in to_b and "云溪园区（综合类园区）" not in to_b
    assert "第 1 名 云溪园区" in to_b  # the ranking, not the other park's detail


def test_only_admins_score_or_publish(harness, parks, db):
    liaison = Chat(harness, harness.emulator.add_user(LIAISON_A, "Min"))
    assert t("admin-only") in liaison.command("assess").text
    for data in ("as:r:2025-Q1:0", "as:c:1", "as:v:2025-Q1", "as:s:1"):
        answer = liaison.press(data)
        assert t("admin-only") in answer.text and not answer.documents
    assert _count(db, AssessmentRun) == 0
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    assert t("callback-closed") in admin.press("as:r:2025-Q9:0").text
    assert t("callback-closed") in admin.press("as:s:999").text
    assert t("callback-closed") in admin.press("as:zz").text
