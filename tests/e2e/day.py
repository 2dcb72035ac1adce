"""A scripted day of parkbot use, played by simulated people who retry the way people do.

Shared by test_faulty_day.py (the in-process bot, with the emulator failing calls) and
test_crash_trials.py (the real `parkbot run`, SIGKILLed and restarted).

Every simulated person acts, then waits up to `patience` seconds for what the bot should show
next. When it does not come (the reply was lost to a fault or a crash) or the bot apologises,
they do what a person would, and each such retry is counted:

- a liaison filing the report form sends /report again: the form must come back at its
  current question. If it comes back *before* the last question the liaison had seen, an
  acknowledged answer was lost and the run fails; every answer the draft row holds is compared
  with what the liaison typed or pressed. A liaison whose "submitted" reply was lost and who
  is shown a new form (the month question) knows the report went in and cancels the new form.
- a leader asks the same question again;
- the admin presses a broadcast button once more, or cancels the wizard and starts over (but
  never while the status message says the broadcast is going out).

Nothing waits on the bot's internals: only what reaches the chats, and the database for the
checks.
"""

from __future__ import annotations

import copy
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import select

from bot.db import Database
from models import Meeting, OutboxMessage, Person, ProgressReport, ReminderRun
from models.draft import DraftStatus, ReportDraft
from tests.emulator.faults import FaultInjector
from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser
from tests.factories import make_park, make_person, make_project

# The form's questions in order, by fragments no other screen of the form contains (the
# summary repeats "① 本月完成投资：", hence the full-width brackets and question marks).
QUESTIONS = (
    "请选择填报月份",  # 0: after /report (one project: picked at once)
    "① 本月完成投资（",  # 1: after the month
    "② 目前所处阶段？",  # 2: after the amount
    "③ 形象进度（",  # 3: after the stage
    "④ 本月主要进展（",  # 4: after the percent
    "⑤ 需要协调解决的问题？",  # 5: after the progress text
    "⑥ 现场照片：可发送",  # 6: after "无"
    "请核对",  # 7: after "跳过": the summary
    "已提交",  # 8: after "✅ 提交"
)
SUBMITTED = len(QUESTIONS) - 1
# What the draft row holds once question k has been answered (k = 1 .. 7).
DRAFT_STEPS = (
    "period",
    "investment",
    "stage",
    "percent",
    "progress",
    "problems",
    "photos",
    "summary",
)
APOLOGY = "抱歉，处理您的请求时出错了"
# Toasts of a button that is no longer live: "这份填报已结束…", "此操作已失效。", and a button
# of an earlier question of a form still open ("这个按钮属于前面的问题…").
STALE = ("已结束", "已失效", "前面的问题")
CANCELLED = ("已取消", "当前没有进行中的操作")
STAGE_LABELS = {
    "preparation": "前期手续",
    "started": "开工建设",
    "main_works": "主体施工",
    "equipment": "设备安装",
    "trial": "试生产",
    "in_production": "竣工投产",
}
REMINDER_BUTTON = "📝 立即填报"
REMINDER_TEXT = "填报提醒"
BROADCAST_STATUS = ("群发进度", "群发完成")

# A tenth of the calls faulted, in the mix the emulator offers.
FAULT_MIX = {
    "rate_429": 0.03,
    "rate_5xx": 0.03,
    "rate_drop": 0.015,
    "rate_drop_after": 0.02,
    "rate_slow": 0.005,
}


# -- the clock ---------------------------------------------------------------------------------


class RunningClock:
    """Services.now() for an in-process bot: runs with real time and can jump ahead.

    Real time keeps flowing so that the outbox sender's backoffs and flood pauses (rows queued
    for `now + delay`) elapse; jumps take the day from one reminder to the next.
    """

    def __init__(self, start: datetime) -> None:
        self._lock = threading.Lock()
        self._start = start
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        with self._lock:
            return self._start + timedelta(seconds=time.monotonic() - self._t0)

    def jump_to(self, moment: datetime) -> None:
        """Moves the clock forward to `moment` (never back)."""
        if moment < self():
            raise ValueError(f"the clock only moves forward: {moment} < {self()}")
        with self._lock:
            self._start, self._t0 = moment, time.monotonic()


# -- faults ------------------------------------------------------------------------------------


