"""Access matrix: every command and button, for every role, on its own and on other data.

One data set: two parks, each with a project whose leader and liaison are different people,
one open problem per project and an upcoming meeting hosted by park A. The roles (columns):
a stranger (not on the roster), the liaison of project A, the leader of project A, a city
leader and an admin, each with a bound Telegram account. "own" is project A (its park, its
problem); "other" is project B. ``EXPECTED`` below is the spec, one row per command or button
and data, one outcome per role:

- ALLOWED: the answer shows what was asked for (a card, a summary, a chart, the ledger, the
  form, the wizard's first question, ...);
- REFUSED: a refusal or the stranger's help, and nothing of the project asked about;
- HIDDEN: an answer that shows nothing of that project's data (for commands that take no
  argument: ``other`` says project B stays out of the answer).

In every cell: the bot answers (a message, or an answer to the button), never with an
apology or a traceback; a stranger never sees a project, park, person or problem of either
project; whoever is scoped to project A (its liaison, its leader) never sees anything of
project B. Buttons are forged: a keyboard with the data is put on the bot's newest message
in the emulator, as a modified client could send it.

One bot per role walks its row of the table (the bot starts five times, not once per cell);
a wrong cell is reported with its row, column and the bot's answer, and the row goes on, so
one run lists every wrong cell.

Also here: every command in a group chat gets the private-chat hint and nothing else, and
buttons pressed in a group show nothing there; a person removed from the roster
(``Person.active`` false) gets the stranger's answers from their next message on, also in the
middle of the report form and of the admin wizards.
"""

import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from sqlmodel import select

from bot.assessment import store
from bot.assessment.scheme_template import default_scheme
from bot.commands import COMMANDS
from bot.i18n import LANGUAGES, Catalogue
from models import (
    Broadcast,
    Escalation,
    Meeting,
    OutboxMessage,
    ParkReporter,
    Person,
    Problem,
    ProblemEvent,
    ReportDraft,
)
from models.outbox import OutboxStatus
from tests.emulator.users import SimGroup, SimUser
from tests.factories import make_enterprise, make_pairing, make_park, make_person, make_project

pytestmark = pytest.mark.e2e

CATALOGUE = Catalogue()


def t(key: str, **args: object) -> str:
    """A catalogue text in Chinese (everyone here has a Chinese Telegram client)."""
    return CATALOGUE.text("zh_CN", key, **args)


def lead(key: str, **names: object) -> str:
    """The text of `key` up to its first argument: what every rendering of it starts with."""
    return t(key, **{name: "\x00" for name in names}).split("\x00")[0]


MEETING_ASK_WHEN = lead("meeting-ask-when", example="", short="")  # examples dated from today

# -- the data set ------------------------------------------------------------------------------

UNKNOWN, LIAISON, LEADER, CITY, ADMIN = ROLES = ("unknown", "liaison", "leader", "city", "admin")
USER_IDS = {UNKNOWN: 7199, LIAISON: 7101, LEADER: 7102, CITY: 7105, ADMIN: 7106}
OWN, OTHER = "own", "other"
SCOPED = {LIAISON, LEADER}  # see project A only

PROJECT = {OWN: "星火锂电池", OTHER: "海川精密轴承"}
PARK = {OWN: "云溪园区", OTHER: "石门园区"}
PROBLEM = {OWN: "用电增容待协调", OTHER: "环评批复待办理"}
# 三个一: project A's leader is paired with an enterprise (liaison: project A's liaison); so is B's.
ENTERPRISE = {OWN: "星火配套电子", OTHER: "海川铸造厂"}
# What a question types: a part of the name, so an echo of the question is no leak.
SEARCH = {OWN: "星火", OTHER: "海川"}
PARK_SEARCH = {OWN: "云溪", OTHER: "石门"}
MEETING_PLACE = "市政府三楼会议室"
# Everything that would give a project away: its name, park, enterprise, people, problem.
MARKERS = {
    OWN: (
        PROJECT[OWN],
        PARK[OWN],
        "星火新能源有限公司",
        "李敏",
        "王强",
        PROBLEM[OWN],
        ENTERPRISE[OWN],
    ),
    OTHER: (
        PROJECT[OTHER],
        PARK[OTHER],
        "海川精工有限公司",
        "周涛",
        "陈静",
        PROBLEM[OTHER],
        ENTERPRISE[OTHER],
    ),
}
NAMES = {LIAISON: "李敏", LEADER: "王强", CITY: "赵立新", ADMIN: "孙丽"}


@dataclass
class World:
    """The ids tests forge buttons with."""

    project: dict[str, int]
    park: dict[str, int]
    problem: dict[str, int]
    meeting: int
    escalation: dict[str, int] = field(default_factory=dict)  # to each project's leader


