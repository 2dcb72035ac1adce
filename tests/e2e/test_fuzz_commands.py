"""Fuzzing commands, buttons and free text through the real bot, as three kinds of people.

The data set of tests/e2e/test_access_matrix.py (two parks, a project in each, a problem in
each, a meeting); the people typing are the liaison of project A (scoped to it), an admin
(who reaches the deepest code: the ledger, problem steps, meeting buttons) and a stranger.
Generated inputs:

- an argument for every command that takes one: /status, /park, /chart, /export, /report,
  /start (an invite token);
- free text;
- button payloads (callback data, 1 to 64 bytes): random strings, and the bot's prefixes
  (``rf:``, ``report:``, ``sp:``, ``sk:``, ``ch:p``, ``ch:k``, ``lang:``, ``mt:...``, ``bc:...``,
  ``pb:<action>:``) with real, huge, negative, non-numeric and non-ASCII-digit ids, nested
  fields, payloads padded to exactly 64 bytes;

each built from random Unicode, right-to-left and zero-width characters, control characters,
4096-character texts, SQL-, HTML- and Markdown-looking strings, numbers of every shape, and
parts of the other project's names (a scope probe, ``%`` and ``_`` included).

Also inside the admin wizards: a forged button at the broadcast wizard's audience step and
the meeting wizard's park step, then a generated text (texts around the 3,500-character
broadcast limit and the 200-character place limit included), never confirmed.

Every message gets a reply and every button an answer; no reply shows a traceback, an
exception name or the apology of the error handler (unless the person typed those words);
no handler fails; the liaison never sees project B (nor the stranger anything) unless they
typed it; and afterwards no report, problem, problem step, meeting, reminder run, broadcast,
outbox message or invite use has been written, no account bound, and SQLite's
``PRAGMA quick_check`` is ok.

The examples come from a seeded ``random.Random`` (deterministic, the same every run), going
round the kinds so every kind is sent: about half commands and free text, 46 % buttons, 4 %
wizard runs. Before them, fixed edge cases (the shapes that broke the bot once) are sent by
each of the three people. ``PARKBOT_FUZZ_EXAMPLES`` sets the number of generated examples;
by default 90 (the file takes about 12 s on SQLite); a full run, e.g. the 10,000 of a
release check, takes about 12 minutes::

    PARKBOT_FUZZ_EXAMPLES=10000 python -m pytest tests/e2e/test_fuzz_commands.py

A failing example is reported with its number, the person, the kind and the exact input,
and the run goes on, so one run lists every distinct failure.
"""

import os
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import text as sql
from sqlmodel import select

from bot.i18n import LANGUAGES, Catalogue
from models import Person, ReportDraft
from models.draft import DraftStatus
from tests.e2e.test_access_matrix import (
    ADMIN,
    APOLOGIES,
    LIAISON,
    MARKERS,
    OTHER,
    OWN,
    PARK,
    PROJECT,
    UNKNOWN,
    USER_IDS,
    Answer,
    Chat,
    World,
    build_world,
)
from tests.fuzz_text import random_unicode, sprinkle
from tests.unit.test_report_form_properties import (
    BIDI,
    FULL_WIDTH,
    MARKUP_LIKE,
    MAX_MESSAGE,
    NUMBER_LIKE,
    RTL_TEXT,
    SQL_LIKE,
    ZERO_WIDTH,
)

pytestmark = pytest.mark.e2e

