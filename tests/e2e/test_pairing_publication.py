"""The 三个一 pairing table through its objection window: `parkbot pairing publish`, the
notices, an objection filed in chat by a paired leader, answered, the close into final."""

from datetime import datetime

import pytest
from sqlmodel import select

import bot.cli.pairing as cli
from bot.cli.common import CliError
from bot.cli.pairing import publish, show
from models import OutboxMessage, Publication
from schedules.assessment import close_windows
from tests.e2e.chat import screen
from tests.factories import make_enterprise, make_pairing, make_park, make_person, make_project
from tests.screens import say, shows

pytestmark = pytest.mark.e2e

LEADER, LIAISON, OTHER, ADMIN = 7601, 7602, 7603, 7604
REASON = "二月走访中联重科两次，表中只记了零次"


class Args:
    """The parsed `pairing publish / show` options."""

    def __init__(self, quarter: str = "2025-Q1", published: bool = False) -> None:
        self.quarter, self.published = quarter, published


@pytest.fixture
def paired(db) -> None:
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        zhou = make_person(session, "周建华", is_leader=True, telegram_user_id=LEADER)
        liu = make_person(session, "刘伟", is_leader=True, telegram_user_id=OTHER)
        zhang = make_person(session, "张伟", is_liaison=True, telegram_user_id=LIAISON)
        project = make_project(session, name="中联起重机械", park=park, leader=zhou)
        backbone = make_enterprise(session, "中联重科", park=park)
        make_pairing(session, leader=zhou, project=project, backbone=backbone, liaison=zhang)
        make_pairing(session, leader=liu)


def test_publish_object_answer_and_close(harness, paired, db, capsys, monkeypatch):
    emu = harness.emulator
    admin, leader = emu.add_user(ADMIN, "Li"), emu.add_user(LEADER, "Zhou")
    liaison, other = emu.add_user(LIAISON, "Zhang"), emu.add_user(OTHER, "Liu")
    # The command line on the running bot's database and clock.
    monkeypatch.setattr(cli, "migrated_services", lambda settings: harness.services)
    settings = harness.services.settings
    assert publish(Args(), settings) == 0
    out = capsys.readouterr().out
    assert "已公示 2025-Q1 三个一结对表：2 位领导，已通知 3 人" in out and "公示期至" in out
    harness.bot.run(lambda: close_windows(harness.bot.app))  # wakes the sender; closes nothing

    mine = leader.wait_message(lambda m: "结对表公示" in (m.get("text") or ""), 20)
    row = leader.wait_message(lambda m: "周建华｜10亿项目：中联起重机械" in (m.get("text") or ""))
    assert "刘伟" not in row["text"]
    liaison.wait_message(lambda m: "周建华｜" in (m.get("text") or ""), 20)
    other.wait_message(lambda m: "刘伟｜" in (m.get("text") or ""), 20)
    admin.wait_message(lambda m: "已通知 3 位结对领导和联络员" in (m.get("text") or ""), 20)
    assert mine

    with pytest.raises(CliError) as again:
        publish(Args(), settings)
    assert "还在公示期内" in str(again.value)

    leader.send_command("objection")
    asked = screen(emu, leader, shows("pairing-objection-ask-reason"))
    assert "周建华｜" in asked["text"] and "2025-03-17 18:00" in asked["text"]
    leader.send_text(REASON)
    screen(emu, leader, shows("objection-ask-attachment"))
    leader.press(say("objection-button-skip"))
    confirm = screen(emu, leader, shows("objection-confirm"))
    assert "「周建华」" in confirm["text"]
    leader.press(say("objection-button-file"))
    screen(emu, leader, shows("objection-filed"))

    notice = screen(emu, admin, shows("objection-filed-notice"))
    assert REASON in notice["text"] and "三个一结对表｜2025-Q1｜pairing:" in notice["text"]
    assert "周建华（实名）" in notice["text"]
    admin.press(say("objection-button-accept"))
    screen(emu, admin, shows("objection-ask-note"))
    admin.send_text("已核实，修正后重新公示")
    screen(emu, admin, shows("pairing-objection-accepted-notice"))
    told = screen(emu, leader, shows("pairing-objection-accepted-notice"))
    assert "已核实" in told["text"]

    harness.clock.current = datetime.fromisoformat("2025-03-17T18:01:00+08:00")
    harness.bot.run(lambda: close_windows(harness.bot.app))
    final = leader.wait_message(lambda m: "公示期满" in (m.get("text") or ""), 20)
    assert "周建华｜" in final["text"] and "刘伟｜" in final["text"]
    admin.wait_message(lambda m: "公示期满" in (m.get("text") or ""), 20)
    leader.send_command("objection")  # late: nothing open to object to any more
    screen(emu, leader, shows("objection-none-open"))
    with db.scope() as session:
        assert session.exec(select(Publication)).one().status == "final"
        finals = [m for m in session.exec(select(OutboxMessage)) if "公示期满" in m.text]
    assert len(finals) == 3  # the admin and the two paired leaders, not the liaison

    assert show(Args(published=True), settings) == 0
    shown = capsys.readouterr().out
    assert "2025-Q1 三个一结对表公示（最终结果" in shown and "周建华｜" in shown
    harness.bot.assert_no_errors()
