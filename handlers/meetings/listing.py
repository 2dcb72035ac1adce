"""/meetings: the upcoming meetings, with Move, Cancel and pack buttons for admins."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.meetings import service as meetings
from bot.meetings.pack.notices import BUTTON_PREFIX as PACK_PREFIX
from bot.meetings.reminders import meeting_text
from bot.telegram.context import ParkContext
from handlers.answers import deliver, hold
from handlers.help import render_help
from handlers.meetings.common import (
    _buttons,
)
from handlers.request import request
from handlers.viewer import Viewer


async def list_meetings(update: Update, context: ParkContext) -> None:
    """Upcoming meetings, each with Move and Cancel buttons for admins."""
    from bot.meetings.policy import policy_from
    from bot.meetings.reminders import Messenger

    with request(update, context) as req:
        viewer = req.viewer
        if viewer.person is not None:
            settings = req.services.settings
            messenger = Messenger(req.services.catalogue, settings.language, policy_from(settings))
            entries = [
                (m.id, meeting_text(req.session, m, messenger, viewer.person, "meeting-line"))
                for m in meetings.upcoming(req.session, req.now)
            ]
            messages = [(text, _markup(viewer, meeting_id)) for meeting_id, text in entries]
            held = hold(req, update, messages, person_id=viewer.person.id)
    # The request has committed: replies go out without holding the database.
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
        return
    if not entries:
        await update.effective_message.reply_text(viewer.t("meeting-none"))
        return
    await deliver(update, context, held)


def _markup(viewer: Viewer, meeting_id: int) -> InlineKeyboardMarkup | None:
    """Move and Cancel under a meeting, and the pre-meeting pack, for admins."""
    if not viewer.person.is_admin:
        return None
    markup = _buttons(
        viewer,
        [
            [
                ("button-move-meeting", f"move:{meeting_id}"),
                ("button-cancel-meeting", f"drop:{meeting_id}"),
            ]
        ],
    )
    # The pre-meeting pack (handlers/meetings/pack.py): its own prefix, outside the wizard.
    label = viewer.t("button-meeting-pack")
    pack = InlineKeyboardButton(label, callback_data=f"{PACK_PREFIX}{meeting_id}")
    return InlineKeyboardMarkup([*markup.inline_keyboard, [pack]])
