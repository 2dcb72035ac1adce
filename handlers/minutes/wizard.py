"""/minutes, one decision at a time: what → project → owner unit → leader → due → confirm."""

from datetime import date, timedelta

from telegram import Update
from telegram.ext import (
    ConversationHandler,
)

from bot.meetings import assignments
from bot.meetings.assignments import AssignmentRefused
from bot.parsing import ParseError, parse_date
from bot.people.accounts import Notices
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.help import render_help
from handlers.minutes.common import (
    CONFIRM,
    DUE,
    KEY,
    LEADER,
    MAX_PROJECT_BUTTONS,
    MORE,
    PREFIX,
    PROJECT,
    RETRY,
    TEXT,
    UNIT,
    ask_text,
    buttons,
    meeting_label,
    more_keyboard,
)
from handlers.request import Request, request, trial


async def list_held(update: Update, context: ParkContext) -> None:
    """The latest held meetings, each with a "record decisions" button (admins only)."""
    with request(update, context) as req:
        viewer = req.viewer
        allowed = assignments.may_record(viewer.person)
        choices = []
        if allowed:
            choices = [
                [(meeting_label(req, meeting), f"meeting:{meeting.id}")]
                for meeting in assignments.held_meetings(req.session, req.now)
            ]
    if viewer.person is None:
        await update.effective_message.reply_text(render_help(viewer))
    elif not allowed:
        await update.effective_message.reply_text(viewer.t("admin-only"))
    elif not choices:
        await update.effective_message.reply_text(viewer.t("minutes-no-meeting"))
    else:
        await update.effective_message.reply_text(
            viewer.t("minutes-pick-meeting"), reply_markup=buttons(choices)
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
        label = meeting_label(req, meeting) if held else ""
    if not allowed or not held:
        await query.answer(viewer.t("callback-closed"))
        return ConversationHandler.END
    await query.answer()
    context.user_data[KEY] = {"meeting_id": meeting_id, "label": label, "count": 0}
    await update.effective_message.reply_text(
        ask_text(viewer, label),
        reply_markup=buttons([[(viewer.t("button-minutes-template"), "template")]]),
    )
    return TEXT


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
        viewer.t("minutes-ask-project"), reply_markup=buttons(rows)
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
        viewer.t("minutes-ask-leader"), reply_markup=buttons(rows)
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
    keyboard = buttons(
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
    await update.effective_message.reply_text(text, reply_markup=more_keyboard(viewer))
    wake_sender(context.application)
    return MORE


async def another(update: Update, context: ParkContext) -> int:
    """Asks for the next decision of the same meeting."""
    await update.callback_query.answer()
    with request(update, context) as req:
        viewer = req.viewer
    await update.effective_message.reply_text(ask_text(viewer, context.user_data[KEY]["label"]))
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
