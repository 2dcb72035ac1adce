"""PerPersonUpdates: different people's updates side by side, one person's in arrival order.

Deterministic: nothing sleeps for time. Updates block on asyncio Events the test sets, and
"has not started" is checked after the event loop ran everything it could (`_settle`).
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update, User

from bot.telegram.updates import NOMINAL_BOUND, PerPersonUpdates, person_key

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def _update(update_id: int, user_id: int | None, chat_id: int | None = None) -> Update:
    chat = Chat(chat_id if chat_id is not None else (user_id or 1), Chat.PRIVATE)
    user = User(user_id, "someone", False) if user_id is not None else None
    message = Message(update_id, WHEN, chat, from_user=user, text="hi")
    return Update(update_id, message=message)


def _pollish(update_id: int) -> Update:
    """An update with neither a user nor a chat (as a poll's state is)."""
    return Update(update_id)


async def _settle(rounds: int = 50) -> None:
    """Lets every ready task run as far as it can (no time passes)."""
    for _ in range(rounds):
        await asyncio.sleep(0)


def _start(
    processor: PerPersonUpdates, update: object, work: Callable[[], Awaitable[None]]
) -> asyncio.Task:
    # As the Application does: one task per update, created in arrival order.
    return asyncio.create_task(processor.process_update(update, work()))


async def test_one_persons_updates_never_interleave_and_keep_arrival_order() -> None:
    processor = PerPersonUpdates(64)
    log: list[tuple[str, int]] = []
    gate = asyncio.Event()

    def work(i: int) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            log.append(("start", i))
            await gate.wait()
            await _settle(3)  # room for another update of the same person to cut in
            log.append(("end", i))

        return run

    tasks = [_start(processor, _update(i, user_id=7), work(i)) for i in range(50)]
    await _settle()
    assert log == [("start", 0)]  # the other 49 wait for their turn
    gate.set()
    await asyncio.gather(*tasks)
    assert log == [(kind, i) for i in range(50) for kind in ("start", "end")]
    assert processor.people_in_hand == 0


async def test_different_peoples_updates_interleave() -> None:
    processor = PerPersonUpdates(64)
    b_ran = asyncio.Event()
    log: list[str] = []

    async def person_a() -> None:
        log.append("a starts")
        await b_ran.wait()  # finishes only if B's update runs meanwhile
        log.append("a ends")

    async def person_b() -> None:
        log.append("b runs")
        b_ran.set()

    a = _start(processor, _update(1, user_id=1), person_a)
    b = _start(processor, _update(2, user_id=2), person_b)
    await asyncio.wait_for(asyncio.gather(a, b), timeout=5)  # only a guard against a hang
    assert log == ["a starts", "b runs", "a ends"]


async def test_the_bound_is_honoured() -> None:
    processor = PerPersonUpdates(3)
    gate = asyncio.Event()
    running = 0
    most = 0
    three_running = asyncio.Event()

    async def work() -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        if running == 3:
            three_running.set()
        await gate.wait()
        running -= 1

    tasks = [_start(processor, _update(i, user_id=i), work) for i in range(10)]
    await three_running.wait()
    await _settle()
    assert running == 3
    gate.set()
    await asyncio.gather(*tasks)
    assert most == 3
    assert processor.people_in_hand == 0


async def test_one_persons_backlog_does_not_block_others() -> None:
    processor = PerPersonUpdates(2)
    gate = asyncio.Event()
    other_done = asyncio.Event()
    done: list[int] = []

    def blocked(i: int) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await gate.wait()
            done.append(i)

        return run

    async def other() -> None:
        other_done.set()

    # Person 1's 40 updates wait for their turn without holding a slot: with a bound of 2,
    # someone else still gets through while person 1's first update is stuck.
    backlog = [_start(processor, _update(i, user_id=1), blocked(i)) for i in range(40)]
    late = _start(processor, _update(100, user_id=2), other)
    await other_done.wait()
    await late
    assert done == []
    gate.set()
    await asyncio.gather(*backlog)
    assert done == list(range(40))


async def test_idle_people_are_forgotten() -> None:
    processor = PerPersonUpdates(8)

    async def work() -> None:
        await asyncio.sleep(0)

    await asyncio.gather(*(_start(processor, _update(i, user_id=i), work) for i in range(500)))
    assert processor.people_in_hand == 0


async def test_a_failing_update_passes_the_turn_on() -> None:
    processor = PerPersonUpdates(4)
    log: list[int] = []

    async def fails() -> None:
        log.append(1)
        raise RuntimeError("boom")

    async def next_one() -> None:
        log.append(2)

    first = _start(processor, _update(1, user_id=5), fails)
    second = _start(processor, _update(2, user_id=5), next_one)
    with pytest.raises(RuntimeError):
        await first
    await second
    assert log == [1, 2]
    assert processor.people_in_hand == 0


async def test_a_cancelled_waiting_update_leaves_the_line_intact() -> None:
    processor = PerPersonUpdates(4)
    gate = asyncio.Event()
    log: list[int] = []

    def work(i: int) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            log.append(i)
            await gate.wait()

        return run

    tasks = [_start(processor, _update(i, user_id=3), work(i)) for i in range(3)]
    await _settle()
    tasks[1].cancel()
    await _settle()
    gate.set()
    await asyncio.gather(tasks[0], tasks[2])
    assert tasks[1].cancelled()
    assert log == [0, 2]
    assert processor.people_in_hand == 0


async def test_updates_without_a_person_run_on_their_own() -> None:
    processor = PerPersonUpdates(8)
    second_ran = asyncio.Event()

    async def first() -> None:
        await second_ran.wait()

    async def second() -> None:
        second_ran.set()

    a = _start(processor, _pollish(1), first)
    b = _start(processor, _pollish(2), second)
    await asyncio.wait_for(asyncio.gather(a, b), timeout=5)  # only a guard against a hang


def test_the_key_is_the_user_else_the_chat() -> None:
    assert person_key(_update(1, user_id=10, chat_id=-500)) == ("user", 10)
    assert person_key(_update(2, user_id=10)) == person_key(_update(3, user_id=10))
    assert person_key(_update(4, user_id=None, chat_id=-500)) == ("chat", -500)
    assert person_key(_pollish(5)) != person_key(_pollish(5))


def test_one_means_one_at_a_time() -> None:
    # The Application awaits each update inline when the processor's bound is 1.
    assert PerPersonUpdates(1).max_concurrent_updates == 1
    assert PerPersonUpdates(64).max_concurrent_updates == NOMINAL_BOUND
    assert PerPersonUpdates(64).limit == 64
    with pytest.raises(ValueError):
        PerPersonUpdates(0)
