"""One unit of work per update: handlers open the database only through handlers.request.

`with request(update, context) as req:` gives the update's session, viewer, time and
translator, and commits once; a handler that opened `services.db.scope()` itself would be back
to a transaction per helper, a viewer looked up per helper, and a clock read per helper.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = ROOT / "handlers"

# Where the request itself is built: the one place a handler's transaction is opened.
REQUEST = "handlers/request.py"

# Modules that still open the database themselves, each with the reason. Keep it short.
ALLOWED: dict[str, str] = {}


def _opens_database(call: ast.expr) -> bool:
    """True for `….db.scope()` / `….db.trial()` (or `db.scope()` on a local `db`)."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return False
    if call.func.attr not in ("scope", "trial"):
        return False
    receiver = call.func.value
    return (isinstance(receiver, ast.Attribute) and receiver.attr == "db") or (
        isinstance(receiver, ast.Name) and receiver.id == "db"
    )


def violations(source: str, name: str) -> list[str]:
    """Every place the module opens a database transaction of its own."""
    return [
        f"{name}:{node.lineno}: opens the database itself (use handlers.request.request)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _opens_database(node)
    ]


def _modules() -> dict[str, str]:
    files = sorted(HANDLERS.rglob("*.py"))
    assert files, HANDLERS
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in files
        if str(path.relative_to(ROOT)) != REQUEST
    }


def test_the_checker_catches_a_scope_a_trial_and_a_local_db() -> None:
    synthetic = (
        "async def h(update, context):\n"
        "    with context.services.db.scope() as session:\n"
        "        pass\n"
        "    with services.db.trial() as session:\n"
        "        pass\n"
        "    db = context.services.db\n"
        "    with db.scope() as session:\n"
        "        pass\n"
        "    with request(update, context) as req:\n"
        "        req.session.scope()\n"  # not the database: a method of something else
    )
    assert violations(synthetic, "x.py") == [
        "x.py:2: opens the database itself (use handlers.request.request)",
        "x.py:4: opens the database itself (use handlers.request.request)",
        "x.py:7: opens the database itself (use handlers.request.request)",
    ]


def test_handlers_open_the_database_only_through_the_request() -> None:
    found = []
    for name, source in _modules().items():
        if name not in ALLOWED:
            found += violations(source, name)
    assert found == []


def test_the_allow_list_names_only_modules_that_still_need_it() -> None:
    modules = _modules()
    stale = [name for name in ALLOWED if not violations(modules.get(name, ""), name)]
    assert stale == [], f"no longer open the database: remove from ALLOWED: {stale}"
    assert len(ALLOWED) <= 3
