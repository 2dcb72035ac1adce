"""The bot's screens as the catalogue writes them, for tests to look for.

`say(key, **params)` is a message in full, as a person reads it. `shows(key, **params)` is a
pattern that finds the message in a screen with each variable the test does not pin standing
for any text: every fixed word of the message must be there, in order. Both read bot/locales/
through the product's own catalogue, so a reworded message moves its tests with it.
"""

import re
from functools import cache

from fluent.syntax import ast

from bot.i18n import DEFAULT_LANGUAGE, Catalogue

CATALOGUE = Catalogue()


def say(key: str, /, language: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message `key` with its variables filled in, exactly as the bot sends it."""
    return CATALOGUE.text(language, key, **params)


@cache
def _elements(key: str, language: str) -> tuple[object, ...]:
    bundle = CATALOGUE._bundle(language)
    if not bundle.has_message(key):
        raise KeyError(f"message {key!r} missing in {language}")
    value = bundle.get_message(key).value
    return tuple(value.elements) if isinstance(value, ast.Pattern) else (value,)


def _pieces(key: str, language: str, params: dict[str, object]) -> list[str | None]:
    # The message's text in pieces: a string for fixed (or pinned) text, None for a variable.
    pieces: list[str | None] = []
    for element in _elements(key, language):
        if isinstance(element, ast.TextElement):
            pieces.append(element.value)
        elif isinstance(element.expression, ast.StringLiteral):
            pieces.append(element.expression.parse()["value"])
        elif (
            isinstance(element.expression, ast.VariableReference)
            and element.expression.id.name in params
        ):
            pieces.append(str(params[element.expression.id.name]))
        else:
            pieces.append(None)
    return pieces


def _runs(key: str, language: str, params: dict[str, object]) -> list[str]:
    runs, run = [], ""
    for piece in _pieces(key, language, params):
        if piece is None:
            runs.append(run)
            run = ""
        else:
            run += piece
    return [*runs, run]


def shows(key: str, /, language: str = DEFAULT_LANGUAGE, **params: object) -> re.Pattern[str]:
    """A pattern for the message in a screen: its text, a pinned variable as given, any other
    variable (or plural choice, or term) as any text."""
    return re.compile("(?:.*?)".join(map(re.escape, _runs(key, language, params))), re.DOTALL)


def on(text: str | None, key: str, /, language: str = DEFAULT_LANGUAGE, **params: object) -> bool:
    """Whether a text shows the message `key` (see `shows`)."""
    return shows(key, language, **params).search(text or "") is not None


def part(key: str, /, index: int = 0, language: str = DEFAULT_LANGUAGE) -> str:
    """The `index`-th run of a message's fixed text (between its variables), for code that looks
    for a plain fragment: `part("report-choose-period", 1)` is "】请选择填报月份："."""
    return [run.strip() for run in _runs(key, language, {}) if run.strip()][index]
