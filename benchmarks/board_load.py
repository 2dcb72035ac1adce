"""Liaisons filing the report form through the web chat while wall boards refresh.

Used by benchmarks/board.py. N liaisons of the generated roster (each of 2-7 projects; one is
reported on) get an invite (a re-bind one: the generated people are bound to Telegram accounts),
sign in through POST /join/<token> as benchmarks/web_chat.py does, keep the page's long poll
open, and file the report form through /api/send and /api/press. A step's time runs from the
POST to the bot's answer (a new or edited bot message with the expected text) arriving in the
long poll. The same run with B board clients, each GETting /board/panels every `every` seconds
with a city board link's cookie, measures what the boards cost the chat.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlmodel import Session, select

from benchmarks.board_http import BOARD_COOKIE, Spread
from bot.db import Database
from bot.people.invites import issue_invite
from bot.services import Services
from bot.settings import Settings
from models import Person, ProgressReport, Project, ProjectLiaison

ANSWER_TIMEOUT = 20.0
SUBMIT = "✅ 提交"
HEADERS = {"X-Parkbot": "1"}


@dataclass(frozen=True)
class Step:
    """One action: a command/text to send or a button to press (by label, or by data suffix)."""

    kind: str  # "send" | "press" | "press-data"
    value: str
    expect: str


@dataclass(frozen=True)
class Liaison:
    """A roster liaison, the project it reports on, what its latest report lets the form accept."""

    person_id: int
    project_id: int
    token: str
    stage: str
    percent: str


def form_steps(liaison: Liaison, round_index: int) -> list[Step]:
    """benchmarks.report_form.report_steps (after choosing the project) on this month, with
    answers the project accepts:
    its reported stage and percent again (nothing lower asks a confirmation), 1 万元."""
    steps = [
        Step("send", "/report", "请选择要填报的项目"),  # every generated liaison has 2-7
        Step("press-data", f":project:{liaison.project_id}", "请选择填报月份"),
        Step("press-index", "0", "要修改吗" if round_index else "① 本月完成投资"),
    ]
    if round_index:
        steps.append(Step("press", "✏️ 修改这份填报", "① 本月完成投资"))
    return [
        *steps,
        Step("send", "1", "② 目前所处阶段"),
        Step("press-data", f":{liaison.stage}", "③ 形象进度（"),
        Step("send", f"{liaison.percent}%", "④ 本月主要进展（"),
        Step("send", f"完成主体结构封顶，开始砌筑（第 {round_index + 1} 轮）。", "⑤ 需要协调"),
        Step("press", "无", "⑥ 现场照片"),
        Step("press", "跳过", "请核对"),
        Step("press", SUBMIT, "已提交"),
    ]


def pick_liaisons(url: str, count: int) -> list[Liaison]:
    """`count` liaisons of the roster, each with a project that has room for 1 万元 more and a
    fresh re-bind invite."""
    db = Database.from_url(url)
    services = Services(settings=Settings(_env_file=None, database_url=url), db=db)
    picked: list[Liaison] = []
    with db.scope() as session:
        people = session.exec(
            select(ProjectLiaison.person_id).distinct().order_by(ProjectLiaison.person_id)
        )
        for person_id in list(people):
            project, latest = _reportable(session, person_id)
            if project is None or latest is None:
                continue
            token = issue_invite(
                session,
                person=session.get(Person, person_id),
                now=services.now(),
                ttl=timedelta(days=1),
                actor="bench",
                rebind=True,
            )
            percent = f"{latest.percent.normalize():f}"
            picked.append(Liaison(person_id, project.id, token, latest.stage, percent))
            if len(picked) == count:
                break
    db.dispose()
    if len(picked) < count:
        raise RuntimeError(f"only {len(picked)} suitable liaisons in the data set")
    return picked


def _reportable(session: Session, person_id: int) -> tuple[Project | None, ProgressReport | None]:
    """The person's first active project with room for 1 万元 more, and its latest report."""
    projects = session.exec(
        select(Project)
        .join(ProjectLiaison, ProjectLiaison.project_id == Project.id)
        .where(ProjectLiaison.person_id == person_id, Project.active)
        .order_by(Project.id)
    )
    for project in projects:
        latest = session.exec(
            select(ProgressReport)
            .where(ProgressReport.project_id == project.id, ProgressReport.is_current)
            .order_by(ProgressReport.period.desc())
            .limit(1)
        ).first()
        if latest is not None and project.total_investment - latest.investment_cumulative >= 10:
            return project, latest
    return None, None


