"""Telegram-like handling of message text: parse_mode=HTML rendering and validation."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.messenger.state import ApiError

ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "code", "pre", "blockquote", "tg-emoji",
    }
)  # fmt: skip


def _entity_error(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


class _TelegramHtml(HTMLParser):
    """Collects plain text and checks tags the way Telegram's HTML parse mode does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Reject tags Telegram does not support."""
        if tag not in ALLOWED_TAGS:
            raise _entity_error(f'Unsupported start tag "{tag}"')
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Reject self-closing tags."""
        raise _entity_error(f'Unsupported start tag "{tag}/"')

    def handle_endtag(self, tag: str) -> None:
        """Require properly nested end tags."""
        if not self.open_tags or self.open_tags[-1] != tag:
            raise _entity_error(f'Unmatched end tag "{tag}"')
        self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        """Collect visible text."""
        self.parts.append(data)


def render(text: str, parse_mode: str | None) -> str:
    """Return the text the user sees; raise 400 like Telegram on invalid HTML markup."""
    if not parse_mode or parse_mode.upper() != "HTML":
        return text
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.open_tags:
        tag = parser.open_tags[-1]
        raise _entity_error(f'Can\'t find end tag corresponding to start tag "{tag}"')
    return "".join(parser.parts)
