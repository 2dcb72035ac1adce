"""Metrics end to end: a real message through the bot is counted, timed, and its reply counted."""

import time
from collections.abc import Callable

from bot import metrics
from bot.web.ops import metrics_registry

MESSAGES = ("parkbot_updates_total", {"kind": "message"})
COMMANDS = ("parkbot_updates_total", {"kind": "command"})
TIMED = ("parkbot_update_seconds_count", {})
SENDS = ("parkbot_bot_api_sends_total", {"method": "sendMessage"})


def value(sample: tuple[str, dict[str, str]]) -> float:
    """The shared instruments' current value (shared by every bot in this process)."""
    name, labels = sample
    return metrics.INSTRUMENTS.get_sample_value(name, labels) or 0.0


def key(sample: tuple[str, dict[str, str]]) -> str:
    """A sample as a dictionary key."""
    return sample[0] + str(sorted(sample[1].items()))


def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Re-checks until true: the update is counted when its handlers return, after the reply."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "metric not incremented in time"
        time.sleep(0.02)


def test_a_message_and_a_command_are_counted_timed_and_their_replies_counted(harness):
    before = {key(sample): value(sample) for sample in (MESSAGES, COMMANDS, TIMED, SENDS)}
    user = harness.emulator.add_user(4242, "Stranger")

    user.send_text("你好")
    user.wait_message()
    eventually(lambda: value(MESSAGES) == before[key(MESSAGES)] + 1)
    user.send_command("help")
    user.wait_message()
    eventually(lambda: value(COMMANDS) == before[key(COMMANDS)] + 1)

    assert value(TIMED) >= before[key(TIMED)] + 2
    assert value(SENDS) >= before[key(SENDS)] + 2
    # The web app's registry shows the same instruments, and the outbox gauges beside them.
    registry = metrics_registry(harness.services)
    assert registry.get_sample_value("parkbot_updates_total", {"kind": "message"}) == value(
        MESSAGES
    )
    assert registry.get_sample_value("parkbot_outbox_queued") is not None
