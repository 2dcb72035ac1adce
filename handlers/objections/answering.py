"""The command centre answers an objection in chat: 采纳 asks the corrected value (and the base
of a growth indicator), re-scores and shows the difference; 驳回 asks the reason."""

from decimal import Decimal

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.assessment import objection_notices as notices_of
from bot.assessment import objections
from bot.assessment.objections import ObjectionRefused
from bot.assessment.scheme import Method
from bot.assessment.value_input import Kind, ValueRefused, kind_of, parse_value
from bot.people.accounts import Notices
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.request import Request, request
from handlers.wizard import wizard
from models import Objection, ObjectionStatus

VALUE, BASE, REASON = range(3)
PREFIX = notices_of.BUTTON_PREFIX
KEY = "objection-answer"


async def start(update: Update, context: ParkContext) -> int:
    """Admins only: checks the objection is pending; asks the value or the reason."""
    query = update.callback_query
    action, _, number = query.data.removeprefix(PREFIX).partition(":")
    with request(update, context) as req:
        viewer, person = req.viewer, req.person
        objection = req.session.get(Objection, callback_id(number))
        item = objections.indicator(req.session, objection) if objection else None
        growth = item is not None and item.method is Method.GROWTH
        unit = item.unit if item else ""
        kind = kind_of(unit, item.method.value) if item else Kind.NUMBER
        asks_value = objections.needs_value(item)
        status = objection.status if objection else None
        name = notices_of.item_name(req.session, objection) if objection else ""
    if person is None or not person.is_admin:
        await query.answer(viewer.t("admin-only"), show_alert=True)
        return ConversationHandler.END
    if status != ObjectionStatus.PENDING.value:
        key = "objection-refused-unknown" if status is None else "objection-refused-answered"
        await query.answer(viewer.t(key, id=number), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    context.user_data[KEY] = {
        "id": objection.id,
        "action": action,
        "growth": growth,
        "kind": kind.value,
        "asks_value": asks_value,
    }
    if action == "reject":
        text = viewer.t("objection-ask-reject-reason", id=objection.id)
        state = REASON
    elif asks_value:
        text = viewer.t("objection-ask-value", id=objection.id, item=name, unit=unit or "-")
        state = VALUE
    else:
        text = viewer.t("objection-ask-note", id=objection.id, item=name)
        state = REASON
    await query.message.reply_text(text)
    return state


async def got_value(update: Update, context: ParkContext) -> int:
    """Reads the corrected value (万/亿 for 万元); a growth indicator asks the base too."""
    step = context.user_data[KEY]
    with request(update, context) as req:
        viewer = req.viewer
    try:
        value = parse_value(update.effective_message.text or "", Kind(step["kind"]))
    except ValueRefused as refusal:
        why = viewer.t(refusal.key, **refusal.params)
        await update.effective_message.reply_text(f"{viewer.t('objection-value-invalid')}\n{why}")
        return BASE if "value" in step else VALUE
    if "value" not in step:
        step["value"] = str(value)
        if step["growth"]:
            await update.effective_message.reply_text(viewer.t("objection-ask-base"))
            return BASE
    else:
        step["base"] = str(value)
    return await _answer(update, context, note="")


async def got_reason(update: Update, context: ParkContext) -> int:
    """The reason of a rejection, or the note of an accepted computed indicator."""
    text = (update.effective_message.text or "").strip()
    return await _answer(update, context, note=text)


async def _answer(update: Update, context: ParkContext, *, note: str) -> int:
    """Answers in one transaction; shows the answer (and difference) and tells the others."""
    step = context.user_data.pop(KEY, {})
    if "id" not in step:
        return ConversationHandler.END
    refused = None
    try:
        with request(update, context) as req:
            answered = _apply(req, step, note)
            tz = req.services.settings.tz
            notice = Notices(req.services.catalogue, req.services.settings.language)
            notices_of.notify_answered(
                req.session, answered, notices=notice, now=req.now, tz=tz,
                skip_person_id=req.person.id,
            )  # fmt: skip
            shown = notices_of.answer_text(req.session, answered, req.viewer.t, tz)
    except ObjectionRefused as refusal:
        refused = refusal
    if refused is not None:
        await update.effective_message.reply_text(req.refusal(refused))
        return ConversationHandler.END
    await update.effective_message.reply_text(shown)
    wake_sender(context.application)
    return ConversationHandler.END


def _apply(req: Request, step: dict, note: str) -> objections.Answered:
    actor = f"person:{req.person.id}"
    if step["action"] == "reject":
        return objections.reject(
            req.session, step["id"], reason=note, actor=actor, now=req.now,
            actor_person_id=req.person.id,
        )  # fmt: skip
    return objections.accept(
        req.session,
        step["id"],
        value=Decimal(step["value"]) if "value" in step else None,
        base=Decimal(step["base"]) if "base" in step else None,
        note=note,
        actor=actor,
        now=req.now,
        tz=req.services.settings.tz,
        actor_person_id=req.person.id,
    )


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves the objection unanswered."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        viewer = req.viewer
    await update.effective_message.reply_text(viewer.t("objection-answer-cancelled"))
    return ConversationHandler.END


def handlers() -> list:
    """The answer wizard, entered by the 采纳 / 驳回 buttons (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    return [
        wizard(
            may_continue=lambda person: person.is_admin,
            entry_points=[CallbackQueryHandler(start, pattern=f"^{PREFIX}(accept|reject):")],
            states={
                VALUE: [MessageHandler(text, got_value)],
                BASE: [MessageHandler(text, got_value)],
                REASON: [MessageHandler(text, got_reason)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="objection-answer-wizard",
            data_keys=(KEY,),
        )
    ]
