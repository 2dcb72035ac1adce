"""The pre-meeting pack: its content from factories, the PDF read back with pypdf, the XLSX
read back with openpyxl, and the timed notice queued once per meeting and person."""

import io
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from pypdf import PdfReader
from sqlmodel import select

from bot.assessment import runs, store
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.formatting import format_money
from bot.i18n import Catalogue
from bot.meetings.pack.audience import may_receive_pack, pack_recipients
from bot.meetings.pack.content import MissingLine, PackError, build_pack
from bot.meetings.pack.notices import queue_pack_notices
from bot.meetings.pack.pdf import write_pdf
from bot.meetings.pack.tables import Texts
from bot.meetings.pack.xlsx import write_xlsx
from bot.meetings.policy import policy_from
from bot.meetings.reminders import Messenger
from bot.services import Services
from bot.settings import Settings
from bot.telegram.context import SERVICES_KEY
from models import Meeting, OutboxMessage, Problem
from schedules.pack import pack_tick
from tests.factories import make_park, make_person, make_project, make_report

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=SHANGHAI)  # evaluation month 2025-02: 序时进度 16.7%
STARTS = datetime(2025, 3, 12, 9, 0, tzinfo=SHANGHAI)
CATALOGUE = Catalogue()
ZH = Texts(CATALOGUE, "zh_CN", SHANGHAI)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T09:00:00+08:00")


def _meeting(session, park, starts: datetime, status: str = "scheduled") -> Meeting:
    meeting = Meeting(
        starts_at=starts,
        park_id=park.id,
        place="管委会三楼会议室",
        deadline=starts.replace(hour=18) - timedelta(days=3),
        period="2025-02",
        status=status,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(meeting)
    session.flush()
    return meeting


def _problem(session, **fields) -> Problem:
    values = {"text": "问题", "raised_at": _at("2025-02-01"), "status": "assigned"}
    values.update(fields)
    problem = Problem(**values)
    session.add(problem)
    session.flush()
    return problem


def build_city(session) -> dict:
    """A host park with a green, a yellow and a red project; another park; two meetings."""
    host, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
    admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=5001)
    leader = make_person(session, "王海涛", is_leader=True, telegram_user_id=5002)
    mayor = make_person(session, "周市长", is_leader=True, city_scope=True, telegram_user_id=5003)
    liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=5004)
    elsewhere = make_person(session, "孙领导", is_leader=True, telegram_user_id=5005)
    created = datetime(2024, 12, 1, tzinfo=SHANGHAI)
    green = make_project(
        session, name="中联起重机械", park=host, leader=leader, liaisons=(liaison,),
        annual_plan=Decimal(12000), created_at=created,
    )  # fmt: skip
    yellow = make_project(
        session, name="中锂新材电池隔膜", park=host, leader=leader, liaisons=(liaison,),
        annual_plan=Decimal(12000), created_at=created,
    )  # fmt: skip
    red = make_project(
        session, name="电镀产业园二期", park=host, leader=leader, liaisons=(liaison,),
        annual_plan=Decimal(30000), planned_production=date(2025, 1, 31), created_at=created,
    )  # fmt: skip
    theirs = make_project(
        session, name="润田农机", park=other, leader=elsewhere, liaisons=(liaison,),
        annual_plan=Decimal(6000), created_at=created,
    )  # fmt: skip
    for project, amount in ((green, 1000), (yellow, 100), (red, 2500), (theirs, 500)):
        for period in ("2025-01", "2025-02"):
            if project is red and period == "2025-02":
                continue  # the red project owes February's report
            make_report(
                session, project=project, reporter=liaison, period=period,
                investment_month=amount, stage="main_works",
            )  # fmt: skip
    previous = _meeting(session, other, _at("2025-02-12"))
    _meeting(session, host, _at("2025-02-20"), status="cancelled")  # never "the last meeting"
    meeting = _meeting(session, host, STARTS)
    _problem(
        session, project_id=yellow.id, text="用地指标未落实", assigned_unit="市自然资源局",
        due_date=date(2025, 3, 1), leader_id=mayor.id,
    )  # fmt: skip
    _problem(session, project_id=green.id, text="供电线路待迁改", status="open")
    _problem(session, project_id=theirs.id, text="别的园区的问题", status="open")
    _problem(
        session, project_id=green.id, meeting_id=previous.id, text="协调银行贷款",
        assigned_unit="市金融办", due_date=date(2025, 3, 20), leader_id=leader.id,
    )  # fmt: skip
    _problem(
        session, meeting_id=previous.id, text="出台园区用电支持政策",
        assigned_unit="市发改委", due_date=date(2025, 2, 28), leader_id=mayor.id,
    )  # fmt: skip
    _problem(
        session, project_id=red.id, meeting_id=previous.id, text="完成环评批复",
        assigned_unit="市生态环境局", due_date=date(2025, 2, 25), status="resolved",
        resolved_at=_at("2025-02-24"),
    )  # fmt: skip
    return {
        "meeting": meeting, "previous": previous, "admin": admin, "leader": leader,
        "mayor": mayor, "liaison": liaison, "elsewhere": elsewhere,
    }  # fmt: skip


