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

from bot.people.accounts import Notices
from bot.people.directory import bind_by_contact
from bot.people.invites import InviteError, record_refusal, redeem_invite
from bot.services import Services
from bot.telegram.context import ParkContext
from handlers.greeting import greeting
from handlers.menu import publish_member_menu
from handlers.report.callbacks import start_button
from handlers.viewer import Viewer, identify
from models import Person


async def start(update: Update, context: ParkContext) -> None:
    """Redeems an invite token, greets a member, or explains access to a stranger."""
    services = context.services
    user = update.effective_user
    token = context.args[0] if context.args else None
    refused = None
    failure: InviteError | None = None
    if token is not None:
        now = services.now()
        # A refusal leaves the attempt's scope, which rolls it back: nothing stays but its record.
        try:
            with services.db.scope() as session:
                redeem_invite(
                    session,
                    token=token,
                    telegram_user_id=user.id,
                    now=now,
                    notices=_notices(services),
                )
        except InviteError as refusal:
            failure = refusal
    with services.db.scope() as session:
        if failure is not None:
            record_refusal(
                session,
                failure,
                how="invite",
                telegram_user_id=user.id,
                now=now,
                notices=_notices(services),
                token=token,
            )
            refused = failure.code
        viewer = identify(session, services, user)
        person = viewer.person
        text = greeting(session, viewer, person) if person and not refused else None
    if refused is not None:
        await update.effective_message.reply_text(viewer.t(f"invite-error-{refused}"))
    elif person is None:
        await explain_access(update, viewer)
    else:
        await _welcome(update, context, viewer, person, text)


async def contact(update: Update, context: ParkContext) -> None:
    """Binds the account whose own phone contact was shared and is on the roster."""
    services = context.services
    user = update.effective_user
    shared = update.effective_message.contact
    now = services.now()
    # A refusal leaves the attempt's scope, which rolls it back: nothing stays but its record.
    try:
        with services.db.scope() as session:
            viewer = identify(session, services, user)
            person = bind_by_contact(
                session,
                phone=shared.phone_number,
                contact_user_id=shared.user_id,
                sender_id=user.id,
                now=now,
            )
            viewer = identify(session, services, user)
            text = greeting(session, viewer, person)
    except InviteError as refusal:
        with services.db.scope() as session:
            record_refusal(
                session,
                refusal,
                how="contact",
                telegram_user_id=user.id,
                now=now,
                notices=_notices(services),
                phone=shared.phone_number,
            )
        refused = viewer.t(f"invite-error-{refusal.code}")
        person = None
    if person is None:
        await update.effective_message.reply_text(refused, reply_markup=_share_phone(viewer))
        return
    await _welcome(update, context, viewer, person, text)


def _notices(services: Services) -> Notices:
    """Messages queued outside the chat: in each recipient's language, else the default."""
    return Notices(services.catalogue, services.settings.language)


async def _welcome(
    update: Update, context: ParkContext, viewer: Viewer, person: Person, text: str
) -> None:
    # Liaisons get a one-tap way into the report form; others just lose the contact keyboard.
    markup: InlineKeyboardMarkup | ReplyKeyboardRemove = ReplyKeyboardRemove()
    if person.is_liaison:
        button = InlineKeyboardButton(viewer.t("button-report"), callback_data=start_button())
        markup = InlineKeyboardMarkup([[button]])
    await update.effective_message.reply_text(text, reply_markup=markup)
    await publish_member_menu(
        context.bot,
        context.services.catalogue,
        chat_id=update.effective_chat.id,
        person=person,
        language=viewer.language,
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
