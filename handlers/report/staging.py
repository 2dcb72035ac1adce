"""Photos on the form: reserving one before the download, storing it on the draft after."""

from dataclasses import dataclass
from pathlib import Path

from telegram import Update

from bot.reporting import drafts, media, photo_step
from bot.reporting.answers import read
from bot.reporting.steps import FormRefused, Step
from bot.services import Services
from handlers.report.screens import Screen, Turn
from handlers.request import Request


@dataclass
class PendingPhoto:
    """A photo to download before it can be stored on the draft."""

    draft_id: int
    image: dict
    folder: Path


def photo_limits(services: Services) -> media.PhotoLimits:
    """The upload limits the settings give."""
    settings = services.settings
    return media.PhotoLimits.from_megabytes(
        settings.photo_max_mb, settings.photo_report_max_mb, settings.photo_daily_limit
    )


def _reserve(turn: Turn, image: dict) -> tuple[PendingPhoto | None, Screen | None]:
    """A photo to download, or the screen saying why not: refused before any byte is fetched."""
    now = turn.now
    try:
        fetch = photo_step.reserve_photo(
            turn.session, turn.draft, image, limits=photo_limits(turn.services), now=now
        )
    except FormRefused as refusal:
        return None, turn.screen(turn.refusal(refusal))
    if not fetch:
        return None, turn.screen()  # this very photo is attached already
    answers = read(turn.draft)
    folder = turn.services.settings.media_dir / str(answers.project_id) / answers.period
    return PendingPhoto(turn.draft.id, image, folder), None


def _store_photo(
    req: Request,
    update: Update,
    turn: "Turn | Screen | None",
    pending: PendingPhoto,
    photo: dict,
    limits: media.PhotoLimits,
) -> "Turn | Screen":
    """The turn when the draft took the photo, else the screen saying what happened."""
    if turn is None:
        return Screen([req.t("report-form-closed")])
    if isinstance(turn, Screen):
        return turn
    drafts.mark_input(turn.draft, update.update_id)
    if turn.draft.id != pending.draft_id or Step(turn.draft.step) is not Step.PHOTOS:
        return turn.screen()
    try:
        photo_step.add_photo(req.session, turn.draft, photo, limits=limits, now=req.now)
    except FormRefused as refusal:
        return turn.screen(req.refusal(refusal))
    return turn
