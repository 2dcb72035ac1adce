"""/board/burden over HTTP: the admins' burden table, and nobody else's (SQLite and PG)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from bot.board import links
from bot.outbox import burden
from bot.outbox import queue as outbox
from bot.web_secret import load_secret
from models import OutboxMessage, Person
from tests.screens import say
from tests.web.drill_site import DrillSite, build, drill_routes, sign_in_as
from tests.web.harness import WebBot


@pytest.fixture
def site(start_web: Callable[..., WebBot]) -> DrillSite:
    """The drill pages' city; 李敏 was sent two reminders and a notice, and had two notices
    folded; 王强 got one notice; 陈静 only an answer to her own request."""
    site = build(start_web(routes=drill_routes))
    services = site.web.services
    now = services.now() - timedelta(hours=2)
    with services.db.scope() as session:
        li, wang, chen = (session.get(Person, site.people[n]) for n in ("李敏", "王强", "陈静"))
        for person, kind, sent in (
            (li, "reminder", True), (li, "reminder", True), (li, "notice", True),
            (li, "notice", False), (li, "broadcast", False), (wang, "notice", True),
            (chen, "answer", True),
        ):  # fmt: skip
            # Queued by chat (they sign in on the web here, unbound), then marked theirs.
            row = outbox.enqueue(session, kind=kind, text=kind, now=now, chat_id=5000 + person.id)
            session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row.id).values(person_id=person.id)
            )
            if sent:
                outbox.mark_sent(session, row.id, telegram_message_id=row.id, now=now)
            else:
                burden.fold(session, row, now=now)
    return site


def _cells(html: str, person_id: int) -> dict[str, str]:
    row = re.search(rf'<tr data-person="{person_id}">(.*?)</tr>', html, flags=re.S)
    assert row is not None, html
    cells = dict(re.findall(r'data-kind="([a-z-]+)"[^>]*>([^<]*)<', row.group(1)))
    cells["sent"] = re.search(r'class="num sent"[^>]*>(\d+)<', row.group(1)).group(1)
    cells["folded"] = re.search(r'class="num folded"[^>]*>(\d+)<', row.group(1)).group(1)
    return cells


def test_an_admin_sees_the_table_most_first(site: DrillSite) -> None:
    admin = sign_in_as(site, "赵磊")
    page = admin.get("/board/burden")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert say("burden-page-title") in html
    li, wang = site.people["李敏"], site.people["王强"]
    assert html.index(f'data-person="{li}"') < html.index(f'data-person="{wang}"')
    assert _cells(html, li) == {
        "sent": "3", "folded": "2", "reminder": "2/0", "notice": "1/1", "broadcast": "0/1"
    }  # fmt: skip
    assert _cells(html, wang) == {
        "sent": "1", "folded": "0", "reminder": "0/0", "notice": "1/0", "broadcast": "0/0"
    }  # fmt: skip
    assert f'data-person="{site.people["陈静"]}"' not in html  # an answer is no burden
    assert say("burden-kind", kind="reminder") in html  # 填报提醒, a column head
    english = admin.get("/board/burden", params={"lang": "en", "days": "1"})
    assert "Message burden" in english.text and "last 1 days" in english.text
    # A window no message falls in; nonsense is the default 30 days.
    site.web.services.clock.advance(timedelta(days=3))  # type: ignore[union-attr]
    empty = admin.get("/board/burden", params={"days": "1"})
    assert say("burden-page-none", days=1) in empty.text
    odd = admin.get("/board/burden", params={"days": "-5"})
    assert f'data-person="{li}"' in odd.text


@pytest.mark.parametrize("name", ["王强", "李敏"])
def test_other_members_get_the_same_404_as_nothing(site: DrillSite, name: str) -> None:
    member = sign_in_as(site, name)
    answer = member.get("/board/burden")
    assert answer.status_code == 404
    assert answer.text == member.get("/project/999999").text.replace(
        "/project/999999", "/board/burden"
    )


def test_a_board_link_and_no_session_see_nothing(site: DrillSite) -> None:
    web = site.web
    with web.services.db.scope() as session:
        link = links.create(
            session, park=None, days=30, label="wall", now=web.services.now(), actor="test"
        )
        token = links.token_for(load_secret(web.services.settings), link.id)
    wall = httpx.Client(base_url=web.url, timeout=30)
    assert wall.get(f"/b/{token}").status_code == 303
    assert wall.get("/board/burden").status_code == 404
    anonymous = httpx.Client(base_url=web.url, timeout=30).get("/board/burden")
    assert anonymous.status_code == 403 and "李敏" not in anonymous.text
