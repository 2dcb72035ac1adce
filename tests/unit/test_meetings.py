"""Meetings: the deadline rule when a meeting moves, park suggestions, the wizard's examples,
and `parkbot meeting add/edit` on the same domain function."""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.cli import main as cli
from bot.i18n import Catalogue
from bot.meetings import service as meetings
from bot.meetings.service import MeetingRefused
from bot.parsing import parse_datetime
from handlers.meetings import DEFAULT_TIME, ask_when_text
from models import Meeting
from tests.factories import make_park

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=SHANGHAI)
DAYS_BEFORE = 3


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def schedule(session, park_id: int, starts: str, deadline: str | None = None) -> Meeting:
    starts_at = at(starts)
    plan = meetings.prepare(
        session,
        starts_at=starts_at,
        park_id=park_id,
        place="管委会三楼会议室",
        deadline=at(deadline)
        if deadline
        else meetings.default_deadline(starts_at, DAYS_BEFORE, SHANGHAI),
        deadline_explicit=deadline is not None,
        now=NOW,
        tz=SHANGHAI,
    )
    return meetings.create(session, plan, now=NOW, actor=None)


def move(session, meeting: Meeting, *, now: datetime = NOW, **fields) -> Meeting:
    return meetings.move(
        session, meeting, now=now, tz=SHANGHAI, days_before=DAYS_BEFORE, actor=None, **fields
    )


