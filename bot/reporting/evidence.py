"""Photo evidence: what a site photo's bytes prove, where it was taken, and reused photos.

A photo sent as a file keeps its original bytes, so its EXIF time and GPS position are read
(exifread); one Telegram compressed has none. Either way the bytes get a SHA-256 and a
perceptual hash (imagehash.phash): a photo that looks like one of another period's report is
flagged for the reviewer, never refused. A file must be an image by its content (Pillow
opens and verifies it); its MIME type or name alone is not trusted.
"""

import hashlib
import io
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import exifread
import imagehash
from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.reporting.answers import write
from bot.reporting.steps import FormRefused
from models.draft import ReportDraft
from models.project import Project
from models.report import PhotoSource, ProgressReport, ReportPhoto

# exifread warns about every file without EXIF (most PNGs): not worth a log line.
logging.getLogger("exifread").setLevel(logging.ERROR)
# Bits of the 64-bit phash two photos may differ in and still count as the same picture: a
# re-encoded or resized copy differs in a few, an unrelated photo in about half.
DUPLICATE_DISTANCE = 8
EARTH_RADIUS_KM = 6371.0088
# HEIF/HEIC containers (an iPhone's originals): Pillow has no decoder without a plugin, so
# the container's brand is checked instead; exifread reads their EXIF.
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}


@dataclass(frozen=True)
class Evidence:
    """What one photo's bytes give."""

    sha256: str
    phash: str | None
    size: int
    source: str
    taken_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None

    def fields(self) -> dict:
        """The values a form's photo and a ReportPhoto row keep."""
        return {
            "sha256": self.sha256,
            "phash": self.phash,
            "size": self.size,
            "source": self.source,
            "taken_at": self.taken_at,
            "lat": self.lat,
            "lon": self.lon,
        }


def inspect_file(path: Path | str, *, source: PhotoSource, tz: tzinfo) -> Evidence:
    """The evidence of a downloaded photo (see `inspect`)."""
    return inspect(Path(path).read_bytes(), source=source, tz=tz)


def inspect(data: bytes, *, source: PhotoSource, tz: tzinfo) -> Evidence:
    """Hashes the bytes and, for a file, reads its EXIF time and GPS.

    A file that is not an image by its content raises FormRefused("evidence-not-image"). A
    compressed photo is Telegram's own JPEG: it is hashed when it decodes, never refused.
    """
    picture = _phash(data)
    is_file = source is PhotoSource.FILE
    if is_file and picture is None and not _is_heif(data):
        raise FormRefused("evidence-not-image")
    evidence = Evidence(
        sha256=hashlib.sha256(data).hexdigest(),
        phash=picture,
        size=len(data),
        source=source.value,
    )
    if not is_file:
        return evidence
    tags = _exif(data)
    lat, lon = _gps(tags)
    return Evidence(
        **{**evidence.fields(), "taken_at": _taken_at(tags, tz), "lat": lat, "lon": lon}
    )


