"""/problems: open problems, overdue first; 交办 (assign), progress and 销号 (close) in chat."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.parsing import ParseError, parse_date
from bot.problems import queries
from bot.problems import service as problems
from bot.problems.service import ProblemRefused
from bot.telegram.context import ParkContext, callback_id
from handlers.answers import deliver, hold
from handlers.help import render_help
from handlers.request import Request, request
from handlers.viewer import Viewer
from handlers.wizard import wizard
from models import Problem

UNIT, DUE, NOTE, CONFIRM = range(4)
PREFIX = "pb:"
STEP_PATTERN = f"^{PREFIX}(assign|progress|resolve):"
PROMPTS = {
    "assign": "problem-ask-unit",
    "progress": "problem-ask-progress",
    "resolve": "problem-ask-resolution",
}


async def list_problems(update: Update, context: ParkContext) -> None:
    """Open problems in scope, each with the steps this person may take."""
    with request(update, context) as req:
        viewer = req.viewer
        if viewer.person is not None:
            lines = problems.open_problems(req.session, viewer.person, req.now.date())
            entries = [
                (_line(viewer, line), _buttons(req.session, viewer, line.problem)) for line in lines
            ]
            header = (viewer.t("problems-header", count=len(entries)), None)
            if entries:
                held = hold(req, update, [header, *entries], person_id=viewer.person.id)
    # The request has committed: replies go out without holding the database.
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
        return
    if not entries:
        await update.effective_message.reply_text(viewer.t("problems-none"))
        return
    await deliver(update, context, held)


def _line(viewer: Viewer, line: problems.ProblemLine) -> str:
    problem = line.problem
    status = viewer.t("problem-status-open")
    if problem.assigned_unit and problem.due_date:
        status = viewer.t(
            "problem-status-assigned", unit=problem.assigned_unit, due=problem.due_date.isoformat()
        )
    return viewer.t(
        "problem-line",
        flag=viewer.t("problem-overdue-flag") if line.overdue else "",
        id=str(problem.id),
        # A meeting's assignment that names no project is labelled as such.
        project=line.project or viewer.t("assignment-subject"),
        text=problem.text[:200],
        status=status,
    )


def _buttons(session: Session, viewer: Viewer, problem: Problem) -> InlineKeyboardMarkup | None:
    row = []
    if problems.may_assign(viewer.person):
        row.append(("button-assign", "assign"))
    if problems.may_work_on(session, viewer.person, problem):
        row += [("button-progress", "progress"), ("button-resolve", "resolve")]
    if not row:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    viewer.t(key, id=str(problem.id)),
                    callback_data=f"{PREFIX}{action}:{problem.id}",
                )
                for key, action in row
            ]
        ]
    )


async def begin(update: Update, context: ParkContext) -> int:
    """A step button: remembers which problem and step, asks for the text."""
    query = update.callback_query
    action, _, tail = query.data.removeprefix(PREFIX).partition(":")
    problem_id = callback_id(tail)
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        problem = queries.problem(session=session, problem_id=problem_id)
        allowed = (
            problem is not None
            and action in PROMPTS
            and (
                problems.may_assign(viewer.person)
                if action == "assign"
                else problems.may_work_on(session, viewer.person, problem)
            )
        )
    if not allowed:
        await query.answer(req.refusal(ProblemRefused("not-allowed")), show_alert=True)
        return -1
    await query.answer()
    context.user_data["problem"] = {"id": problem_id, "action": action}
    await update.effective_message.reply_text(viewer.t(PROMPTS[action], id=str(problem_id)))
    return UNIT if action == "assign" else NOTE


async def got_unit(update: Update, context: ParkContext) -> int:
    """Stores the unit, asks for the due date."""
    context.user_data["problem"]["unit"] = update.effective_message.text.strip()
    with request(update, context) as req:
        viewer = req.viewer
        # The example is two weeks ahead: a fixed date would one day be refused as past.
        example = req.now.date() + timedelta(days=14)
    await update.effective_message.reply_text(viewer.t("problem-ask-due", example=str(example)))
    return DUE


async def got_due(update: Update, context: ParkContext) -> int:
    """Assigns the problem (交办)."""
    step = context.user_data["problem"]
    text = update.effective_message.text

    def read(req: Request) -> dict[str, str]:
        due = parse_date(text, today=req.now.date())
        return {"unit": step["unit"], "due": due.isoformat()}

    return await _apply(
        update,
        context,
        lambda session, problem, actor, now, due, **_: problems.assign(
            session, problem, unit=step["unit"], due=date.fromisoformat(due), actor=actor, now=now
        ),
        "problem-assigned",
        read=read,
    )


async def got_note(update: Update, context: ParkContext) -> int:
    """Records progress; for 销号, shows what will be closed and asks for confirmation."""
    note = update.effective_message.text
    if context.user_data["problem"]["action"] == "resolve":
        return await _preview_resolution(update, context, note)
    return await _apply(
        update,
        context,
        lambda session, problem, actor, now, **_: problems.note_progress(
            session, problem, note=note, actor=actor, now=now
        ),
        "problem-progress-saved",
    )


async def _preview_resolution(update: Update, context: ParkContext, note: str) -> int:
    step = context.user_data["problem"]
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        problem = queries.problem(session=session, problem_id=step["id"])
        try:
            if problem is None:
                raise ProblemRefused("unknown")
            cleaned = problems.check_resolution(session, problem, note=note, actor=viewer.person)
            text = viewer.t(
                "problem-resolve-preview",
                id=str(problem.id),
                project=problems.subject(session, problem) or viewer.t("assignment-subject"),
                text=problem.text[:200],
                note=cleaned,
            )
        except ProblemRefused as refusal:
            text = req.refusal(refusal)
            cleaned, code = None, refusal.code
    if cleaned is None:
        await update.effective_message.reply_text(text)
        if code == "note-invalid":
            return NOTE
        context.user_data.pop("problem", None)
        return ConversationHandler.END
    step["note"] = cleaned
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(viewer.t("button-confirm"), callback_data=PREFIX + "confirm"),
                InlineKeyboardButton(viewer.t("button-cancel"), callback_data=PREFIX + "cancel"),
            ]
        ]
    )
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CONFIRM


async def confirm_resolution(update: Update, context: ParkContext) -> int:
    """Closes the problem (销号) with the previewed note; a second press finds nothing."""
    query = update.callback_query
    await query.answer()
    step = context.user_data.get("problem") or {}
    if "note" not in step:
        return ConversationHandler.END
    note = step["note"]
    return await _apply(
        update,
        context,
        lambda session, problem, actor, now, **_: problems.resolve(
            session, problem, note=note, actor=actor, now=now
        ),
        "problem-resolved",
    )


RETRY_STEP = {"unit-invalid": UNIT, "due-past": DUE, "note-invalid": NOTE}
FINAL = ("not-allowed", "resolved", "unknown")


async def _apply(
    update: Update,
    context: ParkContext,
    change: Callable,
    done_key: str,
    *,
    read: Callable[[Request], dict[str, str]] | None = None,
) -> int:
    """Applies one step in the update's request; `read` turns the typed text into arguments."""
    problem_id = context.user_data["problem"]["id"]
    # A refusal leaves the request, which rolls back everything the attempt wrote.
    try:
        with request(update, context) as req:
            args = read(req) if read is not None else {}
            problem = queries.problem(session=req.session, problem_id=problem_id)
            if problem is None:
                raise ProblemRefused("unknown")
            change(req.session, problem, req.person, req.now, **args)
            reply, state = req.t(done_key, id=str(problem_id), **args), -1
    except ParseError as error:
        reply, state = req.t(error.message_key, **error.params), DUE
    except ProblemRefused as refusal:
        reply = req.refusal(refusal)
        state = -1 if refusal.code in FINAL else RETRY_STEP.get(refusal.code, NOTE)
    if state == -1:
        context.user_data.pop("problem", None)
    await update.effective_message.reply_text(reply)
    return state


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves the step without changing anything."""
    context.user_data.pop("problem", None)
    with request(update, context) as req:
        text = req.t("problem-cancelled")
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_message.reply_text(text)
    return -1


def handlers() -> list:
    """The problem handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    return [
        CommandHandler("problems", list_problems, filters=private),
        wizard(
            # Only the step buttons: the confirmation's buttons must reach its state.
            entry_points=[CallbackQueryHandler(begin, pattern=STEP_PATTERN)],
            states={
                UNIT: [MessageHandler(text, got_unit)],
                DUE: [MessageHandler(text, got_due)],
                NOTE: [MessageHandler(text, got_note)],
                CONFIRM: [CallbackQueryHandler(confirm_resolution, pattern=f"^{PREFIX}confirm$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="problem-steps",
            data_keys=("problem",),
        ),
    ]
