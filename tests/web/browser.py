"""What every browser test shares: the system Chromium, the screen sizes, kept screenshots.

Browser tests drive Debian's Chromium (never a downloaded browser) through playwright; a module
importing this one is skipped where playwright or the browser is missing. The `chromium`
fixture (tests/web/conftest.py) launches it once per module.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright_api.expect
Page = playwright_api.Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no system chromium (apt-get install chromium)"
)
# What pages look like, kept for people to look at (git ignores it; the README names it).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WALL = {"width": 1920, "height": 1080}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAPER = {"width": 1123, "height": 794}  # A4 landscape at the browser's 96 dpi
A4_LANDSCAPE = (841.89, 595.28)  # in PDF points (297 × 210 mm)


def keep_screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save the page as test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
