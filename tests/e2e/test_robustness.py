"""Odd but possible input end to end: emoji-long texts, months out of range, `$` in names."""

from datetime import datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from bot.status import city_view
from bot.text_limits import units
from models import Broadcast, ReportDraft
from tests.e2e.chat import screen
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import on, say, shows

ADMIN, CITY, LIAISON = 5001, 5002, 5003
MATH_NAME = "$\\frac{1}{2}$公司"


@pytest.fixture
def city(db):
    """An admin, a city leader and a liaison; a project whose name reads as mathtext."""
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        make_person(session, "周市长", is_leader=True, city_scope=True, telegram_user_id=CITY)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        project = make_project(
            session, name=MATH_NAME, park=park, liaisons=(liaison,), annual_plan=Decimal(1200)
        )
        make_report(
            session,
            project=project,
            reporter=liaison,
            period="2025-02",
            investment_month=100,
            stage="main_works",
            percent=40,
            progress="主体施工",
            submitted_at=datetime.fromisoformat("2025-02-08T10:00:00+08:00"),
        )
    return project


def test_a_broadcast_is_measured_as_telegram_measures_it(harness, city):
    emu = harness.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("broadcast")
    screen(emu, admin, shows("broadcast-ask-audience"))
    admin.press(say("broadcast-audience-everyone"))
    screen(emu, admin, shows("broadcast-ask-text"))
    # 1,800 emoji: 1,800 for len(), 3,600 for Telegram, over the 3,500 limit.
    admin.send_text("📢" * 1800)
    screen(emu, admin, shows("broadcast-refused-text-length", limit=3500))
    admin.send_text("📢" * 1700)  # 3,400 units: fits, and so does its preview
    preview = screen(emu, admin, shows("broadcast-preview"))
    assert units(preview["text"]) <= 4096
    with harness.db.scope() as session:
        assert session.exec(select(Broadcast)).all() == []


def test_an_emoji_report_text_is_refused_before_the_summary_overflows(harness, city):
    emu = harness.emulator
    liaison = emu.add_user(LIAISON, "Min")
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text("100")
    screen(emu, liaison, shows("report-ask-stage"))
    liaison.press(say("button-unchanged-stage", stage=say("stage-main_works")))
    screen(emu, liaison, shows("report-ask-percent"))
    liaison.send_text("45")
    screen(emu, liaison, shows("report-ask-progress"))
    # 999 emoji are 999 characters for len() but 1,998 for Telegram: with the problems text
    # alike the summary quoting both would pass 4,096 and never arrive.
    liaison.send_text("🚧" * 999)
    liaison.wait_message(
        lambda m: on(m["text"], "report-progress-too-long", length=1998, limit=1000)
    )
    liaison.send_text("🚧" * 500)
    screen(emu, liaison, shows("report-ask-problems"))
    liaison.send_text("⚠️" * 400)  # 800 units
    screen(emu, liaison, shows("report-ask-photos"))
    liaison.press(say("button-photos-skip"))
    summary = screen(emu, liaison, shows("report-summary"))
    assert units(summary["text"]) <= 4096
    with harness.db.scope() as session:
        assert session.exec(select(ReportDraft)).one().answers["progress"] == "🚧" * 500


@pytest.mark.parametrize("period", ["0001-01", "1999-12", "2027-01"])
def test_export_of_a_month_out_of_range_is_refused_and_the_city_view_stays(harness, city, period):
    emu = harness.emulator
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("overview")
    screen(emu, mayor, shows("overview-header"))
    url = harness.db.engine.url.render_as_string(hide_password=False)
    cached = {key: view for key, view in city_view._CACHE.items() if key[0] == url}
    assert cached
    mayor.send_command("export", period)
    refusal = say("parse-period-out-of-range", text=period, first="2000-01", last="2026-12")
    screen(emu, mayor, refusal)
    assert {key: view for key, view in city_view._CACHE.items() if key[0] == url} == cached
    mayor.send_command("export", "2025-02")
    assert mayor.wait_message(lambda m: "document" in m, timeout=20)


def test_a_project_named_like_mathtext_gets_its_chart(harness, city):
    emu = harness.emulator
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("chart", "frac")
    photo = mayor.wait_message(lambda m: "photo" in m, timeout=20)
    assert MATH_NAME in photo["caption"]
