"""Downloaded site photos on disk: which files a report or an open form keeps, and the rest.

Objections' attachments (media/objections/) are kept too.

A photo's file lives at media/<project>/<period>/<file_unique_id>.<ext>, so two forms for the
same project and month can point at the same file: a file is deleted only when no report and
no open form refers to it.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session, col, select

from models.assessment_run import Objection
from models.draft import DraftStatus, ReportDraft
from models.report import ReportPhoto

log = logging.getLogger(__name__)
MEGABYTE = 1024 * 1024
# A file younger than this may be a download whose photo is not stored on its form yet.
SWEEP_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class PhotoLimits:
    """How much a person may upload: bytes per photo and per report, photos per day."""

    max_bytes: int
    report_bytes: int
    daily_count: int

    @classmethod
    def from_megabytes(cls, file_mb: float, report_mb: float, daily_count: int) -> "PhotoLimits":
        """Limits from the settings' megabytes."""
        return cls(int(file_mb * MEGABYTE), int(report_mb * MEGABYTE), daily_count)


def megabytes(size: int) -> str:
    """A size for people: megabytes with one decimal (at least 0.1)."""
    return f"{max(size / MEGABYTE, 0.1):.1f}"


def photo_paths(photos: Iterable[dict]) -> set[str]:
    """The local files of a form's photos (downloads that failed have none)."""
    return {photo["local_path"] for photo in photos if photo.get("local_path")}


def kept_paths(session: Session, candidates: set[str]) -> set[str]:
    """Which of these files a stored report or an open form still refers to."""
    if not candidates:
        return set()
    reported = select(ReportPhoto.local_path).where(col(ReportPhoto.local_path).in_(candidates))
    kept = set(session.exec(reported))
    # The query autoflushes, so forms closed in this transaction no longer count as open.
    for answers in session.exec(
        select(ReportDraft.answers).where(ReportDraft.status == DraftStatus.OPEN.value)
    ):
        kept |= photo_paths(answers.get("photos", [])) & candidates
    return kept


def discard(session: Session, paths: set[str]) -> None:
    """Deletes the files nothing keeps, once this transaction commits (never on a rollback)."""
    unkept = paths - kept_paths(session, paths)
    if not unkept:
        return

    def remove(_session: Session) -> None:
        remove_files(unkept)

    event.listen(session, "after_commit", remove, once=True)


def remove_files(paths: Iterable[str]) -> None:
    """Deletes files, leaving empty folders behind; a file already gone is fine."""
    for path in paths:
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete photo file %s", path, exc_info=True)


def sweep(
    session: Session, media_dir: Path, *, now: datetime, grace: timedelta = SWEEP_GRACE
) -> list[Path]:
    """Deletes files under `media_dir` that no report or open form keeps; returns them.

    Files modified within `grace` are spared: they may be downloads still being attached.
    """
    if not media_dir.is_dir():
        return []
    kept = {Path(p).resolve() for p in session.exec(select(ReportPhoto.local_path)) if p}
    kept |= {Path(p).resolve() for p in session.exec(select(Objection.attachment)) if p}
    for answers in session.exec(
        select(ReportDraft.answers).where(ReportDraft.status == DraftStatus.OPEN.value)
    ):
        kept |= {Path(p).resolve() for p in photo_paths(answers.get("photos", []))}
    cutoff = (now - grace).timestamp()
    removed = []
    for path in media_dir.rglob("*"):
        if path.is_file() and path.resolve() not in kept and path.stat().st_mtime < cutoff:
            remove_files([str(path)])
            removed.append(path)
    return removed
