"""The close job: a window that closed while the bot was down becomes final at start-up."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from sqlmodel import select

from bot.assessment import publication as publishing
from bot.assessment import runs, store
from bot.assessment.notices import Texts
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from bot.i18n import Catalogue
from models import Publication, PublicationStatus
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

LIAISON, ADMIN = 7501, 7502
PUBLISHED = datetime.fromisoformat("2025-02-20T10:00:00+08:00")  # closes 27 Feb 18:00


def test_a_passed_window_is_final_after_start_up_and_broadcast(start_bot, emulator, db):
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        make_project(session, name="星火锂电池", park=park, liaisons=(liaison,))
        store.save_scheme(session, default_scheme(["云溪园区"]), now=PUBLISHED, actor="t")
        file_values(
            session,
            park_id=park.id,
            month="2025-01",
            entries=[Entry("tax", Decimal(5))],
            source="xlsx",
            actor="t",
            now=PUBLISHED,
        )
        texts = Texts(Catalogue(), "zh_CN", PUBLISHED.tzinfo)
        run = runs.draft_run(session, parse_period("2025-01"), texts.tz, now=PUBLISHED, actor="t")
        publishing.publish_run(
            session, run, texts, now=PUBLISHED, actor="t", working_days=5, closes_at=time(18)
        )
    user = emulator.add_user(LIAISON, "Min")
    admin = emulator.add_user(ADMIN, "Li")
    start_bot()  # the clock stands at 10 March 2025: the window closed while the bot was down
    final = user.wait_message(lambda m: "2025-01 园区分类考核最终结果" in (m.get("text") or ""), 20)
    assert "第 1 名 云溪园区" in final["text"]
    admin.wait_message(lambda m: "最终结果" in (m.get("text") or ""), 20)
    with db.scope() as session:
        publication = session.exec(select(Publication)).one()
        assert publication.status == PublicationStatus.FINAL.value
