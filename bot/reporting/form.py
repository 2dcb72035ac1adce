"""The report form as a state machine over a draft row: every answer is stored at once.

Handlers call one function per user action; each validates, writes the draft and returns
the step to ask next, or raises FormRefused so the same question is asked again.
"""

import unicodedata
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot.formatting import format_money
from bot.parsing import ParseError, parse_money, parse_percent, period_of, previous_period
from bot.people.access import can_report
from bot.reporting import media
from bot.reporting.drafts import (
    close,
    expire_stale,
    is_expired,
    is_replay,
    mark_input,
    open_draft,
    person_and_draft,
)
from bot.reporting.photo_step import add_photo, finish_photos, photos_fetched_on, reserve_photo
from bot.reporting.reports import (
    ReportInput,
    ReportRefused,
    Submitted,
    cumulative_before,
    current_report,
    own_projects,
    prior_report,
    submit_report,
)
from bot.reporting.steps import (
    BACK_TO,
    EDITABLE,
    MAX_PHOTOS,
    MAX_PROBLEMS,
    MAX_PROGRESS,
    ORDER,
    FormRefused,
    Step,
    advance,
    back,
    edit,
    update,
)
from bot.text_limits import units
from models import Person, Project
from models.draft import DraftStatus, ReportDraft
from models.report import ProgressReport, Stage

# Characters an answer never keeps: control, surrogate, private-use, unassigned.
DROPPED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}

# The form's whole surface, for handlers that call `form.<action>`.
__all__ = [
    "BACK_TO", "EDITABLE", "MAX_PHOTOS", "MAX_PROBLEMS", "MAX_PROGRESS",
    "ORDER", "FormRefused", "Step", "add_photo", "answer_investment", "answer_percent",
    "answer_problems", "answer_progress", "answer_stage", "back", "choose_period",
    "choose_project", "close", "confirm_percent", "confirm_revision", "confirm_stage",
    "copy_previous", "edit", "expire_stale", "finish_photos", "is_expired", "is_replay",
    "mark_input", "open_draft", "periods", "person_and_draft", "photos_fetched_on",
    "reserve_photo", "start", "submit",
]  # fmt: skip


def start(
    session: Session,
    *,
    person: Person,
    chat_id: int,
    now: datetime,
    choices: list[Project] | None = None,
) -> ReportDraft:
    """Opens a new form (closing any open one) over `choices` (default: the person's projects).

    With a single choice the project is picked at once.
    """
    previous = open_draft(session, person)
    if previous is not None:
        close(session, previous, DraftStatus.CANCELLED, now)
    draft = ReportDraft(
        person_id=person.id,
        chat_id=chat_id,
        step=Step.PROJECT.value,
        answers={"current_period": period_of(now.date())},
        created_at=now,
        updated_at=now,
    )
    if choices is None:
        choices = own_projects(session, person)
    draft.answers["choices"] = [project.id for project in choices]
    session.add(draft)
    session.flush()
    if len(choices) == 1:
        choose_project(session, draft, person=person, project_id=choices[0].id, now=now)
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
        total=_text(project.total_investment),
    )


def periods(draft: ReportDraft) -> list[str]:
    """The periods offered: this month first, then the previous one."""
    current = draft.answers["current_period"]
    return [current, previous_period(current)]


def choose_period(session: Session, draft: ReportDraft, *, period: str, now: datetime) -> None:
    """Sets the period; an existing report asks whether to revise it."""
    if period not in periods(draft):
        raise FormRefused("report-period-not-offered")
    project_id = draft.answers["project_id"]
    existing = current_report(session, project_id, period)
    prior = prior_report(session, project_id, period)
    base = {
        "period": period,
        "previous_cumulative": _text(cumulative_before(session, project_id, period)),
        "prior": _snapshot(prior),
        "prefill": _snapshot(existing or prior),
        "revision_of": existing.id if existing else None,
        "existing_revision": existing.revision if existing else None,
        "existing_at": existing.submitted_at.isoformat() if existing else None,
        "existing_reporter_name": _person_name(session, existing.reporter_id) if existing else None,
    }
    update(draft, now, step=Step.REVISE if existing else Step.INVESTMENT, **base)


def confirm_revision(draft: ReportDraft, now: datetime) -> None:
    """Goes on to revise the existing report, its answers prefilled."""
    update(draft, now, step=Step.INVESTMENT)


