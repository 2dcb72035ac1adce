"""The people of the scripted day: liaisons filing the form, leaders asking, the admin."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tests.e2e.sim.actor import Actor, DraftReader
from tests.e2e.sim.city import LiaisonScript
from tests.e2e.sim.screens import (
    BROADCAST_STATUS,
    CANCELLED,
    DRAFT_STEPS,
    REMINDER_BUTTON,
    REMINDER_TEXT,
    SEND_BUTTON,
    STAGE_LABELS,
    SUBMITTED,
    question_of,
)
from tests.emulator.server import BotApiEmulator
from tests.screens import on, say


class Liaison(Actor):
    """Files the month's report, via /report or a reminder's button, resuming when lost."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        script: LiaisonScript,
        *,
        read_draft: DraftReader,
        via_reminder: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(emulator, emulator.user(script.telegram_id), **options)
        self.script = script
        self.read_draft = read_draft
        self.via_reminder = via_reminder
        self.resumed: list[tuple[int, int]] = []  # (question being answered, question shown)

    def _form_message(self) -> dict | None:
        """The newest bot message showing a question of the form."""
        for message in reversed(self._alive()):
            if question_of(message.get("text") or "") is not None:
                return message
        return None

    def _perform(self, step: int, shown: dict | None) -> None:
        s, user = self.script, self.user

        def press_on(message: dict | None, label: str) -> Callable[[], object]:
            return lambda: user.press(label, message=message)

        def press(label: str) -> Callable[[], object]:
            return press_on(shown, label)

        reminder = self._newest_reminder() if step == 0 and self.via_reminder else None
        if reminder is not None:
            action: Callable[[], object] = press_on(reminder, REMINDER_BUTTON)
        else:
            action = {
                0: lambda: user.send_command("report"),
                1: press(s.month_label),
                2: lambda: user.send_text(s.amount_text),
                3: press(STAGE_LABELS[s.stage]),
                4: lambda: user.send_text(s.percent_text),
                5: lambda: user.send_text(s.progress),
                6: press(say("button-no-problems")),
                7: press(say("button-photos-skip")),
                8: press(say("button-submit")),
            }[step]
        if not self.act(action):
            raise _Lost

    def _newest_reminder(self) -> dict | None:
        with self.emulator.state.cond:
            for message in reversed(self._alive()):
                if REMINDER_TEXT in (message.get("text") or "") and message.get("reply_markup"):
                    return copy.deepcopy(message)
        return None

    def wait_for_reminder(self, count: int, timeout: float) -> None:
        """Waits until `count` reminders to report have arrived."""

        def arrived() -> bool:
            texts = [m.get("text") or "" for m in self._alive()]
            return sum(REMINDER_TEXT in text for text in texts) >= count

        if not self.wait(arrived, timeout):
            raise AssertionError(f"{self.script.name}: reminder {count} never arrived")

    def file_report(self) -> None:
        """Answers every question; the run fails if the form ever forgets an acknowledged
        answer or applies one twice."""
        step, shown = 0, None
        while step <= SUBMITTED:
            after, answers = self.newest_id(), self.answers_seen()
            try:
                self._perform(step, shown)

                def check(step: int = step, after: int = after, answers: int = answers) -> Any:
                    current = self._form_message()
                    if current is not None and question_of(current["text"]) == step:
                        return ("ok", copy.deepcopy(current))
                    return ("fail", None) if self._failed_since(after, answers) else None

                outcome = self.wait(check)
            except _Lost:
                outcome = None
            if outcome and outcome[0] == "ok":
                shown = outcome[1]
                self._check_screen(step, shown["text"])
                self.tally.answered += 1
                step += 1
                continue
            self.retry(f"question {step}: {'apology' if outcome else 'no answer'}")
            at, shown = self._resume(step)
            if step == SUBMITTED and at == 0:
                self._cancel_new_form()  # the report went in; the new form is not wanted
                return
            step = at + 1

    def _resume(self, step: int) -> tuple[int, dict]:
        """Sends /report until the form shows a question; checks it against what was
        acknowledged and the draft against the answers given."""
        while True:
            message = self.ask(
                lambda: self.user.send_command("report"),
                lambda text: question_of(text) is not None,
                "resume",
            )
            assert message is not None
            at = question_of(message["text"])
            assert at is not None
            self.resumed.append((step, at))
            if step == SUBMITTED and at == 0:
                return at, message
            # Question `step - 1` was on screen when the liaison answered it: the form may be
            # there still (the answer was lost) or one further (only the reply was lost).
            assert step - 1 <= at <= step, (
                f"{self.script.name}: answering question {step - 1}, the form came back at "
                f"question {at} ({message['text'][:40]!r}): "
                + (
                    "an acknowledged answer was lost"
                    if at < step - 1
                    else "an answer applied twice"
                )
            )
            self.check_draft(at)
            self._check_screen(at, message["text"])
            return at, message

    def check_draft(self, at: int) -> None:
        """The open draft is at question `at` and holds every answer given before it."""
        draft = self.read_draft(self.script.person_id)
        assert draft is not None, f"{self.script.name}: no open draft at question {at}"
        assert draft.step == DRAFT_STEPS[at], (
            f"{self.script.name}: screen shows question {at}, draft is at {draft.step}"
        )
        for answered in range(1, at + 1):
            key, expected = self.script.draft_value(answered)
            got = draft.answers.get(key)
            assert got == expected, f"{self.script.name}: draft {key}={got!r}, gave {expected!r}"

    def _check_screen(self, at: int, text: str) -> None:
        s = self.script
        if at == 7:  # the summary shows every answer
            assert on(
                text,
                "report-summary",
                investment=f"{s.amount:,}",
                stage=STAGE_LABELS[s.stage],
                percent=s.percent,
                progress=s.progress,
            ), f"{s.name}: summary lacks an answer: {text!r}"
        if at == SUBMITTED:
            assert on(text, "report-submitted", revision=1), (
                f"{s.name}: not the first revision: {text!r}"
            )

    def _cancel_new_form(self) -> None:
        self.ask(
            lambda: self.user.send_command("cancel"),
            lambda text: any(word in text for word in CANCELLED),
            "cancel",
        )


