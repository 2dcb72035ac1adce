"""Forged report-form buttons: refused like any stale button, never an apology or a traceback.

A modified client can send any callback data. At every question of the form, every action
the form knows is forged with arguments the question does not offer (and with the draft's
own id and current step, so it passes the stale-button check): each gets the stale-button
toast, the draft is unchanged, and nothing is logged at ERROR.
"""

import logging

import pytest
from sqlmodel import select

from handlers.report.callbacks import encode
from handlers.report.flow import BUTTON_ACTIONS
from models.draft import ReportDraft
from tests.e2e.test_access_matrix import Chat, t
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

LIAISON = 7501
# Every action bare, and those that take an argument with one no question offers.
FORGED_ARGUMENTS = {"project": "999999", "period": "2999-01", "stage": "x", "edit": "summary"}


@pytest.fixture
def liaison(db) -> None:
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        person = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        make_project(session, name="中联起重机械", park=park, liaisons=(person,))
        make_project(session, name="德施普惠医药", park=park, liaisons=(person,))


def _draft(db) -> tuple[int, str, dict]:
    with db.scope() as session:
        draft = session.exec(select(ReportDraft).where(ReportDraft.status == "open")).one()
        answers = {k: v for k, v in draft.answers.items() if k != "last_input"}
        return draft.id, draft.step, answers


def _offered(harness) -> set[str]:
    last = [m for m in harness.emulator.bot_messages(LIAISON) if m.get("reply_markup")][-1]
    return {b["callback_data"] for row in last["reply_markup"]["inline_keyboard"] for b in row}


def _forge_everything(chat: Chat, db, offered: set[str]) -> list[str]:
    """Presses every forged button at the current question; returns what went wrong."""
    draft_id, step, answers = _draft(db)
    wrong = []
    for action in BUTTON_ACTIONS:
        for argument in ("", FORGED_ARGUMENTS.get(action, "a:b")):
            data = encode(draft_id, step, action, argument)
            if data in offered:
                continue
            answer = chat.press(data)
            toast = (answer.callback or {}).get("text")
            if toast != t("report-button-stale") or answer.messages:
                wrong.append(f"{step}: {data}: {toast!r} {answer.text[:120]!r}")
            if _draft(db) != (draft_id, step, answers):
                wrong.append(f"{step}: {data} changed the draft")
                return wrong
    return wrong


def test_forged_form_buttons_are_refused_at_every_question(harness, liaison, db, caplog):
    caplog.set_level(logging.WARNING)
    chat = Chat(harness, harness.emulator.add_user(LIAISON, "Min"))
    chat.command("report")

    def pick(offered: set[str], part: str) -> None:
        chat.press(next(data for data in offered if part in data))

    # The forged presses put their own keyboard on the newest message (as a modified client
    # would), so each move on uses the buttons the question showed before them.
    walk = [
        lambda offered: pick(offered, ":project:project:"),
        lambda offered: pick(offered, ":period:period:"),
        lambda offered: chat.say("100"),
        lambda offered: pick(offered, ":stage:stage:started"),
        lambda offered: chat.say("10"),
        lambda offered: chat.say("主体结构施工中"),
        lambda offered: pick(offered, ":problems:none:"),
        lambda offered: pick(offered, ":photos:done:"),
        lambda offered: pick(offered, ":summary:edit:menu"),
    ]
    wrong, steps, offered = [], [], set()
    for move_on in [None, *walk]:
        if move_on is not None:
            move_on(offered)
        steps.append(_draft(db)[1])
        offered = _offered(harness)
        wrong += _forge_everything(chat, db, offered)
    assert steps == [
        "project", "period", "investment", "stage", "percent",
        "progress", "problems", "photos", "summary", "edit",
    ]  # fmt: skip
    assert not wrong, "\n".join(wrong)
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert logged == [], [r.getMessage() for r in logged]
    assert harness.bot.errors == []
