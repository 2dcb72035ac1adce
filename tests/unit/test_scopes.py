"""No Bot API round trip inside an open database scope, and no manual rollback in handlers."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = (ROOT / "handlers", ROOT / "bot" / "telegram")


def _opens_scope(node: ast.With | ast.AsyncWith) -> bool:
    """True for `with ….scope(…)` / `….trial(…)`: a block that holds a database transaction."""
    for item in node.items:
        call = item.context_expr
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in ("scope", "trial")
        ):
            return True
    return False


def violations(source: str, name: str, *, handlers: bool) -> list[str]:
    """Every await inside a scope block, and (in handlers) every `.rollback(` call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.With | ast.AsyncWith) and _opens_scope(node):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, ast.Await):
                        found.append(f"{name}:{sub.lineno}: await inside a database scope")
        if (
            handlers
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "rollback"
        ):
            found.append(f"{name}:{node.lineno}: manual rollback in a handler")
    return found


def test_the_checker_catches_an_await_in_a_scope_and_a_rollback() -> None:
    synthetic = (
        "async def h(update, context):\n"
        "    with context.services.db.scope() as session:\n"
        "        if True:\n"
        "            await update.message.reply_text('x')\n"
        "        session.rollback()\n"
        "    await update.message.reply_text('fine: the scope has closed')\n"
    )
    assert violations(synthetic, "x.py", handlers=True) == [
        "x.py:4: await inside a database scope",
        "x.py:5: manual rollback in a handler",
    ]
    assert violations(synthetic, "x.py", handlers=False) == [
        "x.py:4: await inside a database scope"
    ]


def test_adapters_never_await_inside_a_scope_nor_roll_back_by_hand() -> None:
    found = []
    for folder in ADAPTERS:
        files = sorted(folder.rglob("*.py"))
        assert files, folder
        for path in files:
            found += violations(
                path.read_text(encoding="utf-8"),
                str(path.relative_to(ROOT)),
                handlers=folder.name == "handlers",
            )
    assert found == []
