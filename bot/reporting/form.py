"""The report form as a state machine over a draft row: every answer is stored at once.

Handlers call one function per user action; each validates, writes the draft and returns
the step to ask next, or raises FormRefused so the same question is asked again.

The questions are declared once, in `QUESTIONS` below; the order, Back, the edit menu and the
typed-answer dispatch all derive from it. To add a question:

1. Name its step in `Step` (bot/reporting/steps.py) and its answer's field(s) in
   `DraftAnswers` (bot/reporting/answers.py), typed, with a default (older drafts lack it).
2. Write its answer function here (validate, raise FormRefused with a catalogue key, then
   `advance(draft, now, field=value)`), and add its `Question(...)` entry to `QUESTIONS` at
   its place in the order: `text=` if it takes a typed answer, `editable=True` if the
   summary's edit menu offers it, `back_to=` if it is a confirmation off the main line.
3. Give it a screen: a `_<step>` method of `QuestionRenderer` in handlers/report/questions.py
   (the entry's `screen` key), and a button in `BUTTON_ACTIONS` (handlers/report/flow.py)
   for any new button action; its texts go in both catalogues (bot/locales/*/report.ftl),
   with `button-edit-<step>` if it is editable, and the summary shows the new answer.
4. Pass it to ReportInput in `submit` (and the report model, with a migration) if it is
   stored on the report.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import EllipsisType

from sqlmodel import Session

from bot.formatting import format_money
from bot.parsing import ParseError, parse_money, parse_percent, period_of, previous_period
from bot.people.access import can_report
from bot.reporting import media
from bot.reporting.answers import DraftAnswers, Snapshot, clean_text, plain, read, write
from bot.reporting.drafts import close, open_draft
from bot.reporting.reports import (
    ReportInput,
    ReportRefused,
    Submitted,
    current_and_prior,
    own_projects,
    submit_report,
)
from bot.reporting.steps import MAX_PROBLEMS, MAX_PROGRESS, FormRefused, Step
from bot.text_limits import units
from models import Person, Project
from models.draft import DraftStatus, ReportDraft
from models.report import ProgressReport, Stage


def start(
    session: Session,
    *,
    person: Person,
    chat_id: int,
    now: datetime,
    choices: list[Project] | None = None,
    previous: ReportDraft | EllipsisType | None = ...,
) -> ReportDraft:
    """Opens a new form (closing any open one) over `choices` (default: the person's projects).

    `previous` is the person's open form when the caller already looked it up (None: there is
    none); left out, it is looked up here. With a single choice the project is picked at once.
    """
    if previous is ...:
        previous = open_draft(session, person)
    if previous is not None:
        close(session, previous, DraftStatus.CANCELLED, now)
    draft = ReportDraft(
        person_id=person.id,
        chat_id=chat_id,
        step=Step.PROJECT.value,
        answers={},
        created_at=now,
        updated_at=now,
    )
    if choices is None:
        choices = own_projects(session, person)
    write(
        draft,
        now,
        current_period=period_of(now.date()),
        choices=[project.id for project in choices],
    )
    if len(choices) == 1:
        # Before the row is written, so it is inserted at its first question (one statement).
        choose_project(session, draft, person=person, project_id=choices[0].id, now=now)
    session.add(draft)
    session.flush()
    return draft


# -- answers ---------------------------------------------------------------------------------


def choose_project(
    session: Session, draft: ReportDraft, *, person: Person, project_id: int, now: datetime
) -> None:
    """Sets the project; only its liaisons and admins may report on it."""
    project = session.get(Project, project_id)
    if project is None or not project.active or not can_report(session, person, project_id):
        raise FormRefused("report-not-yours")
    update(
        draft,
        now,
        step=Step.PERIOD,
        project_id=project.id,
        project_name=project.name,
        total=project.total_investment,
    )


def periods(draft: ReportDraft) -> list[str]:
    """The periods offered: this month first, then the previous one."""
    current = read(draft).current_period
    return [current, previous_period(current)]


def choose_period(session: Session, draft: ReportDraft, *, period: str, now: datetime) -> None:
    """Sets the period; an existing report asks whether to revise it."""
    if period not in periods(draft):
        raise FormRefused("report-period-not-offered")
    project_id = read(draft).project_id
    # No flush of the draft for these reads: it is written once, when the unit of work ends.
    with session.no_autoflush:
        existing, prior = current_and_prior(session, project_id, period)
        reporter_name = _person_name(session, existing.reporter_id) if existing else None
    base = {
        "period": period,
        "previous_cumulative": prior.investment_cumulative if prior else Decimal(0),
        "prior": _snapshot(prior),
        "prefill": _snapshot(existing or prior),
        "revision_of": existing.id if existing else None,
        "existing_revision": existing.revision if existing else None,
        "existing_at": existing.submitted_at.isoformat() if existing else None,
        "existing_reporter_name": reporter_name,
    }
    update(draft, now, step=Step.REVISE if existing else Step.INVESTMENT, **base)


def confirm_revision(draft: ReportDraft, now: datetime) -> None:
    """Goes on to revise the existing report, its answers prefilled."""
    update(draft, now, step=Step.INVESTMENT)


def copy_previous(session: Session, draft: ReportDraft, now: datetime) -> None:
    """Takes every answer from the prefill (an uneventful month) and shows the summary."""
    answers = read(draft)
    prefill = answers.prefill
    if not prefill:
        raise FormRefused("report-nothing-to-copy")
    _check_total(answers, prefill.investment_month)
    dropped = media.photo_paths(answers.photo_dicts())
    update(
        draft,
        now,
        step=Step.SUMMARY,
        investment=prefill.investment_month,
        stage=prefill.stage,
        percent=prefill.percent,
        progress=prefill.progress,
        problems=prefill.problems if answers.revision_of else "",
        photos=[],
    )
    media.discard(session, dropped)


def answer_investment(session: Session, draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores this month's investment (万元) after checking it against the project's total."""
    try:
        amount = parse_money(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    _check_total(read(draft), amount)
    advance(draft, now, investment=amount)


def answer_stage(draft: ReportDraft, stage: str, now: datetime) -> None:
    """Stores the stage; one earlier than last period's asks for a confirmation first."""
    if stage not in {item.value for item in Stage}:
        raise FormRefused("report-stage-unknown")
    prior = read(draft).prior
    if prior and Stage(stage).rank < prior.stage.rank:
        update(draft, now, step=Step.STAGE_CONFIRM, pending_stage=stage)
        return
    advance(draft, now, stage=stage)


def confirm_stage(draft: ReportDraft, now: datetime) -> None:
    """Accepts a stage earlier than last period's."""
    advance(draft, now, from_step=Step.STAGE, stage=read(draft).pending_stage)


def answer_percent(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores physical progress 0–100; lower than last period's asks for a confirmation."""
    try:
        percent = parse_percent(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    prior = read(draft).prior
    if prior and percent < prior.percent:
        update(draft, now, step=Step.PERCENT_CONFIRM, pending_percent=percent)
        return
    advance(draft, now, percent=percent)


def confirm_percent(draft: ReportDraft, now: datetime) -> None:
    """Accepts a percentage lower than last period's."""
    advance(draft, now, from_step=Step.PERCENT, percent=read(draft).pending_percent)


def answer_progress(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores the main progress text; an overlong one is kept so nothing typed is lost."""
    cleaned = clean_text(text)
    if not cleaned:
        raise FormRefused("report-progress-empty")
    # Counted as Telegram counts (an emoji is 2), so the summary quoting both texts fits in
    # one message.
    if units(cleaned) > MAX_PROGRESS:
        update(draft, now, progress_overlong=cleaned)
        raise FormRefused("report-progress-too-long", length=units(cleaned), limit=MAX_PROGRESS)
    advance(draft, now, progress=cleaned, progress_overlong=None)


def answer_problems(draft: ReportDraft, text: str | None, now: datetime) -> None:
    """Stores the problems needing coordination (None: there are none)."""
    cleaned = clean_text(text or "")
    if units(cleaned) > MAX_PROBLEMS:
        raise FormRefused("report-problems-too-long", length=units(cleaned), limit=MAX_PROBLEMS)
    advance(draft, now, problems=cleaned)


def submit(session: Session, draft: ReportDraft, *, person: Person, now: datetime) -> Submitted:
    """Writes the report in this transaction and closes the form."""
    if Step(draft.step) is not Step.SUMMARY:
        raise FormRefused("report-not-finished")
    answers = read(draft)
    data = ReportInput(
        project_id=answers.project_id,
        period=answers.period,
        investment_month=answers.investment,
        stage=answers.stage.value,
        percent=answers.percent,
        progress=answers.progress,
        problems=answers.problems if answers.problems is not None else "",
        photos=[photo.model_dump() for photo in answers.photos],
        lat=answers.lat,
        lon=answers.lon,
        located_at=answers.located_at,
    )
    try:
        submitted = submit_report(session, person=person, data=data, now=now)
    except ReportRefused as refusal:
        raise FormRefused(f"report-{refusal.code}", **refusal.params) from None
    close(session, draft, DraftStatus.SUBMITTED, now)
    return submitted


# -- helpers -----------------------------------------------------------------------------------


def _check_total(answers: DraftAnswers, amount: Decimal) -> None:
    # The draft's snapshot of the project total and prior cumulative answers at once, with
    # no query; submit_report checks again against the database inside its transaction.
    cumulative = answers.previous_cumulative + amount
    if cumulative > answers.total:
        raise FormRefused(
            "report-over-total",
            cumulative=format_money(cumulative, exact=True),
            total=format_money(plain(answers.total), exact=True),
        )


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.name if person else ""


def _snapshot(report: ProgressReport | None) -> Snapshot | None:
    if report is None:
        return None
    return Snapshot(
        period=report.period,
        investment_month=report.investment_month,
        cumulative=report.investment_cumulative,
        stage=report.stage,
        percent=report.percent,
        progress=report.progress,
        problems=report.problems,
    )


# -- the questions -----------------------------------------------------------------------------

TextAnswer = Callable[[Session, ReportDraft, str, datetime], None]


@dataclass(frozen=True)
class Question:
    """One question of the form: its step, its screen, what it fills and how Back leaves it."""

    step: Step
    # The DraftAnswers fields the question sets (bot/reporting/answers.py).
    fills: tuple[str, ...] = ()
    # Validates and stores a typed answer (None: answered with buttons or photos only).
    text: TextAnswer | None = None
    # Offered on the summary's edit menu (then the answer returns to the summary).
    editable: bool = False
    # A question off the main line (a confirmation): where Back goes. Main-line questions come
    # in table order, Next and Back walk it.
    back_to: Step | None = None

    @property
    def screen(self) -> str:
        """The key of its screen in handlers/report/questions.py (a `_<key>` method)."""
        return self.step.value


QUESTIONS: tuple[Question, ...] = (
    Question(Step.PROJECT, fills=("project_id", "project_name", "total")),
    Question(Step.PERIOD, fills=("period", "previous_cumulative", "prior", "prefill")),
    Question(Step.REVISE, back_to=Step.PERIOD),
    Question(
        Step.INVESTMENT,
        fills=("investment",),
        text=lambda session, draft, text, now: answer_investment(session, draft, text, now),
        editable=True,
    ),
    Question(Step.STAGE, fills=("stage", "pending_stage"), editable=True),
    Question(Step.STAGE_CONFIRM, fills=("stage",), back_to=Step.STAGE),
    Question(
        Step.PERCENT,
        fills=("percent", "pending_percent"),
        text=lambda _session, draft, text, now: answer_percent(draft, text, now),
        editable=True,
    ),
    Question(Step.PERCENT_CONFIRM, fills=("percent",), back_to=Step.PERCENT),
    Question(
        Step.PROGRESS,
        fills=("progress", "progress_overlong"),
        text=lambda _session, draft, text, now: answer_progress(draft, text, now),
        editable=True,
    ),
    Question(
        Step.PROBLEMS,
        fills=("problems",),
        text=lambda _session, draft, text, now: answer_problems(draft, text, now),
        editable=True,
    ),
    Question(Step.PHOTOS, fills=("photos",), editable=True),
    Question(Step.SUMMARY),
    Question(Step.EDIT, back_to=Step.SUMMARY),
)
QUESTION = {question.step: question for question in QUESTIONS}
# The order Next and Back walk; confirmations and the revise question step back to theirs.
ORDER = [question.step for question in QUESTIONS if question.back_to is None]
BACK_TO = {q.step: q.back_to for q in QUESTIONS if q.back_to is not None}
EDITABLE = tuple(question.step for question in QUESTIONS if question.editable)


# -- moving between questions ------------------------------------------------------------------


def back(draft: ReportDraft, now: datetime) -> None:
    """Returns to the previous question, answers kept; while editing, back to the summary."""
    step = Step(draft.step)
    if read(draft).editing and step in EDITABLE:
        target = Step.SUMMARY
    elif step in BACK_TO:
        target = BACK_TO[step]
    else:
        index = ORDER.index(step)
        target = ORDER[max(index - 1, 0)]
    update(draft, now, step=target, editing=False)


def edit(draft: ReportDraft, field: str, now: datetime) -> None:
    """From the summary: jumps to one question, then back to the summary."""
    if field == "menu":
        update(draft, now, step=Step.EDIT)
        return
    if field not in {step.value for step in EDITABLE}:
        raise FormRefused("report-stage-unknown")
    update(draft, now, step=Step(field), editing=True)


def advance(draft: ReportDraft, now: datetime, from_step: Step | None = None, **answers) -> None:
    """Stores answers and moves to the next question (or back to the summary when editing)."""
    step = from_step or Step(draft.step)
    target = Step.SUMMARY if read(draft).editing else ORDER[ORDER.index(step) + 1]
    update(draft, now, step=target, editing=False, **answers)


def update(draft: ReportDraft, now: datetime, step: Step | None = None, **answers) -> None:
    """Stores answers (and the step, if given) on the draft."""
    write(draft, now, **answers)
    if step is not None:
        draft.step = step.value
