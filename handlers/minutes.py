"""/minutes: the command centre records a held meeting's decisions as assignments (交办).

A short wizard per decision: what → project (or none) → owner unit → responsible leader →
due date → confirm, then "add another". The answers so far live in user_data, which the
Application's persistence keeps as rows (handlers/wizard.py), so a restart resumes the step.
"""

import logging
import tempfile
from datetime import date, timedelta
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.i18n import format_moment
from bot.meetings import assignments
from bot.meetings.assignments import AssignmentRefused
from bot.meetings.minutes_file import MinutesRejected, import_minutes, write_template
from bot.parsing import ParseError, parse_date
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.people.roster_file import MAX_FILE_BYTES
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.help import render_help
from handlers.request import Request, request, trial
from handlers.viewer import Viewer
from handlers.wizard import wizard
from models import Meeting

log = logging.getLogger(__name__)
TEXT, PROJECT, UNIT, LEADER, DUE, CONFIRM, MORE = range(7)
PREFIX = "mn:"
KEY = "minutes"
MAX_PROJECT_BUTTONS = 40
# Where a refusal at the preview sends the admin back to; any other refusal ends the wizard.
RETRY = {
    "text-invalid": TEXT,
    "unit-invalid": UNIT,
    "due-before-meeting": DUE,
    "project-unknown": PROJECT,
    "leader-invalid": LEADER,
}


def _keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(text, callback_data=PREFIX + data) for text, data in row]
            for row in rows
        ]
    )


def _label(req: Request, meeting: Meeting) -> str:
    park = people.park(session=req.session, park_id=meeting.park_id)
    services = req.services
    when = format_moment(
        services.catalogue, req.viewer.language, meeting.starts_at, services.settings.tz
    )
    return req.t("minutes-meeting-button", when=when, park=park.name if park else "")


async def list_held(update: Update, context: ParkContext) -> None:
    """The latest held meetings, each with a "record decisions" button (admins only)."""
    with request(update, context) as req:
        viewer = req.viewer
        allowed = assignments.may_record(viewer.person)
        buttons = []
        if allowed:
            buttons = [
                [(_label(req, meeting), f"meeting:{meeting.id}")]
                for meeting in assignments.held_meetings(req.session, req.now)
            ]
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
    elif not allowed:
        await update.effective_message.reply_text(viewer.t("admin-only"))
    elif not buttons:
        await update.effective_message.reply_text(viewer.t("minutes-no-meeting"))
    else:
        await update.effective_message.reply_text(
            viewer.t("minutes-pick-meeting"), reply_markup=_keyboard(buttons)
        )


async def start(update: Update, context: ParkContext) -> int:
    """A meeting's "record decisions" button: asks for the first decision."""
    query = update.callback_query
    meeting_id = callback_id(query.data.removeprefix(PREFIX + "meeting:"))
    with request(update, context) as req:
        viewer = req.viewer
        meeting, _, _ = assignments.draft_rows(
            req.session, meeting_id=meeting_id, project_id=None, leader_id=None
        )
        allowed = assignments.may_record(viewer.person)
        held = meeting is not None and assignments.is_held(meeting, req.now)
        label = _label(req, meeting) if held else ""
    if not allowed or not held:
        await query.answer(viewer.t("callback-closed"))
        return ConversationHandler.END
    await query.answer()
    context.user_data[KEY] = {"meeting_id": meeting_id, "label": label, "count": 0}
    await update.effective_message.reply_text(
        _ask_text(viewer, label),
        reply_markup=_keyboard([[(viewer.t("button-minutes-template"), "template")]]),
    )
    return TEXT


async def send_template(update: Update, context: ParkContext) -> int:
    """Sends the blank decisions sheet (XLSX) to fill in and send back."""
    await update.callback_query.answer()
    with tempfile.TemporaryDirectory(prefix="parkbot-minutes-") as folder:
        path = Path(folder) / "minutes.xlsx"
        with request(update, context) as req:
            viewer = req.viewer
            write_template(req.session, path, viewer.t)
        data = path.read_bytes()
    await update.effective_message.reply_document(
        data,
        filename=viewer.t("minutes-sheet") + ".xlsx",
        caption=viewer.t("minutes-template-caption"),
    )
    return TEXT


