"""/status, free-text search, /park, /overview, /missing: answers a leader can act on."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import text_limits
from bot.escalations.queries import instructions
from bot.escalations.queries import lines as instruction_lines
from bot.meetings import assignments
from bot.people import queries as people
from bot.reporting import evidence
from bot.status import queries as status
from bot.status.compute import Asked, freshness
from bot.status.lights import LightPolicy
from bot.status.missing import missing_in_scope
from bot.status.search import search
from bot.status.summaries import by_park, fastest_and_slowest
from bot.telegram.context import ParkContext, callback_id
from handlers import fallback
from handlers.board import board_button
from handlers.help import render_help
from handlers.onboarding import explain_access
from handlers.request import Request, request
from handlers.status.render import card, fresh_line, missing_text, overview_text, park_text
from handlers.viewer import Viewer
from models import Park, Project

PROJECT, PARK = "sp:", "sk:"


def clip(text: str) -> str:
    """Keeps a message within Telegram's 4,096 (UTF-16) characters."""
    return text_limits.clip(text, text_limits.MESSAGE_LIMIT)


def asked(req: Request) -> Asked:
    """The question's who and when: the person asking, at the time the update arrived."""
    settings = req.services.settings
    return Asked(req.person, req.now.date(), settings.tz, LightPolicy.from_settings(settings))


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_message.reply_text(clip(text), reply_markup=markup)


def _project_card(req: Request, project_id: int) -> str | None:
    session, viewer = req.session, req.viewer
    question = asked(req)
    row = status.project_status(session, question, project_id)
    if row is None:
        return None
    newest = freshness(session, question, Project.id == project_id)
    latest = (
        evidence.current_report(session, project_id, row.last_period) if row.last_period else None
    )
    return card(
        viewer,
        row,
        status.open_problems_of(session, project_id),
        status.trend(session, project_id),
        newest,
        question.tz,
        assignments.open_assignments_of_project(session, project_id, question.today),
        photos=evidence.photo_facts(session, [latest.id]) if latest else [],
        place=evidence.report_place(session, latest) if latest else None,
        instructions=instruction_lines(viewer.t, instructions(session, project_id), question.tz),
    )


def _park_summary(req: Request, park_id: int) -> str | None:
    question = asked(req)
    session, viewer = req.session, req.viewer
    rows = status.statuses(session, question, park_id=park_id)
    if not rows:
        return None
    [summary] = by_park(rows)
    # The park's newest report: each project's latest one is already at hand.
    newest = max((row.last_submitted_at for row in rows if row.last_submitted_at), default=None)
    return park_text(viewer, summary, newest, question.tz)


