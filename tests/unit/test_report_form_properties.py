"""Property tests of the report form: hostile text at every text step, then valid submissions.

Every text step (investment, typed stage, percent, progress, problems) gets random Unicode
(control and format characters included, surrogates excluded), 4096-character texts,
right-to-left and zero-width characters, SQL-, HTML- and Markdown-looking strings, huge
numbers and full-width digits, on a real migrated SQLite database. The only refusal allowed is
FormRefused, with a reason the catalogue can render; whatever happens, the draft stays a valid
state, no report or problem is written by answering, and the tables are intact. Valid answer
sequences, submitted once and then revised, write exactly the accepted answers.

The default example counts keep this file fast (a few seconds) and the run deterministic
(``derandomize``). For a full run set ``PARKBOT_FUZZ_EXAMPLES`` (e.g. 2000): every property
then runs that many examples, with fresh random data each run::

    PARKBOT_FUZZ_EXAMPLES=2000 python -m pytest tests/unit/test_report_form_properties.py

The building blocks of the strategies and the draft invariants are shared with
tests/e2e/test_report_form_fuzz.py.
"""

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql
from sqlmodel import Session, col, select

from bot.db import Database
from bot.i18n import LANGUAGES, Catalogue
from bot.reporting import form, photo_step, steps
from bot.reporting.form import FormRefused, Step
from models import Person, Problem, ProgressReport, Project, ReportDraft, ReportPhoto, Stage
from models.draft import DraftStatus
from tests.factories import make_person, make_project

FUZZ_EXAMPLES = int(os.environ.get("PARKBOT_FUZZ_EXAMPLES") or 0)
CATALOGUE = Catalogue()
CURRENT = "2025-03"  # the period of the `now` fixture
PREVIOUS = "2025-02"
TOTAL = Decimal("100000")


