"""What the report form shows: a turn's screen, its question, and how it reaches the chat."""

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session
from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import text_limits
from bot.refusals import Refused
from bot.reporting import queries
from bot.reporting.answers import read
from bot.reporting.reports import reported_projects
from bot.reporting.steps import Step
from bot.services import Services
from bot.telegram.context import ParkContext, wake_sender
from handlers.answers import Answer, answer
from handlers.report.questions import Question, QuestionRenderer
from handlers.request import Request
from handlers.viewer import Viewer
from models import Person
from models.draft import DraftStatus, ReportDraft

log = logging.getLogger(__name__)
TOAST_LIMIT = 60  # longer button answers are shown as an alert


@dataclass
class Screen:
    """What to show after an action: notices, then the current question, if the form is open."""

    notices: list[str] = field(default_factory=list)
    question: Question | None = None
    toast: str | None = None
    # Rows were queued for other people: the outbox sender should look now.
    wake_sender: bool = False


@dataclass
class Turn:
    """One update's view of the form: who, in which transaction, at what time."""

    session: Session
    services: Services
    viewer: Viewer
    person: Person
    draft: ReportDraft
    now: datetime

    @classmethod
    def of(cls, req: Request, draft: ReportDraft) -> "Turn":
        """The form's turn within the update's request (whose person owns `draft`)."""
        assert req.person is not None
        return cls(req.session, req.services, req.viewer, req.person, draft, req.now)

    def refusal(self, refused: Refused) -> str:
        """The reason for a refusal, in the viewer's language (as `Request.refusal`)."""
        return self.viewer.t(refused.key, **refused.params)

    def screen(self, *notices: str, toast: str | None = None) -> Screen:
        """The draft's current question (with notices), or just the notices once it closed."""
        open_form = self.draft.status == DraftStatus.OPEN.value
        question = render(self.session, self.viewer, self.draft) if open_form else None
        return Screen(list(notices), question, toast)


def render(session: Session, viewer: Viewer, draft: ReportDraft) -> Question:
    """The current question of a draft."""
    projects = None
    if Step(draft.step) is Step.PROJECT:
        answers = read(draft)
        ids = answers.choices
        rows = queries.project_names(session=session, ids=ids)
        reported = reported_projects(session, ids, answers.current_period)
        projects = [(pid, name, pid in reported) for pid, name in rows]
    return QuestionRenderer(viewer, draft).render(projects)


async def show(update: Update, context: ParkContext, screen: Screen, *, edit: bool = False) -> None:
    """Answers the button, and meanwhile shows notices and the question.

    A pressed button's message turns into the next question (or the closing notice), so the
    chat keeps one live form message; typed answers get the question as a new message. The
    button's answer and the edit or message are independent calls: they go out together, not
    one round trip after the other.
    """
    query = update.callback_query
    if query is None:
        await _deliver(update, context, screen, None)
        return
    long_toast = bool(screen.toast) and len(screen.toast) > TOAST_LIMIT
    await _together(
        query.answer(screen.toast, show_alert=long_toast),
        _deliver(update, context, screen, query if edit else None),
    )


async def _together(*calls: Awaitable[object]) -> None:
    """Runs the calls concurrently; once every one has ended, raises the first failure."""
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    for later in failures[1:]:  # the error handler sees the first; the others are logged
        log.warning("a concurrent reply failed as well", exc_info=later)
    if failures:
        raise failures[0]


async def _deliver(
    update: Update, context: ParkContext, screen: Screen, query: CallbackQuery | None
) -> None:
    """Shows notices and the question: into the button's message (`query`) when it can."""
    notices, question = list(screen.notices), screen.question
    if query is not None:
        if question is not None and not notices:
            if await _edit(query, question.text, question.keyboard):
                question = None
        elif question is None and notices and await _edit(query, notices[0], None):
            notices.pop(0)
    messages: list[Answer] = [(notice, None) for notice in notices]
    if question is not None:
        messages.append((question.text, question.keyboard))
    await answer(update, context, _joined(messages))
    if screen.wake_sender:
        wake_sender(context.application)


JOIN_UNITS = 1000  # notices and question up to this long go as one message


def _joined(messages: list[Answer]) -> list[Answer]:
    """Short notices and the question as one message: one answer, not a trickle of messages
    at Telegram's one a second per chat. Long ones (a text sent back to copy) stay apart."""
    text = "\n\n".join(text for text, _ in messages)
    if len(messages) < 2 or text_limits.units(text) > JOIN_UNITS:
        return messages
    return [(text, messages[-1][1])]


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Edits the button's message; False when that is not possible (then a new one is sent)."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        return "not modified" in str(error).lower()
    return True