def _keyboard(req: Request, rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """The answer's buttons, with the 看板 button in a row of its own where the board opens."""
    board = board_button(req.viewer, req.services.settings)
    rows = [*rows, [board]] if board is not None else rows
    return InlineKeyboardMarkup(rows) if rows else None


def _status_keyboard(req: Request, target: str) -> InlineKeyboardMarkup | None:
    """Under a card or a park summary: its chart, and the board."""
    chart = InlineKeyboardButton(req.viewer.t("button-chart"), callback_data=f"ch:{target}")
    return _keyboard(req, [[chart]])


async def answer_search(
    update: Update, context: ParkContext, text: str, *, typed: bool = False
) -> None:
    """One match: its card or summary; several: a keyboard; none: says so.

    `typed` is text sent without a command: a stranger gets the access explanation for it.
    """
    with request(update, context) as req:
        viewer = req.viewer
        if viewer.person is None:
            reply, markup = render_help(viewer), None
        else:
            reply, markup = _search(req, text)
    if viewer.person is None and typed:
        await explain_access(update, viewer)
        return
    await _reply(update, reply, markup)


def _search(req: Request, text: str) -> tuple[str, InlineKeyboardMarkup | None]:
    viewer = req.viewer
    found = search(req.session, viewer.person, text)
    if not found.ranked:
        return viewer.t("status-no-match", text=text[:50]), None
    if len(found.ranked) == 1:
        [(kind, target, _)] = found.ranked
        if kind == "project":
            return _project_card(req, target), _status_keyboard(req, f"p{target}")
        return _park_summary(req, target), _status_keyboard(req, f"k{target}")
    prefix = {"project": PROJECT, "park": PARK}
    rows = [
        [InlineKeyboardButton(name, callback_data=f"{prefix[kind]}{target}")]
        for kind, target, name in found.ranked
    ]
    return viewer.t("status-choose"), InlineKeyboardMarkup(rows)


async def status_command(update: Update, context: ParkContext) -> None:
    """/status [text]: a project card (or the choices)."""
    text = " ".join(context.args or []).strip()
    if text:
        await answer_search(update, context, text)
        return
    with request(update, context) as req:
        viewer = req.viewer
    await _reply(update, viewer.t("status-ask") if viewer.person else render_help(viewer))


async def chosen(update: Update, context: ParkContext) -> None:
    """A search result picked from the keyboard."""
    data = update.callback_query.data
    with request(update, context) as req:
        viewer = req.viewer
        target = callback_id(data[3:])
        reply = None
        if viewer.person is not None and data.startswith(PROJECT):
            reply = _project_card(req, target)
            markup = _status_keyboard(req, f"p{target}")
        elif viewer.person is not None:
            reply = _park_summary(req, target)
            markup = _status_keyboard(req, f"k{target}")
    if reply is None:
        # Forged or stale data, or something outside the person's scope: reveal nothing.
        await update.callback_query.answer(viewer.t("callback-closed"))
        return
    await _reply(update, reply, markup)


async def park_command(update: Update, context: ParkContext) -> None:
    """/park [name]: a park summary; without a name, the parks in scope to pick from."""
    text = " ".join(context.args or []).strip()
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        if viewer.person is None:
            reply, markup = render_help(viewer), None
        else:
            if text:
                parks = search(session, viewer.person, text, kinds=("park",)).parks
            else:
                parks = [(park.id, park.name) for park in _parks(session, viewer)]
            if len(parks) == 1:
                reply = _park_summary(req, parks[0][0])
                markup = _status_keyboard(req, f"k{parks[0][0]}")
            elif parks:
                reply = viewer.t("park-ask")
                markup = InlineKeyboardMarkup(
                    [
                        [InlineKeyboardButton(name, callback_data=f"{PARK}{pid}")]
                        for pid, name in parks
                    ]
                )
            else:
                reply, markup = viewer.t("status-no-match", text=text[:50]), None
    await _reply(update, reply, markup)


def _parks(session: object, viewer: Viewer) -> list[Park]:
    return people.visible_parks(session=session, person=viewer.person)


async def overview_command(update: Update, context: ParkContext) -> None:
    """/overview: by park, ranked, with totals and the fastest and slowest projects."""
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        markup = None
        if viewer.person is None:
            reply = render_help(viewer)
        else:
            markup = _keyboard(req, [])
            question = asked(req)
            rows = status.statuses(session, question)
            parks = by_park(rows)
            reply = overview_text(
                viewer,
                parks,
                rows,
                fastest_and_slowest(rows),
                question.period,
                freshness(session, question),
                question.tz,
            )
    await _reply(update, reply, markup)


async def missing_command(update: Update, context: ParkContext) -> None:
    """/missing: projects in scope without a report this period, with their liaisons."""
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        if viewer.person is None:
            reply = render_help(viewer)
        else:
            question = asked(req)
            reply = (
                missing_text(viewer, missing_in_scope(session, question), question.period)
                + "\n"
                + fresh_line(viewer, freshness(session, question), question.tz)
            )
    await _reply(update, reply)


async def free_text(update: Update, context: ParkContext) -> None:
    """Text with no command and no open form: a search; anything else: the fallback."""
    message = update.effective_message
    if message.text and not message.text.startswith("/"):
        # One request answers it: the search, or (for a stranger) the access explanation.
        await answer_search(update, context, message.text, typed=True)
        return
    await fallback.not_understood(update, context)


def handlers() -> list:
    """The status handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("status", status_command, filters=private),
        CommandHandler("park", park_command, filters=private),
        CommandHandler("overview", overview_command, filters=private),
        CommandHandler("missing", missing_command, filters=private),
        CallbackQueryHandler(chosen, pattern=f"^({PROJECT}|{PARK})"),
    ]
