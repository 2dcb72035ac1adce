"""/values (指标填报): a park's reporter files its assessment values, one indicator a step.

The state table below is the spec; the form itself is bot/assessment/values_form.py, kept in
the wizard's user_data (stored after every step, so a restart resumes at the same step).
"""

import functools
from collections.abc import Awaitable, Callable
from decimal import Decimal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.assessment import values_form as form
from bot.assessment.filing import FilingRefused, offered_months
from bot.assessment.value_input import ValueRefused, is_money_unit
from bot.assessment.value_input import shown as shown_value
from bot.telegram.context import ParkContext, callback_id
from handlers.onboarding import explain_access
from handlers.request import request
from handlers.viewer import Viewer
from handlers.wizard import wizard

PARK, MONTH, VALUE, SUMMARY, EDIT = range(5)
PREFIX = "vf:"
KEY = "values"
Buttons = list[list[tuple[str, str]]]


def _markup(rows: Buttons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=PREFIX + data) for label, data in row]
            for row in rows
        ]
    )


def _cancel_row(viewer: Viewer) -> list[tuple[str, str]]:
    return [(viewer.t("button-cancel"), "cancel")]


async def _say(update: Update, text: str, rows: Buttons | None = None) -> None:
    """Answers a button press (if any) and sends the next screen as a new message."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    markup = _markup(rows) if rows else None
    await update.effective_message.reply_text(text, reply_markup=markup)


Step = Callable[[Update, ParkContext], Awaitable[int]]


def _needs_form(step: Step) -> Step:
    """A step of an open form: without one (nothing stored for it), says so and ends."""

    @functools.wraps(step)
    async def checked(update: Update, context: ParkContext) -> int:
        if isinstance(context.user_data.get(KEY), dict):
            return await step(update, context)
        with request(update, context) as req:
            text = req.t("values-form-closed")
        await _say(update, text)
        return ConversationHandler.END

    return checked


async def start(update: Update, context: ParkContext) -> int:
    """Opens the form: refuses non-reporters; asks the park (skipped when there is one)."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        viewer, months = req.viewer, offered_months(req.now)
        if viewer.person is None:
            state, parks = None, []
        else:
            try:
                state, parks = form.start(req.session, viewer.person)
            except FilingRefused as refusal:
                state, parks, text = None, [], req.refusal(refusal)
    if viewer.person is None:
        await explain_access(update, viewer)
        return ConversationHandler.END
    if state is None:
        await update.effective_message.reply_text(text)
        return ConversationHandler.END
    context.user_data[KEY] = state
    if "park_id" in state:
        return await _ask_month(update, viewer, state, months)
    rows = [[(park.name, f"park:{park.id}")] for park in parks] + [_cancel_row(viewer)]
    await _say(update, viewer.t("values-ask-park"), rows)
    return PARK


@_needs_form
async def got_park(update: Update, context: ParkContext) -> int:
    """Stores the park, asks the month."""
    state = context.user_data[KEY]
    park_id = callback_id(update.callback_query.data.removeprefix(PREFIX + "park:"))
    with request(update, context) as req:
        viewer, months = req.viewer, offered_months(req.now)
        try:
            form.choose_park(req.session, req.person, state, park_id)
            refused = None
        except FilingRefused as refusal:
            refused = req.refusal(refusal)
    if refused is not None:
        await update.callback_query.answer(refused, show_alert=True)
        return PARK
    return await _ask_month(update, viewer, state, months)


async def _ask_month(update: Update, viewer: Viewer, state: form.Form, months: list[str]) -> int:
    """The month question: the previous month first (the default), or a typed month."""
    rows: Buttons = [[(viewer.t("values-month-button", month=m), f"month:{m}") for m in months]]
    rows.append(_cancel_row(viewer))
    await _say(update, viewer.t("values-ask-month", park=state["park"]), rows)
    return MONTH


@_needs_form
async def got_month(update: Update, context: ParkContext) -> int:
    """Stores the month (a button or typed), loads the prefill, asks the first indicator."""
    state = context.user_data[KEY]
    query = update.callback_query
    text = query.data.removeprefix(PREFIX + "month:") if query else update.effective_message.text
    with request(update, context) as req:
        viewer = req.viewer
        try:
            form.choose_month(req.session, state, text, req.now)
            refused = None
        except FilingRefused as refusal:
            refused = req.refusal(refusal)
    if refused is not None:
        await _say(update, refused)
        return MONTH
    return await _ask(update, viewer, state)


async def _ask(update: Update, viewer: Viewer, state: form.Form) -> int:
    """The current indicator's question, or the summary once all are answered."""
    if form.done(state):
        return await _summary(update, viewer, state)
    asked = form.question(state)
    item = asked.item
    key = "values-ask-base" if asked.part == form.BASE else "values-ask"
    in_wan = asked.part == form.BASE and not is_money_unit(item.unit)
    unit = viewer.t("values-unit-wan") if in_wan else ""
    lines = [
        viewer.t(
            key,
            number=asked.number,
            total=asked.total,
            name=item.name,
            unit=item.unit or "-",
            amount_unit=unit,
        ),
        viewer.t(f"values-hint-{form.BASE if asked.part == form.BASE else item.kind}"),
    ]
    rows: Buttons = []
    if asked.prefill is not None:
        lines.append(viewer.t("values-prefill", value=shown_value_text(asked.prefill)))
        rows.append([(viewer.t("values-keep", value=shown_value_text(asked.prefill)), "keep")])
    rows.append([(viewer.t("values-skip"), "skip")])
    rows.append(_cancel_row(viewer))
    await _say(update, "\n".join(lines), rows)
    return VALUE


