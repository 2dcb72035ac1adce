"""Photo evidence: EXIF time and GPS, content checks, perceptual duplicates, distances."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.reporting import evidence
from bot.reporting.steps import FormRefused
from models.report import PhotoSource
from tests.photos import jpeg, picture, png

TZ = ZoneInfo("Asia/Shanghai")
SITE = (29.0312, 111.6981)


def test_a_file_keeps_its_exif_time_and_gps():
    data = jpeg(picture(1), taken=datetime(2026, 3, 14, 10, 20, 5), gps=SITE)
    found = evidence.inspect(data, source=PhotoSource.FILE, tz=TZ)
    assert found.taken_at == datetime(2026, 3, 14, 10, 20, 5, tzinfo=TZ)
    assert found.lat == pytest.approx(SITE[0], abs=1e-5)
    assert found.lon == pytest.approx(SITE[1], abs=1e-5)
    assert found.size == len(data) and len(found.sha256) == 64 and len(found.phash) == 16
    assert found.source == "file"


def test_southern_and_western_positions_are_negative():
    data = jpeg(picture(1), gps=(-33.8688, -70.6693))
    found = evidence.inspect(data, source=PhotoSource.FILE, tz=TZ)
    assert (found.lat, found.lon) == (pytest.approx(-33.8688, abs=1e-5), pytest.approx(-70.6693))
    assert found.taken_at is None


def test_a_compressed_photo_is_hashed_but_its_exif_is_not_read():
    data = jpeg(picture(1), taken=datetime(2026, 3, 14, 10, 20), gps=SITE)
    found = evidence.inspect(data, source=PhotoSource.COMPRESSED, tz=TZ)
    assert found.phash is not None
    assert (found.taken_at, found.lat, found.lon) == (None, None, None)


def test_a_file_without_exif_has_no_time_or_place():
    found = evidence.inspect(png(picture(2)), source=PhotoSource.FILE, tz=TZ)
    assert (found.taken_at, found.lat, found.lon) == (None, None, None)
    assert found.phash is not None


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 not a picture at all" * 20,
        b"\xff\xd8\xff\xe0" + b"\x00" * 300,  # a JPEG's first bytes and nothing after
        b"",
    ],
)
def test_a_file_that_is_not_an_image_by_content_is_refused(data):
    with pytest.raises(FormRefused) as refused:
        evidence.inspect(data, source=PhotoSource.FILE, tz=TZ)
    assert refused.value.key == "evidence-not-image"


def test_a_compressed_photo_that_does_not_decode_is_kept_without_a_hash():
    found = evidence.inspect(b"junk" * 10, source=PhotoSource.COMPRESSED, tz=TZ)
    assert found.phash is None and found.size == 40


def test_a_reencoded_and_resized_copy_is_close_and_an_unrelated_photo_is_not():
    original = evidence.inspect(jpeg(picture(7)), source=PhotoSource.FILE, tz=TZ).phash
    copy = picture(7).resize((320, 240))
    reused = evidence.inspect(jpeg(copy, quality=40), source=PhotoSource.FILE, tz=TZ).phash
    other = evidence.inspect(jpeg(picture(8)), source=PhotoSource.FILE, tz=TZ).phash
    assert evidence.hamming(original, reused) <= evidence.DUPLICATE_DISTANCE
    assert evidence.hamming(original, other) > evidence.DUPLICATE_DISTANCE


def test_haversine_distance():
    assert evidence.distance_km(*SITE, *SITE) == 0
    # One degree of latitude is about 111.2 km.
    assert evidence.distance_km(29.0, 111.7, 30.0, 111.7) == pytest.approx(111.2, abs=0.1)
    # Changde to Changsha, about 160 km.
    assert evidence.distance_km(29.03, 111.70, 28.23, 112.94) == pytest.approx(150, abs=15)


def test_place_reads_as_degrees():
    assert evidence.place(29.03125, 111.69811) == "29.0312°N 111.6981°E"
    assert evidence.place(-1.5, -2.25) == "1.5000°S 2.2500°W"


def test_a_heic_original_is_accepted_by_its_container_without_a_hash():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
    found = evidence.inspect(heic, source=PhotoSource.FILE, tz=TZ)
    assert found.phash is None and found.size == len(heic)


def test_a_location_outside_the_earth_is_refused():
    assert not evidence.valid_position(91, 0) and not evidence.valid_position(0, float("nan"))
    assert evidence.valid_position(-90, 180)


def test_the_demo_site_photo_was_taken_near_its_demo_project():
    """bot/demo/site-photo.jpg (the README's photo to try) is 0.6 km from 中联起重机械."""
    from importlib.resources import files

    from bot.demo.roster import PROJECTS, demo_location

    data = files("bot.demo").joinpath("site-photo.jpg").read_bytes()
    found = evidence.inspect(data, source=PhotoSource.FILE, tz=TZ)
    assert found.taken_at == datetime(2026, 11, 28, 10, 20, tzinfo=TZ)
    number = 2 + [row[0] for row in PROJECTS].index("中联起重机械")  # numbered as load_demo does
    lat, lon = (float(part) for part in demo_location(number).split(","))
    assert evidence.distance_km(found.lat, found.lon, lat, lon) == pytest.approx(0.6, abs=0.05)
