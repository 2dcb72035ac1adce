"""The report form's step names, limits and refusal (its questions: bot/reporting/form.py)."""

from enum import StrEnum

from bot.refusals import Refused

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


class FormRefused(Refused):
    """The answer is not accepted; the code is the whole catalogue key of the reason."""