def shown_value_text(text: str) -> str:
    """A stored decimal string as the form shows it."""
    return shown_value(Decimal(text))


@_needs_form
async def got_value(update: Update, context: ParkContext) -> int:
    """Stores a typed value, 沿用 (keep) or 跳过 (skip); a refused value asks again."""
    state = context.user_data[KEY]
    query = update.callback_query
    with request(update, context) as req:
        viewer = req.viewer
    try:
        if query is None:
            form.answer(state, update.effective_message.text)
        elif query.data == PREFIX + "keep":
            form.keep(state)
        else:
            form.skip(state)
    except ValueRefused as refusal:
        await _say(update, viewer.t(refusal.key, **refusal.params))
        return VALUE
    return await _ask(update, viewer, state)


async def _summary(update: Update, viewer: Viewer, state: form.Form) -> int:
    """Every value (missing ones named) with submit / edit a field / cancel."""
    title = "values-summary-revision" if state.get("revising") else "values-summary"
    lines = [viewer.t(title, park=state["park"], month=state["month"])]
    for item, value, base in form.summary(state):
        if value is None:
            lines.append(viewer.t("values-summary-missing", name=item.name))
        elif base is not None:
            lines.append(
                viewer.t(
                    "values-summary-growth",
                    name=item.name,
                    value=shown_value_text(value),
                    base=shown_value_text(base),
                )
            )
        else:
            lines.append(
                viewer.t(
                    "values-summary-line",
                    name=item.name,
                    value=shown_value_text(value),
                    unit=item.unit,
                )
            )
    rows: Buttons = [
        [(viewer.t("button-submit"), "submit"), (viewer.t("values-edit"), "edit")],
        _cancel_row(viewer),
    ]
    await _say(update, "\n".join(lines), rows)
    return SUMMARY


@_needs_form
async def got_edit(update: Update, context: ParkContext) -> int:
    """Offers the indicators to change."""
    state = context.user_data[KEY]
    with request(update, context) as req:
        viewer = req.viewer
    rows: Buttons = [
        [(item.name, f"field:{index}")] for index, item in enumerate(form.items(state))
    ]
    rows.append(_cancel_row(viewer))
    await _say(update, viewer.t("values-ask-field"), rows)
    return EDIT


@_needs_form
async def got_field(update: Update, context: ParkContext) -> int:
    """Asks the chosen indicator again; the summary follows."""
    state = context.user_data[KEY]
    index = callback_id(update.callback_query.data.removeprefix(PREFIX + "field:"))
    with request(update, context) as req:
        viewer = req.viewer
    try:
        form.edit(state, index)
    except FilingRefused as refusal:
        await update.callback_query.answer(viewer.t(refusal.key), show_alert=True)
        return EDIT
    return await _ask(update, viewer, state)


@_needs_form
async def submit(update: Update, context: ParkContext) -> int:
    """Stores the filing (one transaction), then says how many values and which are missing."""
    state = context.user_data[KEY]
    missing = [item.name for item, value, _ in form.summary(state) if value is None]
    with request(update, context) as req:
        viewer = req.viewer
        try:
            count, refused, code = form.submit(req.session, req.person, state, req.now), None, ""
        except FilingRefused as refusal:
            count, refused, code = 0, req.refusal(refusal), refusal.code
    if refused is not None:
        await _say(update, refused)
        return SUMMARY if code == "nothing-given" else ConversationHandler.END
    context.user_data.pop(KEY, None)
    text = viewer.t("values-submitted", count=count, park=state["park"], month=state["month"])
    if missing:
        text += "\n" + viewer.t("values-submitted-missing", names="、".join(missing))
    await _say(update, text)
    return ConversationHandler.END


async def use_buttons(update: Update, context: ParkContext) -> int | None:
    """A typed message where the form waits for a button: says so, stays."""
    with request(update, context) as req:
        text = req.t("values-use-buttons")
    await update.effective_message.reply_text(text)
    return None


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves the form; nothing is stored."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        text = req.t("values-cancelled")
    await _say(update, text)
    return ConversationHandler.END


def handlers() -> list:
    """The /values form (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    return [
        wizard(
            entry_points=[CommandHandler("values", start, filters=private)],
            states={
                PARK: [
                    CallbackQueryHandler(got_park, pattern=f"^{PREFIX}park:"),
                    MessageHandler(text, use_buttons),
                ],
                MONTH: [
                    CallbackQueryHandler(got_month, pattern=f"^{PREFIX}month:"),
                    MessageHandler(text, got_month),
                ],
                VALUE: [
                    CallbackQueryHandler(got_value, pattern=f"^{PREFIX}(keep|skip)$"),
                    MessageHandler(text, got_value),
                ],
                SUMMARY: [
                    CallbackQueryHandler(submit, pattern=f"^{PREFIX}submit$"),
                    CallbackQueryHandler(got_edit, pattern=f"^{PREFIX}edit$"),
                    MessageHandler(text, use_buttons),
                ],
                EDIT: [
                    CallbackQueryHandler(got_field, pattern=f"^{PREFIX}field:"),
                    MessageHandler(text, use_buttons),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="values-form",
            data_keys=(KEY,),
        )
    ]
