"""handlers/ holds no SQL: every query is a domain function under bot/."""

import ast
from pathlib import Path

import pytest

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"
SQL_NAMES = {"select", "update", "insert", "delete", "text"}
SQL_MODULES = ("sqlmodel", "sqlalchemy")
SESSION_CALLS = {"exec", "execute", "get", "add", "add_all", "delete", "scalar", "scalars", "query"}


def sql_in(source: str) -> list[str]:
    """The SQL imports and session calls in one module's source, as readable findings."""
    findings = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in SQL_MODULES:
            findings += [
                f"line {node.lineno}: imports {a.name}" for a in node.names if a.name in SQL_NAMES
            ]
        if isinstance(node, ast.Import):
            findings += [
                f"line {node.lineno}: imports {a.name}"
                for a in node.names
                if a.name.split(".")[0] == "sqlalchemy"
            ]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "session"
        ):
            findings.append(f"line {node.lineno}: calls session.{node.func.attr}")
    return findings


@pytest.mark.parametrize(
    "path", sorted(HANDLERS.rglob("*.py")), ids=lambda p: str(p.relative_to(HANDLERS))
)
def test_handler_module_has_no_sql(path: Path) -> None:
    """No module in handlers/ imports a query builder or talks to the session directly."""
    assert sql_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from sqlmodel import select\n",
        "from sqlalchemy import update\n",
        "import sqlalchemy\n",
        "def f(session):\n    return session.get(Park, 1)\n",
        "def f(session):\n    session.add(row)\n",
        "def f(session):\n    return session.exec(q)\n",
    ],
)
def test_scan_catches_sql(source: str) -> None:
    """The scan itself finds each kind of SQL it is meant to forbid."""
    assert sql_in(source) != []