def _ask_text(viewer: Viewer, label: str) -> str:
    return viewer.t("minutes-ask-text", meeting=label)


async def got_text(update: Update, context: ParkContext) -> int:
    """Stores what is to be done, asks which project it concerns."""
    text = update.effective_message.text.strip()
    with request(update, context) as req:
        viewer = req.viewer
        choices = [
            (project.name, f"project:{project.id}")
            for project in assignments.projects(req.session)[:MAX_PROJECT_BUTTONS]
        ]
    if not text or len(text) > assignments.MAX_TEXT:
        refusal = AssignmentRefused("text-invalid", limit=assignments.MAX_TEXT)
        await update.effective_message.reply_text(req.refusal(refusal))
        return TEXT
    context.user_data[KEY]["text"] = text
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    rows.append([(viewer.t("button-minutes-no-project"), "project:none")])
    await update.effective_message.reply_text(
        viewer.t("minutes-ask-project"), reply_markup=_keyboard(rows)
    )
    return PROJECT


async def got_project(update: Update, context: ParkContext) -> int:
    """Stores the project (or none), asks for the owner unit."""
    query = update.callback_query
    await query.answer()
    tail = query.data.removeprefix(PREFIX + "project:")
    context.user_data[KEY]["project_id"] = None if tail == "none" else callback_id(tail)
    with request(update, context) as req:
        viewer = req.viewer
    await update.effective_message.reply_text(viewer.t("minutes-ask-unit"))
    return UNIT


async def got_project_name(update: Update, context: ParkContext) -> int:
    """A project typed by name (there may be more projects than buttons): asks for the unit."""
    typed = update.effective_message.text.strip()
    with request(update, context) as req:
        viewer = req.viewer
        project = assignments.find_project(req.session, typed)
    if project is None:
        await update.effective_message.reply_text(
            viewer.t("minutes-project-not-found", text=typed[:50])
        )
        return PROJECT
    context.user_data[KEY]["project_id"] = project.id
    await update.effective_message.reply_text(
        viewer.t("minutes-project-picked", project=project.name)
    )
    return UNIT


async def got_unit(update: Update, context: ParkContext) -> int:
    """Stores the owner unit, asks for the responsible leader."""
    unit = update.effective_message.text.strip()
    with request(update, context) as req:
        viewer = req.viewer
        choices = [(p.name, f"leader:{p.id}") for p in assignments.leaders(req.session)]
    if not unit or len(unit) > assignments.MAX_UNIT:
        refusal = AssignmentRefused("unit-invalid", limit=assignments.MAX_UNIT)
        await update.effective_message.reply_text(req.refusal(refusal))
        return UNIT
    if not choices:
        context.user_data.pop(KEY, None)
        await update.effective_message.reply_text(req.refusal(AssignmentRefused("leader-invalid")))
        return ConversationHandler.END
    context.user_data[KEY]["unit"] = unit
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    await update.effective_message.reply_text(
        viewer.t("minutes-ask-leader"), reply_markup=_keyboard(rows)
    )
    return LEADER


async def got_leader(update: Update, context: ParkContext) -> int:
    """Stores the responsible leader, asks for the due date."""
    query = update.callback_query
    await query.answer()
    context.user_data[KEY]["leader_id"] = callback_id(query.data.removeprefix(PREFIX + "leader:"))
    with request(update, context) as req:
        viewer = req.viewer
        # The example is two weeks ahead: a fixed date would one day be before the meeting.
        example = req.now.date() + timedelta(days=14)
    await update.effective_message.reply_text(viewer.t("minutes-ask-due", example=str(example)))
    return DUE


