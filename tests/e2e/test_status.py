"""Status end to end: a leader asks by command and by free text, gets a chart and a ledger."""

import io
import struct
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from sqlmodel import select

from models import Park
from tests.e2e.chat import screen
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import on, say, shows

LEADER, CITY, LIAISON, OTHER = 5001, 5002, 5003, 5004
CREATED = datetime.fromisoformat("2024-06-01T00:00:00+08:00")


@pytest.fixture
def city(db):
    with db.scope() as session:
        east, west = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER)
        make_person(session, "周市长", is_leader=True, city_scope=True, telegram_user_id=CITY)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        other = make_person(session, "周涛", is_liaison=True, telegram_user_id=OTHER)
        common = {"created_at": CREATED, "updated_at": CREATED, "annual_plan": Decimal(1200)}
        zoomlion = make_project(
            session,
            name="中联起重机械",
            park=east,
            leader=leader,
            liaisons=(li,),
            enterprise="中联重科",
            **common,
        )
        make_project(
            session, name="中联智能制造二期", park=east, leader=leader, liaisons=(li,), **common
        )
        make_project(session, name="润田农机", park=west, liaisons=(other,), **common)
        for period, amount in (("2025-01", 100), ("2025-02", 100), ("2025-03", 100)):
            make_report(
                session,
                project=zoomlion,
                reporter=li,
                period=period,
                investment_month=amount,
                stage="main_works",
                percent=40,
                progress="主体施工",
                submitted_at=datetime.fromisoformat(f"{period}-08T10:00:00+08:00"),
            )


def test_leader_gets_a_project_card_by_command(harness, city):
    emu = harness.emulator
    leader = emu.add_user(LEADER, "Qiang")
    leader.send_command("status", "中联起重机械")
    text = screen(emu, leader, "中联起重机械")["text"]
    for expected in (
        "常德经开区",
        "中联重科",
        say("status-card-people", leader="王强", liaisons="李敏"),
        say("status-card-year", year=300, percent="25.0", expected="16.7", month="2025年2月"),
        say("status-card-trend"),
        say("status-fresh", at="2025-03-08 10:00"),
    ):
        assert expected in text, expected
    assert on(text, "status-card-stage", stage=say("stage-main_works"))


def test_free_text_with_one_and_with_several_matches(harness, city):
    emu = harness.emulator
    leader = emu.add_user(LEADER, "Qiang")
    leader.send_text("中联")
    choices = screen(emu, leader, shows("status-choose"))
    assert "中联起重机械" in str(choices["reply_markup"]) and "中联智能制造二期" in str(
        choices["reply_markup"]
    )
    leader.press("中联智能制造二期")
    screen(emu, leader, shows("status-card-no-report"))
    leader.send_text("起重")
    screen(emu, leader, shows("status-card-year", year=300))


def test_scope_a_leader_does_not_find_other_projects(harness, city):
    emu = harness.emulator
    leader = emu.add_user(LEADER, "Qiang")
    leader.send_text("润田")
    screen(emu, leader, shows("status-no-match", text="润田"))
    leader.send_command("park", "鼎城")
    screen(emu, leader, shows("status-no-match", text="鼎城"))
    liaison = emu.add_user(OTHER, "Tao")
    liaison.send_text("中联")
    screen(emu, liaison, shows("status-no-match", text="中联"))


def test_park_and_overview(harness, city):
    emu = harness.emulator
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("park", "经开区")
    park = screen(emu, mayor, shows("park-header", park="常德经开区", count=2))["text"]
    assert say("park-reported", reported=1, count=2, percent="50.0") in park
    assert say("park-laggards") in park
    mayor.send_command("overview")
    overview = screen(emu, mayor, shows("overview-header"))["text"]
    assert "常德经开区" in overview and "鼎城高新区" in overview
    assert on(overview, "overview-total", count=3) and on(overview, "overview-investment")
    assert on(overview, "overview-fast", names="中联起重机械")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def add_company_named_after_the_park(harness) -> None:
    """A project whose company's name contains the park's name (as in the demo data)."""
    with harness.db.scope() as session:
        west = session.exec(select(Park).where(Park.name == "鼎城高新区")).one()
        make_project(
            session,
            name="电镀产业园二期",
            park=west,
            enterprise="常德经开区电镀产业园建设有限公司",
            created_at=CREATED,
            updated_at=CREATED,
        )


def photo_of(user) -> tuple[bytes, str]:
    """The next photo the bot sends the user: its bytes and caption."""
    photo = user.wait_message(lambda m: "photo" in m, timeout=20)
    return photo, photo.get("caption") or ""


