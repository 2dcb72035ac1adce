"""The outbox domain: queuing once per key, due order, retries and giving up (SQLite and PG)."""

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.db import Database
from bot.outbox import queue as outbox
from models import Broadcast, Meeting, OutboxMessage, OutboxStatus
from tests.factories import make_park, make_person


def rows(db: Database) -> list[OutboxMessage]:
    """Every outbox row, by id."""
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_dedupe_key_queues_once(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=501)
        first = outbox.enqueue(
            session, kind="reminder", text="请填报", now=now, person=person, dedupe_key="m1:7d:p1"
        )
        second = outbox.enqueue(
            session, kind="reminder", text="again", now=now, person=person, dedupe_key="m1:7d:p1"
        )
    assert first is not None and first.id is not None
    assert second is None
    [row] = rows(db)
    assert (row.text, row.chat_id, row.status, row.not_before) == ("请填报", 501, "queued", now)


def test_a_duplicate_key_leaves_the_rest_of_the_transaction_alone(db, now):
    with db.scope() as session:
        outbox.enqueue(session, kind="notice", text="a", now=now, chat_id=1, dedupe_key="k")
    with db.scope() as session:
        outbox.enqueue(session, kind="notice", text="b", now=now, chat_id=2)
        again = outbox.enqueue(session, kind="notice", text="c", now=now, chat_id=3, dedupe_key="k")
        outbox.enqueue(session, kind="notice", text="d", now=now, chat_id=4, dedupe_key="k2")
    assert again is None
    assert [row.text for row in rows(db)] == ["a", "b", "d"]


