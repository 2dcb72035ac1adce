"""/broadcast (admins): audience -> text -> preview with the count -> confirm; progress is
shown by editing one status message, and the final report names the unreachable."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.broadcasts import service as broadcasts
from bot.broadcasts.service import BroadcastRefused
from bot.people import queries as people_queries
from bot.status.lights import LightPolicy
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.request import request
from handlers.viewer import Viewer
from handlers.wizard import wizard

log = logging.getLogger(__name__)
AUDIENCE, PARK, TEXT, CONFIRM = range(4)
PREFIX = "bc:"
AUDIENCES = ("everyone", "role:liaison", "role:leader", "role:admin", "park", "red-leaders")


def _keyboard(viewer: Viewer, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=PREFIX + data) for label, data in row]
            for row in rows
        ]
    )


async def start(update: Update, context: ParkContext) -> int:
    """Offers the audiences (admins only)."""
    with request(update, context) as req:
        viewer = req.viewer
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
    audience = query.data.removeprefix(PREFIX + "to:")
    kind, _, argument = audience.partition(":")
    with request(update, context) as req:
        viewer = req.viewer
        if audience == "park":
            parks = [
                (p.name, f"to:park:{p.id}") for p in people_queries.all_parks(session=req.session)
            ]
    if audience not in AUDIENCES and not (kind == "park" and callback_id(argument) > 0):
        await query.answer(viewer.t("callback-closed"))  # a forged button
        return AUDIENCE
    await query.answer()
    if audience == "park":
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
    draft = context.user_data.get("broadcast", {})
    draft["text"] = update.effective_message.text
    with request(update, context) as req:
        viewer, session = req.viewer, req.session
        policy = LightPolicy.from_settings(req.services.settings)
        people = broadcasts.recipients(session, draft["audience"], req.now, policy)
        label = audience_label(viewer, session, draft["audience"])
    if not broadcasts.text_fits(draft["text"]):
        too_long = BroadcastRefused("text-length", limit=broadcasts.MAX_TEXT)
        await update.effective_message.reply_text(req.refusal(too_long))
        return TEXT
    preview = viewer.t("broadcast-preview", audience=label, count=len(people), text=draft["text"])
    rows = [[(viewer.t("button-send"), "send"), (viewer.t("button-cancel"), "cancel")]]
    await update.effective_message.reply_text(preview, reply_markup=_keyboard(viewer, rows))
    return CONFIRM


def audience_label(viewer: Viewer, session: object, audience: str) -> str:
    """An audience in words."""
    kind, _, argument = audience.partition(":")
    if kind == "park":
        park = people_queries.park(session=session, park_id=int(argument))
        return viewer.t("broadcast-audience-park-named", park=park.name if park else "")
    return viewer.t(f"broadcast-audience-{audience.replace(':', '-')}")


async def confirm(update: Update, context: ParkContext) -> int:
    """Queues the messages and turns the preview into the status message."""
    query = update.callback_query
    await query.answer()
    draft = context.user_data.pop("broadcast", {})
    if "audience" not in draft:
        # Pressed again after the first press lost its answer: that press took the draft
        # (and queued the broadcast, whose status message shows its progress).
        return ConversationHandler.END
    # A refusal leaves the scope, which rolls back everything the attempt wrote.
    try:
        with request(update, context) as req:
            viewer = req.viewer
            broadcast = broadcasts.start_broadcast(
                req.session,
                audience=draft["audience"],
                text=draft["text"],
                actor=viewer.person,
                now=req.now,
                status_chat_id=query.message.chat_id,
                policy=LightPolicy.from_settings(req.services.settings),
            )
            broadcast.status_message_id = query.message.message_id
            total, refused = broadcast.recipients, None
    except BroadcastRefused as refusal:
        total, refused = 0, refusal
    if refused is not None:
        await query.edit_message_text(req.refusal(refused))
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
    with request(update, context) as req:
        viewer = req.viewer
    if update.callback_query is not None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(viewer.t("broadcast-cancelled"))
    else:
        await update.effective_message.reply_text(viewer.t("broadcast-cancelled"))
    return ConversationHandler.END


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