def build_world(db) -> World:
    """Two parks, a project in each (leader and liaison different people), a problem in each."""
    with db.scope() as session:
        park_a, park_b = make_park(session, PARK[OWN]), make_park(session, PARK[OTHER])
        liaison_a = make_person(
            session, NAMES[LIAISON], is_liaison=True, unit="云溪园区管委会",
            telegram_user_id=USER_IDS[LIAISON],
        )  # fmt: skip
        leader_a = make_person(
            session, NAMES[LEADER], is_leader=True, unit="市发改委",
            telegram_user_id=USER_IDS[LEADER],
        )  # fmt: skip
        liaison_b = make_person(session, "周涛", is_liaison=True, telegram_user_id=7103)
        leader_b = make_person(session, "陈静", is_leader=True, telegram_user_id=7104)
        make_person(
            session, NAMES[CITY], is_leader=True, city_scope=True,
            telegram_user_id=USER_IDS[CITY],
        )  # fmt: skip
        make_person(
            session, NAMES[ADMIN], is_admin=True, unit="指挥部", telegram_user_id=USER_IDS[ADMIN]
        )
        project_a = make_project(
            session, name=PROJECT[OWN], park=park_a, leader=leader_a, liaisons=(liaison_a,),
            enterprise="星火新能源有限公司", annual_plan=Decimal(1200),
        )  # fmt: skip
        project_b = make_project(
            session, name=PROJECT[OTHER], park=park_b, leader=leader_b, liaisons=(liaison_b,),
            enterprise="海川精工有限公司", annual_plan=Decimal(1200),
        )  # fmt: skip
        for leader, liaison, project, scope in (
            (leader_a, liaison_a, project_a, OWN),
            (leader_b, liaison_b, project_b, OTHER),
        ):
            park = park_a if scope == OWN else park_b
            enterprise = make_enterprise(session, ENTERPRISE[scope], park=park)
            make_pairing(
                session, leader=leader, project=project, backbone=enterprise, liaison=liaison
            )
        raised = datetime.fromisoformat("2025-03-05T10:00:00+08:00")
        problems = {}
        for scope, project in ((OWN, project_a), (OTHER, project_b)):
            problem = Problem(project_id=project.id, text=PROBLEM[scope], raised_at=raised)
            session.add(problem)
            session.flush()
            problems[scope] = problem.id
        # Project A's liaison files park A's assessment values (指标填报); the scheme is in.
        session.add(ParkReporter(park_id=park_a.id, person_id=liaison_a.id))
        store.save_scheme(session, default_scheme([PARK[OWN], PARK[OTHER]]), now=raised, actor="t")
        meeting = Meeting(
            starts_at=datetime.fromisoformat("2025-03-20T09:00:00+08:00"),
            park_id=park_a.id,
            place=MEETING_PLACE,
            deadline=datetime.fromisoformat("2025-03-17T18:00:00+08:00"),
            period="2025-03",
            created_at=raised,
            updated_at=raised,
        )
        session.add(meeting)
        session.flush()
        # Each project's problem escalated to its leader, awaiting the instruction (批示).
        escalations = {}
        for scope, leader, project in ((OWN, leader_a, project_a), (OTHER, leader_b, project_b)):
            escalation = Escalation(
                key=f"matrix:{scope}",
                kind="problem-raised",
                leader_id=leader.id,
                project_id=project.id,
                problem_id=problems[scope],
                created_at=raised,
            )
            session.add(escalation)
            session.flush()
            escalations[scope] = escalation.id
        return World(
            project={OWN: project_a.id, OTHER: project_b.id},
            park={OWN: park_a.id, OTHER: park_b.id},
            problem=problems,
            meeting=meeting.id,
            escalation=escalations,
        )


# -- talking to the bot --------------------------------------------------------------------------

SYNC = "zz:sync"  # no handler knows it: the fallback answers it, after everything sent before
APOLOGIES = tuple(CATALOGUE.text(language, "error-apology") for language in LANGUAGES)
LEAKS = re.compile(r"Traceback|Error\b|Exception|File \"|\bline \d+|sqlalchemy|psycopg|sqlite3")


@dataclass
class Answer:
    """Everything the bot did in answer to one action: messages sent or edited, the toast."""

    messages: list[dict] = field(default_factory=list)
    callback: dict | None = None
    pressed: bool = False

    @property
    def text(self) -> str:
        """Every text, caption and toast of the answer."""
        parts = [m.get("text") or m.get("caption") or "" for m in self.messages]
        if self.callback is not None:
            parts.append(self.callback.get("text") or "")
        return "\n".join(parts)

    @property
    def photos(self) -> list[dict]:
        return [m for m in self.messages if m.get("photo")]

    @property
    def documents(self) -> list[dict]:
        return [m for m in self.messages if m.get("document")]

    @property
    def empty(self) -> bool:
        """No message and (for a button) no answer to it."""
        return not self.messages and self.callback is None

    def shows_any(self, markers: tuple[str, ...]) -> list[str]:
        """The markers found in the answer."""
        text = self.text
        return [marker for marker in markers if marker in text]


