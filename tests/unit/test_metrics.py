"""Metrics: the outbox gauges read from the database, update kinds, Bot API call counting."""

from datetime import timedelta

import pytest
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from telegram import Chat, Contact, Message, MessageEntity, PhotoSize, Update, User

from bot import metrics
from bot.outbox import queue as outbox
from bot.services import Services
from bot.settings import Settings
from bot.telegram.http import PULSE, BotApiRequest, error_kind
from bot.telegram.updates import update_kind
from bot.web.ops import metrics_registry


def gauges(registry) -> dict[str, float]:
    """The outbox gauges of one scrape, parsed back from the text format."""
    text = generate_latest(registry).decode()
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name.startswith("parkbot_outbox_")
    }


def test_the_gauges_count_queued_rows_and_age_the_oldest(db, now):
    with db.scope() as session:
        outbox.enqueue(
            session, kind="notice", text="old", now=now - timedelta(minutes=5), chat_id=1
        )
        outbox.enqueue(
            session, kind="notice", text="new", now=now - timedelta(seconds=30), chat_id=2
        )
        sent = outbox.enqueue(
            session, kind="notice", text="sent", now=now - timedelta(hours=1), chat_id=3
        )
        failed = outbox.enqueue(
            session, kind="notice", text="x", now=now - timedelta(hours=2), chat_id=4
        )
    with db.scope() as session:
        outbox.mark_sent(session, sent.id, telegram_message_id=9, now=now)
        outbox.mark_failed(session, failed.id, error="bad", now=now)
        # A row postponed by a 429 is still waiting: counted.
        late = outbox.enqueue(
            session, kind="notice", text="late", now=now - timedelta(minutes=1), chat_id=5
        )
        outbox.postpone(session, late.id, error="429", now=now, delay=60)
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: now)

    assert gauges(metrics_registry(services)) == {
        "parkbot_outbox_queued": 3.0,
        "parkbot_outbox_oldest_queued_seconds": 300.0,
    }


def test_an_empty_outbox_reads_zero(db, now):
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: now)
    assert gauges(metrics_registry(services)) == {
        "parkbot_outbox_queued": 0.0,
        "parkbot_outbox_oldest_queued_seconds": 0.0,
    }


def test_a_database_failure_leaves_the_gauges_out_and_the_rest_in():
    def broken() -> metrics.Backlog:
        raise RuntimeError("database is locked")

    text = generate_latest(metrics.scrape_registry(broken)).decode()
    assert "parkbot_outbox_queued" not in text
    assert "parkbot_updates_total" in text


def test_two_registries_in_one_process_do_not_clash():
    # Every web app (and every test) builds its own; the instruments are shared.
    first = metrics.scrape_registry(lambda: metrics.Backlog(1, 2.0))
    second = metrics.scrape_registry(lambda: metrics.Backlog(3, 4.0))
    metrics.handler_failed()
    value = metrics.INSTRUMENTS.get_sample_value("parkbot_handler_errors_total")
    assert first.get_sample_value("parkbot_handler_errors_total") == value
    assert second.get_sample_value("parkbot_handler_errors_total") == value
    assert first.get_sample_value("parkbot_outbox_queued") == 1
    assert second.get_sample_value("parkbot_outbox_queued") == 3


USER = User(7, "李", is_bot=False)
CHAT = Chat(7, Chat.PRIVATE)


def message(**fields: object) -> Message:
    """A private message from USER."""
    return Message(1, date=None, chat=CHAT, from_user=USER, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("update", "kind"),
    [
        (
            Update(
                1, message=message(text="/report", entities=[MessageEntity("bot_command", 0, 7)])
            ),
            "command",
        ),
        (Update(1, message=message(text="你好")), "message"),
        (
            Update(1, message=message(text="a /b", entities=[MessageEntity("bot_command", 2, 2)])),
            "message",
        ),
        (Update(1, message=message(contact=Contact("13800000001", "李"))), "contact"),
        (Update(1, message=message(photo=(PhotoSize("f", "u", 1, 1),))), "photo"),
        (Update(1, edited_message=message(text="改")), "edited_message"),
        (Update(1), "other"),
        ("not an update", "other"),
    ],
)
def test_update_kinds(update, kind):
    assert update_kind(update) == kind
    assert kind in metrics.UPDATE_KINDS


def test_an_update_is_counted_and_timed():
    before = metrics.INSTRUMENTS.get_sample_value("parkbot_updates_total", {"kind": "photo"})
    count = metrics.INSTRUMENTS.get_sample_value("parkbot_update_seconds_count")
    metrics.update_handled("photo", 0.02)
    metrics.update_handled("no such kind", 0.02)
    assert (
        metrics.INSTRUMENTS.get_sample_value("parkbot_updates_total", {"kind": "photo"})
        == before + 1
    )
    assert metrics.INSTRUMENTS.get_sample_value("parkbot_update_seconds_count") == count + 2


def sample(name: str, **labels: str) -> float:
    """A sample of the shared instruments (0 when never incremented)."""
    return metrics.INSTRUMENTS.get_sample_value(name, labels) or 0.0


@pytest.mark.parametrize("status", [200, 429, 403, 502])
async def test_each_bot_api_call_is_counted(monkeypatch, status):
    async def answer(self, *args: object, **kwargs: object) -> tuple[int, bytes]:
        return status, b"{}"

    monkeypatch.setattr("telegram.request.HTTPXRequest.do_request", answer)
    PULSE.answered_at = None
    request = BotApiRequest()
    url = "http://127.0.0.1:1/bot123:SECRET/sendMessage"
    sends, floods = (
        sample("parkbot_bot_api_sends_total", method="sendMessage"),
        sample("parkbot_bot_api_429_total"),
    )
    errors = {
        kind: sample("parkbot_bot_api_errors_total", kind=kind) for kind in metrics.API_ERROR_KINDS
    }

    assert await request.do_request(url=url, method="POST") == (status, b"{}")
    await request.do_request(url="http://127.0.0.1:1/bot123:SECRET/getUpdates", method="POST")
    await request.do_request(url="http://127.0.0.1:1/file/bot123:SECRET/photos/a.jpg", method="GET")

    assert sample("parkbot_bot_api_sends_total", method="sendMessage") == sends + 1
    assert sample("parkbot_bot_api_429_total") == floods + (3 if status == 429 else 0)
    if status not in (200, 429):
        assert (
            sample("parkbot_bot_api_errors_total", kind=error_kind(status))
            == errors[error_kind(status)] + 3
        )
    # Polling is not a send; a file download is counted without its path or the token.
    text = generate_latest(metrics.INSTRUMENTS).decode()
    assert 'method="getUpdates"' not in text
    assert 'method="download"' in text and "SECRET" not in text and "a.jpg" not in text
    assert (PULSE.answered_at is not None) == (status < 500)
