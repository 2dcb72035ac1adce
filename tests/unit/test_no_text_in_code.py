"""handlers/ and bot/status/ build no emoji into text: every mark comes from the catalogue."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [ROOT / "handlers", ROOT / "bot" / "status"]
# Pictographs, dingbats and the arrows/marks chat texts use (🟢 ✅ ⏳ ⚠️ 📅 ...).
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f]"
)


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, nodes) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def emoji_in(source: str) -> list[str]:
    """The string constants (docstrings aside) holding an emoji, as readable findings."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return [
        f"line {node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and EMOJI.search(node.value)
    ]


@pytest.mark.parametrize(
    "path",
    sorted(p for folder in SCANNED for p in folder.rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_emoji_literal_in_code(path: Path) -> None:
    assert emoji_in(path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_an_emoji_but_not_in_a_docstring() -> None:
    source = '"""🟢 docs."""\n\ndef f():\n    """✅ fine."""\n    return f"{1} 🔴"\n'
    assert emoji_in(source) == ["line 5: ' 🔴'"]