class Chat:
    """One user in one chat (private, or a group): acts, then collects the bot's answer.

    The bot handles updates one at a time, in order; after each action a button no handler
    knows is pressed, and once the bot has answered it, everything before it is done.
    """

    def __init__(self, harness, user: SimUser, group: SimGroup | None = None) -> None:
        self.harness = harness
        self.emu = harness.emulator
        self.user = user
        self.group = group
        self.chat_id = group.chat_id if group is not None else user.id

    def _seen(self) -> dict[int, int]:
        state = self.emu.state
        with state.cond:
            chat = state.chats[self.chat_id]
            return {m["message_id"]: m.get("edits", 0) for m in chat.bot_messages()}

    def _answer_to(self, query_id: str) -> dict | None:
        state = self.emu.state
        with state.cond:
            answers = state.callback_answers.get(self.user.id, [])
            return next((a for a in answers if str(a["callback_query_id"]) == query_id), None)

    def sync(self, timeout: float = 30.0) -> None:
        """Waits until the bot has handled everything this user sent so far."""
        state = self.emu.state
        with state.cond:
            query_id = state.new_query_id()
            state.callback_queries[query_id] = self.user.id
            message = {
                "message_id": 1,
                "date": int(time.time()),
                "chat": dict(state.chats[self.chat_id].chat),
                "from": state.bot_sender,
                "text": "sync",
            }
            query = {
                "id": query_id,
                "from": dict(self.user.user),
                "message": message,
                "chat_instance": f"sync{self.chat_id}",
                "data": SYNC,
            }
            state.push_update("callback_query", query)
        self.emu.wait_until(lambda: self._answer_to(query_id) is not None, timeout)
        self._wait_outbox(timeout)

    def _wait_outbox(self, timeout: float) -> None:
        """Long answers go out through the outbox: waits until none is queued for this chat."""
        deadline = time.monotonic() + timeout
        while True:
            with self.harness.db.scope() as session:
                queued = session.exec(
                    select(OutboxMessage.id).where(
                        OutboxMessage.chat_id == self.chat_id,
                        OutboxMessage.status == OutboxStatus.QUEUED.value,
                    )
                ).first()
            if queued is None:
                return
            assert time.monotonic() < deadline, f"outbox rows for {self.chat_id} still queued"
            time.sleep(0.05)  # a database condition: no emulator event follows a commit

    def act(self, send: Callable[[], dict]) -> Answer:
        """Does `send`, waits for the bot, returns what it sent or edited and its toast."""
        before = self._seen()
        sent = send()
        self.sync()
        changed = [
            message
            for message in self.emu.bot_messages(self.chat_id)
            if message.get("edits", 0) != before.get(message["message_id"], -1)
        ]
        pressed = "data" in sent and "chat_instance" in sent
        callback = self._answer_to(str(sent["id"])) if pressed else None
        return Answer(changed, callback, pressed)

    def command(self, name: str, args: str = "") -> Answer:
        return self.act(lambda: self.user.send_command(name, args, chat=self.group))

    def say(self, text: str) -> Answer:
        return self.act(lambda: self.user.send_text(text, chat=self.group))

    def press(self, data: str) -> Answer:
        """Presses a forged button carrying `data` on the bot's newest message in the chat."""
        if not self.emu.bot_messages(self.chat_id):
            self.command("help")
        state = self.emu.state

        def send() -> dict:
            with state.cond:
                chat = state.chats[self.chat_id]
                target = next(m for m in reversed(chat.bot_messages()) if not m.get("deleted"))
                button = {"text": "·", "callback_data": data}
                target["reply_markup"] = {"inline_keyboard": [[button]]}
                shown = dict(target)
            return self.user.press(data, message=shown)

        return self.act(send)


def deactivate(db, telegram_user_id: int) -> None:
    """Takes a person off the roster (kept for history, no access)."""
    with db.scope() as session:
        person = session.exec(select(Person).where(Person.telegram_user_id == telegram_user_id))
        person = person.one()
        person.active = False
        session.add(person)


# -- the cells -----------------------------------------------------------------------------------

ALLOWED, REFUSED, HIDDEN = "allowed", "refused", "hidden"
REFUSALS = (
    t("help-unknown"),
    lead("welcome-unknown"),
    lead("status-no-match", text=""),
    t("export-not-allowed"),
    t("admin-only"),
    t("callback-closed"),
    t("problem-refused-not-allowed"),
    lead("report-no-match", text=""),
    t("report-not-yours"),
    t("report-form-closed"),
    t("report-button-stale"),
    t("private-only"),
    t("values-refused-not-reporter"),
    t("service-none"),
    t("pairing-refused"),
    t("pack-refused"),
    t("escalation-refused-not-yours"),
)


def xlsx_text(answer: Answer, emu) -> str:
    """Every cell of every XLSX document in the answer, as one text."""
    cells = []
    for message in answer.documents:
        data = emu.file_bytes(message["document"]["file_id"])
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


@dataclass(frozen=True)
class Cell:
    """How to ask (for own or other data), and what an allowed answer looks like."""

    run: Callable[[Chat, World, str], Answer]
    shows: Callable[[Chat, Answer, str], bool]
    cleanup: Callable[[Chat, World], None] | None = None


def contains(texts: dict[str, str]) -> Callable[[Chat, Answer, str], bool]:
    return lambda chat, answer, scope: texts[scope] in answer.text


def fixed(text: str) -> Callable[[Chat, Answer, str], bool]:
    return lambda chat, answer, scope: text in answer.text


def cancel(chat: Chat, world: World) -> None:
    """Leaves a form or wizard the cell may have opened."""
    chat.command("cancel")


def back_to_chinese(chat: Chat, world: World) -> None:
    chat.press("lang:zh_CN")


def command(name: str, args: dict[str, str] | None = None) -> Callable[[Chat, World, str], Answer]:
    return lambda chat, world, scope: chat.command(name, args[scope] if args else "")


def button(data: Callable[[World, str], str]) -> Callable[[Chat, World, str], Answer]:
    return lambda chat, world, scope: chat.press(data(world, scope))


def has_photo(chat: Chat, answer: Answer, scope: str) -> bool:
    return bool(answer.photos)


def ledger_shows(chat: Chat, answer: Answer, scope: str) -> bool:
    return PROJECT[scope] in xlsx_text(answer, chat.emu)


def ensure_publication(chat: Chat) -> None:
    """The default scheme over both parks, scored and published now (once per bot)."""
    from datetime import time as clock_time

    from bot.assessment import runs, store
    from bot.assessment.period import parse_period
    from bot.assessment.scheme_template import default_scheme

    with chat.harness.db.scope() as session:
        if runs.open_publication(session, "2025-Q1") is not None:
            return
        now = chat.harness.clock()
        if store.load_scheme(session) is None:  # the world may have one already (for /values)
            store.save_scheme(session, default_scheme([PARK[OWN], PARK[OTHER]]), now=now, actor="t")
        tz = chat.harness.services.settings.tz
        run = runs.draft_run(session, parse_period("2025-Q1"), tz, now=now, actor="t")
        runs.publish(session, run, tz, now=now, actor="t", working_days=5, closes_at=clock_time(18))


