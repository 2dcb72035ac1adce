"""The message catalogue: Fluent files per language under bot/locales/."""

import re
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
LONG_ARGUMENT = 1000  # characters; longer arguments are put in after Fluent formats


def normalize_language(code: str | None) -> str | None:
    """Maps a language tag (zh-hans, zh_CN, en-US, ...) to a catalogue language, if any."""
    if not code:
        return None
    tag = code.strip().replace("-", "_").lower()
    if tag.startswith("zh"):
        return "zh_CN"
    if tag.startswith("en"):
        return "en"
    return None


# Names people type for a language (after /lang), besides its tags (zh, zh-CN, en, en-US).
_LANGUAGE_NAMES = {
    "zh_CN": ("中文", "简体中文", "简体", "汉语", "普通话", "chinese", "simplified chinese", "cn"),
    "en": ("english", "英文", "英语"),
}


def language_from_name(text: str) -> str | None:
    """The catalogue language a person names: `en`, `english`, `英文`, `zh`, `中文`, ..."""
    name = " ".join(text.split()).casefold()
    for language, names in _LANGUAGE_NAMES.items():
        if name in names or name == language.casefold():
            return language
    # A language tag, but not any word that starts like one ("enter" is no language).
    if re.fullmatch(r"(zh|en)([-_][a-z0-9]{2,8})*", name):
        return normalize_language(name)
    return None


class Catalogue:
    """Every user-facing text, looked up by key and language."""

    def __init__(self, locales_dir: Path = LOCALES_DIR, pattern: str = "*.ftl") -> None:
        # `pattern` narrows the files read: the CLI's help needs only its own file.
        self._dir = locales_dir
        self._pattern = pattern
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        self._lock = threading.Lock()  # the ledger formats texts in a worker thread

    def _bundle(self, language: str) -> FluentBundle:
        # Parsed on first use: each language's files take ~0.08 s, which start-up need not wait
        # for (tests/unit/test_i18n.py parses every language).
        if language not in LANGUAGES:
            raise KeyError(f"no catalogue for language {language!r}")
        bundle = self._bundles.get(language)
        if bundle is None:
            with self._lock:
                bundle = self._bundles.get(language)
                if bundle is None:
                    bundle, self._keys[language] = _parsed(self._dir, language, self._pattern)
                    self._bundles[language] = bundle
        return bundle

    def keys(self, language: str) -> set[str]:
        """Every message key defined for a language."""
        self._bundle(language)
        return set(self._keys[language])

    def text(self, language: str, key: str, **args: object) -> str:
        """The message `key` in `language`, with its arguments filled in."""
        bundle = self._bundle(language if language in LANGUAGES else DEFAULT_LANGUAGE)
        if not bundle.has_message(key):
            raise KeyError(f"message {key!r} missing in {language}")
        message = bundle.get_message(key)
        values = _fluent_args(args)
        # Fluent refuses a placeable of over 2,500 characters; a long text quoted back (a
        # broadcast's preview, up to 3,500) goes in after formatting, behind a marker.
        long = {}
        for name, value in values.items():
            if isinstance(value, str) and len(value) > LONG_ARGUMENT:
                marker = f"[{uuid.uuid4().hex}]"
                long[marker], values[name] = value, marker
        text, errors = bundle.format_pattern(message.value, values)
        if errors:
            raise ValueError(f"message {key!r} in {language}: {errors}")
        for marker, value in long.items():
            text = text.replace(marker, value)
        return text


# The parsed files, shared by every Catalogue of the process: the CLI and the web make several,
# and parsing is the catalogue's whole cost. Keyed by each file's size and mtime, so an edited
# file is parsed again. A shared bundle is safe across threads: it only adds compiled messages.
_PARSED: dict[tuple, tuple[FluentBundle, frozenset[str]]] = {}
_PARSED_LOCK = threading.Lock()


def _parsed(locales_dir: Path, language: str, pattern: str) -> tuple[FluentBundle, set[str]]:
    """The bundle and message keys of a language's files, parsed once per process."""
    paths = sorted((locales_dir / language).glob(pattern))
    signature = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in paths)
    key = (language, signature)
    with _PARSED_LOCK:
        found = _PARSED.get(key)
        if found is None:
            found = _PARSED[key] = _load(language, paths)
    return found[0], set(found[1])


def _load(language: str, paths: list[Path]) -> tuple[FluentBundle, frozenset[str]]:
    # Isolation marks (U+2068/2069) would show as junk in Telegram clients.
    bundle = FluentBundle([language.replace("_", "-")], use_isolating=False)
    keys: set[str] = set()
    for path in paths:
        resource = FluentResource(path.read_text(encoding="utf-8"))
        errors = bundle.add_resource(resource)
        if errors:
            raise ValueError(f"{path}: {errors}")
        keys.update(entry.id.name for entry in resource.body if hasattr(entry, "id"))
    return bundle, frozenset(keys)


def format_moment(
    catalogue: "Catalogue", language: str, moment: datetime, tz: tzinfo, *, key: str = "moment"
) -> str:
    """A date and time as people read it: 3月12日 18:00, or 2025-03-12 18:00.

    `key` picks another shape of the same parts, e.g. "moment-dated" (always with the year).
    """
    local = moment.astimezone(tz)
    return catalogue.text(
        language,
        key,
        year=str(local.year),
        month=str(local.month),
        day=str(local.day),
        date=local.strftime("%Y-%m-%d"),
        time=local.strftime("%H:%M"),
    )


def format_period(catalogue: "Catalogue", language: str, period: str) -> str:
    """A YYYY-MM period as people read it: 2025年3月, or 2025-03."""
    year, month = period.split("-")
    return catalogue.text(
        language, "period-label", year=year, month=str(int(month)), month_padded=f"{int(month):02d}"
    )


def format_list(catalogue: "Catalogue", language: str, items: Iterable[object]) -> str:
    """Items joined the language's way: 张伟、王芳, or Zhang Wei, Wang Fang."""
    return list_separator(catalogue, language).join(map(str, items))


def list_separator(catalogue: "Catalogue", language: str) -> str:
    """What format_list puts between items, for callers joining many lists (the ledger's rows)."""
    return catalogue.text(language, "list-separator")


def _fluent_args(args: dict[str, object]) -> dict[str, object]:
    # Numbers stay numbers (plural rules need them) but without grouping: 1002, not 1,002.
    return {
        name: fluent_number(value, useGrouping=False)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else str(value)
        for name, value in args.items()
    }
