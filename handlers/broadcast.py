"""/broadcast (admins): audience -> text -> preview with the count -> confirm; progress is
shown by editing one status message, and the final report names the unreachable."""

import logging
import time

from sqlmodel import Session, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import broadcasts
from bot.broadcasts import BroadcastRefused
from bot.lights import LightPolicy
from bot.services import Services
from handlers.context import SERVICES_KEY, ParkContext, callback_id
from handlers.viewer import Viewer, identify
from handlers.wizard import wizard
from models import Broadcast, Park, Person
from schedules.jobs import wake_sender

log = logging.getLogger(__name__)
AUDIENCE, PARK, TEXT, CONFIRM = range(4)
PREFIX = "bc:"
EDIT_EVERY = 2.0  # seconds between progress edits of one status message
AUDIENCES = ("everyone", "role:liaison", "role:leader", "role:admin", "park", "red-leaders")
_last_edit: dict[int, float] = {}


def _viewer(update: Update, context: ParkContext) -> Viewer:
    with context.services.db.scope() as session:
        return identify(session, context.services, update.effective_user)


def _keyboard(viewer: Viewer, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=PREFIX + data) for label, data in row]
            for row in rows
        ]
    )


async def start(update: Update, context: ParkContext) -> int:
    """Offers the audiences (admins only)."""
    viewer = _viewer(update, context)
    if viewer.person is None or not viewer.person.is_admin:
        await update.effective_message.reply_text(viewer.t("admin-only"))
        return ConversationHandler.END
    rows = [[(viewer.t(f"broadcast-audience-{a.replace(':', '-')}"), f"to:{a}")] for a in AUDIENCES]
    rows.append([(viewer.t("button-cancel"), "cancel")])
    await update.effective_message.reply_text(
        viewer.t("broadcast-ask-audience"), reply_markup=_keyboard(viewer, rows)
    )
    return AUDIENCE


async def got_audience(update: Update, context: ParkContext) -> int:
    """Stores the audience; a park audience asks which park."""
    query = update.callback_query
    viewer = _viewer(update, context)
    audience = query.data.removeprefix(PREFIX + "to:")
    kind, _, argument = audience.partition(":")
    if audience not in AUDIENCES and not (kind == "park" and callback_id(argument) > 0):
        await query.answer(viewer.t("callback-closed"))  # a forged button
        return AUDIENCE
    await query.answer()
    if audience == "park":
        with context.services.db.scope() as session:
            parks = [
                (p.name, f"to:park:{p.id}") for p in session.exec(select(Park).order_by(Park.name))
            ]
        rows = [[park] for park in parks] + [[(viewer.t("button-cancel"), "cancel")]]
        await query.edit_message_text(
            viewer.t("broadcast-ask-park"), reply_markup=_keyboard(viewer, rows)
        )
        return AUDIENCE
    context.user_data["broadcast"] = {"audience": audience}
    await query.edit_message_text(viewer.t("broadcast-ask-text"))
    return TEXT


async def got_text(update: Update, context: ParkContext) -> int:
    """Shows the preview with the number of recipients."""
    services = context.services
    draft = context.user_data.get("broadcast", {})
    draft["text"] = update.effective_message.text
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        people = broadcasts.recipients(
            session, draft["audience"], services.now(), LightPolicy.from_settings(services.settings)
        )
        label = audience_label(viewer, session, draft["audience"])
    if not broadcasts.text_fits(draft["text"]):
        await update.effective_message.reply_text(
            viewer.t("broadcast-refused-text-length", limit=broadcasts.MAX_TEXT)
        )
        return TEXT
    preview = viewer.t("broadcast-preview", audience=label, count=len(people), text=draft["text"])
    rows = [[(viewer.t("button-send"), "send"), (viewer.t("button-cancel"), "cancel")]]
    await update.effective_message.reply_text(preview, reply_markup=_keyboard(viewer, rows))
    return CONFIRM


def audience_label(viewer: Viewer, session: object, audience: str) -> str:
    """An audience in words."""
    kind, _, argument = audience.partition(":")
    if kind == "park":
        park = session.get(Park, int(argument))
        return viewer.t("broadcast-audience-park-named", park=park.name if park else "")
    return viewer.t(f"broadcast-audience-{audience.replace(':', '-')}")


