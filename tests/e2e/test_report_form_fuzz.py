"""Fuzzing the report form in chat: hostile text at every text step, through the real bot.

A liaison with one project walks the form to each text step (investment, stage typed by
name, percent, progress, problems) and sends generated text: random Unicode, 4096-character
texts, control characters, right-to-left and zero-width characters, SQL-, HTML- and
Markdown-looking strings, huge numbers, full-width digits. Every message must get an answer
(the question again, or the next one), no bot message may show a traceback, an English
error or a Python exception name, no handler may fail, the draft must stay a valid state
with nothing submitted, and a valid answer afterwards must bring the next question.

The examples come from a seeded ``random.Random`` (the run is deterministic) over the
strategies' building blocks of tests/unit/test_report_form_properties.py, going round the
kinds of text so that every kind is sent. By default 25 examples in all (5 per step, one bot
per step); ``PARKBOT_FUZZ_EXAMPLES`` sets the total for a full run (each example is a few
round trips through the emulator, about 0.1 s)::

    PARKBOT_FUZZ_EXAMPLES=1000 python -m pytest tests/e2e/test_report_form_fuzz.py
"""

import os
import random
import re
import unicodedata
from collections.abc import Callable

import pytest
from sqlmodel import select

from bot.i18n import LANGUAGES, Catalogue
from bot.reporting.steps import Step
from models import ReportDraft, Stage
from models.draft import DraftStatus
from tests.e2e.chat import screen
from tests.emulator.users import SimUser
from tests.factories import make_one_project_site
from tests.fuzz_text import random_unicode, sprinkle
from tests.unit.test_report_form_properties import (
    BIDI,
    FULL_WIDTH,
    MARKUP_LIKE,
    MAX_MESSAGE,
    NEXT,
    NUMBER_LIKE,
    RTL_TEXT,
    SQL_LIKE,
    TEXT_STEPS,
    ZERO_WIDTH,
    assert_valid_state,
    count,
)

pytestmark = pytest.mark.e2e