def test_each_chart_says_what_it_shows(harness, city):
    emu = harness.emulator
    add_company_named_after_the_park(harness)
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("chart", "中联起重机械")
    photo, caption = photo_of(mayor)
    data = emu.file_bytes(photo["photo"][-1]["file_id"])
    assert len(data) > 5000 and png_size(data) == (1000, 600)
    assert caption.splitlines() == [
        say("chart-caption-project", name="中联起重机械", year=2025, period="2025年3月"),
        say("status-fresh", at="2025-03-08 10:00"),
    ]
    # The park's exact name wins over a company whose name contains it.
    mayor.send_command("chart", "常德经开区")
    photo, caption = photo_of(mayor)
    assert png_size(emu.file_bytes(photo["photo"][-1]["file_id"])) == (1000, 600)
    assert caption.splitlines() == [
        say("chart-caption-park", name="常德经开区", first="2024年10月", last="2025年3月"),
        say("status-fresh", at="2025-03-08 10:00"),
    ]
    # A partial name matching several: the choices, each drawing its own chart.
    mayor.send_command("chart", "中联")
    choices = screen(emu, mayor, shows("status-choose"))
    assert "中联起重机械" in str(choices["reply_markup"])
    mayor.press("中联智能制造二期")
    _, caption = photo_of(mayor)
    assert on(caption, "chart-caption-project", name="中联智能制造二期")
    assert caption.startswith("📈 中联智能制造二期：") and say("status-fresh-none") in caption


def test_exact_park_name_wins_over_a_company_containing_it(harness, city):
    emu = harness.emulator
    add_company_named_after_the_park(harness)
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("status", "常德经开区")
    screen(emu, mayor, shows("park-header", park="常德经开区", count=2))
    mayor.send_text("常德经开区")
    screen(emu, mayor, shows("park-header", park="常德经开区", count=2))
    # Only the company matches: the project, found through its company.
    mayor.send_text("电镀产业园建设")
    screen(emu, mayor, "电镀产业园二期")


def test_export_is_a_real_xlsx_for_city_leaders_only(harness, city):
    emu = harness.emulator
    leader = emu.add_user(LEADER, "Qiang")
    leader.send_command("export")
    screen(emu, leader, shows("export-not-allowed"))
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("export", "2025-03")
    document = mayor.wait_message(lambda m: "document" in m, timeout=20)
    assert on(document["caption"], "export-caption", count=3)
    workbook = openpyxl.load_workbook(io.BytesIO(emu.file_bytes(document["document"]["file_id"])))
    assert workbook.sheetnames[1:] == ["常德经开区", "鼎城高新区"]
    east = workbook["常德经开区"]
    names = [row[0] for row in east.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(names) == ["中联智能制造二期", "中联起重机械"]


def keyboard(message: dict) -> list[list[dict]]:
    """The inline keyboard of a message, row by row."""
    return (message.get("reply_markup") or {}).get("inline_keyboard", [])


def test_status_answers_offer_the_board_where_it_opens(start_bot, city):
    public = "https://parkbot.example.gov.cn"
    emu = start_bot(web_public_url=public).emulator
    board = {"text": say("board-button"), "web_app": {"url": f"{public}/board/app"}}
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("status", "中联起重机械")
    card = screen(emu, mayor, say("status-card-trend"))
    assert [row[0]["text"] for row in keyboard(card)] == [say("button-chart"), board["text"]]
    assert keyboard(card)[1] == [board]
    mayor.send_command("park", "经开区")
    park = screen(emu, mayor, shows("park-header", park="常德经开区", count=2))
    assert keyboard(park)[1:] == [[board]]
    mayor.send_command("overview")
    assert keyboard(screen(emu, mayor, shows("overview-header"))) == [[board]]
    # Not on every message: the missing reports' list has no board button.
    mayor.send_command("missing")
    missing = screen(emu, mayor, shows("missing-header"))
    assert keyboard(missing) == []


def test_without_an_https_address_status_answers_have_no_board_button(harness, city):
    emu = harness.emulator
    mayor = emu.add_user(CITY, "Mayor")
    mayor.send_command("status", "中联起重机械")
    card = screen(emu, mayor, say("status-card-trend"))
    assert [[b["text"] for b in row] for row in keyboard(card)] == [[say("button-chart")]]
    mayor.send_command("overview")
    assert keyboard(screen(emu, mayor, shows("overview-header"))) == []
