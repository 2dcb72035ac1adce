"""Short admin wizards as PTB ConversationHandlers (state tables), persistent in the database.

Each wizard's step (per chat and user) and its answers in user_data are stored by the
Application's persistence (bot/telegram/persistence.py) right after every step, so two admins'
wizards never share anything and a restart (or a crash after the step) resumes where the
person was. The window: the step's replies go out before its state is written (the state is
what the step returns, known only once it has replied); a crash between the two leaves the
previous step and its answers stored, so the person's next answer is read by the previous
step: a text is taken as the answer to the previous question and the wizard asks on from
there, a button of the new question is a closed button. State and answers are written in one
transaction, so they never disagree, and every wizard shows a preview before it writes.
"""

import warnings
from collections.abc import Callable, Sequence
from copy import deepcopy
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import Application, BaseHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from bot.telegram.context import ParkContext
from bot.telegram.persistence import DatabasePersistence
from handlers.onboarding import explain_access
from handlers.request import request
from models import Person


def wizard(
    *,
    name: str,
    may_continue: Callable[[Person], bool] = lambda person: True,
    data_keys: Sequence[str] = (),
    **options: object,
) -> ConversationHandler:
    """A ConversationHandler tracked per chat and user, expiring after WIZARD_IDLE_MINUTES.

    PTB warns that buttons are then not tracked per message; that is what these wizards
    want (one wizard per admin at a time, each state accepting only its own buttons).

    Every step checks the person again (`may_continue`, and still on the roster): whoever was
    removed or lost the role mid-wizard gets the refusal, and the wizard ends. Sending the
    wizard's command again starts it afresh (allow_reentry) instead of going unanswered.

    Idle expiry is checked against the injected clock (Services.now) when the next update
    reaches the wizard, not by PTB's conversation_timeout, whose job runs on the real clock:
    an answer given too late is not applied; the person is told, and the wizard's
    `data_keys` in user_data are dropped. The stamp lives in user_data, so this holds across a
    restart.

    Everything a step leaves in user_data must be JSON (datetimes as isoformat): the
    persistence stores it so.
    """
    options.setdefault("allow_reentry", True)
    stamp = _stamp_key(name)
    for handler in options["entry_points"]:  # type: ignore[union-attr]
        _stamp(handler, stamp)
    for handlers in options["states"].values():  # type: ignore[union-attr]
        for handler in handlers:
            _guard(handler, may_continue, stamp, tuple(data_keys))
            _stamp(handler, stamp)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return _PersistentWizard(name=name, persistent=True, **options)


class _PersistentWizard(ConversationHandler):
    """A ConversationHandler whose new state and user_data are stored right after each step."""

    async def handle_update(  # type: ignore[override]
        self,
        update: Update,
        application: Application,
        check_result: object,
        context: ParkContext,
    ) -> object | None:
        try:
            return await super().handle_update(update, application, check_result, context)
        finally:
            self._save(application, update)

    def _save(self, application: Application, update: Update) -> None:
        """Writes the step's new state and the person's user_data, in one transaction."""
        persistence = application.persistence
        if not isinstance(persistence, DatabasePersistence) or self.name is None:
            return
        key = self._get_key(update)
        user = update.effective_user
        if user is not None and key not in self._conversations:
            # Ended (by a step, a fallback or the guard): its idle stamp has nothing to time.
            application.user_data.get(user.id, {}).pop(_stamp_key(self.name), None)
        user_data = None if user is None else deepcopy(application.user_data.get(user.id, {}))
        persistence.save_step(
            name=self.name,
            key=key,
            state=self._conversations.get(key),
            user_id=None if user is None else user.id,
            user_data=user_data,
        )


def _stamp_key(name: str) -> str:
    return f"wizard-at:{name}"


def idle_limit(context: ParkContext) -> timedelta:
    """How long a wizard waits for its next answer."""
    return timedelta(minutes=context.services.settings.wizard_idle_minutes)


def _stamp(handler: BaseHandler, stamp: str) -> None:
    """Notes when the wizard last moved on, for the idle check of its next step."""
    step = handler.callback

    async def stamped(update: Update, context: ParkContext) -> object:
        # The time the answer came, read before the step replies: the idle time starts there.
        arrived = context.services.now()
        state = await step(update, context)
        if state != ConversationHandler.END and context.user_data is not None:
            context.user_data[stamp] = arrived.isoformat()
        return state

    handler.callback = stamped


def _expired(context: ParkContext, stamp: str, now: datetime) -> bool:
    last = (context.user_data or {}).get(stamp)
    if last is None:
        return False
    return now - datetime.fromisoformat(last) > idle_limit(context)


def _guard(
    handler: BaseHandler,
    may_continue: Callable[[Person], bool],
    stamp: str,
    data_keys: tuple[str, ...],
) -> None:
    step = handler.callback

    async def guarded(update: Update, context: ParkContext) -> object:
        services = context.services
        # A read of its own, before the step opens the update's request: the guard wraps any
        # step, and a person whose access was taken away mid-wizard must not take one more.
        with request(update, context) as req:
            viewer, now = req.viewer, req.now
        allowed = viewer.person is not None and may_continue(viewer.person)
        if allowed and not _expired(context, stamp, now):
            return await step(update, context)
        for key in (stamp, *data_keys):
            context.user_data.pop(key, None)
        if allowed:
            minutes = services.settings.wizard_idle_minutes
            text = viewer.t("wizard-expired", minutes=minutes)
            if update.callback_query is not None:
                await update.callback_query.answer(text, show_alert=True)
            else:
                await update.effective_message.reply_text(text)
        elif update.callback_query is not None:
            await update.callback_query.answer(viewer.t("callback-closed"))
        elif viewer.person is None:
            await explain_access(update, viewer)
        else:
            await update.effective_message.reply_text(viewer.t("admin-only"))
        return ConversationHandler.END

    handler.callback = guarded