SEED = 20250310
TOTAL_EXAMPLES = int(os.environ.get("PARKBOT_FUZZ_EXAMPLES") or 90)
CALLBACK_LIMIT = 64  # bytes of callback data Telegram carries
CATALOGUE = Catalogue()
LEAKS = re.compile(
    r"Traceback|Error\b|Exception|File \"|\bline \d+|sqlalchemy|psycopg|sqlite3|"
    r"KeyError|ValueError|TypeError|AttributeError|OverflowError|IntegrityError|DataError"
)
# Questions of the wizards a button can open: the next input would be an answer to them.
WIZARD_PROMPTS = tuple(
    CATALOGUE.text(language, key, **args).split("\x00")[0]
    for language in LANGUAGES
    for key, args in (
        ("problem-ask-unit", {"id": "\x00"}),
        ("problem-ask-progress", {"id": "\x00"}),
        ("problem-ask-resolution", {"id": "\x00"}),
        ("meeting-ask-new-time", {}),
    )
)
TABLES = (
    "progress_report",
    "report_photo",
    "problem",
    "problem_event",
    "meeting",
    "reminder_run",
    "broadcast",
    "outbox_message",
)


# -- generated text ------------------------------------------------------------------------------


CONTROLS = "".join(chr(point) for point in [*range(0x00, 0x20), *range(0x7F, 0xA0)])
# Parts of both projects' names, with the LIKE wildcards: whatever is typed, scope holds.
PROBES = [
    "星火",
    "海川",
    "石门",
    "云溪",
    "园区",
    "项目",
    "周涛",
    "陈静",
    "%",
    "_",
    "%海川%",
    "海_精密",
    "'%' OR 1=1 --",
    "\\%",
    "*",
    PROJECT[OTHER],
    PARK[OTHER],
]


def number(rng: random.Random) -> str:
    return rng.choice(
        [
            str(rng.randint(-(10**6), 10**6)),
            str(rng.randint(10**8, 10**60)),
            rng.choice(NUMBER_LIKE),
            str(rng.randint(0, 10**12)).translate(FULL_WIDTH),
            f"{rng.randint(1, 12000)}-{rng.randint(-1, 14):02d}",  # period-like
            f"{rng.randint(0, 9999)}年{rng.randint(0, 13)}月",
        ]
    )


