"""/minutes by sheet: the blank decisions template as a document, and the filled one sent back."""

import logging
import tempfile
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError

from bot.meetings import assignments
from bot.meetings.minutes_file import MinutesRejected, import_minutes, write_template
from bot.people.accounts import Notices
from bot.people.roster_file import MAX_FILE_BYTES
from bot.telegram.context import ParkContext, wake_sender
from bot.text_limits import clip
from handlers.minutes.common import (
    KEY,
    MORE,
    TEXT,
    more_keyboard,
)
from handlers.request import request

log = logging.getLogger(__name__)


async def send_template(update: Update, context: ParkContext) -> int:
    """Sends the blank decisions sheet (XLSX) to fill in and send back."""
    await update.callback_query.answer()
    with tempfile.TemporaryDirectory(prefix="parkbot-minutes-") as folder:
        path = Path(folder) / "minutes.xlsx"
        with request(update, context) as req:
            viewer = req.viewer
            write_template(req.session, path, viewer.t)
        data = path.read_bytes()
    await update.effective_message.reply_document(
        data,
        filename=viewer.t("minutes-sheet") + ".xlsx",
        caption=viewer.t("minutes-template-caption"),
    )
    return TEXT


async def got_file(update: Update, context: ParkContext) -> int:
    """The filled minutes template sent as a document: imports every row, or none."""
    message = update.effective_message
    document = message.document
    draft = context.user_data[KEY]
    with request(update, context) as req:
        viewer = req.viewer
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await message.reply_text(viewer.t("minutes-file-unreadable"))
        return TEXT
    suffix = Path(document.file_name or "").suffix.lower() or ".bin"
    with tempfile.TemporaryDirectory(prefix="parkbot-minutes-") as folder:
        path = Path(folder) / f"minutes{suffix}"
        try:
            telegram_file = await message.get_bot().get_file(document.file_id)
            await telegram_file.download_to_drive(path)
        except (TelegramError, OSError):
            log.warning("could not download the minutes file", exc_info=True)
            await message.reply_text(viewer.t("minutes-file-unreadable"))
            return TEXT
        # A refusal leaves the request, which rolls back everything the attempt wrote.
        try:
            with request(update, context) as req:
                meeting, _, _ = assignments.draft_rows(
                    req.session, meeting_id=draft["meeting_id"], project_id=None, leader_id=None
                )
                recorded, told = import_minutes(
                    req.session,
                    meeting,
                    path,
                    now=req.now,
                    notices=Notices(req.services.catalogue, req.services.settings.language),
                    actor=req.person,
                )
                text = viewer.t("minutes-file-imported", count=len(recorded), told=told)
        except MinutesRejected as rejected:
            lines = [
                viewer.t(
                    "cli-minutes-row-error", row=str(p.row), reason=viewer.t(p.key, **p.params)
                )
                for p in rejected.problems
            ]
            lines.append(viewer.t("cli-minutes-rejected", count=len(rejected.problems)))
            # A long list is cut to one message: the first rows say what to fix first.
            await message.reply_text(clip("\n".join(lines)))
            return TEXT
    draft["count"] = draft.get("count", 0) + len(recorded)
    await message.reply_text(text, reply_markup=more_keyboard(viewer))
    wake_sender(context.application)
    return MORE
