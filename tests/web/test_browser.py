"""The web chat in a real browser: the system's headless Chromium, driven by playwright.

A liaison opens their invite link and files a full monthly report by tapping and typing; a
leader gets /overview from the command menu, a chart and the ledger; a browser without a
session, with a used link or with a forged cookie sees only how to get access. Nothing is
downloaded: the browser is the distribution's (`.ci/run` installs it). Screenshots at phone
(390×844) and desktop (1280×800) sizes go to test-artifacts/screenshots/ (not committed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.people.invites import issue_invite
from models import Person
from tests.factories import make_park, make_person, make_project, png
from tests.screens import say, shows
from tests.web.browser import DESKTOP, PHONE, SCREENSHOTS, Page, expect, needs_chromium
from tests.web.harness import WebBot

pytestmark = needs_chromium


PNG = png()
WAIT_MS = 10_000  # the longest a bot answer may take to show (a first chart imports matplotlib)
CHART_MS = 20_000  # a process's first chart imports matplotlib and renders (slow on a busy CI)
expect.set_options(timeout=WAIT_MS)


@dataclass
class Site:
    """The running bot with its web chat, and the invite links of a liaison and a leader."""

    web: WebBot
    liaison: Person
    leader: Person
    liaison_link: str
    leader_link: str


@pytest.fixture
def site(start_web: Callable[..., WebBot]) -> Site:
    """A park, a project with a liaison and a city leader (like the demo), their invites."""
    web = start_web()
    now = web.services.now()
    with web.services.db.scope() as session:
        park = make_park(session, "常德经开区")
        leader = make_person(session, "王强", is_leader=True, city_scope=True)
        liaison = make_person(session, "李敏", is_liaison=True)
        make_project(
            session,
            name="中联起重机械",
            park=park,
            leader=leader,
            liaisons=(liaison,),
            total_investment=Decimal("100000"),
        )
        tokens = [
            issue_invite(session, person=person, now=now, ttl=timedelta(days=7))
            for person in (liaison, leader)
        ]
    return Site(web, liaison, leader, *(f"{web.url}/join/{token}" for token in tokens))


@pytest.fixture
def new_page(chromium: object, site: Site) -> Iterator[Callable[[dict[str, int]], Page]]:
    """Opens fresh browsers (each its own cookies); closes them before the bot stops."""
    contexts: list[object] = []

    def open_page(size: dict[str, int]) -> Page:
        context = chromium.new_context(viewport=size, locale="zh-CN")  # type: ignore[attr-defined]
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        for page in context.pages:  # type: ignore[attr-defined]
            page.goto("about:blank")  # aborts the page's long poll: its connection closes
        context.close()  # type: ignore[attr-defined]
    # A closed page's long poll would hold the server's shutdown until its wait ends: wake it.
    state = site.web.running.messenger.state  # type: ignore[union-attr]
    with state.cond:
        for chat_id in list(state.chats):
            state.changed(chat_id)


def screenshot(page: Page, name: str) -> None:
    """Keep what the page looks like, for people to look at (test-artifacts/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def join(page: Page, link: str) -> None:
    """Open an invite link and sign in: the chat opens with the bot's greeting."""
    page.goto(link)
    page.click("#join-button")
    expect(page.locator("#chat")).to_be_visible()
    expect(last_bot(page)).to_contain_text(shows("greet-next"))


def last_bot(page: Page) -> object:
    """The newest bubble from the bot."""
    return page.locator("#messages .message.bot").last


def on_page(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A screen pattern (tests/screens.py) for a bubble's text: a line break is a <br> there,
    which reads as no text at all, and spaces may fold."""
    return re.compile(re.sub(r"(?:\\\s)+", r"\\s*", pattern.pattern), pattern.flags)


def bot_says(page: Page, pattern: re.Pattern[str]) -> object:
    """Wait until the newest bot bubble shows this message; return it."""
    bubble = last_bot(page)
    expect(bubble).to_contain_text(on_page(pattern))
    return bubble


def type_and_send(page: Page, text: str) -> None:
    """Type into the composer and tap send; the message appears as my bubble."""
    page.fill("#text", text)
    page.click("#send")
    expect(page.locator("#messages .message.me").last).to_contain_text(text)
    expect(page.locator("#text")).to_have_value("")


def tap(bubble: object, label: str) -> None:
    """Tap an inline button under a bot bubble."""
    bubble.get_by_role("button", name=label, exact=True).click()  # type: ignore[attr-defined]


def test_a_liaison_files_a_monthly_report_by_tapping_and_typing(new_page, site: Site) -> None:
    page = new_page(PHONE)
    join(page, site.liaison_link)
    type_and_send(page, "/report")
    tap(bot_says(page, shows("report-choose-period")), "2025年3月")
    bot_says(page, shows("report-ask-investment"))
    type_and_send(page, "1,200")
    tap(bot_says(page, shows("report-ask-stage")), say("stage-main_works"))
    bot_says(page, shows("report-ask-percent"))
    type_and_send(page, "45%")
    bot_says(page, shows("report-ask-progress"))
    # 📍 at any step: the browser's position (navigator.geolocation) is shared with the form.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 29.033, "longitude": 111.699})
    page.click("#location-button")
    saved = shows("evidence-location-saved", place="29.0330°N 111.6990°E")
    expect(page.locator("#messages .message.bot", has_text=on_page(saved))).to_have_count(1)
    type_and_send(page, "完成主体结构封顶，开始砌筑。")
    bot_says(page, shows("report-ask-problems"))
    type_and_send(page, "用地指标待协调")
    bot_says(page, shows("report-ask-photos"))
    page.set_input_files(
        "#photo", files=[{"name": "site.png", "mimeType": "image/png", "buffer": PNG}]
    )
    uploaded = page.locator("#messages .message.me .photo img").last
    expect(uploaded).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=uploaded.element_handle()
    )
    bot_says(page, shows("report-photo-received", count=1))
    # 📎 sends the original as a file (its EXIF kept): a document bubble, checked by content.
    with page.expect_file_chooser() as chooser:
        page.click("#file-button")
    chooser.value.set_files(files=[{"name": "site.png", "mimeType": "image/png", "buffer": PNG}])
    expect(page.locator("#messages .message.me .document")).to_have_count(1)
    tap(bot_says(page, shows("report-photo-received", count=2)), say("button-photos-done"))
    summary = bot_says(page, shows("report-summary", investment="1,200", percent=45))
    expect(summary).to_contain_text(on_page(shows("evidence-summary-location")))
    tap(summary, say("button-submit"))
    bot_says(page, shows("report-submitted", revision=1, project="中联起重机械"))
    # The inline buttons sit under their bubble; my messages are on the right, in order.
    mine = page.locator("#messages .message.me .text")
    expect(mine.nth(1)).to_have_text("/report")
    expect(mine.last).to_have_text("用地指标待协调")
    screenshot(page, "liaison-report-390x844")


def test_a_leader_gets_the_overview_a_chart_and_the_ledger(new_page, site: Site) -> None:
    page = new_page(DESKTOP)
    join(page, site.leader_link)
    page.click("#menu-button")
    expect(page.locator("#commands")).to_be_visible()
    page.click('#commands .command[data-command="/overview"]')
    expect(page.locator("#commands")).to_be_hidden()
    bot_says(page, shows("overview-header"))

    type_and_send(page, "/chart 中联起重机械")
    chart = page.locator("#messages .message.bot .photo img").last
    expect(chart).to_be_visible(timeout=CHART_MS)
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
    )
    bot_says(page, shows("chart-caption-project", name="中联起重机械"))

    type_and_send(page, "/export")
    ledger = page.locator("#messages .message.bot .document").last
    expect(ledger).to_be_visible()
    with page.expect_download() as download:
        ledger.click()
    path = download.value.path()
    assert path is not None and Path(path).read_bytes()[:2] == b"PK"
    screenshot(page, "leader-1280x800")


def test_a_browser_without_a_session_sees_only_how_to_get_access(new_page, site: Site) -> None:
    signed_in = new_page(PHONE)
    join(signed_in, site.liaison_link)
    stranger = new_page(DESKTOP)
    stranger.goto(site.web.url)
    expect(stranger.locator("#no-access")).to_be_visible()
    assert stranger.locator("#chat, #messages").count() == 0
    body = stranger.locator("body").inner_text()
    assert "李敏" not in body and "中联起重机械" not in body
    assert stranger.request.get(f"{site.web.url}/api/feed?since=0").status == 401
    screenshot(stranger, "no-access-1280x800")


def test_a_used_invite_link_is_refused(new_page, site: Site) -> None:
    first = new_page(PHONE)
    join(first, site.liaison_link)
    second = new_page(PHONE)
    second.goto(site.liaison_link)
    expect(second.locator("#join-refused")).to_be_visible()
    expect(second.locator("#join-button")).to_have_count(0)
    screenshot(second, "join-refused-390x844")


def test_a_forged_cookie_is_refused(new_page, site: Site) -> None:
    page = new_page(PHONE)
    page.context.add_cookies([{"name": "parkbot_session", "value": "garbage", "url": site.web.url}])
    page.goto(site.web.url)
    expect(page.locator("#no-access")).to_be_visible()
    assert page.locator("#chat").count() == 0


def test_english_by_the_language_link(new_page, site: Site) -> None:
    page = new_page(PHONE)
    join(page, site.leader_link)
    expect(page.locator("#menu-button")).to_have_attribute("aria-label", say("web-page-menu"))
    page.click('.lang[href="/lang/en"]')
    expect(page.locator("#menu-button")).to_have_attribute(
        "aria-label", say("web-page-menu", language="en")
    )
    expect(page.locator("html")).to_have_attribute("lang", "en")