def objection(chat: Chat, world: World, scope: str) -> Answer:
    ensure_publication(chat)
    return chat.command("objection")


GREETING = t("greet-next")
PARK_HEADER = lead("park-header", park="", count="")
CELLS: dict[str, Cell] = {
    "/start": Cell(command("start"), fixed(GREETING)),
    "/help": Cell(command("help"), fixed(t("help-header"))),
    "/whoami": Cell(command("whoami"), fixed(GREETING)),
    # The 看板 button, or (no https address here) how the operator makes it possible.
    "/board": Cell(
        command("board"),
        lambda chat, answer, scope: any(
            t(key) in answer.text for key in ("board-open", "board-no-public-url")
        ),
    ),
    "/status <name>": Cell(command("status", SEARCH), contains(PROJECT)),
    "free text <name>": Cell(lambda chat, world, scope: chat.say(SEARCH[scope]), contains(PROJECT)),
    "/park <park>": Cell(
        command("park", PARK_SEARCH),
        lambda chat, answer, scope: PARK_HEADER + PARK[scope] in answer.text,
    ),
    "/overview": Cell(command("overview"), contains(PARK)),
    "/missing": Cell(command("missing"), contains(PROJECT)),
    "/problems": Cell(command("problems"), contains(PROBLEM)),
    "/chart <name>": Cell(command("chart", SEARCH), has_photo),
    "/export": Cell(command("export"), ledger_shows),
    "/report <name>": Cell(
        command("report", SEARCH),
        lambda chat, answer, scope: f"【{PROJECT[scope]}】" in answer.text,
        cancel,
    ),
    "/meeting": Cell(command("meeting"), fixed(MEETING_ASK_WHEN), cancel),
    "/meetings": Cell(command("meetings"), fixed(MEETING_PLACE)),
    # The world's meeting is still to come: an admin is told there is none held yet.
    "/minutes": Cell(command("minutes"), fixed(t("minutes-no-meeting"))),
    "mn:meeting:<meeting>": Cell(button(lambda w, s: f"mn:meeting:{w.meeting}"), fixed("never")),
    "mn:confirm": Cell(button(lambda w, s: "mn:confirm"), fixed("never")),
    "/broadcast": Cell(command("broadcast"), fixed(t("broadcast-ask-audience")), cancel),
    "/assess": Cell(command("assess"), fixed(t("assess-chat-choose"))),
    # Forged /assess buttons: the versions of a period (none yet), and a run that is not there.
    "as:v:<period>": Cell(
        button(lambda w, s: "as:v:2025-Q1"), fixed(t("assess-chat-no-runs", period="2025-Q1"))
    ),
    # The reporter's one park goes straight to the month; an admin picks the park first.
    "/values": Cell(
        command("values"),
        lambda chat, answer, scope: (
            t("values-ask-park") in answer.text
            or lead("values-ask-month", park="") + PARK[scope] in answer.text
        ),
        cancel,
    ),
    "/lang": Cell(command("lang"), fixed(t("lang-choose"))),
    # A park's people get their own park's indicators; admins the pending list.
    "/objection": Cell(
        objection,
        lambda chat, answer, scope: (
            (
                lead("objection-ask-item", period="", park="", closes="") + "2025-Q1" in answer.text
                and f"（{PARK[OWN]}）" in answer.text
            )
            or t("objection-admin-none") in answer.text
        ),
        cancel,
    ),
    # 三个一: the service log's first question names the enterprise; /pairing lists pairings.
    "/service": Cell(command("service"), contains(ENTERPRISE), cancel),
    "/pairing": Cell(command("pairing"), contains(ENTERPRISE)),
    "/cancel": Cell(command("cancel"), fixed(t("cancel-nothing"))),
    "sp:<project>": Cell(button(lambda w, s: f"sp:{w.project[s]}"), contains(PROJECT)),
    "sk:<park>": Cell(
        button(lambda w, s: f"sk:{w.park[s]}"),
        lambda chat, answer, scope: PARK_HEADER + PARK[scope] in answer.text,
    ),
    "ch:p<project>": Cell(button(lambda w, s: f"ch:p{w.project[s]}"), has_photo),
    "ch:k<park>": Cell(button(lambda w, s: f"ch:k{w.park[s]}"), has_photo),
    "report:<project>": Cell(
        button(lambda w, s: f"report:{w.project[s]}"),
        lambda chat, answer, scope: f"【{PROJECT[scope]}】" in answer.text,
        cancel,
    ),
    "pb:assign:<problem>": Cell(
        button(lambda w, s: f"pb:assign:{w.problem[s]}"),
        lambda chat, answer, scope: lead("problem-ask-unit", id="") in answer.text,
        cancel,
    ),
    "pb:resolve:<problem>": Cell(
        button(lambda w, s: f"pb:resolve:{w.problem[s]}"),
        lambda chat, answer, scope: lead("problem-ask-resolution", id="") in answer.text,
        cancel,
    ),
    "pb:progress:<problem>": Cell(
        button(lambda w, s: f"pb:progress:{w.problem[s]}"),
        lambda chat, answer, scope: lead("problem-ask-progress", id="") in answer.text,
        cancel,
    ),
    # The leader's instruction buttons (批示): 回复 asks for the text (the cell cancels it);
    # 已阅 decides at once (walked after 回复, which it would otherwise close).
    "es:<escalation>:reply": Cell(
        button(lambda w, s: f"es:{w.escalation[s]}:reply"),
        lambda chat, answer, scope: lead("escalation-ask-reply", limit="") in answer.text,
        cancel,
    ),
    "es:<escalation>:ack": Cell(
        button(lambda w, s: f"es:{w.escalation[s]}:ack"), fixed(t("escalation-saved"))
    ),
    # own: a language the bot has; other: one it has not.
    "lang:<code>": Cell(
        button(lambda w, s: "lang:en" if s == OWN else "lang:xx"),
        fixed(CATALOGUE.text("en", "lang-set")),
        back_to_chinese,
    ),
    # Buttons of the admin wizards, forged without the wizard.
    "bc:send": Cell(button(lambda w, s: "bc:send"), fixed("never")),
    "vf:park:<park>": Cell(button(lambda w, s: f"vf:park:{w.park[s]}"), fixed("never")),
    "sv:submit": Cell(button(lambda w, s: "sv:submit"), fixed("never")),
    # Allowed: the confirmation with the meeting (the cell cancels it, nothing is changed).
    "mt:drop:<meeting>": Cell(
        button(lambda w, s: f"mt:drop:{w.meeting}"),
        lambda chat, answer, scope: (
            lead("meeting-cancel-preview", meeting="", count="") in answer.text
            and MEETING_PLACE in answer.text
        ),
        cancel,
    ),
    # The pre-meeting pack (the meeting is park A's): its PDF and XLSX as two documents.
    "pk:<meeting>": Cell(
        button(lambda w, s: f"pk:{w.meeting}"),
        lambda chat, answer, scope: len(answer.documents) == 2,
    ),
}

