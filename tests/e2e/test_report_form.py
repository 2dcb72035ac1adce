"""The monthly report form end to end: a liaison files, revises, edits and cancels in chat."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from models import Person, Problem, ProgressReport, ReportDraft, ReportPhoto
from tests.e2e.chat import buttons, screen
from tests.factories import make_park, make_person, make_project, make_report, png
from tests.screens import on, say, shows

LIAISON_ID = 1101
SECOND_LIAISON_ID = 1102
LEADER_ID = 1201
PNG = png()  # a real image: a photo sent as a file is checked by its content


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


def add_prior_report(db, site):
    """A February report to prefill from."""
    with db.scope() as session:
        make_report(
            session,
            project=site["project"],
            reporter=site["liaison"],
            period="2025-02",
            investment_month=500,
            investment_cumulative=5000,
            stage="main_works",
            percent=40,
            progress="主体结构施工到三层",
            problems="",
        )


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
    assert "2025年2月" in buttons(screen(emu, liaison, shows("report-choose-period")))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text("1,200")
    screen(emu, liaison, shows("report-ask-stage"))
    liaison.press(say("stage-main_works"))
    screen(emu, liaison, shows("report-ask-percent"))
    liaison.send_text("45%")
    screen(emu, liaison, shows("report-ask-progress"))
    liaison.send_text("完成主体结构封顶，开始砌筑。")
    screen(emu, liaison, shows("report-ask-problems"))
    liaison.send_text("用地指标待协调")
    screen(emu, liaison, shows("report-ask-photos"))
    liaison.send_photo(PNG)
    screen(emu, liaison, shows("report-photo-received", count=1))
    liaison.send_document(PNG, "site.png", "image/png")
    screen(emu, liaison, shows("report-photo-received", count=2))
    liaison.press(say("button-photos-done"))
    summary = screen(emu, liaison, shows("report-summary"))
    assert on(
        summary["text"], "report-summary", investment="1,200", cumulative="1,200", total="100,000"
    )
    assert on(summary["text"], "report-summary", stage=say("stage-main_works"), percent=45)
    liaison.press(say("button-submit"))
    done = screen(emu, liaison, shows("report-submitted"))
    assert on(done["text"], "report-submitted", revision=1, light=say("light-yellow"))
    # The light by the full rule: 1,200 of a 30,000 plan is 4%, against the 16.7% of the last
    # closed month (February): reporting March early counts its money, not March's plan.
    assert (
        say("light-reason-behind-plan", actual="4.0", expected="16.7", behind="12.7")
        in done["text"]
    )

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
        ("-5", shows("parse-money-negative")),
        ("abc", shows("parse-money-invalid", text="abc")),
        ("1e5", shows("parse-money-invalid", text="1e5")),
        ("100001", shows("report-over-total", total="100,000")),
        ("", shows("parse-money-empty")),
    ],
)
def test_investment_validation_repeats_the_question(harness, site, liaison, typed, complaint):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text(typed or " ")
    liaison.wait_message(lambda m: complaint.search(m["text"]))
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text("１２００")
    screen(emu, liaison, shows("report-ask-stage"))
    with harness.db.scope() as session:
        draft = session.exec(select(ReportDraft)).one()
    assert draft.answers["investment"] == "1200"


@pytest.mark.parametrize(
    ("typed", "stored"), [("0.12亿", "1200"), ("1200万", "1200"), ("1200.5", "1200.5")]
)
def test_investment_units(harness, site, liaison, typed, stored):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text(typed)
    screen(emu, liaison, shows("report-ask-stage"))
    with harness.db.scope() as session:
        assert session.exec(select(ReportDraft)).one().answers["investment"] == stored


def test_unchanged_month_takes_three_taps(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    taps = 0
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    for label, expected in [
        ("2025年3月", shows("report-ask-investment")),
        (say("button-copy-previous"), shows("report-summary")),
        (say("button-submit"), shows("report-submitted")),
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
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.press(say("button-copy-previous"))
    screen(emu, liaison, shows("report-summary"))
    liaison.press(say("button-edit"))
    screen(emu, liaison, shows("report-edit-choose"))
    liaison.press(say("button-edit-percent"))
    screen(emu, liaison, shows("report-ask-percent"))
    liaison.send_text("55")
    summary = screen(emu, liaison, shows("report-summary"))
    assert on(summary["text"], "report-summary", percent=55)
    liaison.press(say("button-back"))
    screen(emu, liaison, shows("report-ask-photos"))
    liaison.press(say("button-back"))
    screen(emu, liaison, shows("report-ask-problems"))
    liaison.press(say("button-back"))
    screen(emu, liaison, shows("report-ask-progress"))
    with harness.db.scope() as session:
        answers = session.exec(select(ReportDraft)).one().answers
    assert answers["percent"] == "55" and answers["progress"] == "主体结构施工到三层"


def test_cancel_by_button_and_by_command(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press(say("button-cancel"))
    screen(emu, liaison, shows("report-cancelled"))
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_command("cancel")
    screen(emu, liaison, shows("report-cancelled"))
    liaison.send_text("1200")  # no form open: read as a search
    screen(emu, liaison, shows("status-no-match", text="1200"))
    assert reports(harness.db) == []


def test_revision_keeps_history_and_second_liaison_sees_it_reported(harness, site, liaison):
    add_prior_report(harness.db, site)
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.press(say("button-copy-previous"))
    screen(emu, liaison, shows("report-summary"))
    liaison.press(say("button-submit"))
    screen(emu, liaison, shows("report-submitted"))

    second = emu.add_user(SECOND_LIAISON_ID, "Jing")
    second.send_command("report")
    screen(emu, second, shows("report-choose-period"))
    second.press("2025年3月")
    ask = screen(emu, second, shows("report-revise-ask"))
    assert on(ask["text"], "report-revise-ask", reporter="李敏", revision=1)
    second.press(say("button-revise"))
    screen(emu, second, shows("report-ask-investment"))
    second.send_text("800")
    screen(emu, second, shows("report-ask-stage"))
    second.press(say("button-unchanged-stage", stage=say("stage-main_works")))
    screen(emu, second, shows("report-ask-percent"))
    second.press(say("button-unchanged-percent", percent=40))
    screen(emu, second, shows("report-ask-progress"))
    second.press(say("button-unchanged-progress"))
    screen(emu, second, shows("report-ask-problems"))
    second.press(say("button-no-problems"))
    screen(emu, second, shows("report-ask-photos"))
    second.press(say("button-photos-skip"))
    summary = screen(emu, second, shows("report-summary"))
    assert say("report-summary-revision", revision=1) in summary["text"]
    second.press(say("button-submit"))
    screen(emu, second, shows("report-submitted", revision=2))

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
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.press(say("button-zero-investment"))
    screen(emu, liaison, shows("report-ask-stage"))
    liaison.press(say("stage-started"))
    screen(emu, liaison, shows("report-stage-confirm"))
    liaison.press(say("button-choose-again"))
    screen(emu, liaison, shows("report-ask-stage"))
    liaison.press(say("stage-started"))
    screen(emu, liaison, shows("report-stage-confirm"))
    liaison.press(say("button-confirm"))
    screen(emu, liaison, shows("report-ask-percent"))
    liaison.send_text("30")
    screen(emu, liaison, shows("report-percent-confirm", old=40))
    liaison.press(say("button-confirm"))
    screen(emu, liaison, shows("report-ask-progress"))
    with harness.db.scope() as session:
        answers = session.exec(select(ReportDraft)).one().answers
    assert (answers["stage"], answers["percent"]) == ("started", "30")


def test_overlong_progress_is_kept_and_sent_back(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_text("0")
    screen(emu, liaison, shows("report-ask-stage"))
    liaison.press(say("stage-main_works"))
    screen(emu, liaison, shows("report-ask-percent"))
    liaison.send_text("40")
    screen(emu, liaison, shows("report-ask-progress"))
    long_text = "进展" * 501
    liaison.send_text(long_text)
    liaison.wait_message(lambda m: on(m["text"], "report-progress-too-long", limit=1000))
    echoed = liaison.wait_message(lambda m: m["text"] == long_text)
    assert echoed
    screen(emu, liaison, shows("report-ask-progress"))
    with harness.db.scope() as session:
        assert session.exec(select(ReportDraft)).one().answers["progress_overlong"] == long_text


def test_unexpected_input_gets_a_hint_and_the_same_question(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    screen(emu, liaison, shows("report-choose-period"))
    liaison.send_text("三月")
    liaison.wait_message(lambda m: say("report-hint-button") in m["text"])
    screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_sticker()
    hint = liaison.wait_message(lambda m: say("report-hint-text") in m["text"])
    # The hint and the question again are one message (not two at Telegram's 1/s per chat),
    # and it carries the question's buttons.
    assert on(hint["text"], "report-ask-investment")
    assert say("button-zero-investment") in buttons(hint)
    screen(emu, liaison, shows("report-ask-investment"))
    liaison.send_location(29.03, 111.69)
    screen(emu, liaison, shows("report-ask-investment"))


def test_liaison_cannot_report_for_someone_elses_project(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report", "美华")
    screen(emu, liaison, shows("report-no-match", text="美华"))
    # A forged button for the other project's report.
    from tests.emulator.users import SimUser  # noqa: F401

    liaison.send_command("report")
    question = screen(emu, liaison, shows("report-choose-period"))
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
    assert say("report-button-stale") in answer["text"]
    assert reports(harness.db) == []


def test_a_button_of_an_earlier_question_points_to_the_latest(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    question = screen(emu, liaison, shows("report-choose-period"))
    liaison.press("2025年3月")
    screen(emu, liaison, shows("report-ask-investment"))
    press_again(emu, liaison, question, "2025年2月", toast=say("report-button-stale"))
    liaison.send_text("120")
    screen(emu, liaison, shows("report-ask-stage"))  # the form went on from where it was
    assert reports(harness.db) == []


def test_buttons_of_a_finished_form_say_it_is_closed(harness, site, liaison):
    emu = harness.emulator
    liaison.send_command("report")
    question = screen(emu, liaison, shows("report-choose-period"))
    liaison.press(say("button-cancel"))
    screen(emu, liaison, shows("report-cancelled"))
    press_again(emu, liaison, question, "2025年3月", toast=say("report-form-closed"))
    assert reports(harness.db) == []


def press_again(emu, liaison, question, label, *, toast):
    """Presses a button of an earlier message (its keyboard put back) and awaits the toast."""
    emu.state.chats[LIAISON_ID].find(question["message_id"])["reply_markup"] = question[
        "reply_markup"
    ]
    liaison.press(label, message=question)
    emu.wait_until(lambda: any(toast in (a.get("text") or "") for a in liaison.callback_answers))
