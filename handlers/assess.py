"""/assess (admins only): score a period into a draft, see it with its XLSX, publish it (公示).

Buttons carry ids and the state they were drawn for, and every press re-checks the state, so
a second press never acts twice: `as:r:<period>:<runs known>` scores, `as:p:<run>` asks to
confirm, `as:c:<run>` publishes, `as:v:<period>` lists the versions, `as:s:<run>` shows one.
"""

from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import text_limits
from bot.assessment import publication as publishing
from bot.assessment import runs
from bot.assessment.calendar import describe_window
from bot.assessment.notices import Texts
from bot.assessment.period import PeriodError, parse_period
from bot.assessment.result_text import ResultText, messages, run_status
from bot.assessment.result_xlsx import run_bytes
from bot.telegram.context import ParkContext, callback_id, wake_sender
from handlers.help import render_help
from handlers.request import Request, request
from models import AssessmentRun

PREFIX = "as:"


@dataclass
class Reply:
    """What the bot answers: texts (the last one with buttons), an optional XLSX, a toast."""

    texts: list[str] = field(default_factory=list)
    buttons: list[list[InlineKeyboardButton]] = field(default_factory=list)
    document: bytes | None = None
    filename: str = ""
    caption: str = ""
    toast: str | None = None


def _texts(req: Request) -> ResultText:
    return ResultText(req.viewer.catalogue, req.viewer.language, req.services.settings.tz)


def _refusal(req: Request) -> Reply | None:
    """The refusal for anyone but an active admin (strangers get the help)."""
    person = req.person
    if person is None:
        return Reply([render_help(req.viewer)])
    if not person.is_admin:
        return Reply([req.t("admin-only")])
    return None


async def assess_command(update: Update, context: ParkContext) -> None:
    """Offers the recent periods to score, and their results to see."""
    with request(update, context) as req:
        reply = _refusal(req) or _menu(req)
    await _send(update, reply)


def _menu(req: Request) -> Reply:
    rows = []
    for period in publishing.recent_periods(req.now):
        known = len(runs.runs_of(req.session, period))
        rows.append(
            [
                InlineKeyboardButton(
                    req.t("assess-chat-run", period=period),
                    callback_data=f"{PREFIX}r:{period}:{known}",
                ),
                InlineKeyboardButton(
                    req.t("assess-chat-view", period=period), callback_data=f"{PREFIX}v:{period}"
                ),
            ]
        )
    return Reply([req.t("assess-chat-choose")], rows)


async def assess_button(update: Update, context: ParkContext) -> None:
    """Every /assess button: re-checks who presses and the state before acting."""
    action, _, rest = update.callback_query.data.removeprefix(PREFIX).partition(":")
    with request(update, context) as req:
        reply = _refusal(req)
        if reply is None:
            handler = _ACTIONS.get(action)
            reply = handler(req, rest) if handler else Reply(toast=req.t("callback-closed"))
    await update.callback_query.answer(reply.toast)
    if action == "c" and reply.texts:
        wake_sender(context.application)
    await _send(update, reply)


def _run(req: Request, rest: str) -> Reply:
    text, _, known = rest.rpartition(":")
    try:
        period = parse_period(text)
    except PeriodError:
        return Reply(toast=req.t("callback-closed"))
    try:
        run, made = publishing.draft_once(
            req.session,
            period,
            req.services.settings.tz,
            known=callback_id(known),
            now=req.now,
            actor=_actor(req),
        )
    except runs.RunError as error:
        return Reply([req.t(error.key, **error.params)])
    reply = _shown(req, run)
    if not made:
        reply.texts.insert(0, req.t("assess-chat-already-run", period=period.label))
    return reply


def _shown(req: Request, run: AssessmentRun) -> Reply:
    """A run's version line, ranking and missing list, its XLSX, and what can be done next."""
    rt = _texts(req)
    status = run_status(run, publishing.publication_of(req.session, run))
    result, sources = runs.result_of(run)
    parts = [rt.version_line(run, status), rt.ranking(result), rt.missing(result)]
    buttons = []
    if status == "draft":
        buttons.append(
            [
                InlineKeyboardButton(
                    req.t("assess-chat-publish"), callback_data=f"{PREFIX}p:{run.id}"
                )
            ]
        )
    buttons.append(
        [
            InlineKeyboardButton(
                req.t("assess-chat-versions"), callback_data=f"{PREFIX}v:{run.period}"
            )
        ]
    )
    return Reply(
        messages(parts),
        buttons,
        document=run_bytes(run, status, result, sources, rt),
        filename=f"assessment-{run.period}-v{run.number}.xlsx",
        caption=rt.version_line(run, status),
    )