def test_concurrent_enqueues_of_one_key_write_one_row(db, now):
    barrier = threading.Barrier(4)
    results: list[object] = []

    def queue() -> None:
        barrier.wait()
        with db.scope() as session:
            row = outbox.enqueue(
                session, kind="notice", text="x", now=now, chat_id=9, dedupe_key="k"
            )
            results.append(row is not None)

    threads = [threading.Thread(target=queue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [False, False, False, True]
    assert len(rows(db)) == 1


def test_an_unbound_person_is_written_unreachable_at_once(db, now):
    with db.scope() as session:
        person = make_person(session, "王芳")
        row = outbox.enqueue(session, kind="notice", text="开会", now=now, person_id=person.id)
    assert row is not None
    assert (row.status, row.last_error, row.chat_id) == ("unreachable", "not bound", None)
    with db.scope() as session:
        assert outbox.due(session, now=now + timedelta(days=1), limit=10) == []


def test_a_message_needs_a_recipient(db, now):
    with db.scope() as session, pytest.raises(ValueError):
        outbox.enqueue(session, kind="notice", text="x", now=now)


def test_due_is_oldest_first_and_respects_not_before(db, now):
    with db.scope() as session:
        later = now + timedelta(minutes=5)
        outbox.enqueue(session, kind="notice", text="later", now=now, chat_id=1, not_before=later)
        outbox.enqueue(
            session, kind="notice", text="second", now=now + timedelta(seconds=1), chat_id=2
        )
        outbox.enqueue(session, kind="notice", text="first", now=now, chat_id=3)
    with db.scope() as session:
        assert [r.text for r in outbox.due(session, now=now, limit=10)] == ["first"]
        soon = now + timedelta(seconds=1)
        assert [r.text for r in outbox.due(session, now=soon, limit=10)] == ["first", "second"]
        everything = outbox.due(session, now=later, limit=10)
        assert [r.text for r in everything] == ["first", "second", "later"]
        assert [r.text for r in outbox.due(session, now=later, limit=2)] == ["first", "second"]
        skipping = outbox.due(session, now=later, limit=10, exclude_chats={3})
        assert [r.text for r in skipping] == ["second", "later"]


def test_answers_go_out_before_a_queued_broadcast(db, now):
    with db.scope() as session:
        for chat in range(10, 15):
            outbox.enqueue(session, kind="broadcast", text=f"b{chat}", now=now, chat_id=chat)
        later = now + timedelta(seconds=1)
        outbox.enqueue(session, kind="answer", text="a1", now=later, chat_id=3)
        outbox.enqueue(session, kind="answer", text="a2", now=later, chat_id=3)
    with db.scope() as session:
        due = outbox.due(session, now=later, limit=3)
        assert [r.text for r in due] == ["a1", "a2", "b10"]  # answers first, in their order


def test_sent_rows_record_the_message_id_and_leave_the_queue(db, now):
    with db.scope() as session:
        row = outbox.enqueue(session, kind="notice", text="x", now=now, chat_id=7)
    with db.scope() as session:
        outbox.mark_sent(session, row.id, telegram_message_id=4242, now=now + timedelta(seconds=2))
    [stored] = rows(db)
    assert (stored.status, stored.telegram_message_id, stored.attempts) == ("sent", 4242, 1)
    assert stored.sent_at == now + timedelta(seconds=2)
    with db.scope() as session:
        assert outbox.due(session, now=now + timedelta(hours=1), limit=10) == []


def test_retries_back_off_then_give_up(db, now):
    with db.scope() as session:
        row = outbox.enqueue(session, kind="notice", text="x", now=now, chat_id=7)
    statuses = []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        delay = outbox.backoff(attempt)
        with db.scope() as session:
            statuses.append(outbox.mark_retry(session, row.id, error="502", now=now, delay=delay))
        [stored] = rows(db)
        if attempt < outbox.MAX_ATTEMPTS:
            assert stored.not_before == now + timedelta(seconds=delay)
    assert statuses == ["queued"] * (outbox.MAX_ATTEMPTS - 1) + ["failed"]
    assert (stored.status, stored.attempts, stored.last_error) == ("failed", 8, "502")
    assert [outbox.backoff(n) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert outbox.backoff(20) == 300


def test_a_flood_postpones_without_counting_an_attempt(db, now):
    with db.scope() as session:
        row = outbox.enqueue(session, kind="notice", text="x", now=now, chat_id=7)
    with db.scope() as session:
        outbox.postpone(session, row.id, error="429", now=now, delay=3)
    [stored] = rows(db)
    assert (stored.status, stored.attempts) == ("queued", 0)
    assert stored.not_before == now + timedelta(seconds=3)


def test_progress_and_unreachable_people_of_a_broadcast(db, now):
    with db.scope() as session:
        broadcast = Broadcast(audience="everyone", text="通知", created_at=now)
        session.add(broadcast)
        session.flush()
        people = [
            make_person(session, "张伟", phone="13900000001", telegram_user_id=601),
            make_person(session, "李娜", phone="13900000002", telegram_user_id=602),
            make_person(session, "赵强", phone="13900000003"),
        ]
        ids = [
            outbox.enqueue(
                session, kind="broadcast", text="通知", now=now, person=p, broadcast_id=broadcast.id
            ).id
            for p in people
        ]
        outbox.mark_sent(session, ids[0], telegram_message_id=1, now=now)
        outbox.mark_unreachable(session, ids[1], error="Forbidden: bot was blocked", now=now)
        progress = outbox.broadcast_progress(session, broadcast.id)
        missing = outbox.unreachable_people(session, broadcast_id=broadcast.id)
    assert progress == {
        "queued": 0,
        "sent": 1,
        "failed": 0,
        "unreachable": 2,
        "cancelled": 0,
        "folded": 0,
    }
    assert missing == sorted([("李娜", "13900000002"), ("赵强", "13900000003")])
    assert set(progress) == {status.value for status in OutboxStatus}


def test_unreachable_people_needs_one_scope(db):
    with db.scope() as session, pytest.raises(ValueError):
        outbox.unreachable_people(session)


def test_unreachable_people_of_a_meeting(db, now):
    with db.scope() as session:
        park = make_park(session)
        meeting = Meeting(
            starts_at=now, park_id=park.id, place="会议室", deadline=now, period="2025-03",
            created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(meeting)
        session.flush()
        person = make_person(session, "钱敏", phone="13900000009")
        outbox.enqueue(
            session, kind="reminder", text="x", now=now, person=person, meeting_id=meeting.id
        )
        missing = outbox.unreachable_people(session, meeting_id=meeting.id)
    assert missing == [("钱敏", "13900000009")]
