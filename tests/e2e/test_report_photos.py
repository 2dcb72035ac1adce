"""Site photos in the report form: limits checked before a download, files nobody keeps deleted."""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from models import ReportDraft, ReportPhoto
from schedules.drafts import expire_drafts, sweep_media
from tests.e2e.chat import screen
from tests.factories import make_one_project_site, make_report
from tests.screens import on, say, shows

LIAISON_ID = 1301
PNG = b"\x89PNG\r\n\x1a\n" + b"site-photo" * 50  # 510 bytes


@pytest.fixture
def project(db):
    """One project with one bound liaison."""
    with db.scope() as session:
        return make_one_project_site(session, liaison_telegram_id=LIAISON_ID)


def media_files() -> list[Path]:
    """Every file under the test's media folder (PARKBOT_MEDIA_DIR, per test in tmp_path)."""
    root = Path(os.environ["PARKBOT_MEDIA_DIR"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def downloads(emu) -> int:
    """Files the bot fetched from the Bot API."""
    return len(emu.calls_for("downloadFile"))


def said(user, pattern: re.Pattern[str]) -> int:
    """How many of the bot's messages in the chat show `pattern` (tests.screens.shows)."""
    return sum(pattern.search(m.get("text") or "") is not None for m in user.messages())


def to_photo_step(emu, user) -> None:
    """Opens the form for March and answers up to the photo question."""
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"))
    user.send_text("100")
    screen(emu, user, shows("report-ask-stage"))
    user.press(say("stage-main_works"))
    screen(emu, user, shows("report-ask-percent"))
    user.send_text("45")
    screen(emu, user, shows("report-ask-progress"))
    user.send_text("完成主体结构封顶")
    screen(emu, user, shows("report-ask-problems"))
    user.press(say("button-no-problems"))
    screen(emu, user, shows("report-ask-photos"))


def send_photos(emu, user, count: int, *, attached: int = 0) -> list[dict]:
    """Sends `count` distinct photos to a form holding `attached`, each until acknowledged."""
    sent = []
    for number in range(attached + 1, attached + count + 1):
        sent.append(user.send_photo(PNG + os.urandom(4)))
        expected = (
            shows("report-photo-received", count=number) if number < 5 else shows("report-summary")
        )
        screen(emu, user, expected)
    return sent


def last_draft(db) -> ReportDraft:
    with db.scope() as session:
        return session.exec(select(ReportDraft).order_by(ReportDraft.id.desc())).first()


def test_photos_past_five_are_refused_before_any_download(harness, project):
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 5)
    screen(emu, user, shows("report-summary"))  # the fifth ends the step
    user.press(say("button-edit"))
    screen(emu, user, shows("report-edit-choose"))
    user.press(say("button-edit-photos"))
    screen(emu, user, shows("report-photo-received", count=5))
    for n in range(20):
        user.send_photo(PNG + b"more" + bytes([n]))
    emu.wait_until(lambda: said(user, shows("report-photos-full", limit=5)) == 20)
    assert downloads(emu) == 5
    assert len(media_files()) == 5
    assert len(last_draft(harness.db).answers["photos"]) == 5


def test_a_photo_over_the_size_cap_is_refused_before_download(start_bot, project):
    harness = start_bot(photo_max_mb=0.001)  # 1,048 bytes
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    user.send_photo(b"x" * 5000)
    screen(emu, user, shows("report-photo-too-large", size="0.1", limit="0.1"))
    user.send_document(b"y" * 5000, "site.png", "image/png")
    emu.wait_until(lambda: said(user, shows("report-photo-too-large")) == 2)
    assert downloads(emu) == 0 and media_files() == []
    send_photos(emu, user, 1)
    assert len(media_files()) == 1


def test_a_file_without_announced_size_is_checked_by_getfile(start_bot, project):
    harness = start_bot(photo_max_mb=0.001)
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    user.send_document(b"z" * 5000, "site.png", "image/png", announce_size=False)
    screen(emu, user, shows("report-photo-too-large", limit="0.1"))
    assert len(emu.calls_for("getFile")) == 1 and downloads(emu) == 0
    assert media_files() == []
    assert last_draft(harness.db).answers.get("photos", []) == []


def test_the_photos_of_one_report_have_a_total_cap(start_bot, project):
    harness = start_bot(photo_report_max_mb=0.002)  # 2,097 bytes: four photos of 514
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 4)
    user.send_photo(PNG + b"fifth")
    screen(emu, user, shows("report-photos-too-large", limit="0.1"))  # shown rounded to a tenth
    assert downloads(emu) == 4 and len(media_files()) == 4