A, R, H = ALLOWED, REFUSED, HIDDEN
# fmt: off
EXPECTED: dict[tuple[str, str], tuple[str, str, str, str, str]] = {
    #  what                        data      unknown liaison leader city admin
    ("/start",                     OWN):    (R,      A,      A,     A,   A),
    ("/start",                     OTHER):  (R,      H,      H,     H,   H),
    ("/help",                      OWN):    (R,      A,      A,     A,   A),
    ("/help",                      OTHER):  (R,      H,      H,     H,   H),
    ("/whoami",                    OWN):    (R,      A,      A,     A,   A),
    ("/whoami",                    OTHER):  (R,      H,      H,     H,   H),
    ("/board",                     OWN):    (R,      A,      A,     A,   A),
    ("/board",                     OTHER):  (R,      H,      H,     H,   H),
    ("/status <name>",             OWN):    (R,      A,      A,     A,   A),
    ("/status <name>",             OTHER):  (R,      R,      R,     A,   A),
    ("free text <name>",           OWN):    (R,      A,      A,     A,   A),
    ("free text <name>",           OTHER):  (R,      R,      R,     A,   A),
    ("/park <park>",               OWN):    (R,      A,      A,     A,   A),
    ("/park <park>",               OTHER):  (R,      R,      R,     A,   A),
    # Not refused to liaisons (the menu offers it to leaders): it shows their own scope only.
    ("/overview",                  OWN):    (R,      A,      A,     A,   A),
    ("/overview",                  OTHER):  (R,      H,      H,     A,   A),
    ("/missing",                   OWN):    (R,      A,      A,     A,   A),
    ("/missing",                   OTHER):  (R,      H,      H,     A,   A),
    ("/problems",                  OWN):    (R,      A,      A,     A,   A),
    ("/problems",                  OTHER):  (R,      H,      H,     A,   A),
    ("/chart <name>",              OWN):    (R,      A,      A,     A,   A),
    ("/chart <name>",              OTHER):  (R,      R,      R,     A,   A),
    ("/export",                    OWN):    (R,      R,      R,     A,   A),
    ("/export",                    OTHER):  (R,      R,      R,     A,   A),
    ("/report <name>",             OWN):    (R,      A,      R,     R,   A),
    ("/report <name>",             OTHER):  (R,      R,      R,     R,   A),
    ("/meeting",                   OWN):    (R,      R,      R,     R,   A),
    ("/meeting",                   OTHER):  (R,      H,      H,     H,   H),
    ("/meetings",                  OWN):    (R,      A,      A,     A,   A),
    ("/meetings",                  OTHER):  (R,      H,      H,     H,   H),
    ("/minutes",                   OWN):    (R,      R,      R,     R,   A),
    ("/minutes",                   OTHER):  (R,      H,      H,     H,   H),
    # Decisions are recorded for a held meeting only (this one is still to come), by admins;
    # the wizard's confirmation forged without the wizard records nothing for anyone.
    ("mn:meeting:<meeting>",       OTHER):  (R,      R,      R,     R,   R),
    ("mn:confirm",                 OTHER):  (R,      R,      R,     R,   R),
    ("/broadcast",                 OWN):    (R,      R,      R,     R,   A),
    ("/broadcast",                 OTHER):  (R,      H,      H,     H,   H),
    # Scoring and publication drafts are the command centre's alone.
    ("/assess",                    OWN):    (R,      R,      R,     R,   A),
    ("/assess",                    OTHER):  (R,      H,      H,     H,   H),
    ("as:v:<period>",              OTHER):  (R,      R,      R,     R,   A),
    # Park A's reporter (its liaison) and admins file indicator values; nobody else.
    ("/values",                    OWN):    (R,      A,      R,     R,   A),
    # A city leader belongs to no park: told no publication is open to them.
    ("/objection",                 OWN):    (R,      A,      A,     H,   A),
    ("/objection",                 OTHER):  (R,      H,      H,     H,   H),
    ("/lang",                      OWN):    (R,      A,      A,     A,   A),
    ("/lang",                      OTHER):  (R,      H,      H,     H,   H),
    ("/cancel",                    OWN):    (H,      A,      A,     A,   A),
    # Only the paired leader and the pairing's liaison log services; the others have none.
    ("/service",                   OWN):    (R,      A,      A,     R,   R),
    ("/service",                   OTHER):  (R,      H,      H,     H,   H),
    ("/pairing",                   OWN):    (R,      A,      A,     A,   A),
    ("/pairing",                   OTHER):  (R,      H,      H,     A,   A),
    ("sp:<project>",               OWN):    (R,      A,      A,     A,   A),
    ("sp:<project>",               OTHER):  (R,      R,      R,     A,   A),
    ("sk:<park>",                  OWN):    (R,      A,      A,     A,   A),
    ("sk:<park>",                  OTHER):  (R,      R,      R,     A,   A),
    ("ch:p<project>",              OWN):    (R,      A,      A,     A,   A),
    ("ch:p<project>",              OTHER):  (R,      R,      R,     A,   A),
    ("ch:k<park>",                 OWN):    (R,      A,      A,     A,   A),
    ("ch:k<park>",                 OTHER):  (R,      R,      R,     A,   A),
    ("report:<project>",           OWN):    (R,      A,      R,     R,   A),
    ("report:<project>",           OTHER):  (R,      R,      R,     R,   A),
    # Only the command centre hands problems to units (交办).
    ("pb:assign:<problem>",        OWN):    (R,      R,      R,     R,   A),
    ("pb:assign:<problem>",        OTHER):  (R,      R,      R,     R,   A),
    # Admins and the project's own liaisons and leader record progress and close (销号); a
    # city leader sees every problem but is responsible for none; the unit text is no identity.
    ("pb:resolve:<problem>",       OWN):    (R,      A,      A,     R,   A),
    ("pb:resolve:<problem>",       OTHER):  (R,      R,      R,     R,   A),
    ("pb:progress:<problem>",      OWN):    (R,      A,      A,     R,   A),
    ("pb:progress:<problem>",      OTHER):  (R,      R,      R,     R,   A),
    # Only the leader the escalation went to instructs on it; admins neither.
    ("es:<escalation>:reply",      OWN):    (R,      R,      A,     R,   R),
    ("es:<escalation>:reply",      OTHER):  (R,      R,      R,     R,   R),
    ("es:<escalation>:ack",        OWN):    (R,      R,      A,     R,   R),
    ("es:<escalation>:ack",        OTHER):  (R,      R,      R,     R,   R),
    ("lang:<code>",                OWN):    (R,      A,      A,     A,   A),
    ("lang:<code>",                OTHER):  (R,      R,      R,     R,   R),
    ("bc:send",                    OTHER):  (R,      R,      R,     R,   R),
    # The form's buttons, forged without the form: closed for everyone.
    ("vf:park:<park>",             OWN):    (R,      R,      R,     R,   R),
    ("vf:park:<park>",             OTHER):  (R,      R,      R,     R,   R),
    ("sv:submit",                  OTHER):  (R,      R,      R,     R,   R),
    # The admin's press asks to confirm the cancellation (the cell declines).
    ("mt:drop:<meeting>",          OTHER):  (R,      R,      R,     R,   A),
    # Admins and the leaders attending (city leaders, the host park's): the pack's documents.
    ("pk:<meeting>",               OWN):    (R,      R,      A,     A,   A),
}
# fmt: on


