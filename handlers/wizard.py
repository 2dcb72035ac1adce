"""Short admin wizards as PTB ConversationHandlers (state tables)."""

import warnings
from collections.abc import Callable

from telegram import Update
from telegram.ext import BaseHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from handlers.context import ParkContext
from handlers.onboarding import explain_access
from handlers.viewer import identify
from models import Person


def wizard(
    *, may_continue: Callable[[Person], bool] = lambda person: True, **options: object
) -> ConversationHandler:
    """A ConversationHandler tracked per chat and user.

    PTB warns that buttons are then not tracked per message; that is what these wizards
    want (one wizard per admin at a time, each state accepting only its own buttons).

    Every step checks the person again (`may_continue`, and still on the roster): whoever was
    removed or lost the role mid-wizard gets the refusal, and the wizard ends. Sending the
    wizard's command again starts it afresh (allow_reentry) instead of going unanswered.
    """
    options.setdefault("allow_reentry", True)
    for handlers in options["states"].values():  # type: ignore[union-attr]
        for handler in handlers:
            _guard(handler, may_continue)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return ConversationHandler(**options)


def _guard(handler: BaseHandler, may_continue: Callable[[Person], bool]) -> None:
    step = handler.callback

    async def guarded(update: Update, context: ParkContext) -> object:
        services = context.services
        with services.db.scope() as session:
            viewer = identify(session, services, update.effective_user)
        if viewer.person is not None and may_continue(viewer.person):
            return await step(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer(viewer.t("callback-closed"))
        elif viewer.person is None:
            await explain_access(update, viewer)
        else:
            await update.effective_message.reply_text(viewer.t("admin-only"))
        return ConversationHandler.END

    handler.callback = guarded
