"""/help and /whoami: what this person can do, in their language."""

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.assessment.filing import is_reporter
from bot.commands import commands_for
from bot.telegram.context import ParkContext
from handlers.greeting import greeting
from handlers.request import request
from handlers.viewer import Viewer


async def help_command(update: Update, context: ParkContext) -> None:
    """Lists the commands available to this person's role."""
    with request(update, context) as req:
        viewer = req.viewer
        reporter = viewer.person is not None and is_reporter(req.session, viewer.person)
    await update.effective_message.reply_text(render_help(viewer, reporter=reporter))


async def whoami(update: Update, context: ParkContext) -> None:
    """Shows the member's roles and projects; strangers get the access explanation."""
    with request(update, context) as req:
        viewer = req.viewer
        person = viewer.person
        text = greeting(req.session, viewer, person) if person else render_help(viewer)
    await update.effective_message.reply_text(text)


def render_help(viewer: Viewer, *, reporter: bool = False) -> str:
    """The command list for this viewer; strangers learn how to get access."""
    if viewer.person is None:
        return viewer.t("help-unknown")
    lines = [viewer.t("help-header")]
    for command in commands_for(viewer.person, reporter=reporter):
        description = viewer.t(command.description_key)
        lines.append(viewer.t("help-line", command=command.name, description=description))
    return "\n".join(lines)


def handlers() -> list:
    """The help handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("help", help_command, filters=private),
        CommandHandler("whoami", whoami, filters=private),
    ]
