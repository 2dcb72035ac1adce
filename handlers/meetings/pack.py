"""The pre-meeting pack button (`pk:<meeting>`): sends the pack's PDF and XLSX as documents.

Under each meeting of /meetings for admins, and under the timed "pack is ready" notice for
admins and the attending leaders (bot.meetings.pack.audience); anyone else is refused.
"""

import asyncio

from telegram import Update

from bot import text_limits
from bot.meetings import queries
from bot.meetings.pack.audience import may_receive_pack
from bot.meetings.pack.content import Pack, build_pack
from bot.meetings.pack.notices import BUTTON_PREFIX
from bot.meetings.pack.tables import Texts
from bot.status.lights import LightPolicy
from bot.telegram.context import ParkContext, callback_id
from handlers.request import request
from models import MeetingStatus


async def pack_button(update: Update, context: ParkContext) -> None:
    """Builds the meeting's pack now and sends it as two documents, or says why not."""
    query = update.callback_query
    meeting_id = callback_id(query.data.removeprefix(BUTTON_PREFIX))
    pack: Pack | None = None
    refusal: str | None = None
    with request(update, context) as req:
        viewer, session = req.viewer, req.session
        person = viewer.person
        meeting = (
            queries.meeting(session=session, meeting_id=meeting_id) if meeting_id > 0 else None
        )
        if person is None or not (person.is_admin or person.is_leader):
            refusal = viewer.t("pack-refused")
        elif meeting is None or meeting.status == MeetingStatus.CANCELLED.value:
            refusal = viewer.t("pack-meeting-gone")
        elif not may_receive_pack(session, person, meeting):
            refusal = viewer.t("pack-refused")
        else:
            policy = LightPolicy.from_settings(req.services.settings)
            pack = build_pack(session, meeting_id, now=req.now, policy=policy)
    # The request has committed: the documents are made and sent without holding the database.
    if pack is None:
        await query.answer(refusal, show_alert=True)
        return
    await query.answer(viewer.t("pack-preparing"))
    await send_pack(update, context, pack, viewer.language)


async def send_pack(update: Update, context: ParkContext, pack: Pack, language: str) -> None:
    """Renders the PDF and XLSX off the event loop and sends them to the chat asked from."""
    # fpdf2 and its font tools cost ~0.35 s to import: only a bot that makes a pack pays it.
    from bot.meetings.pack.files import render

    services = context.services
    texts = Texts(services.catalogue, language, services.settings.tz)
    files = await asyncio.to_thread(render, pack, texts)
    message = update.effective_message
    captions = (
        texts.t("pack-caption-pdf", park=pack.park, pages=files.pages),
        texts.t("pack-caption-xlsx", park=pack.park),
    )
    for data, suffix, caption in zip(
        (files.pdf, files.xlsx), ("pdf", "xlsx"), captions, strict=True
    ):
        await message.reply_document(
            document=data,
            filename=f"{files.stem}.{suffix}",
            caption=text_limits.clip(caption, text_limits.CAPTION_LIMIT),
        )