def long_text(rng: random.Random) -> str:
    chunk = rng.choice(
        [random_unicode(rng, rng.randint(1, 12)), "进", "海川", "\x00", ZERO_WIDTH, *SQL_LIKE]
    )
    return (chunk * (MAX_MESSAGE // len(chunk) + 1))[:MAX_MESSAGE]


TEXT_KINDS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("unicode", lambda rng: random_unicode(rng, rng.randint(1, 40))),
    ("probe", lambda rng: rng.choice(PROBES)),
    ("sql", lambda rng: rng.choice(SQL_LIKE)),
    ("markup", lambda rng: rng.choice(MARKUP_LIKE)),
    ("control", lambda rng: sprinkle(rng, rng.choice(PROBES), CONTROLS, times=6)),
    ("bidi", lambda rng: sprinkle(rng, rng.choice(RTL_TEXT + PROBES), ZERO_WIDTH + BIDI)),
    ("zero-width", lambda rng: sprinkle(rng, rng.choice(PROBES), ZERO_WIDTH, times=3)),
    ("number", number),
    ("long", long_text),
]


def sendable(text: str, room: int = MAX_MESSAGE) -> str:
    """What Telegram delivers: at most `room` characters, never empty or only spaces."""
    text = text[:room]
    return text if text.strip() else text[: room - 1] + "\u200b"


# -- generated button payloads -------------------------------------------------------------------

PREFIXES = [
    "rf:",
    "report:",
    "sp:",
    "sk:",
    "ch:p",
    "ch:k",
    "ch:",
    "lang:",
    "mt:",
    "mt:drop:",
    "mt:move:",
    "mt:park:",
    "mt:confirm",
    "mt:deadline",
    "mt:cancel",
    "pk:",
    "bc:",
    "bc:to:",
    "bc:to:park:",
    "bc:send",
    "bc:cancel",
    "pb:",
    "pb:assign:",
    "pb:progress:",
    "pb:resolve:",
    "pb:close:",
    "pb::",
]
ODD_IDS = [
    "",
    "0",
    "-1",
    "-0",
    "+1",
    " 1",
    "1 ",
    "1.0",
    "1e3",
    "0x1f",
    "1_000",
    "00000000000000000001",
    "١٢",  # Arabic-Indic digits: str.isdigit() and int() both accept them
    "１",  # full-width
    "²",  # isdigit() but not int()
    "①",
    "٣٤٥",
    "NaN",
    "None",
    "null",
    "' OR 1=1 --",
    "%",
    "*",
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
]
FORM_STEPS = ["project", "period", "investment", "stage", "percent", "summary", "edit", "x"]
FORM_ACTIONS = ["project", "period", "same", "zero", "stage", "submit", "edit", "cancel", "?"]


def an_id(rng: random.Random) -> str:
    return rng.choice(
        [
            str(rng.randint(0, 8)),  # the rows that exist
            str(rng.randint(9, 10**6)),
            str(rng.randint(10**11, 10**40)),
            str(-rng.randint(1, 10**20)),
            rng.choice(ODD_IDS),
            random_unicode(rng, rng.randint(1, 6)),
        ]
    )


def fit(data: str) -> str:
    """Callback data as Telegram carries it: 1 to 64 bytes of UTF-8."""
    encoded = data.encode("utf-8")[:CALLBACK_LIMIT]
    data = encoded.decode("utf-8", errors="ignore")
    return data or "x"


def padded(rng: random.Random) -> str:
    """A prefix and an id filled up to exactly 64 bytes."""
    data = rng.choice(PREFIXES) + an_id(rng)
    filler = rng.choice(["0", "9", "a", ":", "字", " "])
    while len(data.encode("utf-8")) < CALLBACK_LIMIT:
        data += filler
    return fit(data)


BUTTON_KINDS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("random", lambda rng: random_unicode(rng, rng.randint(1, 64))),
    ("prefix+id", lambda rng: rng.choice(PREFIXES) + an_id(rng)),
    ("nested", lambda rng: rng.choice(PREFIXES) + an_id(rng) + ":" + an_id(rng)),
    (
        "form",
        lambda rng: ":".join(
            ["rf", an_id(rng), rng.choice(FORM_STEPS), rng.choice(FORM_ACTIONS), an_id(rng)]
        ),
    ),
    ("prefix+text", lambda rng: rng.choice(PREFIXES) + rng.choice(TEXT_KINDS)[1](rng)),
    ("64 bytes", padded),
]


# Always sent, by each of the three people, before the generated ones: the shapes that broke
# the bot once (digits int() refuses, ids too large for the database, unknown actions, a
# button for a meeting that does not exist, echoes longer than the catalogue takes).
EDGE_BUTTONS = [
    "sp:²",
    "sk:١",
    "sp:1\x00",
    "ch:p²",
    "ch:k" + "9" * 19,
    "ch:x1",
    "report:²",
    "report:" + "9" * 11,
    "report:" + str(2**63),
    "pb:close:1",
    "pb::2",
    "pb:assign:²",
    "pb:resolve:" + str(2**64),
    "pb:progress:-1",
    "mt:drop:²",
    "mt:drop:" + "9" * 30,
    "mt:move:abc",
    "mt:move:999",
    "mt:move:1",
    "mt:park:1",
    "mt:confirm",
    "bc:to:everyone",
    "bc:send",
    "rf:²:project:project:1",
    "rf:1:period:period:2025-03",
    "lang:",
    "lang:en\n",
    ":",
    "sp:" + "1" * 61,
    # On a chart (a photo, no text to edit): the buttons that edit their message.
    "ch:p1",
    "lang:en",
    "ch:p1",
    "lang:zh_CN",
    "ch:p1",
    "mt:drop:abc",
    "ch:p1",
    "mt:cancel",
    "ch:p1",
    "pb:assign:1",
]
EDGE_MESSAGES: list[tuple[str | None, str]] = [
    ("status", "%"),
    ("status", "_"),
    ("park", "%"),
    ("chart", "_"),
    ("report", "%"),
    ("report", "字" * 4000),
    ("status", "字" * 4000),
    ("chart", "字" * 4000),
    ("park", "字" * 4000),
    ("export", "9999-12"),
    ("export", "0000-01"),
    ("export", "2025-13"),
    ("export", "٢٠٢٥-٠٣"),
    ("export", "字" * 4000),
    ("start", "\x00"),
    ("start", "a" * 4000),
    (None, "\x00"),
    (None, PROJECT[OTHER]),
    (None, "字" * MAX_MESSAGE),
]