def judge(chat: Chat, cell: Cell, answer: Answer, role: str, scope: str, expected: str) -> str:
    """What is wrong with the answer ('' when nothing)."""
    if answer.empty:
        return "no answer at all"
    if answer.pressed and answer.callback is None:
        return "the button was not answered"
    if any(apology in answer.text for apology in APOLOGIES):
        return "the bot apologised: a handler failed"
    if found := LEAKS.findall(answer.text):
        return f"shows {found}"
    if role == UNKNOWN and (found := answer.shows_any(MARKERS[OWN] + MARKERS[OTHER])):
        return f"a stranger sees {found}"
    if role in SCOPED and (found := answer.shows_any(MARKERS[OTHER])):
        return f"project A's {role} sees project B's {found}"
    if expected == ALLOWED:
        return "" if cell.shows(chat, answer, scope) else "the data asked for is not shown"
    leaked = [m for m in answer.shows_any(MARKERS[scope]) if m not in (NAMES.get(role),)]
    if (scope == OTHER or role == UNKNOWN) and (leaked or answer.photos or answer.documents):
        return f"shows {leaked or 'a chart or a ledger'}"
    if expected == REFUSED and cell.shows(chat, answer, scope):
        return "shows what should be refused"
    if expected == REFUSED and not any(refusal in answer.text for refusal in REFUSALS):
        return "no refusal or help text"
    return ""


def walk_row(harness, role: str) -> list[str]:
    """Every cell of a role's row; returns the wrong ones."""
    world = harness.world
    user = harness.emulator.add_user(USER_IDS[role], role.title())
    chat = Chat(harness, user)
    wrong = []
    for (what, scope), outcomes in EXPECTED.items():
        cell, expected = CELLS[what], outcomes[ROLES.index(role)]
        answer = cell.run(chat, world, scope)
        problem = judge(chat, cell, answer, role, scope, expected)
        if problem:
            wrong.append(
                f"{what} × {role} × {scope}: expected {expected}, but {problem}; "
                f"answer: {answer.text[:200]!r}"
            )
        if cell.cleanup is not None:
            cell.cleanup(chat, world)
    return wrong


