"""The park and project pages in headless Chromium: what a leader sees, who is refused, and how
the pages look on a wall screen, a phone and A4 landscape paper (kept in test-artifacts/)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from tests.screens import say
from tests.web.browser import (
    A4_LANDSCAPE,
    PAPER,
    PHONE,
    SCREENSHOTS,
    WALL,
    Page,
    expect,
    needs_chromium,
)
from tests.web.drill_site import DrillSite, build, drill_routes, sign_in_as
from tests.web.harness import WebBot

pytestmark = needs_chromium
expect.set_options(timeout=10_000)


@pytest.fixture
def site(start_web: Callable[..., WebBot]) -> DrillSite:
    return build(start_web(routes=drill_routes))


@pytest.fixture
def browse(chromium: object, site: DrillSite) -> Iterator[Callable[..., Page]]:
    """A fresh browser, signed in as `who` (its web chat session cookie) or not at all."""
    contexts: list[object] = []

    def open_page(size: dict[str, int], who: str | None = None) -> Page:
        context = chromium.new_context(viewport=size, locale="zh-CN")  # type: ignore[attr-defined]
        contexts.append(context)
        if who is not None:
            client = sign_in_as(site, who)
            cookies = [
                {"name": c.name, "value": c.value, "url": site.web.url} for c in client.cookies.jar
            ]
            context.add_cookies(cookies)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


def keep(page: Page, name: str) -> None:
    """A full-page screenshot for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def print_a4(page: Page, name: str) -> bytes:
    """The page printed as the browser prints it (its own @page size), kept as a PDF."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    return path.read_bytes()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def test_a_leader_sees_the_card_chart_revisions_and_problem_history(browse, site) -> None:
    page = browse(WALL, "王强")
    answer = page.goto(f"{site.web.url}/project/{site.zoomlion}")
    assert answer is not None and answer.status == 200
    card = page.locator("section.card")
    expect(page.locator("h1.name")).to_contain_text("中联起重机械")
    expect(page.locator("h1.name")).to_contain_text(say("pages-light-yellow"))
    expect(card).to_contain_text(say("light-reason-problem-overdue", count=1))
    expect(card).to_contain_text(say("light-fix-problem-overdue"))
    chart = page.locator("section.chart-panel svg")
    expect(chart).to_be_visible()
    assert page.locator("section.chart-panel svg rect.bar").count() == 3  # January to March
    heights = [
        float(h)
        for h in page.locator("svg rect.bar").evaluate_all(
            "bs => bs.map(b => b.getAttribute('height'))"
        )
    ]
    assert heights[1] == pytest.approx(heights[0] * 2, rel=0.01) and heights[2] == 0
    history = page.locator("section.history")
    expect(history.locator("article.revision").first).to_contain_text(
        say("pages-change", field=say("pages-field-investment_month"), old="150", new="200")
    )
    expect(history.locator("article.revision").first).to_contain_text("李敏")
    steps = page.locator("section.problem-history ol.steps li")
    expect(steps).to_have_count(3)
    expect(steps.nth(1)).to_contain_text(
        say("pages-step-assign", unit="市自然资源局", due="2025-03-05")
    )
    expect(steps.nth(2)).to_contain_text("已上报省厅")
    photo = page.locator("section.photos img").first
    expect(photo).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    keep(page, "project-1920x1080")
    page.set_viewport_size(PHONE)
    keep(page, "project-390x844")
    # Nothing wider than the phone: tables scroll inside their panels, the chart scales.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    pdf = print_a4(page, "project-a4-landscape")
    assert pdf.startswith(b"%PDF")
    sizes = page_sizes(pdf)
    assert sizes and all(size == pytest.approx(A4_LANDSCAPE, abs=1) for size in sizes)
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()  # no navigation on paper
    page.set_viewport_size(PAPER)
    keep(page, "project-print-1123x794")


def test_a_park_page_on_the_wall_on_a_phone_and_on_paper(browse, site) -> None:
    page = browse(WALL, "王强")
    assert page.goto(f"{site.web.url}/park/{site.east}").status == 200
    row = page.locator("section.projects tbody tr").first
    expect(row).to_contain_text("中联起重机械")
    expect(row).to_contain_text(say("pages-light-yellow"))
    expect(page.locator("section.problems")).to_contain_text("市自然资源局")
    keep(page, "park-1920x1080")
    row.get_by_role("link", name="中联起重机械").click()
    expect(page).to_have_url(f"{site.web.url}/project/{site.zoomlion}")
    page.get_by_role("link", name=say("pages-back-park", park="常德经开区")).click()
    expect(page).to_have_url(f"{site.web.url}/park/{site.east}")
    page.set_viewport_size(PHONE)
    keep(page, "park-390x844")
    pdf = print_a4(page, "park-a4-landscape")
    sizes = page_sizes(pdf)
    assert sizes and all(size == pytest.approx(A4_LANDSCAPE, abs=1) for size in sizes)
    page.emulate_media(media="print")
    page.set_viewport_size(PAPER)
    expect(page.locator("header.top")).to_be_hidden()
    keep(page, "park-print-1123x794")


def test_a_liaison_gets_404_for_a_project_not_theirs(browse, site) -> None:
    page = browse(PHONE, "李敏")
    answer = page.goto(f"{site.web.url}/project/{site.spring}")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text(say("pages-not-found-title"))
    assert "飞桥汽车板簧" not in page.content()


def test_no_session_gets_403_and_no_project_name(browse, site) -> None:
    page = browse(PHONE)
    answer = page.goto(f"{site.web.url}/project/{site.zoomlion}")
    assert answer is not None and answer.status == 403
    expect(page.locator("h1")).to_have_text(say("pages-denied-title"))
    assert "中联起重机械" not in page.content()
    keep(page, "project-denied-390x844")