def _check(req: Request, draft: dict, due: date) -> dict[str, str]:
    """The decision as it would be recorded, for the preview (raises AssignmentRefused)."""
    meeting, project, leader = assignments.draft_rows(
        req.session,
        meeting_id=draft["meeting_id"],
        project_id=draft.get("project_id"),
        leader_id=draft.get("leader_id"),
    )
    if draft.get("project_id") and project is None:
        raise AssignmentRefused("project-unknown")
    text, unit = assignments.check(
        req.session,
        meeting,
        text=draft["text"],
        unit=draft["unit"],
        leader=leader,
        due=due,
        project=project,
        actor=req.person,
        now=req.now,
    )
    return {
        "text": text,
        "unit": unit,
        "leader": leader.name,
        "due": due.isoformat(),
        "project": project.name if project else req.t("minutes-no-project"),
    }


async def got_due(update: Update, context: ParkContext) -> int:
    """Stores the due date, shows the decision to confirm."""
    draft = context.user_data[KEY]
    with trial(update, context) as req:
        viewer = req.viewer
        try:
            due = parse_date(update.effective_message.text, today=req.now.date())
            shown, reply = _check(req, draft, due), None
        except ParseError as error:
            reply, state = viewer.t(error.message_key, **error.params), DUE
        except AssignmentRefused as refusal:
            reply, state = req.refusal(refusal), RETRY.get(refusal.code, ConversationHandler.END)
    if reply is not None:
        if state == ConversationHandler.END:
            context.user_data.pop(KEY, None)
        await update.effective_message.reply_text(reply)
        return state
    draft["due"] = due.isoformat()
    keyboard = _keyboard(
        [[(viewer.t("button-confirm"), "confirm"), (viewer.t("button-cancel"), "cancel")]]
    )
    await update.effective_message.reply_text(
        viewer.t("minutes-preview", **shown), reply_markup=keyboard
    )
    return CONFIRM


async def confirm(update: Update, context: ParkContext) -> int:
    """Records the decision, tells its owners, offers to add another."""
    query = update.callback_query
    await query.answer()
    draft = context.user_data.get(KEY) or {}
    if "due" not in draft:
        return ConversationHandler.END  # pressed twice: the first press recorded it
    # A refusal leaves the request, which rolls back everything the attempt wrote.
    try:
        with request(update, context) as req:
            viewer = req.viewer
            meeting, project, leader = assignments.draft_rows(
                req.session,
                meeting_id=draft["meeting_id"],
                project_id=draft.get("project_id"),
                leader_id=draft.get("leader_id"),
            )
            problem = assignments.record(
                req.session,
                meeting,
                text=draft["text"],
                unit=draft["unit"],
                leader=leader,
                due=date.fromisoformat(draft["due"]),
                project=project,
                actor=req.person,
                now=req.now,
            )
            told = assignments.notify_owners(
                req.session,
                problem,
                notices=Notices(req.services.catalogue, req.services.settings.language),
                now=req.now,
            )
            text = viewer.t("minutes-recorded", id=str(problem.id), count=told)
    except AssignmentRefused as refusal:
        context.user_data.pop(KEY, None)
        await update.effective_message.reply_text(req.refusal(refusal))
        return ConversationHandler.END
    for field in ("text", "project_id", "unit", "leader_id", "due"):
        draft.pop(field, None)
    draft["count"] = draft.get("count", 0) + 1
    await update.effective_message.reply_text(text, reply_markup=_more_keyboard(viewer))
    wake_sender(context.application)
    return MORE


def _more_keyboard(viewer: Viewer) -> InlineKeyboardMarkup:
    return _keyboard(
        [
            [
                (viewer.t("button-minutes-another"), "another"),
                (viewer.t("button-minutes-done"), "done"),
            ]
        ]
    )


