"""The command line's help: in both catalogue languages, every option with an example, cheap."""

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.cli import parser as cli_parser
from bot.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_WORDS = {"zh_CN": ("例如",), "en": ("e.g.", "Example")}
HEAVY = ("sqlmodel", "sqlalchemy", "telegram", "matplotlib", "openpyxl", "pydantic", "models")


def _parsers(parser: argparse.ArgumentParser, path: str = "parkbot"):
    """Every parser in the tree with its command path."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_and_option_has_help_with_an_example(language):
    parser = cli_parser.build(language)
    words = EXAMPLE_WORDS[language]
    seen = 0
    for path, sub in _parsers(parser):
        assert sub.description and any(w in sub.description for w in words), path
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            seen += 1
            text = action.help or ""
            assert any(w in text for w in words), (path, action.dest, text)
            if language == "zh_CN":
                assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (path, action.dest)
        help_text = sub.format_help()
        assert ("用法：" if language == "zh_CN" else "usage:") in help_text
    assert seen >= 20  # the tree was walked, options included


def test_help_follows_parkbot_language(monkeypatch, capsys):
    monkeypatch.setenv("PARKBOT_LANGUAGE", "en")
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert "the ledger's month" in capsys.readouterr().out
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert "台账月份" in capsys.readouterr().out


def test_help_language_is_read_from_dotenv_too(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("PARKBOT_LANGUAGE=en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARKBOT_LANGUAGE", raising=False)
    assert cli_parser.help_language() == "en"
    assert cli_parser.help_language({"PARKBOT_LANGUAGE": "zh-hans"}) == "zh_CN"


@pytest.mark.parametrize("group", ["meeting", "leave", "roster", "db"])
def test_a_group_alone_prints_its_own_help(group, monkeypatch, capsys):
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    assert cli.main([group]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"用法： parkbot {group} "), out
    assert "demo-data" not in out  # not the top-level help


def test_usage_errors_are_one_line(monkeypatch, capsys):
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    with pytest.raises(SystemExit) as exited:
        cli.main(["meeting", "add", "--at", "3.15"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--park" in err and "parkbot meeting add --help" in err


def test_help_imports_no_heavy_module():
    # What `parkbot --help` imports, as the interpreter reports it (not a timing).
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot.main", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "PARKBOT_LANGUAGE": "zh_CN", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "bot" in imported and "fluent" in imported
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
