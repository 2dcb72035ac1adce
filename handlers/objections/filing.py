"""/objection: publication -> indicator -> reason -> attachment (or skip) -> confirm under the
filer's real name. Admins get the pending list with answer buttons instead."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.assessment import objection_notices as notices_of
from bot.assessment import objections
from bot.assessment.notices import Texts
from bot.assessment.objections import ObjectionRefused
from bot.pairing import publication as pairing_pub
from bot.people.accounts import Notices
from bot.reporting.media import MEGABYTE
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.objections.attachments import file_of, shown
from handlers.onboarding import explain_access
from handlers.report.photos import TooLarge, download
from handlers.request import request
from handlers.viewer import Viewer
from handlers.wizard import wizard
from models import ObjectionStatus

log = logging.getLogger(__name__)
PICK, ITEM, REASON, ATTACH, CONFIRM = range(5)
PREFIX = "obf:"
KEY = "objection"
SHOWN = 10  # the newest objections listed


def _keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=PREFIX + d) for label, d in row]
            for row in rows
        ]
    )


def _cancel_row(viewer: Viewer) -> list[tuple[str, str]]:
    return [(viewer.t("button-cancel"), "cancel")]


async def start(update: Update, context: ParkContext) -> int:
    """Lists the person's visible objections; offers the open publications to object to."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        viewer, person, tz = req.viewer, req.person, req.services.settings.tz
        if person is None:
            listed, targets = "", []
        else:
            seen = objections.visible(req.session, person)
            if person.is_admin:
                seen = [o for o in seen if o.status == ObjectionStatus.PENDING.value]
            listed = "\n\n".join(
                notices_of.summary(req.session, o, viewer.t, tz) for o in seen[-SHOWN:]
            )
            pending = [o.id for o in seen if o.status == ObjectionStatus.PENDING.value]
            targets = [] if person.is_admin else objections.targets(req.session, person, req.now)
            options = [
                (f"{t.publication.period} · {t.park.name}", f"t:{t.publication.id}:{t.park.id}")
                for t in targets
            ]
            rows = [] if person.is_admin else pairing_pub.own_rows(req.session, person, req.now)
            options += [
                (
                    viewer.t("pairing-objection-target", quarter=p.period, leader=r["leader"]),
                    f"p:{p.id}:{r['pairing_id']}",
                )
                for p, r in rows
            ]
    message = update.effective_message
    if person is None:
        await explain_access(update, viewer)
        return ConversationHandler.END
    if person.is_admin:
        await _admin_list(message, viewer, listed, pending[-SHOWN:])
        return ConversationHandler.END
    if listed:
        await message.reply_text(viewer.t("objection-yours") + "\n\n" + listed)
    if not options:
        await message.reply_text(viewer.t("objection-none-open"))
        return ConversationHandler.END
    if len(options) == 1:
        kind, publication, target = options[0][1].split(":")
        ask = _ask_item if kind == "t" else _ask_row_reason
        return await ask(update, context, int(publication), int(target))
    rows = [[option] for option in options] + [_cancel_row(viewer)]
    await message.reply_text(viewer.t("objection-ask-publication"), reply_markup=_keyboard(rows))
    return PICK