async def confirm(update: Update, context: ParkContext) -> int:
    """Queues the messages and turns the preview into the status message."""
    query = update.callback_query
    await query.answer()
    services = context.services
    draft = context.user_data.pop("broadcast", {})
    if "audience" not in draft:
        # Pressed again after the first press lost its answer: that press took the draft
        # (and queued the broadcast, whose status message shows its progress).
        return ConversationHandler.END
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        try:
            broadcast = broadcasts.start_broadcast(
                session,
                audience=draft["audience"],
                text=draft["text"],
                actor=viewer.person,
                now=services.now(),
                status_chat_id=query.message.chat_id,
                policy=LightPolicy.from_settings(services.settings),
            )
            broadcast.status_message_id = query.message.message_id
            total, refused = broadcast.recipients, None
        except BroadcastRefused as refusal:
            session.rollback()
            total, refused = 0, refusal
    if refused is not None:
        await query.edit_message_text(
            viewer.t(f"broadcast-refused-{refused.code}", **refused.params)
        )
        return ConversationHandler.END
    log.info("broadcast %s queued by %s: %s recipients", broadcast.id, viewer.person.name, total)
    await query.edit_message_text(
        viewer.t("broadcast-progress", sent=0, failed=0, unreachable=0, total=total)
    )
    wake_sender(context.application)
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves without sending anything."""
    context.user_data.pop("broadcast", None)
    viewer = _viewer(update, context)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(viewer.t("broadcast-cancelled"))
    else:
        await update.effective_message.reply_text(viewer.t("broadcast-cancelled"))
    return ConversationHandler.END


async def report_progress(application: Application, broadcast_ids: set[int]) -> None:
    """Edits each broadcast's status message; the last edit names the unreachable.

    A broadcast counts as finished (finished_at) only once its final edit went through, so a
    lost edit is tried again by schedules.broadcast_status.
    """
    services = application.bot_data[SERVICES_KEY]
    for broadcast_id in broadcast_ids:
        with services.db.scope() as session:
            update = _status_update(session, services, broadcast_id)
        if update is None:
            continue
        chat_id, message_id, text, finished = update
        _last_edit[broadcast_id] = time.monotonic()
        try:
            await application.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except BadRequest:
            pass  # an unchanged text or a deleted status message: nothing more to show
        except TelegramError as error:
            log.warning("broadcast %s: status edit failed, retried later: %s", broadcast_id, error)
            continue
        if finished:
            with services.db.scope() as session:
                broadcasts.mark_finished(session, broadcast_id, now=services.now())
            log.info("broadcast %s finished", broadcast_id)
            _last_edit.pop(broadcast_id, None)


def _status_update(
    session: Session, services: Services, broadcast_id: int
) -> tuple[int, int, str, bool] | None:
    """(chat, message, text, finished) of the status edit due now, if one is."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None or broadcast.status_message_id is None or broadcast.finished_at:
        return None
    counts = broadcasts.progress(session, broadcast_id)
    finished = counts.get("queued", 0) == 0
    if not finished and time.monotonic() - _last_edit.get(broadcast_id, 0) < EDIT_EVERY:
        return None
    person = session.get(Person, broadcast.created_by_id) if broadcast.created_by_id else None
    viewer = Viewer(
        person,
        (person.language if person else None) or services.settings.language,
        services.catalogue,
    )
    lines = [
        viewer.t(
            "broadcast-progress",
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
            unreachable=counts.get("unreachable", 0),
            total=broadcast.recipients,
        )
    ]
    if finished:
        lines.insert(0, viewer.t("broadcast-done"))
        names = broadcasts.unreachable_names(session, broadcast_id)
        if names:
            separator = viewer.t("list-separator")
            lines.append(viewer.t("broadcast-unreachable", people=separator.join(names)))
    return broadcast.status_chat_id, broadcast.status_message_id, "\n".join(lines), finished


def handlers() -> list:
    """The broadcast wizard (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        wizard(
            may_continue=lambda person: person.is_admin,
            entry_points=[CommandHandler("broadcast", start, filters=private)],
            states={
                AUDIENCE: [CallbackQueryHandler(got_audience, pattern=f"^{PREFIX}to:")],
                TEXT: [MessageHandler(private & filters.TEXT & ~filters.COMMAND, got_text)],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}send$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="broadcast-wizard",
            data_keys=("broadcast",),
        )
    ]