class FaultLog:
    """Counts the faults the emulator injects, by method and kind."""

    def __init__(self, injector: FaultInjector) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        original = injector.pick

        def pick(method: str, params: dict[str, Any] | None = None) -> Any:
            fault = original(method, params)
            if fault is not None:
                self.counts[(method, fault.kind)] += 1
            return fault

        injector.pick = pick  # type: ignore[method-assign]

    def of(self, kind: str, method: str | None = None) -> int:
        """Faults of a kind, on one method or on all."""
        return sum(n for (m, k), n in self.counts.items() if k == kind and method in (None, m))

    def summary(self) -> dict[str, int]:
        """Faults by kind."""
        totals: Counter[str] = Counter()
        for (_, kind), count in self.counts.items():
            totals[kind] += count
        return dict(totals)


# -- the city ----------------------------------------------------------------------------------


@dataclass
class LiaisonScript:
    """One liaison, their project and the answers they will give."""

    index: int
    person_id: int
    telegram_id: int
    name: str
    project_id: int
    project: str
    period: str
    month_label: str
    amount: int
    amount_text: str
    stage: str
    percent: int
    percent_text: str
    progress: str

    def draft_value(self, step: int) -> tuple[str, object]:
        """The draft answer (key, stored value) once question `step` (1..7) is answered."""
        values: list[tuple[str, object]] = [
            ("period", self.period),
            ("investment", str(self.amount)),
            ("stage", self.stage),
            ("percent", str(self.percent)),
            ("progress", self.progress),
            ("problems", ""),
            ("photos", []),
        ]
        return values[step - 1]


@dataclass
class City:
    """Who is on the roster of the scripted day."""

    parks: list[tuple[int, str]]
    liaisons: list[LiaisonScript]
    leaders: list[tuple[int, int, list[str]]]  # person id, telegram id, project names
    admin: tuple[int, int]  # person id, telegram id
    others: list[int]  # telegram ids of the rest of the roster

    @property
    def everyone(self) -> list[int]:
        """Telegram ids of every bound person."""
        return [
            *(s.telegram_id for s in self.liaisons),
            *(tid for _, tid, _ in self.leaders),
            self.admin[1],
            *self.others,
        ]


