"""The /values form (指标填报) end to end: a park's reporter files, keeps, skips and revises."""

from decimal import Decimal

import pytest
from sqlmodel import select

from bot.assessment import store
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values, latest
from handlers.values import KEY
from models import IndicatorValue, ParkReporter
from tests.e2e.chat import buttons, screen
from tests.e2e.test_outbox import eventually
from tests.e2e.test_wizard_restart import crash, step_stored, stored
from tests.factories import NOW, make_park, make_person
from tests.screens import say, shows

pytestmark = pytest.mark.e2e
REPORTER_ID, OUTSIDER_ID, ADMIN_ID = 1501, 1502, 1503
D = Decimal


@pytest.fixture
def parks(db):
    """Two parks, a reporter of the first, a liaison who files nothing, an admin, the scheme."""
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        make_park(session, "石门园区")
        reporter = make_person(session, "李敏", is_liaison=True, telegram_user_id=REPORTER_ID)
        make_person(session, "周涛", is_liaison=True, telegram_user_id=OUTSIDER_ID)
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN_ID)
        session.add(ParkReporter(park_id=park.id, person_id=reporter.id))
        store.save_scheme(session, default_scheme(["云溪园区", "石门园区"]), now=NOW, actor="t")
        # February's year-to-date figures prefill March; March 2024 gives the growth base.
        for month, entries in (
            ("2025-02", [Entry("infrastructure", D(1000)), Entry("output_growth", D(9), D(8))]),
            ("2024-03", [Entry("output_growth", D(2500))]),
        ):
            file_values(
                session, park_id=park.id, month=month, entries=entries, source="xlsx",
                actor="t", now=NOW,
            )  # fmt: skip
    return {"park": park.id, "reporter": reporter.id}


def march(db, park_id: int) -> dict[str, tuple[Decimal, Decimal | None, str]]:
    with db.scope() as session:
        rows = latest(session, ["2025-03"])
        return {k: (r.value, r.base, r.source) for (p, k, _), r in rows.items() if p == park_id}


def ask(name: str):
    return shows("values-ask", name=name)


def test_reporter_files_keeps_skips_and_is_held_to_bounds(harness, parks, db):
    emu = harness.emulator
    user = emu.add_user(REPORTER_ID, "Min")
    user.send_command("values")
    # One park: straight to the month, the previous month offered first.
    months = screen(emu, user, shows("values-ask-month", park="云溪园区"))
    assert buttons(months)[:2] == ["2025-02", "2025-03"]
    user.send_text("2025-04")
    screen(emu, user, say("values-refused-future-month", month="2025-04"))
    user.press("2025-03")
    screen(emu, user, ask("新开工项目"))
    user.send_text("2.5")
    screen(emu, user, say("values-refused-whole", text="2.5"))
    user.send_text("3")
    question = screen(emu, user, ask("基础设施投入"))
    assert say("values-prefill", value="1000") in question["text"]
    user.press(say("values-keep", value="1000"))  # one tap: February's figure
    screen(emu, user, ask("规模工业总产值增长"))
    user.send_text("3.5亿")
    base = screen(emu, user, shows("values-ask-base", name="规模工业总产值增长"))
    assert say("values-keep", value="2500") in buttons(base)  # a year ago's figure
    user.press(say("values-keep", value="2500"))
    screen(emu, user, ask("税收收入"))
    user.send_text("-5")
    screen(emu, user, say("values-refused-negative", text="-5"))
    user.send_text("800万")
    screen(emu, user, ask("标准厂房"))
    user.press(say("values-skip"))
    screen(emu, user, ask("安全事故"))
    user.send_text("0")
    screen(emu, user, ask("环保督察问题"))
    user.send_text("1")
    summary = screen(emu, user, shows("values-summary", park="云溪园区", month="2025-03"))
    assert say("values-summary-missing", name="标准厂房") in summary["text"]
    assert (
        say("values-summary-growth", name="规模工业总产值增长", value="35000", base="2500")
        in (summary["text"])
    )
    user.press(say("button-submit"))
    screen(emu, user, shows("values-submitted", count=6))
    stored = march(db, parks["park"])
    assert stored["output_growth"] == (D(35000), D(2500), "chat")
    assert stored["infrastructure"][0] == D(1000) and stored["tax"][0] == D(800)
    assert "factories" not in stored  # skipped: missing, never zero
    with db.scope() as session:
        row = session.exec(select(IndicatorValue).where(IndicatorValue.indicator == "tax")).one()
        assert row.filed_by_id == parks["reporter"]


