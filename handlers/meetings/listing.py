"""/meetings: the upcoming meetings, with Move and Cancel buttons for admins."""

from telegram import Update

from bot.meetings import service as meetings
from bot.meetings.reminders import meeting_text
from bot.telegram.context import ParkContext
from handlers.answers import answer
from handlers.help import render_help
from handlers.meetings.common import (
    _buttons,
)
from handlers.viewer import identify


async def list_meetings(update: Update, context: ParkContext) -> None:
    """Upcoming meetings, each with Move and Cancel buttons for admins."""
    services = context.services
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        if viewer.person is not None:
            upcoming = meetings.upcoming(session, services.now())
            from bot.meetings.policy import policy_from
            from bot.meetings.reminders import Messenger

            messenger = Messenger(
                services.catalogue, services.settings.language, policy_from(services.settings)
            )
            entries = [
                (m.id, meeting_text(session, m, messenger, viewer.person, "meeting-line"))
                for m in upcoming
            ]
    # The scope has committed: replies go out without holding the database.
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
        return
    if not entries:
        await update.effective_message.reply_text(viewer.t("meeting-none"))
        return
    messages = []
    for meeting_id, text in entries:
        markup = None
        if viewer.person.is_admin:
            markup = _buttons(
                viewer,
                [
                    [
                        ("button-move-meeting", f"move:{meeting_id}"),
                        ("button-cancel-meeting", f"drop:{meeting_id}"),
                    ]
                ],
            )
        messages.append((text, markup))
    await answer(update, context, messages, person_id=viewer.person.id)
