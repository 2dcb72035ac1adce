"""The form's photo question: limits checked before and after download, daily counts."""

from datetime import datetime, time

from sqlmodel import Session, select

from bot.reporting import media
from bot.reporting.answers import Photo, read
from bot.reporting.form import advance, update
from bot.reporting.media import PhotoLimits, megabytes
from bot.reporting.steps import MAX_PHOTOS, FormRefused
from models.draft import ReportDraft


def reserve_photo(
    session: Session, draft: ReportDraft, image: dict, *, limits: PhotoLimits, now: datetime
) -> bool:
    """Checks a photo against the limits before it is downloaded, and counts it for the day.

    Returns False when this very photo is already on the form (nothing to download). Sizes
    are the ones Telegram announces; add_photo checks the downloaded file again.
    """
    answers = read(draft)
    photos = answers.photos
    if any(p.file_unique_id == image["file_unique_id"] and p.local_path for p in photos):
        return False
    _check_photo(photos, image["file_unique_id"], image.get("size"), limits)
    day = now.date().isoformat()
    if photos_fetched_on(session, draft.person_id, now) >= limits.daily_count:
        raise FormRefused("report-photo-daily-limit", limit=limits.daily_count)
    update(draft, now, fetched={day: answers.fetched.get(day, 0) + 1})
    return True


def photos_fetched_on(session: Session, person_id: int, now: datetime) -> int:
    """How many photos this person's forms downloaded on `now`'s day (closed forms too)."""
    day_start = datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)
    query = select(ReportDraft.answers).where(
        ReportDraft.person_id == person_id, ReportDraft.updated_at >= day_start
    )
    day = now.date().isoformat()
    return sum(answers.get("fetched", {}).get(day, 0) for answers in session.exec(query))


def add_photo(
    session: Session, draft: ReportDraft, photo: dict, *, limits: PhotoLimits, now: datetime
) -> int:
    """Attaches a downloaded photo; returns how many there are. The fifth one ends the step."""
    old = read(draft).photos
    photos = [item for item in old if item.file_unique_id != photo["file_unique_id"]]
    _check_photo(photos, photo["file_unique_id"], photo.get("size"), limits)
    photos.append(Photo.model_validate(photo))
    if len(photos) >= MAX_PHOTOS:
        advance(draft, now, photos=photos)
    else:
        update(draft, now, photos=photos)
    # A photo sent again replaces its earlier copy; a file no longer referred to goes.
    gone = media.photo_paths([p.model_dump() for p in old])
    media.discard(session, gone - media.photo_paths([p.model_dump() for p in photos]))
    return len(photos)


def _check_photo(
    photos: list[Photo], unique_id: str, size: int | None, limits: PhotoLimits
) -> None:
    """Refuses a photo past the count, its own size cap or the report's total."""
    others = [p for p in photos if p.file_unique_id != unique_id]
    if len(others) >= MAX_PHOTOS:
        raise FormRefused("report-photos-full", limit=MAX_PHOTOS)
    if size is None:
        return
    if size > limits.max_bytes:
        raise FormRefused(
            "report-photo-too-large", size=megabytes(size), limit=megabytes(limits.max_bytes)
        )
    total = sum(p.size or 0 for p in others) + size
    if total > limits.report_bytes:
        raise FormRefused("report-photos-too-large", limit=megabytes(limits.report_bytes))


def finish_photos(draft: ReportDraft, now: datetime) -> None:
    """Done with photos (none is fine)."""
    advance(draft, now, photos=read(draft).photos)