def test_content_reuses_status_lights_problems_assignments_and_missing(db) -> None:
    with db.scope() as session:
        city = build_city(session)
        pack = build_pack(session, city["meeting"].id, now=NOW)
        with pytest.raises(PackError):
            build_pack(session, 9999, now=NOW)
    assert (pack.park, pack.period, pack.place) == ("常德经开区", "2025-02", "管委会三楼会议室")
    host, total = pack.host, pack.city
    assert (host.projects, host.green, host.yellow, host.red) == (3, 1, 1, 1)
    assert (host.reported, total.projects, total.reported) == (2, 4, 3)
    assert host.annual_plan == Decimal(54000) and host.year_investment == Decimal(4700)
    assert total.year_investment == Decimal(5700) and host.expected_percent == Decimal("16.7")
    assert [park.name for park in pack.parks] == ["鼎城高新区", "常德经开区"]  # /overview's order
    # Red first, each with the light rule's own reasons.
    assert [(p.name, p.color) for p in pack.flagged] == [
        ("电镀产业园二期", "red"),
        ("中锂新材电池隔膜", "yellow"),
    ]
    red, yellow = pack.flagged
    assert {r.rule for r in red.reasons} >= {"production-late", "report-missing"}
    assert [r.rule for r in yellow.reasons] == ["behind-plan", "problem-overdue"]
    # (16.7% - 10 points) of 12,000 is 800; 200 done: at least 601 more turns it green.
    assert yellow.reasons[0].params["needed"] == format_money(601)
    assert red.leader == "王海涛"
    # The host park's open problems only: overdue first, with unit, due date and 责任领导.
    assert [(p.project, p.overdue, p.unit, p.leader) for p in pack.problems] == [
        ("中锂新材电池隔膜", True, "市自然资源局", "周市长"),
        ("中联起重机械", False, "市金融办", "王海涛"),
        ("中联起重机械", False, "", ""),
    ]
    # The last meeting held (the cancelled one skipped): its assignments by due date.
    assert pack.previous is not None and pack.previous.id == city["previous"].id
    assert [(a.text, a.status, a.overdue) for a in pack.assignments] == [
        ("完成环评批复", "resolved", False),
        ("出台园区用电支持政策", "assigned", True),
        ("协调银行贷款", "assigned", False),
    ]
    assert pack.assignments[1].project == ""  # an assignment that names no project
    assert pack.missing == (MissingLine("常德经开区", "电镀产业园二期", False),)
    assert pack.ranking is None


