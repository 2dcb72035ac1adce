"""The message catalogue is complete in both languages and every key used in code exists."""

import re
from pathlib import Path

import pytest

from bot.commands import COMMANDS
from bot.i18n import LANGUAGES, Catalogue, language_from_name, normalize_language

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "bot" / "locales"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


def test_both_languages_define_the_same_keys(catalogue):
    zh, en = catalogue.keys("zh_CN"), catalogue.keys("en")
    assert zh - en == set(), f"missing in en: {sorted(zh - en)}"
    assert en - zh == set(), f"missing in zh_CN: {sorted(en - zh)}"


def test_every_key_has_text_in_both_languages(catalogue):
    # An empty message (a key with only whitespace or an empty placeable) reads as nothing.
    for language in LANGUAGES:
        for key in sorted(catalogue.keys(language)):
            bundle = catalogue._bundle(language)
            message = bundle.get_message(key)
            assert message.value is not None, f"{language}: {key} has no value"
            text, _ = bundle.format_pattern(message.value, {})
            assert text.strip(), f"{language}: {key} is empty"


def test_amounts_carry_their_unit_in_both_languages():
    # Every message that shows a 万元 amount in Chinese says the unit in English too.
    zh, en = _sources("zh_CN"), _sources("en")
    for key, text in sorted(zh.items()):
        if "万元" in text and "{" in text:
            assert "10k yuan" in en[key] or "万元" in en[key], f"{key}: {en[key]!r}"


def _sources(language: str) -> dict[str, str]:
    """Every message's source text in a language, placeables as written."""
    from fluent.syntax import FluentParser, FluentSerializer

    parser, serializer = FluentParser(), FluentSerializer()
    return {
        entry.id.name: serializer.serialize_entry(entry)
        for path in sorted((LOCALES / language).glob("*.ftl"))
        for entry in parser.parse(path.read_text("utf-8")).body
        if hasattr(entry, "id")
    }


def test_every_literal_key_used_in_code_exists(catalogue):
    keys = catalogue.keys("zh_CN")
    used = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        for match in re.finditer(r"""\bt\(\s*"([a-z][a-z0-9-]+)\"""", path.read_text("utf-8")):
            used.add((path.name, match.group(1)))
    missing = sorted((name, key) for name, key in used if key not in keys)
    assert used, "the scan found no keys at all: the pattern is broken"
    assert missing == []


def test_every_command_has_a_description(catalogue):
    for language in LANGUAGES:
        for command in COMMANDS:
            assert catalogue.text(language, command.description_key)


def test_arguments_are_filled_without_isolation_marks(catalogue):
    text = catalogue.text("zh_CN", "greet", name="张三", roles="联络员")
    assert text == "您好，张三！您已绑定为：联络员。"
    assert "\u2068" not in text


def test_missing_key_raises(catalogue):
    with pytest.raises(KeyError):
        catalogue.text("en", "no-such-key")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-hans", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("en-US", "en"),
        ("en", "en"),
        ("ru", None),
        ("", None),
        (None, None),
    ],
)
def test_language_tags(tag, expected):
    assert normalize_language(tag) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("English", "en"),
        ("en-US", "en"),
        ("英文", "en"),
        ("英语", "en"),
        ("zh", "zh_CN"),
        ("zh_CN", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("中文", "zh_CN"),
        ("简体中文", "zh_CN"),
        ("Chinese", "zh_CN"),
        (" simplified   chinese ", "zh_CN"),
        ("enter", None),
        ("zhang", None),
        ("ru", None),
        ("klingon", None),
        ("", None),
    ],
)
def test_language_names_people_type_after_lang(name, expected):
    assert language_from_name(name) == expected


def test_every_language_button_name_is_understood_when_typed(catalogue):
    # What /lang's buttons show is also what a person may type after /lang.
    for shown_in in LANGUAGES:
        for language in LANGUAGES:
            assert language_from_name(catalogue.text(shown_in, f"lang-name-{language}")) == language


def test_catalogues_share_the_parsed_files_until_one_changes(tmp_path):
    # Every Services has a Catalogue; the files are parsed once per process, not per Catalogue.
    for language in LANGUAGES:
        (tmp_path / language).mkdir()
        (tmp_path / language / "a.ftl").write_text("greeting = hello\n", encoding="utf-8")
    first, second = Catalogue(tmp_path), Catalogue(tmp_path)
    assert first.text("en", "greeting") == second.text("en", "greeting") == "hello"
    assert first._bundle("en") is second._bundle("en")
    (tmp_path / "en" / "a.ftl").write_text("greeting = hello again\n", encoding="utf-8")
    assert Catalogue(tmp_path).text("en", "greeting") == "hello again"
    assert first.text("en", "greeting") == "hello"  # a Catalogue keeps what it read