def test_a_default_deadline_follows_the_default_for_the_new_time(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-15 09:00")
        assert meeting.deadline == at("2025-03-12 18:00")
        move(session, meeting, starts_at=at("2025-03-20 14:00"))
        # Not shifted by 5 days 5 hours (3月17日 23:00): 3 days before, at 18:00.
        assert meeting.deadline == at("2025-03-17 18:00") and not meeting.deadline_explicit
    with db.scope() as session:
        stored = session.exec(select(Meeting)).one()
        assert (stored.deadline, stored.deadline_explicit) == (at("2025-03-17 18:00"), False)


def test_an_explicit_deadline_stays_when_the_meeting_moves_later(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-15 09:00", "2025-03-11 12:00")
        assert meeting.deadline_explicit
        move(session, meeting, starts_at=at("2025-03-25 09:00"))
        assert meeting.deadline == at("2025-03-11 12:00") and meeting.deadline_explicit


def test_an_explicit_deadline_after_the_new_time_falls_back_to_the_default(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-25 09:00", "2025-03-22 12:00")
        move(session, meeting, starts_at=at("2025-03-20 09:00"))
        assert meeting.deadline == at("2025-03-17 18:00") and not meeting.deadline_explicit


def test_a_deadline_given_with_the_move_is_explicit(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-15 09:00")
        move(session, meeting, starts_at=at("2025-03-20 09:00"), deadline=at("2025-03-19 12:00"))
        assert meeting.deadline == at("2025-03-19 12:00") and meeting.deadline_explicit
        move(session, meeting, starts_at=at("2025-03-27 09:00"))
        assert meeting.deadline == at("2025-03-19 12:00")


def test_a_kept_deadline_may_have_passed_but_a_new_one_may_not(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-15 09:00", "2025-03-11 12:00")
        later = at("2025-03-13 10:00")  # the deadline has passed; the meeting moves anyway
        move(session, meeting, now=later, starts_at=at("2025-03-16 09:00"))
        assert meeting.deadline == at("2025-03-11 12:00")
        with pytest.raises(MeetingRefused) as refused:
            move(session, meeting, now=later, deadline=at("2025-03-12 18:00"))
        assert refused.value.code == "deadline-passed"


def test_moving_a_cancelled_meeting_is_refused(db):
    with db.scope() as session:
        meeting = schedule(session, make_park(session).id, "2025-03-15 09:00")
        meetings.cancel(session, meeting, now=NOW, actor=None)
        with pytest.raises(MeetingRefused) as refused:
            move(session, meeting, starts_at=at("2025-03-20 09:00"))
        assert refused.value.code == "cancelled"


PARKS = ("常德经开区", "鼎城高新区", "临澧经开区", "石门经开区", "西洞庭生物科技园")


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("鼎城高薪区", ["鼎城高新区"]),  # a typo
        ("经开区", ["临澧经开区", "常德经开区", "石门经开区"]),  # several contain it
        ("西洞庭生物园", ["西洞庭生物科技园"]),
        ("不存在园区", []),  # nothing close: the caller lists every park
    ],
)
def test_park_suggestions(db, typed, suggested):
    with db.scope() as session:
        for name in PARKS:
            make_park(session, name)
        assert meetings.find_park(session, typed) is None
        assert meetings.park_suggestions(session, typed) == suggested


@pytest.mark.parametrize(
    "now",
    [
        datetime(2025, 3, 10, 9, 30, tzinfo=SHANGHAI),
        datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI),
        datetime(2031, 2, 25, 8, 0, tzinfo=SHANGHAI),
    ],
)
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_wizards_time_examples_are_in_the_future(now, language):
    catalogue = Catalogue()
    text = ask_when_text(lambda key, **args: catalogue.text(language, key, **args), now)
    day = now.date() + timedelta(days=7)
    year = "" if day.year == now.year else f"{day.year}年"
    long, short = f"{day.isoformat()} 09:00", f"{year}{day.month}月{day.day}日 9点"
    assert long in text and short in text
    for example in (long, short):
        moment = parse_datetime(example, today=now.date(), default_time=DEFAULT_TIME)
        assert moment.replace(tzinfo=SHANGHAI) > now


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def operator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shell in an empty directory with its own SQLite database and a demo-free roster."""
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    for name in ("TELEGRAM_BOT_TOKEN", "PARKBOT_LANGUAGE", "DEADLINE_DAYS_BEFORE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PARKBOT_TIMEZONE", "Asia/Shanghai")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'parkbot.db'}")
    from bot.db import Database
    from bot.migrate import upgrade

    database = Database.from_url(f"sqlite:///{tmp_path / 'parkbot.db'}")
    upgrade(database.engine)
    with database.scope() as session:
        for name in PARKS:
            make_park(session, name)
    return tmp_path


def _stored(tmp_path: Path) -> Meeting:
    from bot.db import Database

    with Database.from_url(f"sqlite:///{tmp_path / 'parkbot.db'}").scope() as session:
        meeting = session.exec(select(Meeting)).one()
        session.expunge(meeting)
        return meeting


def _ahead(days: int) -> date:
    # The CLI reads the real clock; every date here is weeks ahead of it.
    return datetime.now(SHANGHAI).date() + timedelta(days=days)


def test_cli_edit_recomputes_a_default_deadline_and_keeps_an_explicit_one(operator, capsys):
    first, second, third = _ahead(30), _ahead(40), _ahead(50)
    assert cli.main(["meeting", "add", "--at", f"{first} 09:00", "--park", "常德经开区",
                     "--place", "三楼会议室"]) == 0  # fmt: skip
    assert _stored(operator).deadline == at(f"{first - timedelta(days=3)} 18:00")
    assert cli.main(["meeting", "edit", "1", "--at", f"{second} 14:00"]) == 0
    moved = _stored(operator)
    assert (moved.starts_at, moved.deadline) == (
        at(f"{second} 14:00"),
        at(f"{second - timedelta(days=3)} 18:00"),
    )
    assert (
        cli.main(["meeting", "edit", "1", "--deadline", f"{second - timedelta(days=1)} 12:00"]) == 0
    )
    assert cli.main(["meeting", "edit", "1", "--at", f"{third} 09:00"]) == 0
    kept = _stored(operator)
    assert (kept.deadline, kept.deadline_explicit) == (
        at(f"{second - timedelta(days=1)} 12:00"),
        True,
    )
    out = capsys.readouterr().out
    assert f"{third.month}月{third.day}日 09:00" in out.splitlines()[-1]


def test_cli_unknown_park_suggests_the_closest_or_lists_every_park(operator, capsys):
    at_ = f"{_ahead(30)} 09:00"
    assert cli.main(["meeting", "add", "--at", at_, "--park", "鼎城高薪区", "--place", "x"]) == 1
    assert capsys.readouterr().err.strip() == (
        "parkbot: 没有名为“鼎城高薪区”的园区。您要找的是不是：鼎城高新区？"
    )
    assert cli.main(["meeting", "add", "--at", at_, "--park", "不存在园区", "--place", "x"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("parkbot: 没有名为“不存在园区”的园区。现有园区：")
    assert all(name in error for name in PARKS)
    assert cli.main(["meeting", "add", "--at", at_, "--park", "鼎城", "--place", "x"]) == 0
