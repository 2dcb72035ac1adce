"""The report form's questions, the order they come in, and moving between them."""

from datetime import datetime
from enum import StrEnum

from bot.refusals import Refused
from models.draft import ReportDraft

MAX_PROGRESS = 1000
MAX_PROBLEMS = 1000
MAX_PHOTOS = 5


class Step(StrEnum):
    """The questions of the form."""

    PROJECT = "project"
    PERIOD = "period"
    REVISE = "revise"
    INVESTMENT = "investment"
    STAGE = "stage"
    STAGE_CONFIRM = "stage_confirm"
    PERCENT = "percent"
    PERCENT_CONFIRM = "percent_confirm"
    PROGRESS = "progress"
    PROBLEMS = "problems"
    PHOTOS = "photos"
    SUMMARY = "summary"
    EDIT = "edit"


# The order Back walks; confirmations and the revise question step back to their question.
ORDER = [
    Step.PROJECT,
    Step.PERIOD,
    Step.INVESTMENT,
    Step.STAGE,
    Step.PERCENT,
    Step.PROGRESS,
    Step.PROBLEMS,
    Step.PHOTOS,
    Step.SUMMARY,
]
BACK_TO = {
    Step.REVISE: Step.PERIOD,
    Step.STAGE_CONFIRM: Step.STAGE,
    Step.PERCENT_CONFIRM: Step.PERCENT,
    Step.EDIT: Step.SUMMARY,
}
EDITABLE = (Step.INVESTMENT, Step.STAGE, Step.PERCENT, Step.PROGRESS, Step.PROBLEMS, Step.PHOTOS)


class FormRefused(Refused):
    """The answer is not accepted; the code is the whole catalogue key of the reason."""


def back(draft: ReportDraft, now: datetime) -> None:
    """Returns to the previous question, answers kept; while editing, back to the summary."""
    step = Step(draft.step)
    if draft.answers.get("editing") and step in EDITABLE:
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
    target = Step.SUMMARY if draft.answers.get("editing") else ORDER[ORDER.index(step) + 1]
    update(draft, now, step=target, editing=False, **answers)


def update(draft: ReportDraft, now: datetime, step: Step | None = None, **answers) -> None:
    """Stores answers (and the step, if given) on the draft."""
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, **answers}
    if step is not None:
        draft.step = step.value
    draft.updated_at = now
