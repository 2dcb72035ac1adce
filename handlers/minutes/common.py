"""What the /minutes handlers share: the states, the button prefix, keyboards and labels."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import format_moment
from bot.people import queries as people
from handlers.request import Request
from handlers.viewer import Viewer
from models import Meeting

TEXT, PROJECT, UNIT, LEADER, DUE, CONFIRM, MORE = range(7)
PREFIX = "mn:"
KEY = "minutes"  # the draft decision's answers in user_data (stored as wizard_state rows)
MAX_PROJECT_BUTTONS = 40  # more projects: the name is typed
# Where a refusal at the preview sends the admin back to; any other refusal ends the wizard.
RETRY = {
    "text-invalid": TEXT,
    "unit-invalid": UNIT,
    "due-before-meeting": DUE,
    "project-unknown": PROJECT,
    "leader-invalid": LEADER,
}


def buttons(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(text, callback_data=PREFIX + data) for text, data in row]
            for row in rows
        ]
    )


def more_keyboard(viewer: Viewer) -> InlineKeyboardMarkup:
    return buttons(
        [
            [
                (viewer.t("button-minutes-another"), "another"),
                (viewer.t("button-minutes-done"), "done"),
            ]
        ]
    )


def meeting_label(req: Request, meeting: Meeting) -> str:
    park = people.park(session=req.session, park_id=meeting.park_id)
    services = req.services
    when = format_moment(
        services.catalogue, req.viewer.language, meeting.starts_at, services.settings.tz
    )
    return req.t("minutes-meeting-button", when=when, park=park.name if park else "")


def ask_text(viewer: Viewer, label: str) -> str:
    return viewer.t("minutes-ask-text", meeting=label)