def fuzz_settings(default: int) -> settings:
    """`default` examples, deterministic; PARKBOT_FUZZ_EXAMPLES examples, random, when set."""
    return settings(
        max_examples=FUZZ_EXAMPLES or default,
        derandomize=not FUZZ_EXAMPLES,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# -- hostile text ------------------------------------------------------------------------------

MAX_MESSAGE = 4096  # Telegram's limit on a message's text
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
RTL_TEXT = ["مرحبا بالعالم", "שלום", "\u202e0021\u202c", "\u202b١٢٠٠\u202c", "٤٥٪", "۱۲۰۰"]
SQL_LIKE = [
    "'; DROP TABLE progress_report; --",
    "1 OR 1=1",
    "1' OR '1'='1",
    "0; DELETE FROM report_draft; --",
    '"; UPDATE project SET total_investment = 0; --',
    "1); DROP TABLE problem; --",
    "1 UNION SELECT name FROM sqlite_master",
    "%' AND 1=0 UNION SELECT phone FROM person --",
    "Robert'); DROP TABLE person;--",
    "45; PRAGMA writable_schema = 1;",
    "0 /* */ OR /* */ 1",
    "' || (SELECT count(*) FROM audit_log) || '",
]
MARKUP_LIKE = [
    "<b>1200</b>",
    "<script>alert(1)</script>",
    "<a href='tg://user?id=1'>点我</a>",
    "*45*",
    "_50_",
    "[1200](http://example.com)",
    "`50`",
    "```sql\nSELECT 1;\n```",
    "&lt;1&gt; &amp; &#0;",
    "<",
    "</b>",
    "{ $text }",
    "{$project}",
    '{ -brand } { "x" }',
    "%s %d %(text)s {0} {}",
    "${jndi:ldap://example.com/a}",
    "\\n\\t\\x00\\u0000",
    "null",
    "None",
    "[]",
    '{"investment": "1"}',
]
NUMBER_LIKE = [
    "1e5",
    "1E+309",
    "Infinity",
    "-Infinity",
    "NaN",
    "sNaN",
    "-0",
    "+0",
    "−5",
    "负5",
    "0x10",
    "1_000",
    "1,2,3",
    "1.2.3",
    ".5",
    "5.",
    "00000000000000000000000000000000001",
    "0." + "0" * 150 + "1",
    "1" + "0" * 199,
    "9" * 200,
    "9" * 201,
    "100.05",
    "99.95",
    "100.0",
    "1e2%",
    "50%%",
    "%50",
    "0.00005",
    "0.00004999",
    "99999.99995",
    "100000.00004",
    "100000.00005",
    "0.12亿",
    "1200万元",
    "1200元",
    "0.5元",
    "10000000000000元",
    "10000000000001元",
    "100000亿",
    "100001亿",
]
FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def sprinkled(core: st.SearchStrategy[str], noise: str) -> st.SearchStrategy[str]:
    """`core` with characters of `noise` inserted at random places."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        chars = list(draw(core))
        for _ in range(draw(st.integers(0, 4))):
            position = draw(st.integers(0, len(chars)))
            chars.insert(position, draw(st.sampled_from(noise)))
        return "".join(chars)

    return build()


def repeated_to(length: int, chunk: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts of exactly `length` characters made by repeating a generated chunk."""
    return chunk.map(lambda piece: (piece * (length // len(piece) + 1))[:length])


NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.decimals(min_value=-1000, max_value=200_000, places=4).map(str),
    st.integers(10**8, 10**250).map(str),  # huge, far past every limit
    st.integers(0, 10**12).map(lambda n: str(n).translate(FULL_WIDTH)),  # full-width digits
    st.decimals(0, 105, places=2).map(lambda d: f"{d}%".translate(FULL_WIDTH)),
    st.sampled_from(NUMBER_LIKE),
)
CONTROL_AND_FORMAT = st.characters(categories=["Cc", "Cf", "Co", "Zs", "Zl", "Zp"])
LONG = st.one_of(
    repeated_to(MAX_MESSAGE, st.text(min_size=1, max_size=12)),
    repeated_to(MAX_MESSAGE, st.sampled_from(["进", "1", " ", "\n", "\x00", ZERO_WIDTH, BIDI])),
    st.integers(-4, 4).map(lambda delta: "字" * (steps.MAX_PROGRESS + delta)),
    st.integers(-2, 2).map(lambda delta: " " + "字" * (steps.MAX_PROGRESS + delta) + "\x00 "),
    st.sampled_from(SQL_LIKE + MARKUP_LIKE).map(
        lambda piece: (piece * (MAX_MESSAGE // len(piece) + 1))[:MAX_MESSAGE]
    ),
)
HOSTILE = st.one_of(
    st.text(),  # full Unicode (surrogates excluded): controls, format, unassigned, private use
    st.text(alphabet=CONTROL_AND_FORMAT, max_size=20),
    st.sampled_from(SQL_LIKE + MARKUP_LIKE + RTL_TEXT),
    sprinkled(NUMBERS, ZERO_WIDTH + BIDI + "\x00\x07\x1b\r\n\t \u3000"),
    sprinkled(st.sampled_from(SQL_LIKE + MARKUP_LIKE + RTL_TEXT), ZERO_WIDTH + BIDI + "\x00"),
    st.tuples(st.text(alphabet=CONTROL_AND_FORMAT, max_size=3), NUMBERS, st.text(max_size=3)).map(
        "".join
    ),
    NUMBERS,
    LONG,
)


def stage_words() -> list[str]:
    """What people might type for a stage: values, labels in every language, near misses."""
    words = []
    for stage in Stage:
        labels = [CATALOGUE.text(language, f"stage-{stage.value}") for language in LANGUAGES]
        words += [stage.value, stage.value.upper(), f" {stage.value} ", *labels]
        words += [f"{label}\u200b" for label in labels]
    return words


STEP_INPUTS = {
    Step.INVESTMENT: st.one_of(HOSTILE, NUMBERS),
    Step.STAGE: st.one_of(HOSTILE, st.sampled_from(stage_words())),
    Step.PERCENT: st.one_of(HOSTILE, NUMBERS, st.decimals(-5, 105, places=2).map(str)),
    Step.PROGRESS: HOSTILE,
    Step.PROBLEMS: HOSTILE,
}
TEXT_STEPS = list(STEP_INPUTS)


def hostile_text(step: Step) -> st.SearchStrategy[str]:
    """Inputs for one text step: hostile text mixed with the step's plausible answers."""
    return STEP_INPUTS[step]


# -- the world -----------------------------------------------------------------------------------


@dataclass(repr=False)
class World:
    """A migrated database with one liaison; each example gets a project and draft of its own."""

    db: Database
    person_id: int
    now: datetime
    tables: set[str]

    def __repr__(self) -> str:
        return f"World(person_id={self.person_id})"


@pytest.fixture
def world(sqlite_db: Database, now: datetime) -> World:
    with sqlite_db.scope() as session:
        person = make_person(session, "李敏", is_liaison=True, telegram_user_id=1101)
    return World(sqlite_db, person.id, now, table_names(sqlite_db))


def table_names(db: Database) -> set[str]:
    with db.scope() as session:
        rows = session.exec(sql("SELECT name FROM sqlite_master WHERE type = 'table'"))
        return {row[0] for row in rows}


def new_project(session: Session, world: World, *, total: Decimal, prior: bool) -> Project:
    """A project of the world's liaison, optionally with last month's report to prefill from."""
    person = session.get(Person, world.person_id)
    project = make_project(session, liaisons=(person,), total_investment=total)
    if prior:
        session.add(
            ProgressReport(
                project_id=project.id,
                period=PREVIOUS,
                investment_month=min(total, Decimal("500")),
                investment_cumulative=min(total, Decimal("5000")),
                stage=Stage.MAIN_WORKS.value,
                percent=Decimal("40"),
                progress="主体结构施工到三层",
                problems="",
                reporter_id=person.id,
                submitted_at=world.now,
            )
        )
        session.flush()
    return project


# A valid answer per step, used to walk a draft to the step under test.
VALID = {
    Step.INVESTMENT: "0",
    Step.STAGE: Stage.MAIN_WORKS.value,
    Step.PERCENT: "40",
    Step.PROGRESS: "主体结构施工到四层",
    Step.PROBLEMS: "",
}


def answer(session: Session, draft: ReportDraft, step: Step, text: str, now: datetime) -> None:
    """Applies a typed answer the way the chat handler does for this step."""
    match step:
        case Step.INVESTMENT:
            form.answer_investment(session, draft, text, now)
        case Step.STAGE:
            form.answer_stage(draft, text, now)
        case Step.PERCENT:
            form.answer_percent(draft, text, now)
        case Step.PROGRESS:
            form.answer_progress(draft, text, now)
        case Step.PROBLEMS:
            form.answer_problems(draft, text, now)
        case _:
            raise AssertionError(step)


def draft_at(world: World, step: Step, *, total: Decimal, prior: bool, editing: bool) -> int:
    """A fresh draft at `step`: answered in order up to it, or (editing) from the summary."""
    now = world.now
    with world.db.scope() as session:
        person = session.get(Person, world.person_id)
        project = new_project(session, world, total=total, prior=prior)
        draft = form.start(session, person=person, chat_id=1101, now=now, choices=[project])
        form.choose_period(session, draft, period=CURRENT, now=now)
        for earlier in TEXT_STEPS:
            if earlier is step and not editing:
                break
            answer(session, draft, earlier, VALID[earlier], now)
        if editing:
            photo_step.finish_photos(draft, now)
            assert Step(draft.step) is Step.SUMMARY
            form.edit(draft, step.value, now)
        assert Step(draft.step) is step
        return draft.id


# -- invariants ----------------------------------------------------------------------------------

ALLOWED_CHANGES = {
    Step.INVESTMENT: {"investment"},
    Step.STAGE: {"stage", "pending_stage"},
    Step.PERCENT: {"percent", "pending_percent"},
    Step.PROGRESS: {"progress", "progress_overlong"},
    Step.PROBLEMS: {"problems"},
}
NEXT = {
    Step.INVESTMENT: Step.STAGE,
    Step.STAGE: Step.PERCENT,
    Step.PERCENT: Step.PROGRESS,
    Step.PROGRESS: Step.PROBLEMS,
    Step.PROBLEMS: Step.PHOTOS,
}
# Lower than last month's report asks for a confirmation before going on.
CONFIRM = {Step.STAGE: Step.STAGE_CONFIRM, Step.PERCENT: Step.PERCENT_CONFIRM}
FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


def is_clean(text: str) -> bool:
    """No control, surrogate, private-use or unassigned characters except newline and tab."""
    return all(ch in "\n\t" or unicodedata.category(ch) not in FORBIDDEN_CATEGORIES for ch in text)


def is_visible(text: str) -> bool:
    """At least one visible character: only spaces and zero-width or direction marks count
    as empty."""
    return any(unicodedata.category(ch)[0] in "LMNPS" for ch in text)


def is_subsequence(part: str, whole: str) -> bool:
    """Every character of `part` appears in `whole`, in order (nothing was invented)."""
    rest = iter(whole)
    return all(ch in rest for ch in part)


def assert_money(value: str) -> Decimal:
    amount = Decimal(value)
    assert amount.is_finite() and amount >= 0, value
    assert value == format(amount.normalize(), "f"), f"not canonical: {value!r}"
    assert -amount.as_tuple().exponent <= 4, f"finer than one yuan: {value!r}"
    return amount


def assert_percent(value: str) -> Decimal:
    percent = Decimal(value)
    assert percent.is_finite() and 0 <= percent <= 100, value
    assert value == format(percent.normalize(), "f"), f"not canonical: {value!r}"
    assert -percent.as_tuple().exponent <= 1, f"more than one decimal: {value!r}"
    return percent


def assert_valid_state(session: Session, draft: ReportDraft) -> None:
    """The draft row is a state the form can continue from."""
    assert draft.status == DraftStatus.OPEN.value
    Step(draft.step)  # raises on an unknown step
    answers = draft.answers
    assert json.loads(json.dumps(answers, ensure_ascii=False)) == answers
    assert json.loads(json.dumps(answers)) == answers
    project = session.get(Project, answers["project_id"])
    assert answers["period"] == CURRENT
    if "investment" in answers:
        investment = assert_money(answers["investment"])
        cumulative = Decimal(answers["previous_cumulative"]) + investment
        assert cumulative <= project.total_investment, (cumulative, project.total_investment)
    for key in ("stage", "pending_stage"):
        if key in answers:
            assert answers[key] in {stage.value for stage in Stage}, answers[key]
    for key in ("percent", "pending_percent"):
        if key in answers:
            assert_percent(answers[key])
    if "progress" in answers:
        progress = answers["progress"]
        assert progress and len(progress) <= steps.MAX_PROGRESS, len(progress)
        assert is_clean(progress) and progress == progress.strip(), repr(progress[:80])
    if answers.get("progress_overlong") is not None:
        overlong = answers["progress_overlong"]
        assert len(overlong) > steps.MAX_PROGRESS and is_clean(overlong)
    if "problems" in answers:
        problems = answers["problems"]
        assert len(problems) <= steps.MAX_PROBLEMS, len(problems)
        assert is_clean(problems) and problems == problems.strip(), repr(problems[:80])


def count(session: Session, table: str) -> int:
    return session.exec(sql(f"SELECT count(*) FROM {table}")).one()[0]


def assert_tables_intact(world: World, reports_before: int) -> None:
    assert table_names(world.db) == world.tables
    with world.db.scope() as session:
        assert count(session, "progress_report") == reports_before
        assert count(session, "problem") == 0
        assert count(session, "report_photo") == 0
        assert count(session, "person") == 1
        assert count(session, "report_draft") >= 1
        assert session.exec(sql("PRAGMA quick_check")).one()[0] == "ok"


def assert_renderable(refusal: FormRefused) -> None:
    """The handler shows the refusal through the catalogue: it must format in every language."""
    for language in LANGUAGES:
        shown = CATALOGUE.text(language, refusal.key, **refusal.params)
        assert shown.strip(), refusal.key


# -- hostile text at every text step ----------------------------------------------------------


@pytest.mark.parametrize("step", TEXT_STEPS, ids=[step.value for step in TEXT_STEPS])
@fuzz_settings(60)
@given(
    data=st.data(),
    total=st.sampled_from([TOTAL, Decimal("1200.5"), Decimal("0")]),
    prior=st.booleans(),
    editing=st.booleans(),
)
def test_any_text_at_a_text_step_leaves_a_valid_draft(
    world: World, step: Step, data: st.DataObject, total: Decimal, prior: bool, editing: bool
) -> None:
    typed = data.draw(hostile_text(step), label="typed")
    draft_id = draft_at(world, step, total=total, prior=prior, editing=editing)
    with world.db.scope() as session:
        reports_before = count(session, "progress_report")
        before = dict(session.get(ReportDraft, draft_id).answers)

    refusal: FormRefused | None = None
    with world.db.scope() as session:
        draft = session.get(ReportDraft, draft_id)
        try:
            answer(session, draft, step, typed, world.now)
        except FormRefused as error:  # anything else fails the test
            refusal = error  # the handler catches it inside the transaction, so we do too

    with world.db.scope() as session:
        draft = session.get(ReportDraft, draft_id)
        assert_valid_state(session, draft)
        after = draft.answers
        changed = {key for key in after.keys() | before.keys() if after.get(key) != before.get(key)}
        assert changed <= ALLOWED_CHANGES[step] | {"editing"}, changed
        if refusal is not None:
            assert_renderable(refusal)
            assert Step(draft.step) is step, "a refused answer asks the same question again"
            assert changed <= {"progress_overlong"}, changed
            if step is Step.PROGRESS and refusal.key == "report-progress-too-long":
                assert is_subsequence(after["progress_overlong"], typed)
        else:
            expected = {Step.SUMMARY if editing else NEXT[step]}
            if prior and step in CONFIRM:
                expected.add(CONFIRM[step])
            assert Step(draft.step) in expected, (step, draft.step)
            assert_accepted(step, typed, after)
    assert_tables_intact(world, reports_before)


def assert_accepted(step: Step, typed: str, answers: dict[str, Any]) -> None:
    """What an accepted answer was stored as, judged against what was typed."""
    match step:
        case Step.INVESTMENT:
            if re.fullmatch(r"[0-9]{1,9}", typed):
                assert Decimal(answers["investment"]) == int(typed)
            assert "investment" in answers
        case Step.STAGE:
            assert typed in {stage.value for stage in Stage}
            assert typed in (answers.get("stage"), answers.get("pending_stage"))
        case Step.PERCENT:
            stored = answers.get("pending_percent") or answers["percent"]
            if re.fullmatch(r"[0-9]{1,3}(\.[0-9])?%?", typed):
                assert Decimal(stored) == Decimal(typed.rstrip("%"))
        case Step.PROGRESS:
            assert is_subsequence(answers["progress"], typed)
            assert answers.get("progress_overlong") is None
            if is_clean(typed) and is_visible(typed):
                assert answers["progress"] == typed.strip(), "clean text is kept verbatim"
        case Step.PROBLEMS:
            assert is_subsequence(answers["problems"], typed)
            if is_clean(typed) and is_visible(typed):
                assert answers["problems"] == typed.strip(), "clean text is kept verbatim"


# -- valid sequences, submitted and revised ---------------------------------------------------

CLEAN_CHARS = st.one_of(
    st.characters(exclude_categories=["Cc", "Cs", "Co", "Cn"]), st.sampled_from("\n\t")
)


@dataclass
class Answers:
    """One valid pass through the form: what is typed and what must be stored."""

    investment_typed: str
    investment: Decimal
    stage: Stage
    percent_typed: str
    percent: Decimal
    progress_typed: str
    problems_typed: str | None  # None: the 无 button

    @property
    def progress(self) -> str:
        return self.progress_typed.strip()

    @property
    def problems(self) -> str:
        return (self.problems_typed or "").strip()


def money_forms(amount: Decimal) -> list[str]:
    """The ways people write an amount of 万元 (at most 4 decimal places)."""
    plain = format(amount, "f")
    return [
        plain,
        f"{amount:,f}",
        f"{plain}万",
        f" {plain} 万元 ",
        plain.translate(FULL_WIDTH),
        f"{amount:,f}".translate(FULL_WIDTH) + "万",
        format(amount.scaleb(-4), "f") + "亿",
        format(amount.scaleb(4).quantize(Decimal(1)), "f") + "元",
    ]


def percent_forms(percent: Decimal) -> list[str]:
    plain = format(percent, "f")
    return [plain, f"{plain}%", f" {plain} ％", plain.translate(FULL_WIDTH)]


@st.composite
def valid_answers(draw: st.DrawFn) -> Answers:
    investment = draw(st.decimals(min_value=0, max_value=TOTAL / 2, places=4))
    percent = draw(st.decimals(min_value=0, max_value=100, places=1))
    progress = draw(
        st.one_of(
            st.text(CLEAN_CHARS, min_size=1, max_size=60),
            st.sampled_from(SQL_LIKE + MARKUP_LIKE + RTL_TEXT),
            st.just("进" * steps.MAX_PROGRESS),
        ).filter(lambda text: text.strip())
    )
    problems = draw(
        st.one_of(
            st.none(),
            st.text(CLEAN_CHARS, max_size=60),
            st.sampled_from(SQL_LIKE + MARKUP_LIKE + RTL_TEXT),
        )
    )
    return Answers(
        investment_typed=draw(st.sampled_from(money_forms(investment))),
        investment=investment,
        stage=draw(st.sampled_from(list(Stage))),
        percent_typed=draw(st.sampled_from(percent_forms(percent))),
        percent=percent,
        progress_typed=progress,
        problems_typed=problems,
    )


def fill_and_submit(world: World, project_id: int, answers: Answers) -> ProgressReport:
    """Walks the form with valid answers (confirming any step back) and submits it."""
    now = world.now
    with world.db.scope() as session:
        person = session.get(Person, world.person_id)
        project = session.get(Project, project_id)
        draft = form.start(session, person=person, chat_id=1101, now=now, choices=[project])
        form.choose_period(session, draft, period=CURRENT, now=now)
        if Step(draft.step) is Step.REVISE:
            form.confirm_revision(draft, now)
        form.answer_investment(session, draft, answers.investment_typed, now)
        form.answer_stage(draft, answers.stage.value, now)
        if Step(draft.step) is Step.STAGE_CONFIRM:
            form.confirm_stage(draft, now)
        form.answer_percent(draft, answers.percent_typed, now)
        if Step(draft.step) is Step.PERCENT_CONFIRM:
            form.confirm_percent(draft, now)
        form.answer_progress(draft, answers.progress_typed, now)
        form.answer_problems(draft, answers.problems_typed, now)
        photo_step.finish_photos(draft, now)
        assert_valid_state(session, draft)
        submitted = form.submit(session, draft, person=person, now=now)
        assert draft.status == DraftStatus.SUBMITTED.value
        return submitted.report


def assert_report_matches(report: ProgressReport, answers: Answers) -> None:
    assert report.period == CURRENT
    assert report.investment_month == answers.investment
    assert report.stage == answers.stage.value
    assert report.percent == answers.percent
    assert report.progress == answers.progress
    assert report.problems == answers.problems


def reports_of(session: Session, project_id: int) -> list[ProgressReport]:
    query = select(ProgressReport).where(ProgressReport.project_id == project_id)
    order = (col(ProgressReport.period), col(ProgressReport.revision))
    return list(session.exec(query.order_by(*order)))


def problems_of(session: Session, project_id: int) -> list[Problem]:
    query = select(Problem).where(Problem.project_id == project_id)
    return list(session.exec(query.order_by(col(Problem.id))))


@fuzz_settings(25)
@given(first=valid_answers(), second=valid_answers(), prior=st.booleans())
def test_valid_answers_submit_one_report_then_a_revision(
    world: World, first: Answers, second: Answers, prior: bool
) -> None:
    with world.db.scope() as session:
        project_id = new_project(session, world, total=TOTAL, prior=prior).id
    prior_reports = 1 if prior else 0

    fill_and_submit(world, project_id, first)
    with world.db.scope() as session:
        reports = reports_of(session, project_id)
        assert [r.period for r in reports] == [PREVIOUS] * prior_reports + [CURRENT]
        reports = reports[prior_reports:]
        [report] = reports
        assert (report.revision, report.is_current) == (1, True)
        assert_report_matches(report, first)
        assert report.investment_cumulative == first.investment + (5000 if prior else 0)
        assert report.changes == {}
        raised = [problem.text for problem in problems_of(session, project_id)]
        assert raised == ([first.problems] if first.problems else [])
        assert count(session, "report_photo") == 0

    fill_and_submit(world, project_id, second)
    with world.db.scope() as session:
        reports = [r for r in reports_of(session, project_id) if r.period == CURRENT]
        assert [r.revision for r in reports] == [1, 2]
        assert [r.is_current for r in reports] == [False, True]
        assert_report_matches(reports[0], first)
        assert_report_matches(reports[1], second)
        assert reports[1].investment_cumulative == second.investment + (5000 if prior else 0)
        changed = {
            field
            for field, old, new in [
                ("investment_month", first.investment, second.investment),
                ("stage", first.stage, second.stage),
                ("percent", first.percent, second.percent),
                ("progress", first.progress, second.progress),
                ("problems", first.problems, second.problems),
            ]
            if old != new
        }
        assert set(reports[1].changes) == changed
        raised = [first.problems] if first.problems else []
        if second.problems and second.problems != first.problems:
            raised.append(second.problems)
        assert [problem.text for problem in problems_of(session, project_id)] == raised
        current = session.exec(
            select(ProgressReport).where(
                ProgressReport.project_id == project_id,
                ProgressReport.period == CURRENT,
                ProgressReport.is_current,
            )
        ).all()
        assert [r.revision for r in current] == [2]
        assert session.exec(sql("PRAGMA quick_check")).one()[0] == "ok"
    assert table_names(world.db) == world.tables
    with world.db.scope() as session:
        assert not session.exec(select(ReportPhoto)).all()
