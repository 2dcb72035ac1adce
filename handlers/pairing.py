"""/service (服务企业): the service log wizard; /pairing: the 三个一 per-leader view."""

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.pairing import service
from bot.pairing.access import may_see_pairings
from bot.pairing.service import ServiceRefused
from bot.pairing.view import leader_pairings, quarter_of
from bot.telegram.context import ParkContext
from handlers.pairing_render import render_pairings, render_summary
from handlers.request import request
from handlers.status.commands import asked
from handlers.viewer import Viewer
from handlers.wizard import wizard
from models import ServiceStatus

PICK, DATE, ASKED, DONE, STATUS, PROBLEM, CONFIRM = range(7)
PREFIX = "sv:"
KEY = "service"


def _buttons(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(text, callback_data=PREFIX + data) for text, data in row]
            for row in rows
        ]
    )


async def start(update: Update, context: ParkContext) -> int:
    """Lists the person's paired enterprises; with one, goes straight to the date."""
    with request(update, context) as req:
        viewer = req.viewer
        options = service.choices(req.session, req.person)
    context.user_data.pop(KEY, None)
    if not options:
        await update.effective_message.reply_text(viewer.t("service-none"))
        return -1
    if len(options) == 1:
        return await _chosen(update, context, viewer, options[0])
    rows = [
        [
            (
                viewer.t("service-choice", enterprise=o.enterprise, leader=o.leader),
                f"pick:{o.enterprise_id}:{o.leader_id}",
            )
        ]
        for o in options
    ]
    await update.effective_message.reply_text(
        viewer.t("service-ask-enterprise"), reply_markup=_buttons(rows)
    )
    return PICK


async def picked(update: Update, context: ParkContext) -> int:
    """Stores the enterprise picked, asks for the date."""
    query = update.callback_query
    _, _, ids = query.data.removeprefix(PREFIX).partition(":")
    enterprise, _, leader = ids.partition(":")
    with request(update, context) as req:
        viewer = req.viewer
        try:
            option = service.choice(req.session, req.person, int(enterprise), int(leader))
        except (ServiceRefused, ValueError):  # not theirs, or a forged button
            option = None
    if option is None:
        await query.answer(viewer.t("service-refused-not-allowed"), show_alert=True)
        return -1
    await query.answer()
    return await _chosen(update, context, viewer, option)


async def _chosen(
    update: Update, context: ParkContext, viewer: Viewer, option: service.ServiceChoice
) -> int:
    context.user_data[KEY] = {
        "enterprise_id": option.enterprise_id,
        "leader_id": option.leader_id,
        "enterprise": option.enterprise,
        "leader": option.leader,
    }
    keyboard = _buttons([[(viewer.t("service-today"), "today")]])
    text = viewer.t("service-ask-date", enterprise=option.enterprise)
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return DATE


async def got_date(update: Update, context: ParkContext) -> int:
    """Stores the date (one tap: today; or typed, not in the future), asks what was asked."""
    typed = None if update.callback_query else update.effective_message.text
    with request(update, context) as req:
        viewer, today = req.viewer, req.now.date()
    if update.callback_query:
        await update.callback_query.answer()
    try:
        day = today if typed is None else service.visit_date(typed, today=today)
    except ServiceRefused as refusal:
        await update.effective_message.reply_text(viewer.t(refusal.key, **refusal.params))
        return DATE
    context.user_data[KEY]["date"] = day.isoformat()
    await update.effective_message.reply_text(viewer.t("service-ask-asked"))
    return ASKED


async def _text_step(update: Update, context: ParkContext, field: str) -> bool:
    """Stores a typed answer; False (after saying why) if it is empty or too long."""
    with request(update, context) as req:
        viewer = req.viewer
    try:
        context.user_data[KEY][field] = service.text(update.effective_message.text)
    except ServiceRefused as refusal:
        await update.effective_message.reply_text(viewer.t(refusal.key, **refusal.params))
        return False
    return True


async def got_asked(update: Update, context: ParkContext) -> int:
    """Stores what the enterprise asked, asks what was done."""
    if not await _text_step(update, context, "asked"):
        return ASKED
    with request(update, context) as req:
        text = req.t("service-ask-done")
    await update.effective_message.reply_text(text)
    return DONE


