"""The form's declared table of questions is whole: every step, field and screen it names exists."""

from bot.reporting.answers import FIELDS
from bot.reporting.form import BACK_TO, EDITABLE, ORDER, QUESTION, QUESTIONS
from bot.reporting.steps import Step
from handlers.report.questions import QuestionRenderer


def test_every_step_is_declared_once_with_a_screen():
    steps = [question.step for question in QUESTIONS]
    assert len(steps) == len(set(steps)) and set(steps) == set(Step) == set(QUESTION)
    for question in QUESTIONS:
        assert callable(getattr(QuestionRenderer, f"_{question.screen}", None)), question.step


def test_the_answers_a_question_fills_are_draft_fields():
    for question in QUESTIONS:
        assert set(question.fills) <= FIELDS, question.step


def test_the_order_back_and_edit_menu_derive_from_the_table():
    assert ORDER[0] is Step.PROJECT and ORDER[-1] is Step.SUMMARY
    assert all(target in ORDER for target in BACK_TO.values())
    assert set(BACK_TO).isdisjoint(ORDER)
    assert EDITABLE == (
        Step.INVESTMENT,
        Step.STAGE,
        Step.PERCENT,
        Step.PROGRESS,
        Step.PROBLEMS,
        Step.PHOTOS,
    )
    typed = {q.step for q in QUESTIONS if q.text is not None}
    assert typed == {Step.INVESTMENT, Step.PERCENT, Step.PROGRESS, Step.PROBLEMS}
