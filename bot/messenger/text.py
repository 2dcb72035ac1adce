"""Telegram-like handling of message text: parse_mode=HTML rendering and validation."""

from __future__ import annotations

import html
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


# What the web chat shows of the bot's HTML: these tags (and a[href] to http/https), with
# Telegram's synonyms mapped onto them; any other tag is dropped and its text kept.
SAFE_TAGS = {
    "b": "b", "strong": "strong", "i": "i", "em": "em", "u": "u", "ins": "u",
    "s": "s", "strike": "s", "del": "s", "code": "code", "pre": "pre", "a": "a",
}  # fmt: skip


def _escape_text(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


class _SafeHtml(HTMLParser):
    """Re-emits Telegram HTML with only the safe tags; everything else escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str | None] = []  # the emitted tag of each open tag (None: dropped)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a safe tag; a link only to http(s)."""
        emitted = SAFE_TAGS.get(tag)
        if emitted == "a":
            href = dict(attrs).get("href") or ""
            if href.lower().startswith(("http://", "https://")):
                quoted = html.escape(href, quote=True)
                self.out.append(f'<a href="{quoted}" rel="noopener noreferrer" target="_blank">')
            else:
                emitted = None
        elif emitted is not None:
            self.out.append(f"<{emitted}>")
        self.stack.append(emitted)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Self-closing tags carry nothing to show."""

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open tag (Telegram already checked the nesting)."""
        if self.stack:
            emitted = self.stack.pop()
            if emitted is not None:
                self.out.append(f"</{emitted}>")

    def handle_data(self, data: str) -> None:
        """Escape visible text."""
        self.out.append(_escape_text(data))

    def result(self) -> str:
        """The safe HTML, every tag closed."""
        closing = [f"</{tag}>" for tag in reversed(self.stack) if tag is not None]
        return "".join(self.out + closing)


def safe_html(text: str, raw_text: str | None = None) -> str:
    """HTML for a browser: the bot's markup (raw_text sent with parse_mode HTML) made safe.

    A message stores the text shown and, for the bot's, the raw text it was sent with; they
    differ only when the raw text was HTML, so equal (or no raw text) means plain text.
    """
    if raw_text is None or raw_text == text:
        return _escape_text(text)
    parser = _SafeHtml()
    parser.feed(raw_text)
    parser.close()
    return parser.result()
