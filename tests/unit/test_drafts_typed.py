"""The typed draft answers: the row's encoding is the one open drafts already have."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.reporting.answers import DraftAnswers, Photo, clean_text, encode, read, write
from models.draft import ReportDraft
from models.report import Stage

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)

# A draft at the summary as the bot has always stored it (and a key no release knows).
STORED = {
    "current_period": "2025-03",
    "choices": [7],
    "project_id": 7,
    "project_name": "一号厂房",
    "total": "5000",
    "period": "2025-03",
    "previous_cumulative": "1200.5",
    "prior": {
        "period": "2025-02",
        "investment_month": "300",
        "cumulative": "1200.5",
        "stage": "started",
        "percent": "12.5",
        "progress": "基础完成",
        "problems": "",
    },
    "prefill": None,
    "revision_of": None,
    "existing_revision": None,
    "existing_at": None,
    "existing_reporter_name": None,
    "investment": "100",
    "stage": "main_works",
    "percent": "20",
    "progress": "主体施工",
    "progress_overlong": None,
    "problems": "",
    "photos": [{"file_id": "f", "file_unique_id": "u", "local_path": None, "size": 10}],
    "fetched": {"2025-03-10": 1},
    "editing": False,
    "last_input": 41,
    "from_an_older_release": 1,
}


def draft(answers: dict) -> ReportDraft:
    return ReportDraft(
        person_id=1,
        chat_id=1,
        step="summary",
        answers=dict(answers),
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_stored_draft_reads_typed():
    answers = read(draft(STORED))
    assert answers.total == Decimal("5000") and answers.previous_cumulative == Decimal("1200.5")
    assert answers.stage is Stage.MAIN_WORKS and answers.prior.stage is Stage.STARTED
    assert answers.prior.percent == Decimal("12.5") and answers.last_input == 41
    assert answers.photos == [Photo(file_id="f", file_unique_id="u", size=10)]


def test_an_empty_draft_reads_as_defaults():
    answers = read(draft({}))
    assert answers == DraftAnswers()
    assert (answers.photos, answers.fetched, answers.editing, answers.last_input) == (
        [],
        {},
        False,
        -1,
    )


def test_writing_keeps_the_encoding_and_every_other_key():
    row = draft(STORED)
    write(row, NOW, investment=Decimal("1.2E+3"), percent=Decimal("12.50"), stage=Stage.TRIAL)
    assert row.answers == {**STORED, "investment": "1200", "percent": "12.5", "stage": "trial"}


def test_rewriting_every_answer_leaves_a_stored_draft_unchanged():
    row = draft(STORED)
    typed = read(row)
    write(row, NOW, **{name: getattr(typed, name) for name in typed.model_fields_set})
    assert row.answers == STORED


def test_only_the_answers_written_become_keys():
    row = draft({})
    write(row, NOW, progress_overlong=None, current_period="2025-03")
    assert row.answers == {"progress_overlong": None, "current_period": "2025-03"}


def test_a_field_the_model_does_not_have_is_refused():
    with pytest.raises(ValueError, match="not a draft answer"):
        encode(investmnet="1")


def test_a_value_of_the_wrong_type_is_refused():
    with pytest.raises(ValueError):
        encode(stage="not-a-stage")


def test_clean_text_drops_control_characters_and_keeps_line_breaks():
    assert clean_text(" 进度\x00\n完成 ") == "进度\n完成"
    assert clean_text("\u200b ") == ""