class _Lost(Exception):
    """The action could not be performed (its button is gone)."""


class Leader(Actor):
    """Asks for project cards and the city overview."""

    def status(self, project: str) -> str:
        """/status <project>: its card."""
        card = self.ask(
            lambda: self.user.send_command("status", project),
            lambda text: project in text and on(text, "status-card-light"),
            f"status {project}",
        )
        assert card is not None
        return card["text"]

    def overview(self) -> str:
        """/overview: the city by park."""
        overview = self.ask(
            lambda: self.user.send_command("overview"),
            lambda text: on(text, "overview-header"),
            "overview",
        )
        assert overview is not None
        return overview["text"]


class Admin(Actor):
    """Broadcasts through the wizard; starts over when a step's reply is lost."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        self.status_message: int | None = None
        self.rounds = 0

    def broadcast(self, text: str, audience: str, count: int) -> None:
        """Sends `text` to `audience` (a button label), expecting `count` recipients."""
        while True:
            self.rounds += 1
            if self._wizard(text, audience, count):
                return
            # Whatever state the wizard is in, /cancel ends it (or says nothing is open).
            self.ask(
                lambda: self.user.send_command("cancel"),
                lambda reply: any(word in reply for word in CANCELLED),
                "cancel broadcast",
            )

    def _wizard(self, text: str, audience: str, count: int) -> bool:
        ask = self.ask(
            lambda: self.user.send_command("broadcast"),
            lambda reply: say("broadcast-ask-audience") in reply,
            "broadcast",
            tries=1,  # a lost reply may have opened the wizard: /broadcast is not heard again
        )
        if ask is None or not self._press_until(ask, audience, (say("broadcast-ask-text"),)):
            return False
        preview = self.ask(
            lambda: self.user.send_text(text),
            lambda reply: on(reply, "broadcast-preview"),
            "broadcast text",
            tries=2,  # the wizard waits for the text until a preview goes out
        )
        if preview is None:
            return False
        assert on(preview["text"], "broadcast-preview", count=count), preview["text"]
        # Once the preview turns into the status message the broadcast is going out: the
        # admin never starts over after that.
        if self._press_until(preview, SEND_BUTTON, BROADCAST_STATUS, patience=3 * self.patience):
            self.status_message = preview["message_id"]
            return True
        return False

    def _press_until(
        self,
        message: dict,
        label: str,
        expected: tuple[str, ...],
        patience: float | None = None,
    ) -> bool:
        """Presses a button (twice at most) until its message shows one of `expected`."""
        message_id = message["message_id"]

        def shows() -> bool:
            return any(word in self.message_text(message_id) for word in expected)

        for _ in range(2):
            answers = self.answers_seen()
            pressed = self.act(lambda: self.user.press(label, message=message))

            def check(answers: int = answers) -> Any:
                if shows():
                    return "ok"
                return "fail" if self._toast_failed(answers) else None

            if pressed and self.wait(check, patience) == "ok":
                self.tally.answered += 1
                return True
            self.retry(f"press {label}")
        return shows()  # a lost answer may still have been applied

    def broadcast_status(self, timeout: float) -> str:
        """The status message once it says the broadcast is complete, or as it is when
        `timeout` has passed (it must at least show the broadcast going out)."""
        message_id = self.status_message
        assert message_id is not None
        self.wait(lambda: say("broadcast-done") in self.message_text(message_id), timeout)
        text = self.message_text(message_id)
        assert any(word in text for word in BROADCAST_STATUS), text
        return text
