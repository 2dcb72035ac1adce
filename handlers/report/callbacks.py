"""Callback data of the form's buttons: ``rf:<draft>:<step>:<action>[:<argument>]``.

The draft id and step make a button from a finished form, or from an earlier question,
recognisable as stale.
"""

from dataclasses import dataclass

from bot.telegram.context import callback_id

PREFIX = "rf"
START_PREFIX = "report:"  # report:<project id>, from the welcome message and reminders


@dataclass(frozen=True)
class FormButton:
    """A decoded form button."""

    draft_id: int
    step: str
    action: str
    argument: str = ""


def encode(draft_id: int, step: str, action: str, argument: str = "") -> str:
    """The callback data of a form button (well under Telegram's 64 bytes)."""
    return ":".join([PREFIX, str(draft_id), step, action, argument])


def decode(data: str) -> FormButton | None:
    """The button behind callback data, or None when it is not a well-formed form button."""
    parts = data.split(":", 4)
    if len(parts) != 5 or parts[0] != PREFIX or callback_id(parts[1]) < 0:
        return None
    return FormButton(callback_id(parts[1]), parts[2], parts[3], parts[4])


def start_button(project_id: int | None = None) -> str:
    """The callback data of a 'report' button: for one project, or (None) the person's list."""
    return f"{START_PREFIX}{project_id if project_id is not None else ''}"


def decode_start(data: str) -> int | None:
    """The project id of a 'report on this project' button."""
    project_id = callback_id(data.removeprefix(START_PREFIX))
    return project_id if project_id >= 0 else None
