"""One chat cannot stall the bot: floods are throttled, long answers go out through the outbox.

The emulator enforces Telegram's per-chat limit (one message a second to a private chat), so
an answer that sleeps out a 429 inside a handler would hold up every update behind it.
"""

import time
from datetime import datetime

import pytest

from models import Problem
from tests.e2e.chat import buttons
from tests.factories import make_park, make_person, make_project

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

MEMBER, ADMIN, STRANGER = 6001, 6002, 6003
# Measured before the fix: 12.4 s and 22.3 s; a handler that never sleeps answers at once.
BOUND = 3.0
# What production runs with (the harness lets tests type faster than people).
HUMAN = {
    "flood_max_updates": 6,
    "flood_window_seconds": 10,
    "flood_mute_seconds": 60,
    "stranger_notice_seconds": 60,
}
RAISED = datetime.fromisoformat("2025-02-20T10:00:00+08:00")


@pytest.fixture
def people(db):
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        leader = make_person(session, "王强", is_leader=True)
        make_person(session, "指挥部", is_admin=True, telegram_user_id=ADMIN)
        make_person(session, "周市长", is_leader=True, city_scope=True, telegram_user_id=MEMBER)
        project = make_project(session, name="中联起重机械", park=park, leader=leader)
        for number in range(1, 21):
            text = f"问题{number:02d}：用地指标待协调"
            session.add(Problem(project_id=project.id, text=text, raised_at=RAISED))


def answer_time(user, send) -> float:
    """Seconds from sending to the bot's next message in that chat."""
    before = len(user.messages())
    started = time.monotonic()
    send()
    user.wait_message(lambda m: True, timeout=30)
    assert len(user.messages()) > before
    return time.monotonic() - started


@pytest.mark.emulator_only(
    reason="checks Telegram's flood limits, which only the emulator enforces"
)
def test_a_strangers_flood_does_not_delay_a_member(start_bot, people):
    harness = start_bot(**HUMAN)
    emu = harness.emulator
    emu.enforce_limits()
    stranger, member = emu.add_user(STRANGER, "Spam"), emu.add_user(MEMBER, "Mayor")
    for number in range(12):
        stranger.send_text(f"在吗 {number}")
    stranger.wait_message(timeout=10)  # the bot is working through the flood now
    waited = answer_time(member, lambda: member.send_command("help"))
    assert waited < BOUND, f"the member waited {waited:.1f} s behind a stranger's flood"
    # The stranger got one explanation and one "slow down", however many messages followed.
    slow_down = stranger.wait_message(lambda m: "太快" in m.get("text", ""), timeout=10)
    assert "60" in slow_down["text"]
    stranger.drain()
    stranger.expect_silence(1.5)
    texts = [m.get("text", "") for m in stranger.messages()]
    assert len(texts) == 2, texts
    assert emu.limit_violations == 0


@pytest.mark.emulator_only(
    reason="checks Telegram's flood limits, which only the emulator enforces"
)
def test_a_long_problem_list_does_not_delay_a_member(start_bot, people):
    harness = start_bot(**HUMAN)
    emu = harness.emulator
    emu.enforce_limits()
    admin, member = emu.add_user(ADMIN, "Centre"), emu.add_user(MEMBER, "Mayor")
    admin.send_command("problems")
    admin.wait_message(lambda m: "20" in m.get("text", ""), timeout=10)  # the header
    waited = answer_time(member, lambda: member.send_command("help"))
    assert waited < BOUND, f"the member waited {waited:.1f} s behind a /problems listing"
    # The listing is still under way (20 lines at one a second), and arrives whole, in order.
    assert len(admin.messages()) < 21
    emu.wait_until(lambda: len(admin.messages()) == 21, timeout=40)
    lines = [m["text"] for m in admin.messages()[1:]]
    assert [line.count(f"问题{n:02d}") for n, line in enumerate(lines, 1)] == [1] * 20
    assert all(buttons(m) for m in admin.messages()[1:])  # each keeps its step buttons
    assert emu.limit_violations == 0


def test_a_member_typing_faster_than_a_person_is_told_once_then_ignored(start_bot, people):
    harness = start_bot(**HUMAN)
    emu = harness.emulator
    member = emu.add_user(MEMBER, "Mayor")
    for _ in range(10):
        member.send_command("help")
    member.wait_message(lambda m: "太快" in m.get("text", ""), timeout=15)
    member.drain()
    member.expect_silence(1.5)
    texts = [m.get("text", "") for m in member.messages()]
    # Six answers, then one "slow down"; the last four messages were ignored.
    assert len(texts) == 7 and "太快" in texts[-1], texts
    assert not any("太快" in text for text in texts[:-1])


def test_a_stranger_is_told_at_most_once_a_minute_but_may_still_redeem(start_bot, people):
    harness = start_bot(**HUMAN)
    emu = harness.emulator
    stranger = emu.add_user(STRANGER, "New")
    stranger.send_text("你好")
    stranger.wait_message(timeout=10)
    stranger.send_command("help")
    stranger.send_text("在吗")
    stranger.expect_silence(1.0)
    # An invite attempt is not an idle question: it is always answered.
    stranger.send_command("start", "not-a-real-token")
    answer = stranger.wait_message(timeout=10)
    assert "邀请" in answer["text"] or "链接" in answer["text"], answer["text"]
