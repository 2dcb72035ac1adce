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


def shows(key: str, /, language: str = DEFAULT_LANGUAGE, **params: object) -> re.Pattern[str]:
    """A pattern for the message in a screen: its text, a pinned variable as given, any other
    variable (or plural choice, or term) as any text."""
    regex = ""
    for element in _elements(key, language):
        if isinstance(element, ast.TextElement):
            regex += re.escape(element.value)
        elif isinstance(element.expression, ast.StringLiteral):
            regex += re.escape(element.expression.parse()["value"])
        elif (
            isinstance(element.expression, ast.VariableReference)
            and element.expression.id.name in params
        ):
            regex += re.escape(str(params[element.expression.id.name]))
        elif not regex.endswith("(?:.*?)"):
            regex += "(?:.*?)"
    return re.compile(regex, re.DOTALL)


def on(text: str | None, key: str, /, language: str = DEFAULT_LANGUAGE, **params: object) -> bool:
    """Whether a text shows the message `key` (see `shows`)."""
    return shows(key, language, **params).search(text or "") is not None