def seed_city(
    db: Database,
    emulator: BotApiEmulator,
    *,
    liaisons: int,
    others: int,
    period: str,
    seed: int,
    leaders: int = 2,
) -> City:
    """Two parks, one project per liaison, leaders sharing the projects, one admin, and
    `others` more people on the roster (bound, never talking); everyone has an account."""
    rng = random.Random(seed)
    year, month = period.split("-")
    month_label = f"{year}年{int(month)}月"
    with db.scope() as session:
        parks = [make_park(session, "常德经开区"), make_park(session, "鼎城高新区")]
        boss = make_person(session, "赵磊", is_admin=True, telegram_user_id=32000)
        heads = [
            make_person(session, f"领导{n}", is_leader=True, telegram_user_id=31000 + n)
            for n in range(leaders)
        ]
        scripts, led = [], [[] for _ in heads]
        for n in range(liaisons):
            person = make_person(
                session, f"联络员{n:02d}", is_liaison=True, telegram_user_id=30000 + n
            )
            head = heads[n * len(heads) // liaisons]
            project = make_project(
                session,
                name=f"攻坚项目{n:02d}",
                park=parks[n % 2],
                leader=head,
                liaisons=(person,),
                total_investment=Decimal("100000"),
            )
            led[heads.index(head)].append(project.name)
            amount = rng.randint(50, 9000)
            percent = rng.randint(1, 99)
            scripts.append(
                LiaisonScript(
                    index=n,
                    person_id=person.id,
                    telegram_id=person.telegram_user_id,
                    name=person.name,
                    project_id=project.id,
                    project=project.name,
                    period=period,
                    month_label=month_label,
                    amount=amount,
                    amount_text=rng.choice([str(amount), f"{amount:,}", f"{amount}万"]),
                    stage=rng.choice(list(STAGE_LABELS)),
                    percent=percent,
                    percent_text=rng.choice([str(percent), f"{percent}%"]),
                    progress=f"{project.name}本月完成第{rng.randint(1, 30)}层主体结构",
                )
            )
        crowd = [
            make_person(session, f"人员{n:03d}", telegram_user_id=900000 + n).telegram_user_id
            for n in range(others)
        ]
        city = City(
            parks=[(park.id, park.name) for park in parks],
            liaisons=scripts,
            leaders=[
                (h.id, h.telegram_user_id, names) for h, names in zip(heads, led, strict=True)
            ],
            admin=(boss.id, boss.telegram_user_id),
            others=crowd,
        )
    for script in city.liaisons:
        emulator.add_user(script.telegram_id, script.name)
    for n, (_, telegram_id, _) in enumerate(city.leaders):
        emulator.add_user(telegram_id, f"Leader{n}")
    emulator.add_user(city.admin[1], "Lei")
    for telegram_id in city.others:
        emulator.add_user(telegram_id, f"P{telegram_id}")
    return city


# -- simulated people ----------------------------------------------------------------------------


class ActionCounter:
    """Counts every action of every simulated person; a hook sees each one (crash triggers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0
        self.hook: Callable[[int], None] = lambda _: None

    def tick(self) -> None:
        """One more action."""
        with self._lock:
            self.count += 1
            number = self.count
        self.hook(number)


@dataclass
class Tally:
    """What a simulated person did."""

    actions: int = 0
    retries: int = 0
    answered: int = 0
    notes: list[str] = field(default_factory=list)


class Actor:
    """A Telegram user who acts and then waits for the bot, reading only their own chat."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        user: SimUser,
        *,
        patience: float,
        max_retries: int,
        counter: ActionCounter,
    ) -> None:
        self.emulator = emulator
        self.user = user
        self.patience = patience
        self.max_retries = max_retries
        self.counter = counter
        self.tally = Tally()

    # Everything below reads the emulator's state under its lock, without copying the chat.

    def _alive(self) -> list[dict]:
        history = self.emulator.state.chats[self.user.id].history
        return [m for m in history if m["from"].get("is_bot") and not m.get("deleted")]

    def newest_id(self) -> int:
        """The id of the newest bot message in the chat (0: none)."""
        with self.emulator.state.cond:
            alive = self._alive()
            return alive[-1]["message_id"] if alive else 0

    def answers_seen(self) -> int:
        """How many button answers (toasts) the user has had."""
        with self.emulator.state.cond:
            return len(self.emulator.state.callback_answers.get(self.user.id, []))

    def _new_messages(self, after: int) -> list[dict]:
        return [m for m in self._alive() if m["message_id"] > after]

    def _failed_since(self, after: int, answers: int) -> bool:
        """An apology, or a toast saying the button is dead, since the action."""
        if any(APOLOGY in (m.get("text") or "") for m in self._new_messages(after)):
            return True
        return self._toast_failed(answers)

    def _toast_failed(self, answers: int) -> bool:
        """A button answer since the action that apologises or calls the button dead."""
        toasts = self.emulator.state.callback_answers.get(self.user.id, [])[answers:]
        texts = [t.get("text") or "" for t in toasts]
        return any(APOLOGY in text or any(s in text for s in STALE) for text in texts)

    def wait(self, check: Callable[[], Any], timeout: float | None = None) -> Any:
        """Waits until check() returns something truthy (re-checked on every state change)."""
        with self.emulator.state.cond:
            return self.emulator.state.cond.wait_for(
                check, self.patience if timeout is None else timeout
            )

    def act(self, action: Callable[[], object]) -> bool:
        """Performs one action; False when it could not be done (the button is gone)."""
        self.tally.actions += 1
        try:
            action()
        except AssertionError as error:  # SimUser.press: no such button on that message
            self.tally.notes.append(f"could not act: {error}")
            return False
        self.counter.tick()  # after the update is queued: a crash trigger lands after it
        return True

    def retry(self, why: str) -> None:
        """Counts a retry; fails the run when a person would have given up."""
        self.tally.retries += 1
        if self.tally.retries > self.max_retries:
            raise AssertionError(
                f"user {self.user.id} gave up after {self.tally.retries - 1} "
                f"retries; last: {why}; notes: {self.tally.notes[-5:]}"
            )

    def ask(
        self,
        send: Callable[[], object],
        shows: Callable[[str], bool],
        what: str,
        tries: int | None = None,
    ) -> dict | None:
        """Sends something and waits for a new message that `shows`; sends it again when the
        answer does not come (at most `tries` times: then None). Returns that message."""
        attempt = 0
        while True:
            attempt += 1
            after, answers = self.newest_id(), self.answers_seen()
            self.act(send)

            def check(after: int = after, answers: int = answers) -> Any:
                for message in reversed(self._new_messages(after)):
                    if shows(message.get("text") or ""):
                        return ("ok", copy.deepcopy(message))
                return ("fail", None) if self._failed_since(after, answers) else None

            outcome = self.wait(check)
            if outcome and outcome[0] == "ok":
                self.tally.answered += 1
                return outcome[1]
            self.retry(f"{what}: {'apology' if outcome else 'no answer'}")
            if tries is not None and attempt >= tries:
                return None

    def wait_text(self, fragment: str, timeout: float) -> bool:
        """Waits until some bot message in the chat contains `fragment`."""
        return bool(
            self.wait(
                lambda: any(fragment in (m.get("text") or "") for m in self._alive()), timeout
            )
        )

    def message_text(self, message_id: int) -> str:
        """The current text of one of the bot's messages."""
        with self.emulator.state.cond:
            found = self.emulator.state.chats[self.user.id].find(message_id)
            return (found or {}).get("text") or ""


