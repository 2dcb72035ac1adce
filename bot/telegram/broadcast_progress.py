"""A broadcast's progress, shown by editing its one status message; the last edit names the
unreachable.

Called by the outbox sender as messages go out and by schedules/broadcast_status.py for an
edit that was lost, so it lives below both handlers and schedules.
"""

import logging
import time

from sqlmodel import Session
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.broadcasts import service as broadcasts
from bot.i18n import format_list
from bot.services import Services
from bot.telegram.context import SERVICES_KEY
from models import Broadcast, Person

log = logging.getLogger(__name__)
EDIT_EVERY = 2.0  # seconds between progress edits of one status message
_last_edit: dict[int, float] = {}


async def report_progress(application: Application, broadcast_ids: set[int]) -> None:
    """Edits each broadcast's status message; the last edit names the unreachable.

    A broadcast counts as finished (finished_at) only once its final edit went through, so a
    lost edit is tried again by schedules.broadcast_status.
    """
    services = application.bot_data[SERVICES_KEY]
    for broadcast_id in broadcast_ids:
        with services.db.scope() as session:
            update = _status_update(session, services, broadcast_id)
        if update is None:
            continue
        chat_id, message_id, text, finished = update
        _last_edit[broadcast_id] = time.monotonic()
        try:
            await application.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except BadRequest:
            pass  # an unchanged text or a deleted status message: nothing more to show
        except TelegramError as error:
            log.warning("broadcast %s: status edit failed, retried later: %s", broadcast_id, error)
            continue
        if finished:
            with services.db.scope() as session:
                broadcasts.mark_finished(session, broadcast_id, now=services.now())
            log.info("broadcast %s finished", broadcast_id)
            _last_edit.pop(broadcast_id, None)


def _status_update(
    session: Session, services: Services, broadcast_id: int
) -> tuple[int, int, str, bool] | None:
    """(chat, message, text, finished) of the status edit due now, if one is."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None or broadcast.status_message_id is None or broadcast.finished_at:
        return None
    counts = broadcasts.progress(session, broadcast_id)
    finished = counts.get("queued", 0) == 0
    if not finished and time.monotonic() - _last_edit.get(broadcast_id, 0) < EDIT_EVERY:
        return None
    person = session.get(Person, broadcast.created_by_id) if broadcast.created_by_id else None
    language = (person.language if person else None) or services.settings.language

    def t(key: str, **args: object) -> str:
        return services.catalogue.text(language, key, **args)

    lines = [
        t(
            "broadcast-progress",
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
            unreachable=counts.get("unreachable", 0),
            total=broadcast.recipients,
        )
    ]
    if counts.get("folded", 0):  # over their burden cap: in their daily digest instead
        lines.append(t("broadcast-folded", count=counts["folded"]))
    if finished:
        lines.insert(0, t("broadcast-done"))
        names = broadcasts.unreachable_names(session, broadcast_id)
        if names:
            people = format_list(services.catalogue, language, names)
            lines.append(t("broadcast-unreachable", people=people))
    return broadcast.status_chat_id, broadcast.status_message_id, "\n".join(lines), finished