@dataclass
class Chat:
    """One signed-in browser: the bot's messages as the long poll delivered them."""

    client: httpx.AsyncClient
    revision: int = 0
    bot_messages: dict[int, dict] = field(default_factory=dict)  # id -> latest Msg
    seen: asyncio.Condition = field(default_factory=asyncio.Condition)
    steps: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def sign_in(base: str, token: str) -> Chat:
    """A browser that opened its invite link and pressed the button."""
    client = httpx.AsyncClient(base_url=base, timeout=40)
    response = await client.post(f"/join/{token}", follow_redirects=True)
    if response.status_code != 200 or "parkbot_session" not in client.cookies:
        raise RuntimeError(f"sign-in failed: {response.status_code}")
    return Chat(client)


async def follow_feed(chat: Chat, stop: asyncio.Event) -> None:
    """The page's long poll."""
    while not stop.is_set():
        try:
            response = await chat.client.get(
                "/api/feed", params={"since": chat.revision, "wait": 25}, headers=HEADERS
            )
            response.raise_for_status()
        except httpx.TransportError:
            continue
        except httpx.HTTPError as error:
            if not stop.is_set():
                chat.errors.append(f"feed: {error!r}")
            return
        feed = response.json()
        async with chat.seen:
            chat.revision = max(chat.revision, feed["revision"])
            for message in feed["messages"]:
                if message["from_bot"]:
                    chat.bot_messages[message["id"]] = message
            chat.seen.notify_all()


def _button(chat: Chat, step: Step) -> tuple[int, str] | None:
    """The newest bot message's button this step presses: (message id, data)."""
    for message_id in sorted(chat.bot_messages, reverse=True):
        buttons = [
            b for row in chat.bot_messages[message_id]["buttons"] for b in row if "data" in b
        ]
        if not buttons:
            continue
        for button in buttons:
            if step.kind == "press" and button["text"] == step.value:
                return message_id, button["data"]
            if step.kind == "press-data" and button["data"].endswith(step.value):
                return message_id, button["data"]
        if step.kind == "press-index":
            return message_id, buttons[int(step.value)]["data"]
        return None
    return None


def _answered(chat: Chat, since: int, expect: str) -> bool:
    return any(m["rev"] > since and expect in m["html"] for m in chat.bot_messages.values())


async def act(chat: Chat, step: Step) -> None:
    """Does one step and waits for its answer; its time goes to chat.steps."""
    async with chat.seen:
        since = chat.revision
        target = None if step.kind == "send" else _button(chat, step)
    if step.kind != "send" and target is None:
        raise RuntimeError(f"no button for {step}")
    started = time.perf_counter()
    if target is None:
        response = await chat.client.post("/api/send", json={"text": step.value}, headers=HEADERS)
    else:
        body = {"message_id": target[0], "data": target[1]}
        response = await chat.client.post("/api/press", json=body, headers=HEADERS)
    response.raise_for_status()
    async with chat.seen:
        try:
            await asyncio.wait_for(
                chat.seen.wait_for(lambda: _answered(chat, since, step.expect)), ANSWER_TIMEOUT
            )
        except TimeoutError:
            last = max(chat.bot_messages.items(), default=(0, {"html": ""}))[1]["html"]
            raise RuntimeError(
                f"no {step.expect!r} after {step.value!r}; last: {last[:80]!r}"
            ) from None
    chat.steps.append((time.perf_counter() - started) * 1000)


async def file_reports(
    chat: Chat, liaison: Liaison, rounds: int, think: tuple[float, float], rng: random.Random
) -> None:
    """`rounds` reports of this month (the first new, then revisions), a pause before each step."""
    try:
        for round_index in range(rounds):
            for step in form_steps(liaison, round_index):
                await asyncio.sleep(rng.uniform(*think))
                await act(chat, step)
    except (RuntimeError, httpx.HTTPError) as error:
        chat.errors.append(str(error))