async def got_done(update: Update, context: ParkContext) -> int:
    """Stores what was done, asks for the status."""
    if not await _text_step(update, context, "done"):
        return DONE
    with request(update, context) as req:
        viewer = req.viewer
    rows = [[(viewer.t(f"service-status-{s.value}"), f"status:{s.value}") for s in ServiceStatus]]
    await update.effective_message.reply_text(
        viewer.t("service-ask-status"), reply_markup=_buttons(rows)
    )
    return STATUS


async def got_status(update: Update, context: ParkContext) -> int:
    """Stores the status, asks for an optional problem."""
    query = update.callback_query
    value = query.data.removeprefix(PREFIX + "status:")
    await query.answer()
    with request(update, context) as req:
        viewer = req.viewer
    if value not in service.STATUSES:
        return STATUS
    context.user_data[KEY]["status"] = value
    keyboard = _buttons([[(viewer.t("service-no-problem"), "noproblem")]])
    await update.effective_message.reply_text(
        viewer.t("service-ask-problem"), reply_markup=keyboard
    )
    return PROBLEM


async def got_problem(update: Update, context: ParkContext) -> int:
    """Stores the problem (or none), shows the summary with submit and cancel."""
    if update.callback_query:
        await update.callback_query.answer()
        context.user_data[KEY]["problem"] = None
    elif not await _text_step(update, context, "problem"):
        return PROBLEM
    with request(update, context) as req:
        viewer = req.viewer
    keyboard = _buttons(
        [[(viewer.t("button-submit"), "submit"), (viewer.t("button-cancel"), "cancel")]]
    )
    await update.effective_message.reply_text(
        render_summary(viewer, context.user_data[KEY]), reply_markup=keyboard
    )
    return CONFIRM


async def submit(update: Update, context: ParkContext) -> int:
    """Stores the service (and its problem) in one transaction, then says so."""
    query = update.callback_query
    await query.answer()
    answers = context.user_data.pop(KEY, None)
    if not answers:
        return -1
    try:
        with request(update, context) as req:
            visit = service.log_service(
                req.session,
                person=req.person,
                enterprise_id=answers["enterprise_id"],
                leader_id=answers["leader_id"],
                day=date.fromisoformat(answers["date"]),
                asked=answers["asked"],
                done=answers["done"],
                state=answers["status"],
                problem=answers.get("problem"),
                now=req.now,
            )
            problem_id = visit.problem_id
            text = req.t("service-saved", enterprise=answers["enterprise"])
            if problem_id is not None:
                text += "\n" + req.t("service-problem-raised", id=str(problem_id))
    except ServiceRefused as refusal:
        text = req.refusal(refusal)
    await update.effective_message.reply_text(text)
    return -1


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves the wizard; nothing is stored."""
    context.user_data.pop(KEY, None)
    if update.callback_query is not None:
        await update.callback_query.answer()
    with request(update, context) as req:
        text = req.t("service-cancelled")
    await update.effective_message.reply_text(text)
    return -1


async def show_pairings(update: Update, context: ParkContext) -> None:
    """/pairing: the per-leader view, as far as the person may see it."""
    with request(update, context) as req:
        viewer = req.viewer
        allowed = may_see_pairings(req.session, req.person)
        if allowed:
            rows = leader_pairings(
                req.session, viewer=req.person, asked=asked(req), quarter=quarter_of(req.now.date())
            )
            quarter = quarter_of(req.now.date()).label
    if not allowed:
        await update.effective_message.reply_text(viewer.t("pairing-refused"))
        return
    await update.effective_message.reply_text(render_pairings(viewer, rows, quarter))


def handlers() -> list:
    """/service's wizard and /pairing (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    return [
        CommandHandler("pairing", show_pairings, filters=private),
        wizard(
            entry_points=[CommandHandler("service", start, filters=private)],
            states={
                PICK: [CallbackQueryHandler(picked, pattern=f"^{PREFIX}pick:")],
                DATE: [
                    CallbackQueryHandler(got_date, pattern=f"^{PREFIX}today$"),
                    MessageHandler(text, got_date),
                ],
                ASKED: [MessageHandler(text, got_asked)],
                DONE: [MessageHandler(text, got_done)],
                STATUS: [CallbackQueryHandler(got_status, pattern=f"^{PREFIX}status:")],
                PROBLEM: [
                    CallbackQueryHandler(got_problem, pattern=f"^{PREFIX}noproblem$"),
                    MessageHandler(text, got_problem),
                ],
                CONFIRM: [CallbackQueryHandler(submit, pattern=f"^{PREFIX}submit$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="service-log",
            data_keys=(KEY,),
        ),
    ]