@pytest.fixture
def harness_with_world(harness, db):
    harness.world = build_world(db)
    return harness


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix_row(harness_with_world, role):
    harness = harness_with_world
    wrong = walk_row(harness, role)
    errors = list(harness.bot.errors)
    assert not wrong and not errors, "\n".join(
        [*wrong, *(f"handler raised {error!r}" for error in errors)]
    )


def test_the_table_covers_every_command_and_cell():
    commands = {what.split()[0].lstrip("/") for what, _ in EXPECTED if what.startswith("/")}
    assert {command.name for command in COMMANDS} <= commands
    assert {what for what, _ in EXPECTED} == set(CELLS)
    for (what, scope), outcomes in EXPECTED.items():
        assert scope in (OWN, OTHER) and len(outcomes) == len(ROLES), what
        assert all(outcome in (ALLOWED, REFUSED, HIDDEN) for outcome in outcomes), what
        assert outcomes[0] != ALLOWED or what == "/start", f"{what}: strangers see nothing"


# -- group chats ---------------------------------------------------------------------------------

GROUP_COMMANDS = [
    ("start", ""),
    ("help", ""),
    ("whoami", ""),
    ("board", ""),
    ("status", SEARCH[OWN]),
    ("park", PARK_SEARCH[OWN]),
    ("overview", ""),
    ("missing", ""),
    ("problems", ""),
    ("chart", SEARCH[OWN]),
    ("export", ""),
    ("report", SEARCH[OWN]),
    ("meeting", ""),
    ("meetings", ""),
    ("minutes", ""),
    ("broadcast", ""),
    ("assess", ""),
    ("objection", ""),
    ("lang", ""),
    ("service", ""),
    ("pairing", ""),
    ("cancel", ""),
]


@pytest.mark.parametrize("role", ROLES)
def test_group_chats_get_the_private_chat_hint_and_nothing_else(harness_with_world, role):
    harness = harness_with_world
    world = harness.world
    user = harness.emulator.add_user(USER_IDS[role], role.title())
    group = Chat(harness, user, harness.emulator.add_group(-1001000000000 - USER_IDS[role], "群"))
    for name, args in GROUP_COMMANDS:
        answer = group.command(name, args)
        texts = [message.get("text") for message in answer.messages]
        assert texts == [t("private-only")], f"/{name} {args} in a group: {answer.text[:300]!r}"
    # Group chatter is not for the bot (it does not even read it in real groups).
    assert group.say(SEARCH[OWN]).messages == []
    buttons = [
        f"sp:{world.project[OWN]}",
        f"sk:{world.park[OWN]}",
        f"ch:p{world.project[OWN]}",
        f"ch:k{world.park[OWN]}",
        f"report:{world.project[OWN]}",
        f"pb:assign:{world.problem[OWN]}",
        f"pb:resolve:{world.problem[OWN]}",
        f"pb:progress:{world.problem[OWN]}",
        "pb:confirm",
        f"es:{world.escalation[OWN]}:ack",
        f"es:{world.escalation[OWN]}:reply",
        "lang:en",
        f"mt:drop:{world.meeting}",
        f"pk:{world.meeting}",
        "bc:send",
    ]
    for data in buttons:
        answer = group.press(data)
        assert answer.callback is not None, f"{data} in a group: not answered"
        assert not answer.messages, f"{data} in a group: the bot wrote {answer.text[:300]!r}"
        found = answer.shows_any(MARKERS[OWN] + MARKERS[OTHER])
        assert not found, f"{data} in a group shows {found}"
    with harness.db.scope() as session:
        assert session.get(Meeting, world.meeting).status == "scheduled"
        assert session.get(Escalation, world.escalation[OWN]).decision is None
        assert session.exec(select(ReportDraft)).all() == []
        assert session.exec(select(Person.language).where(Person.language.is_not(None))).all() == []
    assert harness.bot.errors == []


# -- removed from the roster ---------------------------------------------------------------------


def stranger(answer: Answer) -> str:
    """'' when the answer is what a stranger gets, else what is wrong."""
    if answer.empty:
        return "no answer"
    if found := answer.shows_any(MARKERS[OWN] + MARKERS[OTHER] + (MEETING_PLACE,)):
        return f"shows {found}"
    if answer.photos or answer.documents:
        return "sends a chart or a ledger"
    if not any(refusal in answer.text for refusal in REFUSALS):
        return "not a refusal or the stranger's help"
    return ""