async def _admin_list(message: Message, viewer: Viewer, listed: str, pending: list[int]) -> None:
    """The pending objections, each with its 采纳 / 驳回 buttons."""
    if not pending:
        await message.reply_text(viewer.t("objection-admin-none"))
        return
    rows = [
        [
            InlineKeyboardButton(
                viewer.t("objection-button-accept") + f" #{i}", callback_data=f"ob:accept:{i}"
            ),
            InlineKeyboardButton(
                viewer.t("objection-button-reject") + f" #{i}", callback_data=f"ob:reject:{i}"
            ),
        ]
        for i in pending
    ]
    await message.reply_text(
        viewer.t("objection-admin-pending") + "\n\n" + listed,
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def picked(update: Update, context: ParkContext) -> int:
    """Stores the chosen publication and park; asks for the indicator."""
    query = update.callback_query
    _, publication, park = ([*query.data.removeprefix(PREFIX).split(":"), "", ""])[:3]
    await query.answer()
    return await _ask_item(update, context, callback_id(publication), callback_id(park))


async def picked_row(update: Update, context: ParkContext) -> int:
    """Stores the chosen pairing table row; asks for the reason."""
    query = update.callback_query
    _, publication, pairing = ([*query.data.removeprefix(PREFIX).split(":"), "", ""])[:3]
    await query.answer()
    return await _ask_row_reason(update, context, callback_id(publication), callback_id(pairing))


async def _ask_row_reason(
    update: Update, context: ParkContext, publication_id: int, pairing_id: int
) -> int:
    """Shows the person's own published pairing row; the reason is asked next."""
    with request(update, context) as req:
        viewer, tz = req.viewer, req.services.settings.tz
        found = next(
            (
                (p, r)
                for p, r in pairing_pub.own_rows(req.session, req.person, req.now)
                if p.id == publication_id and r["pairing_id"] == pairing_id
            ),
            None,
        )
        if found is not None:
            publication, row = found
            texts = Texts(req.services.catalogue, viewer.language, tz)
            head = viewer.t(
                "pairing-objection-ask-reason",
                quarter=publication.period,
                row=pairing_pub.row_text(texts, viewer.language, row),
                closes=objections.local_time(publication.closes_at, tz),
                limit=objections.MAX_REASON,
            )
    if found is None:
        await _say(update, viewer.t("objection-none-open"))
        return ConversationHandler.END
    item = pairing_pub.item_of(row)
    label = viewer.t("pairing-objection-target", quarter=publication.period, leader=row["leader"])
    context.user_data[KEY] = {
        "publication": publication_id, "park": None, "item": item, "names": {item: label},
    }  # fmt: skip
    await _say(update, head)
    return REASON


async def _ask_item(update: Update, context: ParkContext, publication_id: int, park_id: int) -> int:
    """Shows the park's indicators with value and points, one button each."""
    with request(update, context) as req:
        viewer = req.viewer
        target = next(
            (
                t
                for t in objections.targets(req.session, req.person, req.now)
                if t.publication.id == publication_id and t.park.id == park_id
            ),
            None,
        )
        items = (
            []
            if target is None
            else objections.indicators_of(req.session, target.publication, target.park.name)
        )
        head = (
            ""
            if target is None
            else viewer.t(
                "objection-ask-item",
                period=target.publication.period,
                park=target.park.name,
                closes=objections.local_time(
                    target.publication.closes_at, req.services.settings.tz
                ),
            )
        )
    if target is None:
        await _say(update, viewer.t("objection-none-open"))
        return ConversationHandler.END
    names = {i.key: i.name for i in items}
    context.user_data[KEY] = {"publication": publication_id, "park": park_id, "names": names}
    rows = [
        [
            (
                viewer.t(
                    "objection-item-button",
                    name=i.name,
                    value=shown(i.value),
                    points=shown(i.points),
                ),
                f"i:{i.key}",
            )
        ]
        for i in items
    ]
    await _say(update, head, _keyboard([*rows, _cancel_row(viewer)]))
    return ITEM


async def got_item(update: Update, context: ParkContext) -> int:
    """Stores the indicator; asks for the reason."""
    query = update.callback_query
    draft = context.user_data.get(KEY)
    with request(update, context) as req:
        viewer = req.viewer
    if draft is None:
        await query.answer(viewer.t("callback-closed"))
        return ConversationHandler.END
    await query.answer()
    draft["item"] = query.data.removeprefix(PREFIX + "i:")[:100]
    await query.edit_message_text(viewer.t("objection-ask-reason", limit=objections.MAX_REASON))
    return REASON


async def got_reason(update: Update, context: ParkContext) -> int:
    """Stores the reason (bounded); asks for an attachment or a skip."""
    text = (update.effective_message.text or "").strip()
    with request(update, context) as req:
        viewer = req.viewer
    if not text or len(text) > objections.MAX_REASON:
        await update.effective_message.reply_text(
            viewer.t("objection-refused-reason-length", limit=objections.MAX_REASON)
        )
        return REASON
    context.user_data[KEY]["reason"] = text
    await _ask_attachment(update, viewer)
    return ATTACH


async def _ask_attachment(update: Update, viewer: Viewer) -> None:
    rows = [[(viewer.t("objection-button-skip"), "skip")], _cancel_row(viewer)]
    await update.effective_message.reply_text(
        viewer.t("objection-ask-attachment"), reply_markup=_keyboard(rows)
    )


async def got_attachment(update: Update, context: ParkContext) -> int:
    """Downloads a photo or a PDF (size and type checked); shows the confirmation."""
    message = update.effective_message
    file = file_of(message)
    with request(update, context) as req:
        viewer, settings = req.viewer, req.services.settings
    limit = int(settings.photo_max_mb * MEGABYTE)
    if file is None:
        await message.reply_text(viewer.t("objection-attachment-type"))
        return ATTACH
    if file.get("size") and file["size"] > limit:
        await message.reply_text(viewer.t("objection-attachment-large", mb=settings.photo_max_mb))
        return ATTACH
    try:
        path = await download(message, file, settings.media_dir / "objections", limit)
    except TooLarge:
        await message.reply_text(viewer.t("objection-attachment-large", mb=settings.photo_max_mb))
        return ATTACH
    if path is None:
        await message.reply_text(viewer.t("objection-attachment-failed"))
        return ATTACH
    context.user_data[KEY]["attachment"] = path
    return await _confirm(update, context)


async def skipped(update: Update, context: ParkContext) -> int:
    """No attachment: shows the confirmation."""
    await update.callback_query.answer()
    context.user_data[KEY]["attachment"] = None
    return await _confirm(update, context)


async def _confirm(update: Update, context: ParkContext) -> int:
    """The objection as it will be filed, under the roster's real name."""
    draft = context.user_data[KEY]
    with request(update, context) as req:
        viewer, name = req.viewer, req.person.name
    text = viewer.t(
        "objection-confirm",
        item=draft.get("names", {}).get(draft["item"], draft["item"]),
        reason=draft["reason"],
        attachment=viewer.t("objection-yes" if draft.get("attachment") else "objection-no"),
        name=name,
    )
    rows = [[(viewer.t("objection-button-file"), "send")], _cancel_row(viewer)]
    await update.effective_message.reply_text(text, reply_markup=_keyboard(rows))
    return CONFIRM


async def confirm(update: Update, context: ParkContext) -> int:
    """Files the objection (window checked again) and tells the admins."""
    query = update.callback_query
    draft = context.user_data.pop(KEY, None)
    await query.answer()
    if draft is None or "reason" not in draft:
        return ConversationHandler.END  # a second press: the first one filed it
    refused = None
    try:
        with request(update, context) as req:
            viewer, tz = req.viewer, req.services.settings.tz
            objection = objections.file(
                req.session,
                publication_id=draft["publication"],
                park_id=draft["park"],
                item=draft["item"],
                reason=draft["reason"],
                attachment=draft.get("attachment"),
                person=req.person,
                now=req.now,
                tz=tz,
            )
            notice = Notices(req.services.catalogue, req.services.settings.language)
            notices_of.notify_filed(req.session, objection, notices=notice, now=req.now, tz=tz)
            filed = objection.id
    except ObjectionRefused as refusal:
        refused = refusal
    if refused is not None:
        await query.edit_message_text(req.refusal(refused))
        return ConversationHandler.END
    log.info("objection %s filed", filed)
    await query.edit_message_text(viewer.t("objection-filed", id=filed))
    wake_sender(context.application)
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves without filing anything."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        viewer = req.viewer
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _say(update, viewer.t("objection-cancelled"))
    return ConversationHandler.END


async def _say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.callback_query is not None:
        await update.callback_query.edit_message_text(text, reply_markup=markup)
    else:
        await update.effective_message.reply_text(text, reply_markup=markup)


def handlers() -> list:
    """The filing wizard (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        wizard(
            entry_points=[CommandHandler("objection", start, filters=private)],
            states={
                PICK: [
                    CallbackQueryHandler(picked, pattern=f"^{PREFIX}t:"),
                    CallbackQueryHandler(picked_row, pattern=f"^{PREFIX}p:"),
                ],
                ITEM: [CallbackQueryHandler(got_item, pattern=f"^{PREFIX}i:")],
                REASON: [MessageHandler(private & filters.TEXT & ~filters.COMMAND, got_reason)],
                ATTACH: [
                    CallbackQueryHandler(skipped, pattern=f"^{PREFIX}skip$"),
                    MessageHandler(
                        private & (filters.PHOTO | filters.Document.ALL), got_attachment
                    ),
                    MessageHandler(private & filters.TEXT & ~filters.COMMAND, got_attachment),
                ],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}send$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="objection-wizard",
            data_keys=(KEY,),
        )
    ]