def copy_previous(session: Session, draft: ReportDraft, now: datetime) -> None:
    """Takes every answer from the prefill (an uneventful month) and shows the summary."""
    prefill = draft.answers.get("prefill")
    if not prefill:
        raise FormRefused("report-nothing-to-copy")
    amount = Decimal(prefill["investment_month"])
    _check_total(session, draft, amount)
    dropped = media.photo_paths(draft.answers.get("photos", []))
    update(
        draft,
        now,
        step=Step.SUMMARY,
        investment=prefill["investment_month"],
        stage=prefill["stage"],
        percent=prefill["percent"],
        progress=prefill["progress"],
        problems=prefill["problems"] if draft.answers.get("revision_of") else "",
        photos=[],
    )
    media.discard(session, dropped)


def answer_investment(session: Session, draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores this month's investment (万元) after checking it against the project's total."""
    try:
        amount = parse_money(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    _check_total(session, draft, amount)
    advance(draft, now, investment=_text(amount))


def answer_stage(draft: ReportDraft, stage: str, now: datetime) -> None:
    """Stores the stage; one earlier than last period's asks for a confirmation first."""
    if stage not in {item.value for item in Stage}:
        raise FormRefused("report-stage-unknown")
    prior = draft.answers.get("prior")
    if prior and Stage(stage).rank < Stage(prior["stage"]).rank:
        update(draft, now, step=Step.STAGE_CONFIRM, pending_stage=stage)
        return
    advance(draft, now, stage=stage)


def confirm_stage(draft: ReportDraft, now: datetime) -> None:
    """Accepts a stage earlier than last period's."""
    advance(draft, now, from_step=Step.STAGE, stage=draft.answers["pending_stage"])


def answer_percent(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores physical progress 0–100; lower than last period's asks for a confirmation."""
    try:
        percent = parse_percent(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    prior = draft.answers.get("prior")
    if prior and percent < Decimal(prior["percent"]):
        update(draft, now, step=Step.PERCENT_CONFIRM, pending_percent=_text(percent))
        return
    advance(draft, now, percent=_text(percent))


def confirm_percent(draft: ReportDraft, now: datetime) -> None:
    """Accepts a percentage lower than last period's."""
    advance(draft, now, from_step=Step.PERCENT, percent=draft.answers["pending_percent"])


def answer_progress(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores the main progress text; an overlong one is kept so nothing typed is lost."""
    cleaned = _clean_text(text)
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
    cleaned = _clean_text(text or "")
    if units(cleaned) > MAX_PROBLEMS:
        raise FormRefused("report-problems-too-long", length=units(cleaned), limit=MAX_PROBLEMS)
    advance(draft, now, problems=cleaned)


def submit(session: Session, draft: ReportDraft, *, person: Person, now: datetime) -> Submitted:
    """Writes the report in this transaction and closes the form."""
    if Step(draft.step) is not Step.SUMMARY:
        raise FormRefused("report-not-finished")
    answers = draft.answers
    data = ReportInput(
        project_id=answers["project_id"],
        period=answers["period"],
        investment_month=Decimal(answers["investment"]),
        stage=answers["stage"],
        percent=Decimal(answers["percent"]),
        progress=answers["progress"],
        problems=answers.get("problems", ""),
        photos=[
            {key: photo[key] for key in ("file_id", "file_unique_id", "local_path")}
            for photo in answers.get("photos", [])
        ],
    )
    try:
        submitted = submit_report(session, person=person, data=data, now=now)
    except ReportRefused as refusal:
        raise FormRefused(f"report-{refusal.code}", **refusal.params) from None
    close(session, draft, DraftStatus.SUBMITTED, now)
    return submitted


# -- helpers -----------------------------------------------------------------------------------


def _check_total(session: Session, draft: ReportDraft, amount: Decimal) -> None:
    # The draft's snapshot of the project total and prior cumulative answers at once, with
    # no query; submit_report checks again against the database inside its transaction.
    answers = draft.answers
    cumulative = Decimal(answers["previous_cumulative"]) + amount
    if cumulative > Decimal(answers["total"]):
        raise FormRefused(
            "report-over-total",
            cumulative=format_money(cumulative, exact=True),
            total=format_money(answers["total"], exact=True),
        )


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.name if person else ""


def _snapshot(report: ProgressReport | None) -> dict | None:
    if report is None:
        return None
    return {
        "period": report.period,
        "investment_month": _text(report.investment_month),
        "cumulative": _text(report.investment_cumulative),
        "stage": report.stage,
        "percent": _text(report.percent),
        "progress": report.progress,
        "problems": report.problems,
    }


def _text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def _clean_text(text: str) -> str:
    """Drops control and unassigned characters (keeping line breaks) and surrounding space."""
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in DROPPED_CATEGORIES
    ).strip()
    # Only zero-width or direction marks (category Cf) and spaces: nothing a reader can see.
    visible = any(unicodedata.category(ch)[0] in "LMNPS" for ch in kept)
    return kept if visible else ""