LIAISON_ID = 1101
SEED = 20250310
TOTAL_EXAMPLES = int(os.environ.get("PARKBOT_FUZZ_EXAMPLES") or 25)
PER_STEP = max(1, -(-TOTAL_EXAMPLES // len(TEXT_STEPS)))
CATALOGUE = Catalogue()
APOLOGIES = [CATALOGUE.text(language, "error-apology") for language in LANGUAGES]
LEAKS = re.compile(r"Traceback|Error|Exception|FormRefused|InvalidOperation|File \"|\bline \d+")

QUESTIONS = {
    Step.INVESTMENT: "① 本月完成投资",
    Step.STAGE: "② 目前所处阶段",
    Step.PERCENT: "③ 形象进度（",
    Step.PROGRESS: "④ 本月主要进展（",
    Step.PROBLEMS: "⑤ 需要协调解决的问题？",
    Step.PHOTOS: "⑥ 现场照片：可发送",
    Step.SUMMARY: "请核对",
}
# Typed answers that walk the form forward (the stage typed by its name, as people do).
VALID_TYPED = {
    Step.INVESTMENT: "1,200",
    Step.STAGE: CATALOGUE.text("zh_CN", f"stage-{Stage.MAIN_WORKS.value}"),
    Step.PERCENT: "45%",
    Step.PROGRESS: "完成主体结构封顶，开始砌筑。",
    Step.PROBLEMS: "用地指标待协调",
}


# -- generated text ------------------------------------------------------------------------------


def number(rng: random.Random) -> str:
    return rng.choice(
        [str(rng.randint(0, 10**6)), f"{rng.uniform(0, 120):.{rng.randint(0, 5)}f}", "45", "1200"]
    )


def control_text(rng: random.Random) -> str:
    controls = [chr(point) for point in [*range(0x00, 0x20), *range(0x7F, 0xA0)]]
    core = rng.choice([number(rng), "进展顺利", "用地", *VALID_TYPED.values()])
    return sprinkle(rng, core, "".join(controls), times=6)


def long_text(rng: random.Random) -> str:
    chunk = rng.choice(
        [random_unicode(rng, rng.randint(1, 12)), "进", "1", "\x00", ZERO_WIDTH, *SQL_LIKE]
    )
    return (chunk * (MAX_MESSAGE // len(chunk) + 1))[:MAX_MESSAGE]


def invisible_only(rng: random.Random) -> str:
    """Zero-width characters and spaces, nothing else: looks empty, is not."""
    marks = "".join(rng.choice(ZERO_WIDTH + BIDI) for _ in range(rng.randint(0, 3)))
    return sprinkle(rng, "\u200b" + marks, "\u200b\u200c\u200d\u2060\ufeff \u3000")


def bidi_mixed(rng: random.Random) -> str:
    core = rng.choice([number(rng), *RTL_TEXT, *VALID_TYPED.values()])
    return sprinkle(rng, core, ZERO_WIDTH + BIDI)


def huge_number(rng: random.Random) -> str:
    return rng.choice([str(rng.randint(10**8, 10**250)), *NUMBER_LIKE])


def full_width(rng: random.Random) -> str:
    value = rng.choice([str(rng.randint(0, 10**12)), f"{rng.uniform(0, 105):.2f}%", "1,200"])
    return value.translate(FULL_WIDTH)


KINDS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("unicode", lambda rng: random_unicode(rng, rng.randint(1, 40))),
    ("long", long_text),
    ("control", control_text),
    ("sql", lambda rng: rng.choice(SQL_LIKE)),
    ("invisible", invisible_only),
    ("bidi", bidi_mixed),
    ("markup", lambda rng: rng.choice(MARKUP_LIKE)),
    ("huge", huge_number),
    ("fullwidth", full_width),
]


def sendable(text: str) -> str:
    """What Telegram can deliver: at most 4096 characters, never empty or only spaces."""
    text = text[:MAX_MESSAGE]
    return text if text.strip() else text[: MAX_MESSAGE - 1] + "\u200b"


def examples(step: Step) -> list[tuple[str, str]]:
    """(kind, text) pairs for one step, the kinds taken in turn (shifted from step to step)."""
    index = TEXT_STEPS.index(step)
    rng = random.Random(SEED + index)
    cases = []
    for number_ in range(PER_STEP):
        kind, make = KINDS[(number_ + index * PER_STEP) % len(KINDS)]
        cases.append((kind, sendable(make(rng))))
    return cases


# -- the chat ------------------------------------------------------------------------------------


@pytest.fixture
def site(db):
    """A bound liaison with a single project (so the form picks it at once), no reports yet."""
    with db.scope() as session:
        return make_one_project_site(session, liaison_telegram_id=LIAISON_ID)


def is_question(message: dict) -> bool:
    """A form question: one of the questions' texts, with the form's buttons."""
    text = message.get("text") or ""
    return bool(message.get("reply_markup")) and any(q in text for q in QUESTIONS.values())


def is_apology(message: dict) -> bool:
    return any(apology in (message.get("text") or "") for apology in APOLOGIES)


def reply_to(user: SimUser, send: Callable[[], object]) -> list[dict]:
    """Sends, then waits for the bot's answer ending in a question (or an apology)."""
    user.drain()
    send()
    last = user.wait_message(lambda m: is_question(m) or is_apology(m), timeout=10)
    replies = [*user.drain(), last]
    assert not any(is_apology(m) for m in replies), "the bot apologised: a handler failed"
    return replies


def open_draft(harness) -> ReportDraft:
    with harness.db.scope() as session:
        return session.exec(select(ReportDraft).where(ReportDraft.status == "open")).one()


def walk_to(harness, user: SimUser, step: Step) -> None:
    """A new form, answered with valid typed answers up to `step`."""
    user.drain()
    user.send_command("cancel")
    user.wait_message()  # 已取消 / nothing to cancel
    user.drain()
    user.send_command("report")
    user.wait_message(lambda m: "请选择填报月份" in (m.get("text") or ""))
    user.press("2025年3月")
    screen(harness.emulator, user, QUESTIONS[Step.INVESTMENT])
    for earlier in TEXT_STEPS[: TEXT_STEPS.index(step)]:
        replies = reply_to(user, lambda earlier=earlier: user.send_text(VALID_TYPED[earlier]))
        assert QUESTIONS[TEXT_STEPS[TEXT_STEPS.index(earlier) + 1]] in replies[-1]["text"]
    assert Step(open_draft(harness).step) is step


def assert_no_leaks(replies: list[dict], typed: str) -> None:
    """No traceback, English error or exception name, unless the user typed it themselves."""
    echoed = unicodedata.normalize("NFKC", typed)
    for message in replies:
        text = message.get("text") or message.get("caption") or ""
        for leak in LEAKS.findall(text):
            assert leak in echoed, f"bot message shows {leak!r}: {text[:300]!r}"


def still_usable(harness, user: SimUser) -> None:
    """A valid answer to whatever is asked now brings the next question."""
    step = Step(open_draft(harness).step)
    if step is Step.PHOTOS:
        user.press("跳过")
        screen(harness.emulator, user, QUESTIONS[Step.SUMMARY])
        return
    replies = reply_to(user, lambda: user.send_text(VALID_TYPED[step]))
    # No earlier report, so no confirmations: straight to the next question.
    assert QUESTIONS[NEXT[step]] in replies[-1]["text"], replies[-1]["text"][:200]


@pytest.mark.parametrize("step", TEXT_STEPS, ids=[step.value for step in TEXT_STEPS])
def test_hostile_text_gets_an_answer_and_the_form_goes_on(harness, site, step):
    user = harness.emulator.add_user(LIAISON_ID, "Min")
    for number_, (kind, typed) in enumerate(examples(step)):
        try:
            walk_to(harness, user, step)
            replies = reply_to(user, lambda typed=typed: user.send_text(typed))
            assert_no_leaks(replies, typed)
            assert harness.bot.errors == []
            with harness.db.scope() as session:
                draft = session.exec(
                    select(ReportDraft).where(ReportDraft.status == DraftStatus.OPEN.value)
                ).one()
                assert_valid_state(session, draft)
                now_at = Step(draft.step)
                assert now_at in {step, NEXT[step]}, now_at
                assert QUESTIONS[now_at] in replies[-1]["text"], "chat and draft disagree"
                assert count(session, "progress_report") == 0
                assert count(session, "problem") == 0
            still_usable(harness, user)
            assert harness.bot.errors == []
        except AssertionError as failure:
            raise AssertionError(
                f"{step.value} example {number_} ({kind}) {typed[:120]!r}: {failure}"
            ) from failure
