"""Onboarding: /start with an invite token, or a shared phone contact, binds the account."""

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.assessment.filing import is_reporter
from bot.people.accounts import Notices
from bot.people.directory import bind_by_contact
from bot.people.invites import InviteError, record_refusal, redeem_invite
from bot.services import Services
from bot.telegram.context import ParkContext
from handlers.board import board_button
from handlers.greeting import greeting
from handlers.menu import publish_member_menu
from handlers.report.callbacks import start_button
from handlers.request import request
from handlers.viewer import Viewer
from models import Person


async def start(update: Update, context: ParkContext) -> None:
    """Redeems an invite token, greets a member, or explains access to a stranger."""
    user = update.effective_user
    token = context.args[0] if context.args else None
    try:
        with request(update, context) as req:
            if token is not None:
                redeem_invite(
                    req.session,
                    token=token,
                    telegram_user_id=user.id,
                    now=req.now,
                    notices=_notices(req.services),
                )
                req.identify_again()
            viewer, person = req.viewer, req.person
            text = greeting(req.session, viewer, person) if person else None
            reporter = person is not None and is_reporter(req.session, person)
    except InviteError as refusal:
        viewer = _record(update, context, refusal, how="invite", token=token)
        await update.effective_message.reply_text(viewer.t(refusal.key, **refusal.params))
        return
    if person is None:
        await explain_access(update, viewer)
    else:
        await _welcome(update, context, viewer, person, text, reporter=reporter)


async def contact(update: Update, context: ParkContext) -> None:
    """Binds the account whose own phone contact was shared and is on the roster."""
    user = update.effective_user
    shared = update.effective_message.contact
    try:
        with request(update, context) as req:
            viewer = req.viewer
            person = bind_by_contact(
                req.session,
                phone=shared.phone_number,
                contact_user_id=shared.user_id,
                sender_id=user.id,
                now=req.now,
            )
            viewer = req.identify_again()
            text = greeting(req.session, viewer, person)
            reporter = is_reporter(req.session, person)
    except InviteError as refusal:
        _record(update, context, refusal, how="contact", phone=shared.phone_number)
        await update.effective_message.reply_text(
            viewer.t(refusal.key, **refusal.params), reply_markup=_share_phone(viewer)
        )
        return
    await _welcome(update, context, viewer, person, text, reporter=reporter)


def _record(
    update: Update, context: ParkContext, refusal: InviteError, *, how: str, **details: object
) -> Viewer:
    """Records a refused attempt to get access; the viewer as the database now knows them.

    A second request, deliberately: the refused attempt's request rolled back everything it
    wrote, and the record of the refusal (the audit trail of who tried what) must stay.
    """
    with request(update, context) as req:
        record_refusal(
            req.session,
            refusal,
            how=how,
            telegram_user_id=update.effective_user.id,
            now=req.now,
            notices=_notices(req.services),
            **details,
        )
        return req.viewer


def _notices(services: Services) -> Notices:
    """Messages queued outside the chat: in each recipient's language, else the default."""
    return Notices(services.catalogue, services.settings.language)


async def _welcome(
    update: Update,
    context: ParkContext,
    viewer: Viewer,
    person: Person,
    text: str,
    *,
    reporter: bool = False,
) -> None:
    # Liaisons get a one-tap way into the report form, members the 看板 button (where the
    # board can open); without either, the contact keyboard just goes away.
    rows = []
    if person.is_liaison:
        rows.append([InlineKeyboardButton(viewer.t("button-report"), callback_data=start_button())])
    if (board := board_button(viewer, context.services.settings)) is not None:
        rows.append([board])
    if reporter:  # a park's indicator reporter (or an admin): /values is on their menu
        text += "\n" + viewer.t("values-welcome")
    markup: InlineKeyboardMarkup | ReplyKeyboardRemove = (
        InlineKeyboardMarkup(rows) if rows else ReplyKeyboardRemove()
    )
    await update.effective_message.reply_text(text, reply_markup=markup)
    await publish_member_menu(
        context.bot,
        context.services.catalogue,
        chat_id=update.effective_chat.id,
        person=person,
        language=viewer.language,
        reporter=reporter,
    )


async def explain_access(update: Update, viewer: Viewer) -> None:
    """Tells a stranger how to get access, with the share-phone button."""
    await update.effective_message.reply_text(
        viewer.t("welcome-unknown"), reply_markup=_share_phone(viewer)
    )


def _share_phone(viewer: Viewer) -> ReplyKeyboardMarkup:
    button = KeyboardButton(viewer.t("button-share-phone"), request_contact=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


def handlers() -> list:
    """The onboarding handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        MessageHandler(private & filters.CONTACT, contact),
    ]