def test_the_latest_published_ranking_is_in_the_pack(db) -> None:
    with db.scope() as session:
        city = build_city(session)
        store.save_scheme(session, default_scheme(["常德经开区", "鼎城高新区"]), now=NOW, actor="t")
        run = runs.draft_run(session, parse_period("2025-Q1"), SHANGHAI, now=NOW, actor="t")
        runs.publish(session, run, SHANGHAI, now=NOW, actor="t", working_days=5, closes_at=time(18))
        pack = build_pack(session, city["meeting"].id, now=NOW)
    assert pack.ranking is not None and pack.ranking.period == "2025-Q1"
    assert not pack.ranking.final
    assert sorted(p.park for p in pack.ranking.parks) == ["常德经开区", "鼎城高新区"]
    assert [p.rank for p in pack.ranking.parks if p.park_type == pack.ranking.parks[0].park_type]


def _pdf_text(data: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    # pypdf spaces (and NUL-pads) the glyphs of this CJK font: compare without them.
    return len(reader.pages), [
        re.sub(r"[\s\x00]+", "", page.extract_text()) for page in reader.pages
    ]


def test_pdf_has_the_tables_page_numbers_date_and_figures(sqlite_db) -> None:
    with sqlite_db.scope() as session:
        city = build_city(session)
        pack = build_pack(session, city["meeting"].id, now=NOW)
    buffer = io.BytesIO()
    pages = write_pdf(buffer, pack, ZH)
    count, texts = _pdf_text(buffer.getvalue())
    assert count == pages >= 1
    everything = "".join(texts)
    for index, page in enumerate(texts, start=1):
        assert f"第{index}页/共{count}页生成于2025-03-10" in page
    for name in ("中联起重机械", "中锂新材电池隔膜", "电镀产业园二期", "鼎城高新区", "常德经开区"):
        assert name in everything
    # The host's row: 3 projects, 1 green 1 yellow 1 red, 2 reported (66.7%), plan and done.
    assert "常德经开区3111266.754,0004,7008.716.7" in everything
    assert "全市4" in everything and "5,700" in everything
    assert "市自然资源局" in everything and "周市长" in everything and "逾期" in everything
    assert "协调银行贷款" in everything and "出台园区用电支持政策" in everything
    assert "本年再完成投资至少601万元" in everything  # what turns the yellow project green
    assert "润田农机" not in everything  # another park's project, green and reported
    assert buffer.getvalue().count(b"/FontFile") == 1  # the font is embedded


def test_a_long_pack_breaks_into_numbered_pages(sqlite_db) -> None:
    with sqlite_db.scope() as session:
        city = build_city(session)
        pack = build_pack(session, city["meeting"].id, now=NOW)
    many = tuple(MissingLine("常德经开区", f"项目{n:03d}", n % 7 == 0) for n in range(150))
    buffer = io.BytesIO()
    pages = write_pdf(buffer, replace(pack, missing=many), Texts(CATALOGUE, "en", SHANGHAI))
    count, texts = _pdf_text(buffer.getvalue())
    assert count == pages >= 3
    assert all(f"Page{i}of{count}" in page for i, page in enumerate(texts, start=1))
    assert "项目149" in texts[-1] or "项目149" in "".join(texts)


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(sqlite_db) -> None:
    with sqlite_db.scope() as session:
        city = build_city(session)
        pack = build_pack(session, city["meeting"].id, now=NOW)
    buffer = io.BytesIO()
    write_xlsx(buffer, pack, ZH)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["概况", "各园区", "红黄灯项目", "未解决问题", "上次交办", "未报送"]
    status = book["概况"]
    assert status["A1"].value == "一、承办园区与全市概况"
    assert [c.value for c in status[4]][:3] == ["范围", "项目数", "绿灯"]
    host = [c.value for c in status[5]]
    assert host[:6] == ["常德经开区", 3, 1, 1, 1, 2] and host[7] == 54000 and host[8] == 4700
    assert status.freeze_panes == "A5"
    flagged = [[c.value for c in row] for row in book["红黄灯项目"].iter_rows(min_row=5)]
    assert [row[1] for row in flagged] == ["电镀产业园二期", "中锂新材电池隔膜"]
    lights = [book["红黄灯项目"][cell].fill.fgColor.rgb for cell in ("A5", "A6")]
    assert lights == ["FFF8696B", "FFFFD966"]  # the ledger's red and yellow
    assignments = [[c.value for c in row] for row in book["上次交办"].iter_rows(min_row=5)]
    assert assignments[1][1] == "出台园区用电支持政策" and assignments[1][6] == "逾期"
    assert assignments[1][5] == datetime(2025, 2, 28)  # a real date cell
    assert book["未报送"]["B5"].value == "电镀产业园二期"


def test_recipients_are_admins_city_leaders_and_the_host_parks_leaders(db) -> None:
    with db.scope() as session:
        city = build_city(session)
        meeting = city["meeting"]
        names = [p.name for p in pack_recipients(session, meeting)]
        assert names == ["赵磊", "王海涛", "周市长"]
        assert not may_receive_pack(session, city["liaison"], meeting)
        assert not may_receive_pack(session, city["elsewhere"], meeting)  # another park's
        assert may_receive_pack(session, city["elsewhere"], city["previous"])  # his park's


def test_the_timed_notice_is_queued_once_per_meeting_and_person_with_its_button(db) -> None:
    settings = Settings(_env_file=None, pack_days_before=2, quiet_hours="22:00-08:00")
    clock = SimpleNamespace(now=datetime(2025, 3, 9, 9, 30, tzinfo=SHANGHAI))  # 3 days before
    services = Services(settings=settings, db=db, catalogue=CATALOGUE, clock=lambda: clock.now)
    application = SimpleNamespace(bot_data={SERVICES_KEY: services})
    with db.scope() as session:
        meeting_id = build_city(session)["meeting"].id

    def tick() -> int:
        import asyncio

        return asyncio.run(pack_tick(application))

    assert tick() == 0  # three days before: not yet
    clock.now = datetime(2025, 3, 10, 9, 0, tzinfo=SHANGHAI)  # two days before
    assert tick() == 3
    assert tick() == 0  # a second tick, a restart's catch-up: nothing twice
    with db.scope() as session:
        rows = list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))
        assert [(r.kind, r.chat_id, r.meeting_id) for r in rows] == [
            ("pack", 5001, meeting_id),
            ("pack", 5002, meeting_id),
            ("pack", 5003, meeting_id),
        ]
        assert "会前材料已备好" in rows[0].text and "常德经开区" in rows[0].text
        [[button]] = rows[0].reply_markup["inline_keyboard"]
        assert button == {"text": "获取会前材料", "callback_data": f"pk:{meeting_id}"}
        assert rows[0].dedupe_key == f"pack:m{meeting_id}:p{rows[0].person_id}"
        # Off: nothing, even for a meeting whose time has come.
        messenger = Messenger(CATALOGUE, "zh_CN", policy_from(settings))
        later = datetime(2025, 3, 11, 9, 0, tzinfo=SHANGHAI)
        assert queue_pack_notices(session, now=later, days_before=0, messenger=messenger) == 0


def test_a_notice_due_in_quiet_hours_waits_for_them_to_end(db) -> None:
    settings = Settings(_env_file=None, quiet_hours="22:00-08:00")
    messenger = Messenger(CATALOGUE, "zh_CN", policy_from(settings))
    late = datetime(2025, 3, 10, 23, 0, tzinfo=SHANGHAI)
    with db.scope() as session:
        build_city(session)
        assert queue_pack_notices(session, now=late, days_before=2, messenger=messenger) == 3
        row = session.exec(select(OutboxMessage)).first()
        assert row.not_before.astimezone(SHANGHAI) == datetime(2025, 3, 11, 8, 0, tzinfo=SHANGHAI)
