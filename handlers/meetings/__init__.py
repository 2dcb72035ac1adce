"""/meeting (create), /meetings (list, move, cancel): the command centre schedules meetings.

A short admin wizard, kept as a ConversationHandler state table; the meeting itself is a row
only once confirmed, and its reminders are planned from that row.
"""

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.meetings.pack.notices import BUTTON_PREFIX as PACK_PREFIX
from handlers.meetings.common import (
    CONFIRM,
    DEADLINE,
    DEFAULT_TIME,
    DROP_CONFIRM,
    MOVE,
    MOVE_CONFIRM,
    PARK,
    PLACE,
    PREFIX,
    WHEN,
    cancel_wizard,
)
from handlers.meetings.listing import list_meetings
from handlers.meetings.move_cancel import ask_drop, ask_move, confirm_drop, confirm_move, got_move
from handlers.meetings.pack import pack_button
from handlers.meetings.wizard import (
    ask_when_text,
    confirm,
    got_deadline,
    got_default_deadline,
    got_park,
    got_place,
    got_when,
    start,
)
from handlers.wizard import wizard

__all__ = ["DEFAULT_TIME", "ask_when_text", "handlers", "list_meetings"]


def handlers() -> list:
    """The meeting handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    cancel = [
        CommandHandler("cancel", cancel_wizard),
        CallbackQueryHandler(cancel_wizard, pattern=f"^{PREFIX}cancel$"),
    ]
    conversation = wizard(
        may_continue=lambda person: person.is_admin,
        entry_points=[
            CommandHandler("meeting", start, filters=private),
            CallbackQueryHandler(ask_move, pattern=f"^{PREFIX}move:"),
            CallbackQueryHandler(ask_drop, pattern=f"^{PREFIX}drop:"),
        ],
        states={
            WHEN: [MessageHandler(text, got_when)],
            PARK: [CallbackQueryHandler(got_park, pattern=f"^{PREFIX}park:")],
            PLACE: [MessageHandler(text, got_place)],
            DEADLINE: [
                CallbackQueryHandler(got_default_deadline, pattern=f"^{PREFIX}deadline$"),
                MessageHandler(text, got_deadline),
            ],
            CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}confirm$")],
            MOVE: [MessageHandler(text, got_move)],
            MOVE_CONFIRM: [CallbackQueryHandler(confirm_move, pattern=f"^{PREFIX}confirm$")],
            DROP_CONFIRM: [CallbackQueryHandler(confirm_drop, pattern=f"^{PREFIX}confirm$")],
        },
        fallbacks=cancel,
        name="meeting-wizard",
        data_keys=("meeting", "move", "move_to", "drop"),
    )
    return [
        conversation,
        CommandHandler("meetings", list_meetings, filters=private),
        # The pre-meeting pack's button: under /meetings (admins) and the timed notice.
        CallbackQueryHandler(pack_button, pattern=f"^{PACK_PREFIX}"),
    ]
