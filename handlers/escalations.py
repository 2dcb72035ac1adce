"""The leader's one-tap instructions (批示) on an escalation: 已阅 at once; 请协调, 督办 and
回复 ask for a unit, a due date or a text first. Only that leader may press; a decided
escalation answers "已处理" and changes nothing. The leader's message is then edited to show
the decision, without its buttons."""

import logging
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.escalations import service as escalations
from bot.escalations.service import MAX_NOTE, Decided, EscalationRefused
from bot.parsing import ParseError, parse_date
from bot.people.accounts import Notices
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.request import Request, request
from handlers.wizard import wizard
from models import Decision

log = logging.getLogger(__name__)
PREFIX = escalations.PREFIX
ACK_PATTERN = rf"^{PREFIX}[^:]*:ack$"
ASK_PATTERN = rf"^{PREFIX}[^:]*:(coord|urge|reply)$"
UNIT_PREFIX = "esu:"
TEXT = 0
END = -1
RETRY = ("unit-invalid", "note-invalid", "due-past")


def _pressed(data: str) -> tuple[int, str]:
    """The escalation id and the choice in the button's data."""
    head, _, choice = data.removeprefix(PREFIX).rpartition(":")
    return callback_id(head), choice


def _notices(req: Request) -> Notices:
    return Notices(req.services.catalogue, req.services.settings.language)


async def ack(update: Update, context: ParkContext) -> None:
    """已阅: records it at once and edits the leader's message."""
    query = update.callback_query
    escalation_id, _ = _pressed(query.data)
    decided = None
    try:
        with request(update, context) as req:
            decided = escalations.decide(
                req.session,
                escalation_id=escalation_id,
                leader=req.person,
                choice=Decision.ACK.value,
                notices=_notices(req),
                now=req.now,
            )
            answer = req.t("escalation-saved")
    except EscalationRefused as refusal:
        answer = req.refusal(refusal)
    await query.answer(answer, show_alert=decided is None)
    if decided is not None:
        await _show_decision(context, decided)


async def begin(update: Update, context: ParkContext) -> int:
    """请协调 / 督办 / 回复: checks the press, asks for the unit, the due date or the text."""
    query = update.callback_query
    escalation_id, choice = _pressed(query.data)
    units: list[str] = []
    with request(update, context) as req:
        try:
            escalation = escalations.check(
                req.session, escalation_id=escalation_id, person=req.person
            )
            refusal = None
            if choice == Decision.COORDINATE.value:
                units = escalations.unit_choices(req.session, escalation)
        except EscalationRefused as refused:
            refusal = req.refusal(refused)
        # The example is two weeks ahead: a fixed date would one day be refused as past.
        example = (req.now.date() + timedelta(days=14)).isoformat()
        prompt = req.t(f"escalation-ask-{choice}", example=example, limit=MAX_NOTE)
    if refusal is not None:
        await query.answer(refusal, show_alert=True)
        return END
    await query.answer()
    context.user_data["escalation"] = {"id": escalation_id, "choice": choice, "units": units}
    await update.effective_message.reply_text(prompt, reply_markup=_unit_buttons(units))
    return TEXT


def _unit_buttons(units: list[str]) -> InlineKeyboardMarkup | None:
    """请协调: the units to pick from, two a row (the data is the index: names are long)."""
    if not units:
        return None
    buttons = [
        InlineKeyboardButton(unit, callback_data=f"{UNIT_PREFIX}{n}")
        for n, unit in enumerate(units)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def picked_unit(update: Update, context: ParkContext) -> int:
    """A unit picked for 请协调: applied as if typed."""
    query = update.callback_query
    step = context.user_data.get("escalation") or {}
    units = step.get("units") or []
    index = callback_id(query.data.removeprefix(UNIT_PREFIX))
    if step.get("choice") != Decision.COORDINATE.value or not 0 <= index < len(units):
        with request(update, context) as req:
            closed = req.t("callback-closed")
        await query.answer(closed)
        return TEXT
    await query.answer()
    return await _apply(update, context, units[index])


async def got_text(update: Update, context: ParkContext) -> int:
    """Applies the choice with the typed unit, date or text; a bad answer is asked again."""
    return await _apply(update, context, update.effective_message.text or "")


async def _apply(update: Update, context: ParkContext, text: str) -> int:
    """Decides with the unit, date or text given; the reply goes where the person acted."""
    step = context.user_data.get("escalation") or {}
    decided = None
    try:
        with request(update, context) as req:
            args: dict[str, object] = {}
            if step.get("choice") == Decision.COORDINATE.value:
                args["unit"] = text
            elif step.get("choice") == Decision.URGE.value:
                args["due"] = parse_date(text, today=req.now.date())
            else:
                args["note"] = text
            decided = escalations.decide(
                req.session,
                escalation_id=int(step.get("id", -1)),
                leader=req.person,
                choice=str(step.get("choice", "")),
                notices=_notices(req),
                now=req.now,
                **args,  # type: ignore[arg-type]
            )
            reply, state = req.t("escalation-saved"), END
    except ParseError as error:
        reply, state = req.t(error.message_key, **error.params), TEXT
    except EscalationRefused as refusal:
        reply = req.refusal(refusal)
        state = TEXT if refusal.code in RETRY else END
    if state == END:
        context.user_data.pop("escalation", None)
    await update.effective_message.reply_text(reply)
    if decided is not None:
        await _show_decision(context, decided)
    return state


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves without an instruction."""
    context.user_data.pop("escalation", None)
    with request(update, context) as req:
        text = req.t("escalation-cancelled")
    await update.effective_message.reply_text(text)
    return END


async def _show_decision(context: ParkContext, decided: Decided) -> None:
    """Wakes the sender for the instructions and edits the leader's message (buttons gone)."""
    if decided.told:
        wake_sender(context.application)
    if decided.chat_id is None or decided.message_id is None:
        return  # the escalation's message has not gone out (yet): nothing to edit
    try:
        await context.bot.edit_message_text(
            decided.edited_text, chat_id=decided.chat_id, message_id=decided.message_id
        )
    except TelegramError as error:
        # The decision is saved; a message too old or deleted only keeps its buttons.
        log.warning("escalation %s: message not edited: %s", decided.escalation.id, error)


def handlers() -> list:
    """The escalation buttons and the short step that asks for a unit, a date or a text."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    return [
        CallbackQueryHandler(ack, pattern=ACK_PATTERN),
        wizard(
            entry_points=[CallbackQueryHandler(begin, pattern=ASK_PATTERN)],
            states={
                TEXT: [
                    MessageHandler(text, got_text),
                    CallbackQueryHandler(picked_unit, pattern=rf"^{UNIT_PREFIX}"),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="escalation-steps",
            data_keys=("escalation",),
        ),
    ]
