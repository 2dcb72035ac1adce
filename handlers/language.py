"""/lang: a member picks the bot's language; the choice is stored on their roster entry."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.assessment.filing import is_reporter
from bot.i18n import LANGUAGES, language_from_name
from bot.people.directory import set_language
from bot.telegram.context import ParkContext
from handlers.help import render_help
from handlers.menu import publish_member_menu
from handlers.request import Request, request
from handlers.viewer import Viewer

CALLBACK_PREFIX = "lang:"


async def choose_language(update: Update, context: ParkContext) -> None:
    """/lang [language]: switches to the language named, or offers the languages as buttons."""
    text = " ".join(context.args or []).strip()
    language = language_from_name(text) if text else None
    with request(update, context) as req:
        viewer = req.viewer
        if viewer.person is not None and language is not None:
            viewer = _store(req, language)
        reporter = viewer.person is not None and is_reporter(req.session, viewer.person)
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
        return
    if language is not None:
        await update.effective_message.reply_text(viewer.t("lang-set"))
        await _publish_menu(update, context, viewer, reporter=reporter)
        return
    buttons = [
        InlineKeyboardButton(viewer.t(f"lang-name-{code}"), callback_data=CALLBACK_PREFIX + code)
        for code in LANGUAGES
    ]
    # A name not recognised says so above the buttons, rather than being ignored.
    prompt = viewer.t("lang-unknown", text=text[:50]) if text else viewer.t("lang-choose")
    await update.effective_message.reply_text(prompt, reply_markup=InlineKeyboardMarkup([buttons]))


async def language_chosen(update: Update, context: ParkContext) -> None:
    """Stores the chosen language and answers in it."""
    query = update.callback_query
    language = query.data.removeprefix(CALLBACK_PREFIX)
    with request(update, context) as req:
        viewer = req.viewer
        if viewer.person is not None and language in LANGUAGES:
            viewer = _store(req, language)
        reporter = viewer.person is not None and is_reporter(req.session, viewer.person)
    if viewer.person is None or language not in LANGUAGES:
        await query.answer(viewer.t("callback-closed"))
        return
    await query.answer()
    try:
        await query.edit_message_text(viewer.t("lang-set"))
    except BadRequest:  # not a text message, or this text already (a forged button)
        await update.effective_message.reply_text(viewer.t("lang-set"))
    await _publish_menu(update, context, viewer, reporter=reporter)


def _store(req: Request, language: str) -> Viewer:
    """Stores the language on the person's roster entry; the viewer as it now reads."""
    set_language(req.session, person=req.person, language=language, now=req.now)
    return req.identify_again()


async def _publish_menu(
    update: Update, context: ParkContext, viewer: Viewer, *, reporter: bool
) -> None:
    """The command menu in the person's new language."""
    services = context.services
    await publish_member_menu(
        context.bot,
        services.catalogue,
        chat_id=update.effective_chat.id,
        person=viewer.person,
        language=viewer.language,
        reporter=reporter,
    )


def handlers() -> list:
    """The language handlers (private chats only)."""
    return [
        CommandHandler("lang", choose_language, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(language_chosen, pattern=f"^{CALLBACK_PREFIX}"),
    ]