def test_a_daily_photo_quota_holds_across_forms(start_bot, project):
    harness = start_bot(photo_daily_limit=3)
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 2)
    user.send_command("cancel")
    screen(emu, user, shows("report-cancelled"))
    to_photo_step(emu, user)  # a new form does not reset the day's count
    send_photos(emu, user, 1)
    user.send_photo(PNG + b"over")
    screen(emu, user, shows("report-photo-daily-limit"))
    assert downloads(emu) == 3
    harness.clock.advance(timedelta(days=1))
    send_photos(emu, user, 1, attached=1)


def test_english_refusals_come_from_the_catalogue(start_bot, project, db):
    harness = start_bot(photo_daily_limit=1)
    with db.scope() as session:
        liaison = session.get(type(project["liaison"]), project["liaison"].id)
        liaison.language = "en"
        session.add(liaison)
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    user.send_command("report")
    screen(emu, user, shows("report-choose-period", "en"))
    with db.scope() as session:
        draft = session.exec(select(ReportDraft).where(ReportDraft.status == "open")).one()
        draft.step = "photos"
        draft.answers = {**draft.answers, "fetched": {"2025-03-10": 1}}
        session.add(draft)
    user.send_photo(PNG)
    screen(emu, user, shows("report-photo-daily-limit", "en", limit=1))


def test_cancelling_deletes_the_forms_photo_files(harness, project):
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 3)
    assert len(media_files()) == 3
    user.send_command("cancel")
    screen(emu, user, shows("report-cancelled"))
    assert media_files() == []


def test_an_expired_forms_photo_files_are_deleted(harness, project):
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 2)
    harness.clock.advance(timedelta(hours=73))
    assert harness.bot.run(lambda: expire_drafts(harness.bot.app)) == 1
    screen(emu, user, shows("report-expired"))
    assert media_files() == []


def test_photos_replaced_by_copying_last_month_are_deleted(harness, project, db):
    with db.scope() as session:
        make_report(
            session,
            project=project["project"],
            reporter=project["liaison"],
            period="2025-02",
            investment_month="500",
            investment_cumulative="5000",
            stage="main_works",
            percent="40",
            progress="主体结构施工到三层",
            problems="",
            submitted_at=datetime.fromisoformat("2025-02-25T10:00:00+08:00"),
        )
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 2)
    assert len(media_files()) == 2
    for question in (
        shows("report-ask-problems"),
        shows("report-ask-progress"),
        shows("report-ask-percent"),
        shows("report-ask-stage"),
        shows("report-ask-investment"),
    ):
        user.press(say("button-back"))
        screen(emu, user, question)
    user.press(say("button-copy-previous"))
    summary = screen(emu, user, shows("report-summary"))
    assert on(summary["text"], "report-summary", photos=0)
    assert media_files() == []


def test_a_file_a_report_keeps_survives_another_forms_cancel(harness, project, db):
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    [photo] = send_photos(emu, user, 1)
    user.press(say("button-photos-done"))
    screen(emu, user, shows("report-summary"))
    user.press(say("button-submit"))
    screen(emu, user, shows("report-submitted"))
    [kept] = media_files()
    # A revision of the same month attaches the same photo (the same file), then is cancelled.
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    user.press("2025年3月")
    screen(emu, user, shows("report-revise-ask"))
    user.press(say("button-revise"))
    screen(emu, user, shows("report-ask-investment"))
    with db.scope() as session:
        draft = session.exec(select(ReportDraft).where(ReportDraft.status == "open")).one()
        draft.step = "photos"
        session.add(draft)
    user.send_photo(b"", same_as=photo)
    screen(emu, user, shows("report-photo-received", count=1))
    assert downloads(emu) == 2
    user.send_command("cancel")
    screen(emu, user, shows("report-cancelled"))
    assert media_files() == [kept] and kept.read_bytes().startswith(PNG)
    with db.scope() as session:
        assert session.exec(select(ReportPhoto)).one().local_path == str(kept)


def test_the_sweep_deletes_orphans_and_keeps_what_forms_refer_to(harness, project):
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Min")
    to_photo_step(emu, user)
    send_photos(emu, user, 1)
    [attached] = media_files()
    orphan = attached.parent / "left-by-a-crash.jpg"
    orphan.write_bytes(PNG)
    fresh = attached.parent / "being-attached.jpg"
    fresh.write_bytes(PNG)
    now = harness.services.now()
    old = (now - timedelta(hours=2)).timestamp()
    for path in (attached, orphan):
        os.utime(path, (old, old))
    os.utime(fresh, (now.timestamp(), now.timestamp()))
    assert harness.bot.run(lambda: sweep_media(harness.bot.app)) == 1
    assert media_files() == sorted([attached, fresh])