def _ask_publish(req: Request, rest: str) -> Reply:
    run = publishing.run_by_id(req.session, callback_id(rest))
    if run is None:
        return Reply(toast=req.t("callback-closed"))
    if run.publication_id is not None:
        return Reply([req.t("assess-run-already-published", run=run.id)])
    if runs.open_publication(req.session, run.period) is not None:
        return Reply([req.t("assess-period-open", period=run.period)])
    confirm = [
        InlineKeyboardButton(req.t("assess-chat-confirm"), callback_data=f"{PREFIX}c:{run.id}"),
        InlineKeyboardButton(req.t("assess-chat-cancel"), callback_data=f"{PREFIX}x:"),
    ]
    text = req.t("assess-chat-confirm-ask", period=run.period, number=run.number)
    return Reply([text], [confirm])


def _publish(req: Request, rest: str) -> Reply:
    run = publishing.run_by_id(req.session, callback_id(rest))
    if run is None:
        return Reply(toast=req.t("callback-closed"))
    settings = req.services.settings
    try:
        done = publishing.publish_run(
            req.session,
            run,
            Texts(req.viewer.catalogue, settings.language, settings.tz),
            now=req.now,
            actor=_actor(req),
            working_days=settings.objection_working_days,
            closes_at=settings.objection_closing_time,
        )
    except runs.RunError as error:
        return Reply([req.t(error.key, **error.params)])
    window = describe_window(req.viewer.catalogue, req.viewer.language, done.window, settings.tz)
    published = req.t("assess-published", period=run.period, number=run.number)
    told = req.t("assess-chat-told", people=done.told)
    return Reply([f"{published}\n{window}\n{told}"])


def _versions(req: Request, rest: str) -> Reply:
    try:
        period = parse_period(rest)
    except PeriodError:
        return Reply(toast=req.t("callback-closed"))
    found = runs.runs_of(req.session, period.label)
    if not found:
        return Reply([req.t("assess-chat-no-runs", period=period.label)])
    rt = _texts(req)
    rows = []
    for run in reversed(found[-10:]):
        status = run_status(run, publishing.publication_of(req.session, run))
        label = req.t(
            "assess-chat-version", number=run.number, status=req.t(f"assess-status-{status}")
        )
        rows.append([InlineKeyboardButton(label, callback_data=f"{PREFIX}s:{run.id}")])
    return Reply([rt.t("assess-chat-versions-of", period=period.label)], rows)


def _show(req: Request, rest: str) -> Reply:
    run = publishing.run_by_id(req.session, callback_id(rest))
    if run is None:
        return Reply(toast=req.t("callback-closed"))
    return _shown(req, run)


def _cancelled(req: Request, rest: str) -> Reply:
    return Reply([req.t("assess-chat-cancelled")])


def _actor(req: Request) -> str:
    return f"telegram:{req.user.id}" if req.user else "telegram"


_ACTIONS = {
    "r": _run,
    "p": _ask_publish,
    "c": _publish,
    "v": _versions,
    "s": _show,
    "x": _cancelled,
}


async def _send(update: Update, reply: Reply) -> None:
    message = update.effective_message
    for index, text in enumerate(reply.texts):
        last = index == len(reply.texts) - 1 and reply.document is None
        markup = InlineKeyboardMarkup(reply.buttons) if last and reply.buttons else None
        await message.reply_text(text, reply_markup=markup)
    if reply.document is not None:
        await message.reply_document(
            document=reply.document,
            filename=reply.filename,
            caption=text_limits.clip(reply.caption, text_limits.CAPTION_LIMIT),
            reply_markup=InlineKeyboardMarkup(reply.buttons) if reply.buttons else None,
        )


def handlers() -> list:
    """The /assess command and its buttons (private chats only)."""
    return [
        CommandHandler("assess", assess_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(assess_button, pattern=f"^{PREFIX}"),
    ]