def test_a_revision_shows_the_current_values_and_an_edit(harness, parks, db):
    emu = harness.emulator
    user = emu.add_user(REPORTER_ID, "Min")
    with db.scope() as session:
        file_values(
            session, park_id=parks["park"], month="2025-03", entries=[Entry("new_starts", D(4))],
            source="chat", actor="t", now=NOW,
        )  # fmt: skip
    user.send_command("values")
    screen(emu, user, shows("values-ask-month"))
    user.press("2025-03")
    question = screen(emu, user, ask("新开工项目"))
    assert say("values-keep", value="4") in buttons(question)  # this month's current filing
    user.press(say("values-keep", value="4"))
    # The rest skipped (a growth value skipped asks no base).
    for name in (
        "基础设施投入",
        "规模工业总产值增长",
        "税收收入",
        "标准厂房",
        "安全事故",
        "环保督察问题",
    ):
        screen(emu, user, ask(name))
        user.press(say("values-skip"))
    screen(emu, user, shows("values-summary-revision", park="云溪园区", month="2025-03"))
    user.press(say("values-edit"))
    screen(emu, user, say("values-ask-field"))
    user.press("税收收入")
    screen(emu, user, ask("税收收入"))
    user.send_text("1,200")
    summary = screen(emu, user, shows("values-summary-revision"))
    assert say("values-summary-line", name="税收收入", value="1200", unit="万元") in summary["text"]
    user.press(say("button-submit"))
    screen(emu, user, shows("values-submitted", count=2))
    assert march(db, parks["park"])["tax"][0] == D(1200)


@pytest.mark.parametrize("stop", ["clean", "crash"])
def test_a_restart_mid_form_resumes_at_the_same_step(start_bot, parks, db, stop):
    first = start_bot()
    user = first.emulator.add_user(REPORTER_ID, "Min")
    user.send_command("values")
    screen(first.emulator, user, shows("values-ask-month"))
    user.press("2025-02")
    screen(first.emulator, user, ask("新开工项目"))
    user.send_text("2")
    screen(first.emulator, user, ask("基础设施投入"))
    step_stored(db, "values-form", REPORTER_ID, 2)
    # Each indicator is the same wizard state; the form's place is in the stored user_data.
    place = lambda: stored(db).get(("user_data", str(REPORTER_ID)), {}).get(KEY, {})  # noqa: E731
    eventually(lambda: place().get("index") == 1, 10, lambda: str(place()))
    crash(first) if stop == "crash" else first.bot.stop()
    restarted = start_bot()
    user.send_text("1.5亿")
    screen(restarted.emulator, user, ask("规模工业总产值增长"))
    restarted.bot.assert_no_errors()


def test_outsiders_are_refused_and_admins_pick_a_park(harness, parks, db):
    emu = harness.emulator
    outsider = emu.add_user(OUTSIDER_ID, "Tao")
    outsider.send_command("help")
    assert "/values" not in screen(emu, outsider, say("help-header"))["text"]
    outsider.send_command("values")
    screen(emu, outsider, say("values-refused-not-reporter"))
    reporter = emu.add_user(REPORTER_ID, "Min")
    reporter.send_command("help")
    assert "/values" in screen(emu, reporter, say("help-header"))["text"]
    admin = emu.add_user(ADMIN_ID, "Li")
    admin.send_command("values")
    choice = screen(emu, admin, say("values-ask-park"))
    assert {"云溪园区", "石门园区"} <= set(buttons(choice))
    admin.press("石门园区")
    screen(emu, admin, shows("values-ask-month", park="石门园区"))
    admin.send_command("cancel")
    screen(emu, admin, say("values-cancelled"))


def test_without_a_scheme_the_form_says_so(harness, db):
    with db.scope() as session:
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN_ID)
        make_park(session, "云溪园区")
    admin = harness.emulator.add_user(ADMIN_ID, "Li")
    admin.send_command("values")
    screen(harness.emulator, admin, say("values-refused-no-scheme"))
