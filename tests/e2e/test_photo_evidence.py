"""Photo evidence end to end: a GPS-tagged file and a shared location reach the project card.

A liaison files March's report with a photo sent as a file (EXIF time and GPS kept), one
sent compressed, a shared location and a non-image named .jpg (refused, nothing kept). The
file is a re-encoded, resized copy of a photo of February's report: it is flagged on the
card and to the leader, not refused.
"""

import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.reporting import evidence
from models import PhotoSource, ProgressReport, ReportDraft, ReportPhoto
from tests.e2e.chat import screen
from tests.e2e.test_report_photos import to_photo_step
from tests.factories import make_park, make_person, make_project, make_report
from tests.photos import jpeg, picture
from tests.screens import on, say, shows

LIAISON, LEADER = 1701, 1702
SITE = (29.0312, 111.6981)  # the project's registered location
TAKEN_AT = (29.0350, 111.7020)  # where the photo was taken: about 0.6 km away
SHARED = (29.0330, 111.6990)  # where the liaison stood when filing: about 0.2 km away
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def site(db):
    """中联起重机械 with a registered location, its leader, and February's report with a photo."""
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER)
        project = make_project(
            session,
            name="中联起重机械",
            park=park,
            leader=leader,
            liaisons=(liaison,),
            lat=SITE[0],
            lon=SITE[1],
        )
        february = make_report(
            session, project=project, reporter=liaison, period="2025-02", investment_month=100
        )
        earlier = evidence.inspect(jpeg(picture(7)), source=PhotoSource.FILE, tz=TZ)
        session.add(
            ReportPhoto(
                report_id=february.id, file_id="old", file_unique_id="old", **earlier.fields()
            )
        )
        return project.id


def media_files() -> list[Path]:
    root = Path(os.environ["PARKBOT_MEDIA_DIR"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_a_gps_tagged_file_and_a_shared_location_show_on_the_card(harness, db, site):
    emu = harness.emulator
    user = emu.add_user(LIAISON, "Min")
    leader = emu.add_user(LEADER, "Wang")
    # Without an open form a location is not kept, and the liaison is told so.
    user.send_location(*SHARED)
    screen(emu, user, shows("evidence-location-no-form"))
    # A location shared before the photo step is kept too; a later one replaces it.
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    user.send_location(1.0, 2.0)
    screen(emu, user, shows("evidence-location-saved"))
    user.send_command("cancel")
    screen(emu, user, shows("report-cancelled"))
    to_photo_step(emu, user)
    live = user.send_location(*SHARED, live_period=900)
    screen(emu, user, shows("evidence-location-saved", place="29.0330°N 111.6990°E"))
    # The live location moving (edits every few seconds) is not answered and changes nothing.
    count = len(user.messages())
    user.move_live_location(live, 30.0, 112.0)
    user.send_location(*SHARED)  # answered after the edit: one person's updates run in order
    emu.wait_until(lambda: len(user.messages()) > count)
    assert on(user.messages()[count].get("text"), "evidence-location-saved")

    # A non-image named .jpg (even with an image MIME type) is refused, nothing is kept.
    user.send_document(b"MZ\x90\x00 this is a program" * 30, "site.jpg", "image/jpeg")
    screen(emu, user, shows("evidence-not-image"))
    assert media_files() == []
    with db.scope() as session:
        draft = session.exec(select(ReportDraft).order_by(ReportDraft.id.desc())).first()
        assert draft.answers.get("photos", []) == []

    # The original of a resized copy of February's photo, sent as a file with EXIF.
    reused = picture(7).resize((480, 360))
    taken = datetime(2025, 3, 14, 10, 20)
    user.send_document(jpeg(reused, taken=taken, gps=TAKEN_AT, quality=60), "IMG_0001.jpg")
    screen(emu, user, shows("report-photo-received", count=1))
    user.send_photo(jpeg(picture(9)))  # compressed: Telegram stripped its EXIF
    screen(emu, user, shows("report-photo-received", count=2))
    user.press(say("button-photos-done"))
    summary = screen(emu, user, shows("report-summary"))
    assert on(summary["text"], "evidence-summary-location", place="29.0330°N 111.6990°E")
    user.press(say("button-submit"))
    screen(emu, user, shows("report-submitted"))

    with db.scope() as session:
        report = session.exec(
            select(ProgressReport).where(ProgressReport.period == "2025-03")
        ).one()
        assert (report.lat, report.lon) == SHARED and report.located_at is not None
        photos = session.exec(
            select(ReportPhoto).where(ReportPhoto.report_id == report.id).order_by(ReportPhoto.id)
        ).all()
        assert [p.source for p in photos] == ["file", "compressed"]
        exif = photos[0]
        assert exif.taken_at == taken.replace(tzinfo=TZ)
        assert (exif.lat, exif.lon) == (pytest.approx(TAKEN_AT[0]), pytest.approx(TAKEN_AT[1]))
        assert len(exif.sha256) == 64 and exif.size == Path(exif.local_path).stat().st_size
        old = session.exec(select(ReportPhoto).where(ReportPhoto.file_unique_id == "old")).one()
        assert exif.duplicate_of_id == old.id
        assert photos[1].duplicate_of_id is None and photos[1].taken_at is None

    # The reviewer is told (not the liaison refused).
    emu.wait_until(
        lambda: any(on(m.get("text"), "evidence-leader-notice") for m in leader.messages())
    )

    user.send_command("status", "中联起重机械")
    card = screen(emu, user, shows("evidence-card-photos", count=2))["text"]
    away = evidence.distance_km(*SITE, *TAKEN_AT)
    assert on(card, "evidence-card-location", place="29.0330°N 111.6990°E")
    assert on(
        card,
        "evidence-photo-line",
        taken="2025-03-14 10:20",
        place="29.0350°N 111.7020°E",
        distance=say("evidence-distance", km=f"{away:.1f}"),
    )
    assert on(card, "evidence-duplicate", period="2025-02")
    assert on(card, "evidence-photo-compressed")
    assert Decimal(f"{away:.1f}") == Decimal("0.6")