# -- the examples --------------------------------------------------------------------------------

COMMANDS = ("status", "park", "chart", "export", "report", "start")
PEOPLE = (LIAISON, LIAISON, ADMIN, UNKNOWN)  # the liaison twice: scope is the point


@dataclass(frozen=True)
class Example:
    """One generated input: who sends it, what kind it is, and the input itself."""

    number: int
    role: str
    kind: str
    command: str | None  # /command with `payload` as its argument
    payload: str
    button: bool = False

    def __str__(self) -> str:
        what = (
            f"button {self.payload!r}"
            if self.button
            else f"/{self.command} {self.payload!r}"
            if self.command
            else f"text {self.payload!r}"
        )
        return f"example {self.number} ({self.role}, {self.kind}): {what[:300]}"


def message_examples(count: int) -> list[Example]:
    """Commands with generated arguments and free text, the kinds and commands in turn."""
    rng = random.Random(SEED)
    examples = []
    for number_ in range(count):
        kind, make = TEXT_KINDS[number_ % len(TEXT_KINDS)]
        command = (*COMMANDS, None)[(number_ // len(TEXT_KINDS)) % (len(COMMANDS) + 1)]
        role = PEOPLE[number_ % len(PEOPLE)]
        room = MAX_MESSAGE - len(command) - 2 if command else MAX_MESSAGE
        examples.append(Example(number_, role, kind, command, sendable(make(rng), room)))
    return examples


def edge_examples(buttons: bool) -> list[Example]:
    """The fixed cases (buttons, or commands and text), for each of the three people."""
    examples: list[Example] = []
    for role in (LIAISON, ADMIN, UNKNOWN):
        if buttons:
            for payload in EDGE_BUTTONS:
                examples.append(Example(-len(examples) - 1, role, "edge", None, payload, True))
        else:
            for command, payload in EDGE_MESSAGES:
                examples.append(Example(-len(examples) - 1, role, "edge", command, payload))
    return examples


def button_examples(count: int) -> list[Example]:
    rng = random.Random(SEED + 1)
    examples = []
    for number_ in range(count):
        kind, make = BUTTON_KINDS[number_ % len(BUTTON_KINDS)]
        role = PEOPLE[(number_ // len(BUTTON_KINDS)) % len(PEOPLE)]
        examples.append(Example(number_, role, kind, None, fit(make(rng)), button=True))
    return examples


# -- checking ------------------------------------------------------------------------------------


def typed_forms(typed: str) -> list[str]:
    """What the person typed, as the bot may echo it (trimmed, NFKC-normalised, split)."""
    normal = unicodedata.normalize("NFKC", typed)
    return [typed, normal, " ".join(typed.split()), " ".join(normal.split())]


def echoed(piece: str, typed: str) -> bool:
    return any(piece in form for form in typed_forms(typed))


def judge(example: Example, answer: Answer, errors: list[BaseException]) -> str:
    """What is wrong with the bot's answer to one example ('' when nothing)."""
    if errors:
        return f"handler raised {errors!r}"
    if example.button and answer.callback is None:
        return "the button was not answered"
    if not example.button and not answer.messages:
        return "no reply"
    text = answer.text
    if any(apology in text for apology in APOLOGIES):
        return "the bot apologised"
    for leak in LEAKS.findall(text):
        if not echoed(leak, example.payload):
            return f"the reply shows {leak!r}"
    if example.role == ADMIN:
        return ""
    hidden = MARKERS[OTHER] + (MARKERS[OWN] if example.role == UNKNOWN else ())
    shown = [marker for marker in hidden if marker in text and not echoed(marker, example.payload)]
    if shown:
        return f"{example.role} sees {shown}"
    if example.role == UNKNOWN and (answer.photos or answer.documents):
        return "a stranger gets a chart or a ledger"
    return ""


def counts(db) -> dict[str, object]:
    with db.scope() as session:
        found: dict[str, object] = {
            table: session.exec(sql(f"SELECT count(*) FROM {table}")).one()[0] for table in TABLES
        }
        found["invites used"] = session.exec(
            sql("SELECT count(*) FROM invite WHERE used_at IS NOT NULL")
        ).one()[0]
        found["bound accounts"] = sorted(
            (person.id, person.telegram_user_id)
            for person in session.exec(select(Person))
            if person.telegram_user_id is not None
        )
        return found


def assert_database_intact(db, before: dict[str, object]) -> None:
    assert counts(db) == before
    if db.engine.dialect.name == "sqlite":
        with db.scope() as session:
            assert session.exec(sql("PRAGMA quick_check")).one()[0] == "ok"


def open_form(db, telegram_user_id: int) -> bool:
    with db.scope() as session:
        person = session.exec(select(Person).where(Person.telegram_user_id == telegram_user_id))
        person = person.first()
        if person is None:
            return False
        query = select(ReportDraft).where(
            ReportDraft.person_id == person.id, ReportDraft.status == DraftStatus.OPEN.value
        )
        return session.exec(query).first() is not None


class Fuzzer:
    """Sends examples as the three people; after each, closes what it may have opened."""

    def __init__(self, harness, world: World) -> None:
        self.harness = harness
        self.world = world
        self.chats = {
            role: Chat(harness, harness.emulator.add_user(USER_IDS[role], role.title()))
            for role in (LIAISON, ADMIN, UNKNOWN)
        }
        for chat in self.chats.values():
            chat.command("help")  # a bot message in every chat, for buttons to be put on

    def send(self, example: Example) -> Answer:
        chat = self.chats[example.role]
        if example.button:
            return chat.press(example.payload)
        if example.command:
            return chat.command(example.command, example.payload)
        return chat.say(example.payload)

    def tidy(self, example: Example, answer: Answer) -> None:
        """Leaves a wizard or form the example opened, so the next input is not an answer."""
        chat = self.chats[example.role]
        opened = any(prompt in answer.text for prompt in WIZARD_PROMPTS)
        if opened or open_form(self.harness.db, USER_IDS[example.role]):
            chat.command("cancel")

    def run(self, examples: list[Example]) -> list[str]:
        failures: list[str] = []
        seen: set[tuple[str, str]] = set()
        errors = self.harness.bot.errors
        for example in examples:
            errors_before = len(errors)
            answer = self.send(example)
            problem = judge(example, answer, errors[errors_before:])
            if problem:
                # One line per distinct failure (kind, input and reason): a bug shows once.
                where = example.command or ("button" if example.button else "text")
                key = (example.kind, where, re.sub(r"\d+", "#", problem)[:80])
                if key not in seen:
                    seen.add(key)
                    failures.append(f"{example}: {problem}; answer {answer.text[:160]!r}")
            self.tidy(example, answer)
        return failures

    def wizard(self, example: "WizardExample") -> list[str]:
        """One forged button and one text inside an admin wizard, never confirmed."""
        chat = self.chats[ADMIN]
        errors = self.harness.bot.errors
        wrong = []

        def check(what: str, answer: Answer, payload: str, button: bool) -> Answer:
            shim = Example(example.number, ADMIN, example.kind, None, payload, button)
            if problem := judge(shim, answer, errors[count:]):
                wrong.append(f"{example}: {what}: {problem}; answer {answer.text[:160]!r}")
            return answer

        count = len(errors)
        if example.wizard == "broadcast":
            assert BROADCAST_ASK_AUDIENCE in chat.command("broadcast").text
            answer = check("audience", chat.press(example.button), example.button, True)
            if BROADCAST_ASK_PARK in answer.text:
                count = len(errors)
                park = example.park_button
                answer = check("park", chat.press(park), park, True)
            if BROADCAST_ASK_TEXT in answer.text:
                count = len(errors)
                check("text", chat.say(example.text), example.text, False)
        else:
            assert MEETING_ASK_WHEN in chat.command("meeting").text
            assert MEETING_ASK_PARK in chat.say("2025-03-25 09:00").text
            answer = check("park", chat.press(example.button), example.button, True)
            if MEETING_ASK_PLACE in answer.text:
                count = len(errors)
                answer = check("place", chat.say(example.text), example.text, False)
            if MEETING_ASK_DEADLINE in answer.text:
                count = len(errors)
                check("deadline", chat.press("mt:deadline"), "mt:deadline", True)
        chat.command("cancel")
        return wrong


# -- inside the admin wizards --------------------------------------------------------------------

BROADCAST_ASK_AUDIENCE = CATALOGUE.text("zh_CN", "broadcast-ask-audience")
BROADCAST_ASK_PARK = CATALOGUE.text("zh_CN", "broadcast-ask-park")
BROADCAST_ASK_TEXT = CATALOGUE.text("zh_CN", "broadcast-ask-text")
# Up to its first argument (the examples are dated from today).
MEETING_ASK_WHEN = CATALOGUE.text("zh_CN", "meeting-ask-when", example="\x00", short="")
MEETING_ASK_WHEN = MEETING_ASK_WHEN.split("\x00")[0]
MEETING_ASK_PARK = CATALOGUE.text("zh_CN", "meeting-ask-park")
MEETING_ASK_PLACE = CATALOGUE.text("zh_CN", "meeting-ask-place")
MEETING_ASK_DEADLINE = CATALOGUE.text("zh_CN", "meeting-ask-deadline")
# The wizards' own buttons, so the generated text reaches the step after them.
REAL_BUTTONS = {
    "broadcast": ["bc:to:everyone", "bc:to:role:leader", "bc:to:red-leaders", "bc:to:park"],
    "meeting": ["mt:park:1", "mt:park:2"],
}
WIZARD_PREFIXES = {
    "broadcast": ["bc:to:", "bc:to:role:", "bc:to:park:", "bc:"],
    "meeting": ["mt:park:", "mt:"],
}
# Around the limits: the broadcast text (3,500) and what the catalogue takes in a placeable.
LONG_SIZES = [1000, 2499, 2500, 2501, 3499, 3500, 3501, MAX_MESSAGE]


@dataclass(frozen=True)
class WizardExample:
    """A forged button at a wizard's first button step, then a generated text."""

    number: int
    wizard: str
    kind: str
    button: str
    park_button: str
    text: str

    def __str__(self) -> str:
        return (
            f"wizard example {self.number} ({self.wizard}, {self.kind}): button "
            f"{self.button!r}, then {self.park_button!r}, text {self.text[:200]!r}"
        )


def edge_wizard_examples() -> list[WizardExample]:
    """Fixed cases: forged audiences and parks, texts around the limits."""
    cases = [("broadcast", "bc:to:everyone", "通" * size) for size in LONG_SIZES]
    cases += [("broadcast", button, "通知") for button in ("bc:to:xyz", "bc:to:park:")]
    cases += [("broadcast", "bc:to:park:" + tail, "通知") for tail in ("²", "9" * 30, "-1", "0")]
    cases += [("broadcast", "bc:to:role:mayor", "通知"), ("broadcast", "bc:to:", "通知")]
    cases += [("meeting", "mt:park:" + tail, "会议室") for tail in ("²", "999", "9" * 30)]
    cases += [("meeting", "mt:park:1", "地" * size) for size in (200, 201, MAX_MESSAGE)]
    return [
        WizardExample(-number_ - 1, wizard, "edge", button, "bc:to:park:1", text)
        for number_, (wizard, button, text) in enumerate(cases)
    ]


def wizard_examples(count: int) -> list[WizardExample]:
    rng = random.Random(SEED + 2)
    examples = []
    for number_ in range(count):
        wizard = ("broadcast", "meeting")[number_ % 2]
        kind, make = TEXT_KINDS[(number_ // 2) % len(TEXT_KINDS)]
        if number_ % 3 != 2:
            button = rng.choice(REAL_BUTTONS[wizard])
        else:
            button = fit(rng.choice(WIZARD_PREFIXES[wizard]) + an_id(rng))
        park_button = fit("bc:to:park:" + rng.choice([str(rng.randint(1, 2)), an_id(rng)]))
        text = make(rng)
        if number_ % 5 == 1:
            kind, text = "long", "通" * rng.choice(LONG_SIZES)
        examples.append(WizardExample(number_, wizard, kind, button, park_button, sendable(text)))
    return examples


@pytest.fixture
def fuzzer(harness, db) -> Fuzzer:
    return Fuzzer(harness, build_world(db))


def split(total: int) -> tuple[int, int, int]:
    """Messages about half (six commands and free text), buttons most of the rest."""
    messages = max(1, total // 2)
    wizards = max(1, total * 4 // 100)  # several round trips each
    return messages, max(1, total - messages - wizards), wizards


def test_generated_commands_and_text_get_answers_within_scope(fuzzer, db):
    before = counts(db)
    examples = edge_examples(buttons=False) + message_examples(split(TOTAL_EXAMPLES)[0])
    failures = fuzzer.run(examples)
    fuzzer.harness.bot.errors.clear()  # reported above, one line each
    assert not failures, "\n".join(failures)
    assert_database_intact(db, before)


def test_generated_buttons_get_answers_within_scope(fuzzer, db):
    before = counts(db)
    examples = edge_examples(buttons=True) + button_examples(split(TOTAL_EXAMPLES)[1])
    failures = fuzzer.run(examples)
    fuzzer.harness.bot.errors.clear()
    assert not failures, "\n".join(failures)
    assert_database_intact(db, before)


def test_generated_buttons_and_text_inside_the_admin_wizards(fuzzer, db):
    before = counts(db)
    failures = []
    for example in edge_wizard_examples() + wizard_examples(split(TOTAL_EXAMPLES)[2]):
        failures.extend(fuzzer.wizard(example))
    fuzzer.harness.bot.errors.clear()
    assert not failures, "\n".join(failures[:30])
    assert_database_intact(db, before)


def test_moving_a_meeting_that_does_not_exist(fuzzer, db):
    chat = fuzzer.chats[ADMIN]
    before = counts(db)
    pressed = chat.press("mt:move:999")
    typed = chat.say("2025-03-27 09:00")
    errors = list(fuzzer.harness.bot.errors)
    fuzzer.harness.bot.errors.clear()
    assert errors == []
    assert typed.messages and not any(apology in typed.text for apology in APOLOGIES)
    # No question about a meeting that is not there; the time typed is then just a search.
    assert pressed.callback is not None and not pressed.messages
    assert_database_intact(db, before)


def test_every_kind_and_command_is_generated():
    messages, buttons = message_examples(70), button_examples(48)
    assert {e.kind for e in messages} == {kind for kind, _ in TEXT_KINDS}
    assert {e.command for e in messages} == {*COMMANDS, None}
    assert {e.role for e in messages} == {e.role for e in buttons} == {LIAISON, ADMIN, UNKNOWN}
    assert {e.kind for e in buttons} == {kind for kind, _ in BUTTON_KINDS}
    for example in buttons:
        assert 1 <= len(example.payload.encode("utf-8")) <= CALLBACK_LIMIT
    assert any(len(e.payload.encode("utf-8")) == CALLBACK_LIMIT for e in buttons)
    for example in messages:
        assert example.payload.strip() and len(example.payload) <= MAX_MESSAGE