@pytest.mark.parametrize("role", [LIAISON, LEADER, CITY, ADMIN])
def test_removed_from_the_roster_loses_access_at_once(harness_with_world, role):
    harness = harness_with_world
    world = harness.world
    chat = Chat(harness, harness.emulator.add_user(USER_IDS[role], role.title()))
    assert PROJECT[OWN] in chat.command("status", SEARCH[OWN]).text
    deactivate(harness.db, USER_IDS[role])
    probes: list[tuple[str, Callable[[], Answer]]] = [
        (f"/{name} {args}", lambda name=name, args=args: chat.command(name, args))
        for name, args in GROUP_COMMANDS
        if name not in ("cancel",)
    ]
    probes += [
        ("free text", lambda: chat.say(SEARCH[OWN])),
        ("sp:", lambda: chat.press(f"sp:{world.project[OWN]}")),
        ("sk:", lambda: chat.press(f"sk:{world.park[OWN]}")),
        ("ch:p", lambda: chat.press(f"ch:p{world.project[OWN]}")),
        ("report:", lambda: chat.press(f"report:{world.project[OWN]}")),
        ("pb:assign:", lambda: chat.press(f"pb:assign:{world.problem[OWN]}")),
        ("pb:resolve:", lambda: chat.press(f"pb:resolve:{world.problem[OWN]}")),
        ("pb:progress:", lambda: chat.press(f"pb:progress:{world.problem[OWN]}")),
        ("lang:en", lambda: chat.press("lang:en")),
        ("mt:drop:", lambda: chat.press(f"mt:drop:{world.meeting}")),
        ("pk:", lambda: chat.press(f"pk:{world.meeting}")),
    ]
    wrong = []
    for what, probe in probes:
        if problem := stranger(probe()):
            wrong.append(f"{what} after removal: {problem}")
    assert not wrong, "\n".join(wrong)
    with harness.db.scope() as session:
        assert session.get(Meeting, world.meeting).status == "scheduled"
        assert session.exec(select(ReportDraft)).all() == []
        assert session.exec(select(ProblemEvent)).all() == []
    assert harness.bot.errors == []


def test_removed_liaison_mid_form_gets_the_strangers_answer(harness_with_world):
    harness = harness_with_world
    chat = Chat(harness, harness.emulator.add_user(USER_IDS[LIAISON], "Liaison"))
    opened = chat.command("report")
    assert f"【{PROJECT[OWN]}】" in opened.text
    deactivate(harness.db, USER_IDS[LIAISON])
    typed = chat.say("1200")
    assert stranger(typed) == "", typed.text
    pressed = chat.act(lambda: chat.user.press("2025年3月"))
    assert pressed.callback is not None and not pressed.shows_any(MARKERS[OWN])
    assert t("report-form-closed") in pressed.text or stranger(pressed) == "", pressed.text
    with harness.db.scope() as session:
        [draft] = session.exec(select(ReportDraft)).all()
    assert draft.step == "period" and "period" not in draft.answers
    assert harness.bot.errors == []


def _meeting_wizard(chat: Chat, world: World) -> list[Callable[[], Answer]]:
    assert MEETING_ASK_WHEN in chat.command("meeting").text
    return [
        lambda: chat.say("2025-03-25 09:00"),
        lambda: chat.press(f"mt:park:{world.park[OWN]}"),
        lambda: chat.say("会议室"),
        lambda: chat.press("mt:deadline"),
        lambda: chat.press("mt:confirm"),
    ]


def _broadcast_wizard(chat: Chat, world: World) -> list[Callable[[], Answer]]:
    assert t("broadcast-ask-audience") in chat.command("broadcast").text
    return [
        lambda: chat.press("bc:to:everyone"),
        lambda: chat.say("请各单位注意"),
        lambda: chat.press("bc:send"),
    ]


def _assign_wizard(chat: Chat, world: World) -> list[Callable[[], Answer]]:
    assert lead("problem-ask-unit", id="") in chat.press(f"pb:assign:{world.problem[OWN]}").text
    return [lambda: chat.say("自然资源局"), lambda: chat.say("2025-04-30")]


def _move_wizard(chat: Chat, world: World) -> list[Callable[[], Answer]]:
    assert t("meeting-ask-new-time") in chat.press(f"mt:move:{world.meeting}").text
    return [lambda: chat.say("2025-03-27 09:00"), lambda: chat.press("mt:confirm")]


def _drop_wizard(chat: Chat, world: World) -> list[Callable[[], Answer]]:
    assert MEETING_PLACE in chat.press(f"mt:drop:{world.meeting}").text
    return [lambda: chat.press("mt:confirm")]


@pytest.mark.parametrize(
    "wizard",
    [_meeting_wizard, _broadcast_wizard, _assign_wizard, _move_wizard, _drop_wizard],
    ids=["meeting", "broadcast", "assign", "move-meeting", "cancel-meeting"],
)
def test_removed_admin_mid_wizard_gets_the_strangers_answer(harness_with_world, wizard):
    harness = harness_with_world
    world = harness.world
    chat = Chat(harness, harness.emulator.add_user(USER_IDS[ADMIN], "Admin"))
    steps = wizard(chat, world)
    deactivate(harness.db, USER_IDS[ADMIN])
    wrong = []
    for number, step in enumerate(steps):
        answer = step()
        if problem := stranger(answer):
            wrong.append(f"step {number + 1} after removal: {problem}: {answer.text[:200]!r}")
    assert not wrong, "\n".join(wrong)
    with harness.db.scope() as session:
        meetings = session.exec(select(Meeting)).all()
        assert [(m.id, m.status, m.starts_at) for m in meetings] == [
            (world.meeting, "scheduled", datetime.fromisoformat("2025-03-20T09:00:00+08:00"))
        ]
        assert session.exec(select(Broadcast)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []
        assert session.exec(select(ProblemEvent)).all() == []
        assert {p.status for p in session.exec(select(Problem))} == {"open"}
    assert harness.bot.errors == []


def test_the_due_date_example_is_ahead_of_the_clock(harness_with_world):
    """A fixed example date would one day be refused as past; it is two weeks from now."""
    harness = harness_with_world
    chat = Chat(harness, harness.emulator.add_user(USER_IDS[ADMIN], "Admin"))
    chat.press(f"pb:assign:{harness.world.problem[OWN]}")
    example = harness.services.now().date() + timedelta(days=14)
    assert t("problem-ask-due", example=str(example)) in chat.say("自然资源局").text
    chat.command("cancel")
