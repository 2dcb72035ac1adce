"""The layers of README "Layout", checked by import-linter's contracts in pyproject.toml."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("bot", "handlers", "schedules", "models")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )


def test_the_layer_contracts_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout, result.stdout


def _copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")


def test_the_domain_importing_a_handler_breaks_the_contracts(tmp_path):
    root = _copy(tmp_path)
    _append(root / "bot/status/missing.py", "import handlers.viewer")
    result = _lint(root)
    assert result.returncode != 0
    assert "bot.status is not allowed to import handlers" in result.stdout, result.stdout
    # handlers.viewer imports telegram, so the domain now reaches it too.
    assert "bot.status is not allowed to import telegram" in result.stdout, result.stdout


def test_handlers_importing_schedules_breaks_the_contracts(tmp_path):
    root = _copy(tmp_path)
    _append(root / "handlers/greeting.py", "import schedules.jobs")
    result = _lint(root)
    assert result.returncode != 0
    assert "handlers is not allowed to import schedules" in result.stdout, result.stdout
