"""Short admin wizards as PTB ConversationHandlers (state tables)."""

import warnings

from telegram.ext import ConversationHandler
from telegram.warnings import PTBUserWarning


def wizard(**options: object) -> ConversationHandler:
    """A ConversationHandler tracked per chat and user.

    PTB warns that buttons are then not tracked per message; that is what these wizards
    want (one wizard per admin at a time, each state accepting only its own buttons).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return ConversationHandler(**options)