def question_of(text: str) -> int | None:
    """Which question of the form a message shows (None: not a form question)."""
    for index, fragment in enumerate(QUESTIONS):
        if fragment in text:
            return index
    return None


DraftReader = Callable[[int], "ReportDraft | None"]


def open_draft_reader(db: Database) -> DraftReader:
    """Reads a person's open draft (the newest one) from the database."""

    def read(person_id: int) -> ReportDraft | None:
        with db.scope() as session:
            query = select(ReportDraft).where(
                ReportDraft.person_id == person_id, ReportDraft.status == DraftStatus.OPEN.value
            )
            draft = session.exec(query.order_by(ReportDraft.id.desc())).first()
            if draft is not None:
                session.expunge(draft)
            return draft

    return read


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
                6: press("无"),
                7: press("跳过"),
                8: press("✅ 提交"),
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
            for part in (f"{s.amount:,} 万元", STAGE_LABELS[s.stage], f"{s.percent}%", s.progress):
                assert part in text, f"{s.name}: summary lacks {part!r}: {text!r}"
        if at == SUBMITTED:
            assert "第 1 版" in text, f"{s.name}: not the first revision: {text!r}"

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
            lambda text: project in text and "亮灯" in text,
            f"status {project}",
        )
        assert card is not None
        return card["text"]

    def overview(self) -> str:
        """/overview: the city by park."""
        overview = self.ask(
            lambda: self.user.send_command("overview"),
            lambda text: "全市园区攻坚进展" in text,
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
            lambda reply: "请选择群发对象" in reply,
            "broadcast",
            tries=1,  # a lost reply may have opened the wizard: /broadcast is not heard again
        )
        if ask is None or not self._press_until(ask, audience, ("请输入要群发的内容",)):
            return False
        preview = self.ask(
            lambda: self.user.send_text(text),
            lambda reply: "请确认群发" in reply,
            "broadcast text",
            tries=2,  # the wizard waits for the text until a preview goes out
        )
        if preview is None:
            return False
        assert f"（{count} 人）" in preview["text"], preview["text"]
        # Once the preview turns into the status message the broadcast is going out: the
        # admin never starts over after that.
        if self._press_until(preview, "📣 发送", BROADCAST_STATUS, patience=3 * self.patience):
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
        self.wait(lambda: "群发完成" in self.message_text(message_id), timeout)
        text = self.message_text(message_id)
        assert any(word in text for word in BROADCAST_STATUS), text
        return text


# -- running people side by side -----------------------------------------------------------------


def run_together(work: Iterable[Callable[[], object]]) -> None:
    """Runs each piece of work in its own thread; re-raises the first failure."""
    jobs = list(work)
    with ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        futures = [pool.submit(job) for job in jobs]
        for future in futures:
            future.result()


def later(seconds: float, work: Callable[[], object]) -> Callable[[], object]:
    """The same work, after a pause."""

    def delayed() -> object:
        time.sleep(seconds)
        return work()

    return delayed


# -- what the database says ------------------------------------------------------------------------


def eventually(check: Callable[[], bool], timeout: float, describe: Callable[[], str]) -> None:
    """Re-checks a database condition until it holds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done within {timeout}s: {describe()}")
        time.sleep(0.1)


def queued(db: Database) -> list[OutboxMessage]:
    """Outbox rows still waiting to be sent."""
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.status == "queued")))


def outbox_rows(db: Database) -> list[OutboxMessage]:
    """Every outbox row."""
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def reminder_runs(db: Database) -> list[ReminderRun]:
    """Every fired or skipped reminder."""
    with db.scope() as session:
        return list(session.exec(select(ReminderRun).order_by(ReminderRun.id)))


def assert_reports_exact(db: Database, city: City) -> None:
    """Every liaison's report is there once, current, first revision, with their answers."""
    with db.scope() as session:
        reports = list(session.exec(select(ProgressReport).order_by(ProgressReport.id)))
    by_project: dict[int, list[ProgressReport]] = {}
    for report in reports:
        by_project.setdefault(report.project_id, []).append(report)
    for s in city.liaisons:
        rows = by_project.get(s.project_id, [])
        assert len(rows) == 1, f"{s.project}: {len(rows)} reports, expected exactly one"
        [report] = rows
        got = (
            report.period,
            report.revision,
            report.is_current,
            report.investment_month,
            report.investment_cumulative,
            report.stage,
            report.percent,
            report.progress,
            report.problems,
            report.reporter_id,
        )
        expected = (
            s.period,
            1,
            True,
            Decimal(s.amount),
            Decimal(s.amount),
            s.stage,
            Decimal(s.percent),
            s.progress,
            "",
            s.person_id,
        )
        assert got == expected, f"{s.project}: stored {got}, answered {expected}"
    assert len(reports) == len(city.liaisons)


