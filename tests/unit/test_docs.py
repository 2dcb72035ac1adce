"""The README and .env.example document every setting the code reads."""

import re
from pathlib import Path

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def _setting_names() -> set[str]:
    return {
        field.validation_alias
        for field in Settings.model_fields.values()
        if isinstance(field.validation_alias, str)
    }


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", readme, flags=re.MULTILINE))
    documented |= set(re.findall(r"^\| `[A-Z0-9_]+`, `([A-Z0-9_]+)`", readme, flags=re.MULTILINE))
    assert _setting_names() - documented == set()


def test_every_setting_is_in_env_example() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert _setting_names() - listed == set()
