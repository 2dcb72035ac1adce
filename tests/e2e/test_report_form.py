"""The monthly report form end to end: a liaison files, revises, edits and cancels in chat."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from models import Person, Problem, ProgressReport, ReportDraft, ReportPhoto
from tests.e2e.chat import buttons, screen
from tests.factories import make_park, make_person, make_project

LIAISON_ID = 1101
SECOND_LIAISON_ID = 1102
LEADER_ID = 1201
PNG = b"\x89PNG\r\n\x1a\n" + b"site-photo" * 50


@pytest.fixture
def site(db, now):
    """One project with two liaisons (bound) and a bound leader; another liaison's project."""
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER_ID)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON_ID)
        second = make_person(session, "陈静", is_liaison=True, telegram_user_id=SECOND_LIAISON_ID)
        other = make_person(session, "周涛", is_liaison=True)
        project = make_project(
            session,
            name="中联起重机械",
            park=park,
            leader=leader,
            liaisons=(liaison, second),
            total_investment=Decimal("100000"),
        )
        foreign = make_project(session, name="美华尼龙四期", park=park, liaisons=(other,))
    return {"project": project, "foreign": foreign, "liaison": liaison, "second": second}


def add_prior_report(db, site, **fields):
    """A February report to prefill from."""
    values = {
        "project_id": site["project"].id,
        "period": "2025-02",
        "investment_month": Decimal("500"),
        "investment_cumulative": Decimal("5000"),
        "stage": "main_works",
        "percent": Decimal("40"),
        "progress": "主体结构施工到三层",
        "problems": "",
        "reporter_id": site["liaison"].id,
        "submitted_at": datetime.fromisoformat("2025-02-25T10:00:00+08:00"),
    }
    values.update(fields)
    with db.scope() as session:
        session.add(ProgressReport(**values))


def reports(db) -> list[ProgressReport]:
    with db.scope() as session:
        return list(session.exec(select(ProgressReport).order_by(ProgressReport.id)))


@pytest.fixture
def liaison(harness, site):
    return harness.emulator.add_user(LIAISON_ID, "Min")


def test_full_report_with_photos_problem_and_leader_notice(harness, site, liaison, tmp_path):
    emu = harness.emulator
    leader = emu.add_user(LEADER_ID, "Qiang")
    liaison.send_command("report")
    assert "2025年2月" in buttons(screen(emu, liaison, "请选择填报月份"))
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_text("1,200")
    screen(emu, liaison, "② 目前所处阶段")
    liaison.press("主体施工")
    screen(emu, liaison, "③ 形象进度（")
    liaison.send_text("45%")
    screen(emu, liaison, "④ 本月主要进展（")
    liaison.send_text("完成主体结构封顶，开始砌筑。")
    screen(emu, liaison, "⑤ 需要协调解决的问题？")
    liaison.send_text("用地指标待协调")
    screen(emu, liaison, "⑥ 现场照片：可发送")
    liaison.send_photo(PNG)
    screen(emu, liaison, "已收到第 1 张")
    liaison.send_document(PNG, "site.png", "image/png")
    screen(emu, liaison, "已收到第 2 张")
    liaison.press("✔️ 完成")
    summary = screen(emu, liaison, "请核对")
    assert "1,200 万元（累计 1,200 万元 / 总投资 100,000 万元）" in summary["text"]
    assert "主体施工" in summary["text"] and "45%" in summary["text"]
    liaison.press("✅ 提交")
    done = screen(emu, liaison, "已提交")
    assert "第 1 版" in done["text"] and "黄灯" in done["text"]
    # The light by the full rule: 1,200 of a 30,000 plan is 4%, against the 16.7% of the last
    # closed month (February): reporting March early counts its money, not March's plan.
    assert "年度投资完成率 4.0%，序时进度 16.7%，落后 12.7 个百分点" in done["text"]

    [report] = reports(harness.db)
    assert (report.period, report.investment_month, report.stage) == ("2025-03", 1200, "main_works")
    assert report.percent == Decimal("45") and report.investment_cumulative == Decimal("1200")
    with harness.db.scope() as session:
        problem = session.exec(select(Problem)).one()
        photos = session.exec(select(ReportPhoto)).all()
    assert problem.text == "用地指标待协调" and problem.status == "open"
    assert len(photos) == 2
    for photo in photos:
        assert Path(photo.local_path).read_bytes() == PNG
    notice = leader.wait_message()
    assert "中联起重机械" in notice["text"] and "用地指标待协调" in notice["text"]


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("-5", "不能为负数"),
        ("abc", "无法识别金额"),
        ("1e5", "无法识别金额"),
        ("100001", "超过项目总投资"),
        ("", "请输入金额"),
    ],
)
def test_investment_validation_repeats_the_question(harness, site, liaison, typed, complaint):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_text(typed or " ")
    liaison.wait_message(lambda m: complaint in m["text"])
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_text("１２００")
    screen(emu, liaison, "② 目前所处阶段")
    with harness.db.scope() as session:
        draft = session.exec(select(ReportDraft)).one()
    assert draft.answers["investment"] == "1200"


