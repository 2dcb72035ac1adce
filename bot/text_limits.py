"""Telegram's length limits, counted the way Telegram counts: in UTF-16 code units.

Python's len() counts code points, so an emoji or a rare CJK character (outside the Basic
Multilingual Plane) is 1 for len() but 2 for Telegram: a text that len() says fits can be
refused ("message is too long"). Every check against a Telegram limit goes through here.
"""

MESSAGE_LIMIT = 4096  # a message's text
CAPTION_LIMIT = 1024  # a photo's or document's caption
ELLIPSIS = "…"  # one unit


def units(text: str) -> int:
    """The length of a text as Telegram counts it (UTF-16 code units: an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """The text cut to at most `limit` units, ending in "…" when cut; never half a character."""
    if units(text) <= limit:
        return text
    kept = text.encode("utf-16-le")[: (limit - units(ELLIPSIS)) * 2]
    # A cut through a surrogate pair leaves half of it: "ignore" drops that half.
    return kept.decode("utf-16-le", errors="ignore") + ELLIPSIS