async def got_file(update: Update, context: ParkContext) -> int:
    """The filled minutes template sent as a document: imports every row, or none."""
    message = update.effective_message
    document = message.document
    draft = context.user_data[KEY]
    with request(update, context) as req:
        viewer = req.viewer
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await message.reply_text(viewer.t("minutes-file-unreadable"))
        return TEXT
    suffix = Path(document.file_name or "").suffix.lower() or ".bin"
    with tempfile.TemporaryDirectory(prefix="parkbot-minutes-") as folder:
        path = Path(folder) / f"minutes{suffix}"
        try:
            telegram_file = await message.get_bot().get_file(document.file_id)
            await telegram_file.download_to_drive(path)
        except (TelegramError, OSError):
            log.warning("could not download the minutes file", exc_info=True)
            await message.reply_text(viewer.t("minutes-file-unreadable"))
            return TEXT
        # A refusal leaves the request, which rolls back everything the attempt wrote.
        try:
            with request(update, context) as req:
                meeting, _, _ = assignments.draft_rows(
                    req.session, meeting_id=draft["meeting_id"], project_id=None, leader_id=None
                )
                recorded, told = import_minutes(
                    req.session,
                    meeting,
                    path,
                    now=req.now,
                    notices=Notices(req.services.catalogue, req.services.settings.language),
                    actor=req.person,
                )
                text = viewer.t("minutes-file-imported", count=len(recorded), told=told)
        except MinutesRejected as rejected:
            lines = [
                viewer.t(
                    "cli-minutes-row-error", row=str(p.row), reason=viewer.t(p.key, **p.params)
                )
                for p in rejected.problems
            ]
            lines.append(viewer.t("cli-minutes-rejected", count=len(rejected.problems)))
            await message.reply_text("\n".join(lines))
            return TEXT
    draft["count"] = draft.get("count", 0) + len(recorded)
    await message.reply_text(text, reply_markup=_more_keyboard(viewer))
    wake_sender(context.application)
    return MORE


async def another(update: Update, context: ParkContext) -> int:
    """Asks for the next decision of the same meeting."""
    await update.callback_query.answer()
    with request(update, context) as req:
        viewer = req.viewer
    await update.effective_message.reply_text(_ask_text(viewer, context.user_data[KEY]["label"]))
    return TEXT


async def done(update: Update, context: ParkContext) -> int:
    """Ends the minutes, saying how many decisions were recorded."""
    await update.callback_query.answer()
    draft = context.user_data.pop(KEY, None) or {}
    with request(update, context) as req:
        viewer = req.viewer
    await update.effective_message.reply_text(viewer.t("minutes-done", count=draft.get("count", 0)))
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leaves the decision unrecorded (those confirmed before stay)."""
    context.user_data.pop(KEY, None)
    with request(update, context) as req:
        viewer = req.viewer
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_message.reply_text(viewer.t("minutes-cancelled"))
    return ConversationHandler.END


def handlers() -> list:
    """The minutes handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    document = private & filters.Document.ALL
    return [
        wizard(
            may_continue=lambda person: person.is_admin,
            entry_points=[CallbackQueryHandler(start, pattern=f"^{PREFIX}meeting:")],
            states={
                TEXT: [
                    MessageHandler(text, got_text),
                    MessageHandler(document, got_file),
                    CallbackQueryHandler(send_template, pattern=f"^{PREFIX}template$"),
                ],
                PROJECT: [
                    CallbackQueryHandler(got_project, pattern=f"^{PREFIX}project:"),
                    MessageHandler(text, got_project_name),
                ],
                UNIT: [MessageHandler(text, got_unit)],
                LEADER: [CallbackQueryHandler(got_leader, pattern=f"^{PREFIX}leader:")],
                DUE: [MessageHandler(text, got_due)],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=f"^{PREFIX}confirm$")],
                MORE: [
                    CallbackQueryHandler(another, pattern=f"^{PREFIX}another$"),
                    CallbackQueryHandler(done, pattern=f"^{PREFIX}done$"),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
            ],
            name="minutes-wizard",
            data_keys=(KEY,),
        ),
        CommandHandler("minutes", list_held, filters=private),
    ]