@dataclass
class Boards:
    """The board clients' /board/panels times (ms) and errors."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def refresh_board(base: str, cookie: str, every: float, offset: float, stop, out: Boards):
    """A wall display refreshing its panels every `every` seconds (fixed rate); the time runs
    to the answer's last byte, read as sent (gzip, as browsers accept it; not decoded here)."""
    async with httpx.AsyncClient(base_url=base, cookies={BOARD_COOKIE: cookie}, timeout=60) as c:
        await asyncio.sleep(offset)
        tick = time.monotonic()
        while not stop.is_set():
            started = time.perf_counter()
            try:
                async with c.stream("GET", "/board/panels") as response:
                    response.raise_for_status()
                    async for _ in response.aiter_raw():
                        pass
                out.times.append((time.perf_counter() - started) * 1000)
            except httpx.HTTPError as error:
                out.errors.append(repr(error))
            tick += every
            await asyncio.sleep(max(0.0, tick - time.monotonic()))


async def _boards(base: str, cookie: str, boards: int, every: float, ready, stop) -> Boards:
    out, done = Boards(), asyncio.Event()
    tasks = [
        asyncio.create_task(refresh_board(base, cookie, every, every * n / boards, done, out))
        for n in range(boards)
    ]
    while len(out.times) + len(out.errors) < boards:  # every screen has its first answer
        await asyncio.sleep(0.05)
    ready.set()
    while not stop.is_set():
        await asyncio.sleep(0.1)
    done.set()
    await asyncio.gather(*tasks)
    return out


def board_clients(base: str, cookie: str, boards: int, every: float, ready, stop, results):
    """The wall displays, in a process of their own (their CPU is not the liaisons' loop)."""
    out = asyncio.run(_boards(base, cookie, boards, every, ready, stop))
    results.put((out.times, out.errors))


@dataclass(frozen=True)
class LoadResult:
    """One run of the liaisons (with or without boards)."""

    steps: Spread
    errors: list[str]
    boards: Spread | None
    board_errors: list[str]
    seconds: float


async def run_load(
    base: str,
    liaisons: list[Liaison],
    rounds: int,
    think: tuple[float, float],
    seed: int,
    board_cookie: str | None = None,
    boards: int = 0,
    every: float = 1.0,
) -> LoadResult:
    """The liaisons file their reports, with `boards` board clients refreshing meanwhile."""
    chats = [await sign_in(base, liaison.token) for liaison in liaisons]
    stop = asyncio.Event()
    feeds = [asyncio.create_task(follow_feed(chat, stop)) for chat in chats]
    spawn = multiprocessing.get_context("spawn")
    ready, board_stop, results = spawn.Event(), spawn.Event(), spawn.Queue()
    clients = None
    if boards and board_cookie:
        clients = spawn.Process(
            target=board_clients,
            args=(base, board_cookie, boards, every, ready, board_stop, results),
        )
        clients.start()
        while not ready.is_set():
            if not clients.is_alive():
                raise RuntimeError("the board clients ended before their first answers")
            await asyncio.sleep(0.1)
    began = time.perf_counter()
    await asyncio.gather(
        *(
            file_reports(chat, liaison, rounds, think, random.Random(seed * 1000 + n))
            for n, (chat, liaison) in enumerate(zip(chats, liaisons, strict=True))
        )
    )
    seconds = time.perf_counter() - began
    refreshed = Boards()
    if clients is not None:
        board_stop.set()
        refreshed.times, refreshed.errors = await asyncio.to_thread(results.get, True, 120)
        clients.join(30)
    stop.set()
    for chat in chats:
        await chat.client.aclose()
    for task in feeds:
        task.cancel()
    return LoadResult(
        Spread([t for chat in chats for t in chat.steps]),
        [e for chat in chats for e in chat.errors],
        Spread(refreshed.times) if clients is not None else None,
        refreshed.errors,
        seconds,
    )
