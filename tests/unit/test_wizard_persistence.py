"""The wizards' persistence: conversations and user_data round-trip through the database."""

import asyncio

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot.telegram.persistence import DatabasePersistence
from models import WizardState


def run(coroutine):
    return asyncio.run(coroutine)


def rows(db) -> dict[tuple[str, str], dict]:
    with db.scope() as session:
        return {(r.kind, r.key): r.value for r in session.exec(select(WizardState))}


def test_conversations_and_user_data_round_trip(db):
    first = DatabasePersistence(db)
    assert run(first.get_user_data()) == {}
    assert run(first.get_conversations("meeting-wizard")) == {}
    run(first.update_conversation("meeting-wizard", (4001, 4001), 2))
    run(first.update_conversation("meeting-wizard", (4002, 4002), 0))
    run(first.update_conversation("broadcast-wizard", (4001, 4001), 1))
    meeting = {"starts_at": "2025-03-15T09:00:00+08:00", "park_id": 3, "place": "三楼会议室"}
    run(first.update_user_data(4001, {"meeting": meeting, "wizard-at:meeting-wizard": "x"}))
    run(first.update_user_data(4002, {"meeting": {}}))

    again = DatabasePersistence(db)  # a new process on the same database
    assert run(again.get_user_data()) == {
        4001: {"meeting": meeting, "wizard-at:meeting-wizard": "x"},
        4002: {"meeting": {}},
    }
    assert run(again.get_conversations("meeting-wizard")) == {(4001, 4001): 2, (4002, 4002): 0}
    assert run(again.get_conversations("broadcast-wizard")) == {(4001, 4001): 1}
    assert run(again.get_conversations("problem-steps")) == {}


def test_an_ended_wizard_and_emptied_data_leave_no_row(db):
    persistence = DatabasePersistence(db)
    run(persistence.get_user_data())
    run(persistence.update_conversation("meeting-wizard", (4001, 4001), 3))
    run(persistence.update_user_data(4001, {"meeting": {"park_id": 1}}))
    assert len(rows(db)) == 2
    run(persistence.update_conversation("meeting-wizard", (4001, 4001), None))
    run(persistence.update_user_data(4001, {}))
    assert rows(db) == {}
    run(persistence.update_user_data(4002, {"move": 7}))
    run(persistence.drop_user_data(4002))
    assert rows(db) == {}


def test_save_step_writes_state_and_data_together_and_skips_what_did_not_change(db):
    persistence = DatabasePersistence(db)
    run(persistence.get_user_data())
    run(persistence.get_conversations("broadcast-wizard"))
    persistence.save_step(
        name="broadcast-wizard",
        key=(4001, 4001),
        state=2,
        user_id=4001,
        user_data={"broadcast": {"audience": "everyone"}},
    )
    assert rows(db) == {
        ("conversation:broadcast-wizard", "[4001, 4001]"): {"state": 2},
        ("user_data", "4001"): {"broadcast": {"audience": "everyone"}},
    }
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        # The periodic run visits everyone who sent an update: unchanged rows, and people
        # without wizard data, cost no statement.
        run(persistence.update_conversation("broadcast-wizard", (4001, 4001), 2))
        run(persistence.update_user_data(4001, {"broadcast": {"audience": "everyone"}}))
        run(persistence.update_user_data(4003, {}))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert statements == []


def test_data_that_is_not_json_is_refused_before_anything_is_written(db):
    from datetime import datetime

    persistence = DatabasePersistence(db)
    with pytest.raises(TypeError):
        persistence.save_step(
            name="meeting-wizard",
            key=(4001, 4001),
            state=1,
            user_id=4001,
            user_data={"meeting": {"starts_at": datetime(2025, 3, 15)}},
        )
    assert rows(db) == {}


def test_only_conversations_and_user_data_are_stored(sqlite_db):
    persistence = DatabasePersistence(sqlite_db)
    stores = persistence.store_data
    assert (stores.user_data, stores.chat_data, stores.bot_data, stores.callback_data) == (
        True,
        False,
        False,
        False,
    )