@pytest.mark.parametrize(
    ("typed", "stored"), [("0.12亿", "1200"), ("1200万", "1200"), ("1200.5", "1200.5")]
)
def test_investment_units(harness, site, liaison, typed, stored):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_text(typed)
    screen(emu, liaison, "② 目前所处阶段")
    with harness.db.scope() as session:
        assert session.exec(select(ReportDraft)).one().answers["investment"] == stored


def test_unchanged_month_takes_three_taps(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    taps = 0
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    for label, expected in [
        ("2025年3月", "① 本月完成投资"),
        ("📋 本月无新情况，沿用上月直接预览", "请核对"),
        ("✅ 提交", "已提交"),
    ]:
        liaison.press(label)
        taps += 1
        screen(emu, liaison, expected)
    assert taps <= 4
    [_, march] = reports(harness.db)
    assert (march.period, march.stage, march.percent) == ("2025-03", "main_works", 40)
    assert march.investment_cumulative == Decimal("5500")


def test_edit_a_field_from_the_summary_and_back(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.press("📋 本月无新情况，沿用上月直接预览")
    screen(emu, liaison, "请核对")
    liaison.press("✏️ 修改某项")
    screen(emu, liaison, "要修改哪一项")
    liaison.press("③ 进度")
    screen(emu, liaison, "③ 形象进度（")
    liaison.send_text("55")
    summary = screen(emu, liaison, "请核对")
    assert "③ 形象进度：55%" in summary["text"]
    liaison.press("⬅️ 返回")
    screen(emu, liaison, "⑥ 现场照片：可发送")
    liaison.press("⬅️ 返回")
    screen(emu, liaison, "⑤ 需要协调解决的问题？")
    liaison.press("⬅️ 返回")
    screen(emu, liaison, "④ 本月主要进展（")
    with harness.db.scope() as session:
        answers = session.exec(select(ReportDraft)).one().answers
    assert answers["percent"] == "55" and answers["progress"] == "主体结构施工到三层"


def test_cancel_by_button_and_by_command(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("✖️ 取消")
    screen(emu, liaison, "已取消")
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_command("cancel")
    screen(emu, liaison, "已取消")
    liaison.send_text("1200")  # no form open: read as a search
    screen(emu, liaison, "没有找到「1200」")
    assert reports(harness.db) == []


def test_revision_keeps_history_and_second_liaison_sees_it_reported(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.press("📋 本月无新情况，沿用上月直接预览")
    screen(emu, liaison, "请核对")
    liaison.press("✅ 提交")
    screen(emu, liaison, "已提交")

    second = emu.add_user(SECOND_LIAISON_ID, "Jing")
    second.send_command("report")
    screen(emu, second, "请选择填报月份")
    second.press("2025年3月")
    ask = screen(emu, second, "已填报")
    assert "李敏" in ask["text"] and "第 1 版" in ask["text"]
    second.press("✏️ 修改这份填报")
    screen(emu, second, "① 本月完成投资")
    second.send_text("800")
    screen(emu, second, "② 目前所处阶段")
    second.press("不变：主体施工")
    screen(emu, second, "③ 形象进度")
    second.press("不变：40%")
    screen(emu, second, "④ 本月主要进展（")
    second.press("沿用上月")
    screen(emu, second, "⑤ 需要协调解决的问题？")
    second.press("无")
    screen(emu, second, "⑥ 现场照片：可发送")
    second.press("跳过")
    summary = screen(emu, second, "请核对")
    assert "这是对第 1 版的修改" in summary["text"]
    second.press("✅ 提交")
    screen(emu, second, "第 2 版")

    march = [r for r in reports(harness.db) if r.period == "2025-03"]
    assert [(r.revision, r.is_current) for r in march] == [(1, False), (2, True)]
    assert march[1].changes == {"investment_month": ["500", "800"]}
    assert march[1].investment_cumulative == Decimal("5800")
    with harness.db.scope() as session:
        reporter = session.get(Person, march[1].reporter_id)
    assert reporter.name == "陈静"


def test_lower_stage_and_percent_ask_for_confirmation(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.press("本月无投资：0")
    screen(emu, liaison, "② 目前所处阶段")
    liaison.press("开工建设")
    screen(emu, liaison, "确认阶段倒退吗")
    liaison.press("🔁 重新选择")
    screen(emu, liaison, "② 目前所处阶段")
    liaison.press("开工建设")
    screen(emu, liaison, "确认阶段倒退吗")
    liaison.press("✔️ 确认")
    screen(emu, liaison, "③ 形象进度（")
    liaison.send_text("30")
    screen(emu, liaison, "低于上月的 40%")
    liaison.press("✔️ 确认")
    screen(emu, liaison, "④ 本月主要进展（")
    with harness.db.scope() as session:
        answers = session.exec(select(ReportDraft)).one().answers
    assert (answers["stage"], answers["percent"]) == ("started", "30")


def test_overlong_progress_is_kept_and_sent_back(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_text("0")
    screen(emu, liaison, "② 目前所处阶段")
    liaison.press("主体施工")
    screen(emu, liaison, "③ 形象进度（")
    liaison.send_text("40")
    screen(emu, liaison, "④ 本月主要进展（")
    long_text = "进展" * 501
    liaison.send_text(long_text)
    liaison.wait_message(lambda m: "超过 1000 字" in m["text"])
    echoed = liaison.wait_message(lambda m: m["text"] == long_text)
    assert echoed
    screen(emu, liaison, "④ 本月主要进展（")
    with harness.db.scope() as session:
        assert session.exec(select(ReportDraft)).one().answers["progress_overlong"] == long_text


def test_unexpected_input_gets_a_hint_and_the_same_question(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, "请选择填报月份")
    liaison.send_text("三月")
    liaison.wait_message(lambda m: "请点击上方按钮" in m["text"])
    screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_sticker()
    hint = liaison.wait_message(lambda m: "需要输入文字" in m["text"])
    # The hint and the question again are one message (not two at Telegram's 1/s per chat),
    # and it carries the question's buttons.
    assert "① 本月完成投资" in hint["text"] and "本月无投资：0" in buttons(hint)
    screen(emu, liaison, "① 本月完成投资")
    liaison.send_location(29.03, 111.69)
    screen(emu, liaison, "① 本月完成投资")


def test_liaison_cannot_report_for_someone_elses_project(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report", "美华")
    screen(emu, liaison, "没有找到")
    # A forged button for the other project's report.
    from tests.emulator.users import SimUser  # noqa: F401

    liaison.send_command("report")
    question = screen(emu, liaison, "请选择填报月份")
    with harness.db.scope() as session:
        draft = session.exec(select(ReportDraft).where(ReportDraft.status == "open")).one()
    forged = {
        "inline_keyboard": [
            [{"text": "x", "callback_data": f"rf:{draft.id}:period:project:{site['foreign'].id}"}]
        ]
    }
    emu.state.chats[LIAISON_ID].find(question["message_id"])["reply_markup"] = forged
    liaison.press("x", message=question)
    answer = liaison.wait_callback_answer()
    # The period question shows no project buttons: the forged one is refused as not its own.
    assert "这个按钮属于前面的问题" in answer["text"]
    assert reports(harness.db) == []


def test_a_button_of_an_earlier_question_points_to_the_latest(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    question = screen(emu, liaison, "请选择填报月份")
    liaison.press("2025年3月")
    screen(emu, liaison, "本月完成投资")
    press_again(emu, liaison, question, "2025年2月", toast="前面的问题")
    liaison.send_text("120")
    screen(emu, liaison, "② 目前所处阶段")  # the form went on from where it was
    assert reports(harness.db) == []


def test_buttons_of_a_finished_form_say_it_is_closed(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    question = screen(emu, liaison, "请选择填报月份")
    liaison.press("✖️ 取消")
    screen(emu, liaison, "已取消")
    press_again(emu, liaison, question, "2025年3月", toast="已结束")
    assert reports(harness.db) == []


def press_again(emu, liaison, question, label, *, toast):
    """Presses a button of an earlier message (its keyboard put back) and awaits the toast."""
    emu.state.chats[LIAISON_ID].find(question["message_id"])["reply_markup"] = question[
        "reply_markup"
    ]
    liaison.press(label, message=question)
    emu.wait_until(lambda: any(toast in (a.get("text") or "") for a in liaison.callback_answers))
