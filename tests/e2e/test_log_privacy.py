"""No log line of a running bot, at any level, holds a token or a roster phone number in full.

python-telegram-bot logs every payload at DEBUG: the invite token in `/start <token>`, shared
contacts, report texts. `parkbot run` is started the way an operator does, people onboard by
invite and by contact and file a report mentioning phone numbers, and its output is searched.
"""

import re
import signal
from pathlib import Path

import pytest

from tests.e2e.chat import buttons, screen
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.e2e.process import operator_env, parkbot_here, start_parkbot
from tests.screens import say, shows

pytestmark = pytest.mark.e2e

ROSTER = (Path(__file__).resolve().parents[1] / "data" / "roster_ok.csv").read_text("utf-8")
MIN, JING, LEADER = "13900000011", "13900000014", "13900000012"  # 李敏, 陈静, 王强
LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=(\S+)")


def spelled(phone: str) -> re.Pattern[str]:
    """The phone however it is written: 13900000011, 139-0000-0011, +86 139 0000 0011."""
    return re.compile(rf"{phone[:3]}\D?{phone[3:7]}\D?{phone[7:]}")


def invite(env: dict[str, str], phone: str) -> str:
    """A fresh invite token for the person with this phone."""
    result = parkbot_here(env, "invite", phone)
    assert result.returncode == 0, result.stderr
    return LINK.search(result.stdout).group(1)


def file_report(emulator, liaison, text: str) -> None:
    """Goes through the report form, mentioning `text` in the progress and the problems."""
    liaison.send_command("report")
    choice = screen(emulator, liaison, shows("report-choose-project"), timeout=20)
    liaison.press(next(label for label in buttons(choice) if "中联起重机械" in label))
    period = screen(emulator, liaison, shows("report-choose-period"), timeout=20)
    liaison.press(buttons(period)[0])
    screen(emulator, liaison, shows("report-ask-investment"), timeout=20)
    liaison.send_text("1200")
    screen(emulator, liaison, shows("report-ask-stage"), timeout=20)
    liaison.press(say("stage-main_works"))
    screen(emulator, liaison, shows("report-ask-percent"), timeout=20)
    liaison.send_text("45")
    screen(emulator, liaison, shows("report-ask-progress"), timeout=20)
    liaison.send_text(f"主体封顶，现场负责人 {text}")
    screen(emulator, liaison, shows("report-ask-problems"), timeout=20)
    liaison.send_text(f"用地指标待协调，请联系 {text}")
    screen(emulator, liaison, shows("report-ask-photos"), timeout=20)
    liaison.press(say("button-photos-skip"))
    screen(emulator, liaison, shows("report-summary"), timeout=20)
    liaison.press(say("button-submit"))
    screen(emulator, liaison, shows("report-submitted"), timeout=20)


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_no_log_line_holds_a_token_or_a_roster_phone(level, tmp_path, emulator):
    # The report form takes a dozen answers in a second or two here: not a flood.
    env = operator_env(tmp_path, emulator, PARKBOT_LOG_LEVEL=level, FLOOD_MAX_UPDATES="1000")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert parkbot_here(env, "roster", "import", str(roster)).returncode == 0
    tokens = [invite(env, MIN), invite(env, LEADER)]
    log = (tmp_path / "parkbot.log").open("w+", encoding="utf-8")
    bot = start_parkbot(env, output=log)
    try:
        min_ = emulator.add_user(424201, "Min")
        min_.send_command("start", tokens[0])
        assert "李敏" in min_.wait_message(timeout=30)["text"]
        jing = emulator.add_user(424202, "Jing", phone=f"+86{JING}")
        jing.send_contact()
        assert "陈静" in jing.wait_message(timeout=20)["text"]
        # A forwarded link pasted as text, and a search for a phone number.
        stranger = emulator.add_user(424203, "Fwd")
        stranger.send_text(f"点这个 https://t.me/{BOT_USERNAME}?start={tokens[1]} 开通")
        stranger.wait_message(timeout=20)
        min_.send_text("139-0000-0012")
        min_.wait_message(timeout=20)
        file_report(emulator, min_, "王强 139 0000 0012")
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
    log.seek(0)
    output = log.read()
    log.close()
    assert bot.returncode == 0, output[-3000:]
    for secret in (TOKEN, *tokens):
        assert secret not in output, f"{secret} in the log"
    for phone in (MIN, JING, LEADER):
        found = spelled(phone).search(output)
        assert found is None, output[max(found.start() - 300, 0) : found.end() + 100]
    for text in ("主体封顶", "用地指标待协调"):
        assert text not in output, text
    if level == "DEBUG":
        # The payloads were logged, redacted: the test looked at what it means to.
        assert "Calling Bot API endpoint `sendMessage`" in output
        assert "<hidden>" in output
