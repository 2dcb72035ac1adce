"""/minutes: the command centre records a held meeting's decisions as assignments (交办).

A short wizard per decision: what → project (or none) → owner unit → responsible leader →
due date → confirm, then "add another". The answers so far live in user_data, which the
Application's persistence keeps as rows (handlers/wizard.py), so a restart resumes the step.
"""

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.minutes.common import CONFIRM, DUE, KEY, LEADER, MORE, PREFIX, PROJECT, TEXT, UNIT
from handlers.minutes.sheet import got_file, send_template
from handlers.minutes.wizard import (
    another,
    cancel,
    confirm,
    done,
    got_due,
    got_leader,
    got_project,
    got_project_name,
    got_text,
    got_unit,
    list_held,
    start,
)
from handlers.wizard import wizard

__all__ = ["PROJECT", "handlers"]


def handlers() -> list:
    """The minutes handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    document = private & filters.Document.ALL
    return [
        wizard(
            may_continue=lambda person: person.is_admin,
            entry_points=[CallbackQueryHandler(start, pattern=f"^{PREFIX}meeting:")],
            states={
                TEXT: [
                    MessageHandler(text, got_text),
                    MessageHandler(document, got_file),
                    CallbackQueryHandler(send_template, pattern=f"^{PREFIX}template$"),
                ],
                PROJECT: [
                    CallbackQueryHandler(got_project, pattern=f"^{PREFIX}project:"),
                    MessageHandler(text, got_project_name),
                ],
                UNIT: [MessageHandler(text, got_unit)],
                LEADER: [CallbackQueryHandler(got_leader, pattern=f"^{PREFIX}leader:")],
                DUE: [MessageHandler(text, got_due)],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}confirm$")],
                MORE: [
                    CallbackQueryHandler(another, pattern=f"^{PREFIX}another$"),
                    CallbackQueryHandler(done, pattern=f"^{PREFIX}done$"),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="minutes-wizard",
            data_keys=(KEY,),
        ),
        CommandHandler("minutes", list_held, filters=private),
    ]
