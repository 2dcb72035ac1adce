"""Fifty liaisons filing the report form at once, through the real Application.

Updates of different people are handled side by side (bot.telegram.updates), each person's
one after another. Every liaison runs in a thread of its own, types answers that are theirs
alone, and sends two answers back to back without waiting in between (percent, then
progress): taken out of order, the progress text would be refused as a percentage. At the end
every report is stored exactly once with that liaison's own answers, and nothing logged
"database is locked". The run takes about 15 s: Telegram's 30 messages a second overall (which
the bot keeps to) for 50 people's ~9 answers each, not the bot's own work.
"""

import logging
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from bot.telegram.updates import PerPersonUpdates
from models import ProgressReport, ReportDraft
from tests.e2e.chat import screen
from tests.e2e.sim import run_together
from tests.factories import make_park, make_person, make_project
from tests.screens import say, shows

LIAISONS = 50
FIRST_USER_ID = 5000
LATENCY_MS = 10  # a little link latency, so that people's round trips overlap
# A wait on a condition, not a latency target: fifty forms at once share the two cores with
# the rest of the suite, and a step may wait its turn well past 15 s there.
STEP_TIMEOUT = 45.0
PNG = b"\x89PNG\r\n\x1a\n" + b"site-photo" * 50


@pytest.fixture
def liaisons(db):
    """Fifty liaisons, one project each: (telegram user id, project id, project name)."""
    rows = []
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        for i in range(LIAISONS):
            user_id = FIRST_USER_ID + i
            person = make_person(session, f"联络员{i}", is_liaison=True, telegram_user_id=user_id)
            project = make_project(
                session,
                name=f"项目{i:02d}",
                park=park,
                liaisons=(person,),
                total_investment=Decimal("100000"),
            )
            rows.append((user_id, project.id))
    return rows


def _answers(i: int) -> tuple[int, int, str]:
    """Liaison i's own answers: investment, percent, progress."""
    return 100 + i, 1 + i, f"第{i}号项目主体施工中"


def _to_the_photos(emu, user, i: int) -> None:
    """Liaison i fills the form up to the photo question with their own answers."""
    investment, percent, progress = _answers(i)
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"), STEP_TIMEOUT)
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"), STEP_TIMEOUT)
    user.send_text(str(investment))
    screen(emu, user, shows("report-ask-stage"), STEP_TIMEOUT)
    user.press(say("stage-main_works"))
    screen(emu, user, shows("report-ask-percent"), STEP_TIMEOUT)
    # Two answers at once: they must be applied in the order they were sent.
    user.send_text(f"{percent}%")
    user.send_text(progress)
    screen(emu, user, shows("report-ask-problems"), STEP_TIMEOUT)
    user.press(say("button-no-problems"))
    screen(emu, user, shows("report-ask-photos"), STEP_TIMEOUT)


@pytest.mark.emulator_only(reason="needs link latency so the fifty forms overlap")
def test_fifty_liaisons_at_once_each_stored_once_in_order(start_bot, liaisons, caplog):
    caplog.set_level(logging.WARNING)
    harness = start_bot()
    processor = harness.bot.app.update_processor
    assert isinstance(processor, PerPersonUpdates) and processor.limit == 64
    emu = harness.emulator
    emu.set_latency(LATENCY_MS)
    users = [emu.add_user(user_id, f"L{n}") for n, (user_id, _) in enumerate(liaisons)]
    started = threading.Barrier(LIAISONS)

    def file_report(i: int):
        def run() -> None:
            user = users[i]
            started.wait()  # everyone starts at the same moment
            _to_the_photos(emu, user, i)
            user.press(say("button-photos-skip"))
            screen(emu, user, shows("report-summary"), STEP_TIMEOUT)
            user.press(say("button-submit"))
            screen(emu, user, shows("report-submitted"), STEP_TIMEOUT)

        return run

    run_together(file_report(i) for i in range(LIAISONS))

    with harness.db.scope() as session:
        stored = list(session.exec(select(ProgressReport)))
    by_project = {}
    for report in stored:
        assert report.project_id not in by_project, "a report stored twice"
        by_project[report.project_id] = report
    assert len(stored) == LIAISONS
    for i, (_, project_id) in enumerate(liaisons):
        investment, percent, progress = _answers(i)
        report = by_project[project_id]
        assert report.period == "2025-03"
        assert report.investment_month == investment
        assert report.percent == Decimal(percent)
        assert report.progress == progress
        assert report.stage == "main_works"
    assert "database is locked" not in caplog.text
    assert "OperationalError" not in caplog.text


@pytest.mark.emulator_only(reason="needs link latency so both downloads are in flight together")
def test_two_liaisons_send_the_same_photo_at_once(start_bot, db):
    """Both downloads run side by side into the same final name: each keeps a whole file."""
    with db.scope() as session:
        first = make_person(session, "甲", is_liaison=True, telegram_user_id=FIRST_USER_ID)
        second = make_person(session, "乙", is_liaison=True, telegram_user_id=FIRST_USER_ID + 1)
        make_project(session, name="共用项目", liaisons=(first, second))
    harness = start_bot()
    emu = harness.emulator
    emu.set_latency(60)  # both downloads are in flight together
    users = [emu.add_user(FIRST_USER_ID, "A"), emu.add_user(FIRST_USER_ID + 1, "B")]
    run_together(lambda i=i: _to_the_photos(emu, users[i], i) for i in range(2))
    sent = users[0].send_photo(PNG)
    users[1].send_photo(b"", same_as=sent)  # the same photo (a forward of it): same file ids
    for user in users:
        screen(emu, user, shows("report-photo-received", count=1), STEP_TIMEOUT)
    with db.scope() as session:
        drafts = list(session.exec(select(ReportDraft)))
    paths = [photo["local_path"] for draft in drafts for photo in draft.answers["photos"]]
    assert len(paths) == 2 and all(paths)
    for path in paths:
        assert Path(path).read_bytes() == PNG