def delivered(emulator: BotApiEmulator, chat_id: int, text: str) -> int:
    """How many times the bot sent this exact text to a chat (edits excluded)."""
    return sum(
        1
        for message in emulator.bot_messages(chat_id)
        if not message.get("deleted") and message.get("text") == text
    )


@dataclass
class OutboxCheck:
    """Outbox rows against what reached the chats."""

    rows: int
    duplicates: int  # deliveries beyond the first, over every sent row


def assert_outbox_delivered(db: Database, emulator: BotApiEmulator) -> OutboxCheck:
    """Every outbox row is sent, its text reached its chat, dedupe keys are unique; returns
    how many deliveries were repeats."""
    rows = outbox_rows(db)
    not_sent = [(r.id, r.kind, r.status, r.last_error) for r in rows if r.status != "sent"]
    assert not not_sent, f"outbox rows not sent: {not_sent[:10]} ({len(not_sent)})"
    keys = [r.dedupe_key for r in rows if r.dedupe_key]
    assert len(keys) == len(set(keys)), "a dedupe key was queued twice"
    duplicates = 0
    # A long answer's messages (kind "answer") may be edited afterwards (the report form turns
    # its question into the next one): those are found by the id Telegram gave them.
    answers = [r for r in rows if r.kind == "answer"]
    for row in answers:
        ids = {m["message_id"] for m in emulator.bot_messages(row.chat_id)}
        assert row.telegram_message_id in ids, f"answer {row.id} not in chat {row.chat_id}"
    wanted: Counter[tuple[int, str]] = Counter(
        (r.chat_id, r.text) for r in rows if r.kind != "answer"
    )
    for (chat_id, text), times in wanted.items():
        got = delivered(emulator, chat_id, text)
        assert got >= times, f"chat {chat_id} got {got} of {times} × {text[:30]!r}"
        duplicates += got - times
    return OutboxCheck(len(rows), duplicates)


def assert_reminders_once(db: Database) -> dict[str, int]:
    """Each (meeting, reminder, person) is queued at most once and every fired reminder's
    messages are sent; returns the number of recipients per reminder key."""
    runs = reminder_runs(db)
    keys = [(run.meeting_id, run.reminder_key) for run in runs]
    assert len(keys) == len(set(keys)), f"a reminder was handled twice: {keys}"
    rows = [r for r in outbox_rows(db) if r.meeting_id is not None and r.dedupe_key]
    per_person = Counter(r.dedupe_key for r in rows)
    assert max(per_person.values(), default=1) == 1
    recipients: dict[str, int] = {}
    for run in runs:
        prefix = f"m{run.meeting_id}:{run.reminder_key}:p"
        mine = [r for r in rows if r.dedupe_key.startswith(prefix)]
        assert len(mine) == run.recipients, f"{run.reminder_key}: {len(mine)} rows"
        assert all(r.status == "sent" for r in mine), f"{run.reminder_key}: not all sent"
        recipients[run.reminder_key.split("@")[0]] = run.recipients
    return recipients


def reminder_recipients(db: Database, key_prefix: str) -> set[int]:
    """Chat ids a reminder (by key prefix such as 'liaison:1d') was queued for."""
    with db.scope() as session:
        meetings = [m.id for m in session.exec(select(Meeting))]
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.meeting_id.in_(meetings)))
        return {
            r.chat_id
            for r in rows
            if r.dedupe_key and r.dedupe_key.split(":", 1)[1].startswith(key_prefix)
        }


def person_ids(db: Database, telegram_ids: Iterable[int]) -> dict[int, int]:
    """Telegram id -> person id."""
    wanted = set(telegram_ids)
    with db.scope() as session:
        people = session.exec(select(Person))
        return {p.telegram_user_id: p.id for p in people if p.telegram_user_id in wanted}