def _phash(data: bytes) -> str | None:
    """The perceptual hash as 16 hex digits, or None when Pillow cannot verify and decode it."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # structure and checksums; the image must be opened again after
        with Image.open(io.BytesIO(data)) as image:
            # The hash looks at 32x32 pixels: a JPEG is decoded at a fraction of its size.
            image.draft("RGB", (256, 256))
            image.load()
            return str(imagehash.phash(image))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _exif(data: bytes) -> dict:
    try:
        return exifread.process_file(io.BytesIO(data), details=False) or {}
    except Exception:
        return {}


def _taken_at(tags: dict, tz: tzinfo) -> datetime | None:
    """DateTimeOriginal (the camera's local time; its OffsetTime when given, else `tz`)."""
    for name, offset_name in (
        ("EXIF DateTimeOriginal", "EXIF OffsetTimeOriginal"),
        ("Image DateTime", "EXIF OffsetTime"),
    ):
        value = str(tags.get(name, "")).strip()
        try:
            moment = datetime.strptime(value[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        return moment.replace(tzinfo=_offset(str(tags.get(offset_name, ""))) or tz)
    return None


def _offset(text: str) -> tzinfo | None:
    text = text.strip()
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        minutes = int(text[1:3]) * 60 + int(text[4:6])
    except ValueError:
        return None
    return timezone(timedelta(minutes=minutes if text[0] == "+" else -minutes))


def _gps(tags: dict) -> tuple[float | None, float | None]:
    lat = _degrees(tags.get("GPS GPSLatitude"), tags.get("GPS GPSLatitudeRef"), "S")
    lon = _degrees(tags.get("GPS GPSLongitude"), tags.get("GPS GPSLongitudeRef"), "W")
    if lat is None or lon is None or not valid_position(lat, lon) or (lat, lon) == (0.0, 0.0):
        return None, None
    return round(lat, 6), round(lon, 6)


def _degrees(tag, ref, negative: str) -> float | None:
    try:
        d, m, s = (float(part) for part in tag.values)
    except (AttributeError, TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    return -value if str(ref).strip().upper() == negative else value


def valid_position(lat: float, lon: float) -> bool:
    """Whether the pair is a position on Earth."""
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two positions (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1.0)))


def hamming(first: str, second: str) -> int:
    """How many bits two hex phashes differ in."""
    return bin(int(first, 16) ^ int(second, 16)).count("1")


def find_duplicate(
    session: Session, phash: str | None, *, period: str, distance: int = DUPLICATE_DISTANCE
) -> int | None:
    """The closest stored photo of another period's report (any project) within `distance`."""
    if not phash:
        return None
    query = (
        select(ReportPhoto.id, ReportPhoto.phash)
        .join(ProgressReport, col(ProgressReport.id) == ReportPhoto.report_id)
        .where(col(ReportPhoto.phash).is_not(None), ProgressReport.period != period)
        .order_by(ReportPhoto.id)
    )
    best: tuple[int, int] | None = None
    for photo_id, other in session.exec(query):
        gap = hamming(phash, other)
        if gap <= distance and (best is None or gap < best[0]):
            best = (gap, photo_id)
    return best[1] if best else None


def share_location(draft: ReportDraft, lat: float, lon: float, now: datetime) -> None:
    """Attaches a location shared during the form (any step); a later one replaces it."""
    if not valid_position(lat, lon):
        raise FormRefused("evidence-location-invalid")
    write(draft, now, lat=round(lat, 6), lon=round(lon, 6), located_at=now)


def place(lat: float, lon: float) -> str:
    """A position for people: 29.0312°N 111.6981°E."""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.4f}°{ns} {abs(lon):.4f}°{ew}"


@dataclass(frozen=True)
class PhotoFacts:
    """A stored photo's time and place for a card or page, measured from the project."""

    photo_id: int
    report_id: int
    period: str
    source: str
    taken_at: datetime | None
    lat: float | None
    lon: float | None
    distance_km: float | None  # from the project's registered location, when both are known
    duplicate_period: str | None  # the period of the report whose photo this one resembles


@dataclass(frozen=True)
class ReportPlace:
    """Where the reporter was when filing (a shared location), measured from the project."""

    lat: float
    lon: float
    located_at: datetime | None
    distance_km: float | None


def _measured(project: Project | None, lat: float | None, lon: float | None) -> float | None:
    if project is None or None in (project.lat, project.lon, lat, lon):
        return None
    return distance_km(project.lat, project.lon, lat, lon)


def photo_facts(session: Session, report_ids: list[int]) -> list[PhotoFacts]:
    """The photos of these reports with time, place, distance and suspected reuse, in order."""
    if not report_ids:
        return []
    original = aliased(ReportPhoto)
    earlier = aliased(ProgressReport)
    query = (
        select(ReportPhoto, ProgressReport.period, ProgressReport.project_id, earlier.period)
        .join(ProgressReport, col(ProgressReport.id) == ReportPhoto.report_id)
        .join(original, col(original.id) == ReportPhoto.duplicate_of_id, isouter=True)
        .join(earlier, col(earlier.id) == original.report_id, isouter=True)
        .where(col(ReportPhoto.report_id).in_(report_ids))
        .order_by(col(ProgressReport.period).desc(), ReportPhoto.id)
    )
    projects: dict[int, Project | None] = {}
    facts = []
    for photo, period, project_id, duplicate_period in session.exec(query):
        if project_id not in projects:
            projects[project_id] = session.get(Project, project_id)
        facts.append(
            PhotoFacts(
                photo_id=photo.id,
                report_id=photo.report_id,
                period=period,
                source=photo.source,
                taken_at=photo.taken_at,
                lat=photo.lat,
                lon=photo.lon,
                distance_km=_measured(projects[project_id], photo.lat, photo.lon),
                duplicate_period=duplicate_period,
            )
        )
    return facts


def current_report(session: Session, project_id: int, period: str) -> ProgressReport | None:
    """The current revision of a project's report for a period."""
    query = select(ProgressReport).where(
        ProgressReport.project_id == project_id,
        ProgressReport.period == period,
        ProgressReport.is_current,
    )
    return session.exec(query).first()


def report_place(session: Session, report: ProgressReport) -> ReportPlace | None:
    """The location shared with a report, if any."""
    if report.lat is None or report.lon is None:
        return None
    project = session.get(Project, report.project_id)
    distance = _measured(project, report.lat, report.lon)
    return ReportPlace(report.lat, report.lon, report.located_at, distance)
