"""/park/<id>, /project/<id> and a project's photos over HTTP: who gets which answer.

The bot runs with the drill-down routes; people sign in through the web chat (the session
cookie is the board's too)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from bot.board.viewer import BoardViewer
from bot.escalations import service as escalations
from bot.i18n import Catalogue
from bot.people.accounts import Notices
from bot.web.board import drill
from bot.web.board.context import BoardContext
from models import EscalationKind, Person
from tests.factories import png
from tests.screens import say
from tests.web.drill_site import DrillSite, at, build, drill_routes, sign_in_as
from tests.web.harness import WebBot


@pytest.fixture
def site(start_web: Callable[..., WebBot]) -> DrillSite:
    return build(start_web(routes=drill_routes))


def anonymous(site: DrillSite) -> httpx.Client:
    return httpx.Client(base_url=site.web.url, timeout=30)


def test_a_leader_opens_their_project_page(site: DrillSite) -> None:
    page = sign_in_as(site, "王强").get(f"/project/{site.zoomlion}")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    html = page.text
    assert "中联起重机械" in html and "<svg" in html and 'class="bar"' in html
    assert say("pages-light-yellow") in html
    assert say("light-reason-problem-overdue", count=1) in html
    assert say("light-fix-problem-overdue") in html
    assert (
        say("pages-change", field=say("pages-field-investment_month"), old="150", new="200") in html
    )
    assert say("pages-step-assign", unit="市自然资源局", due="2025-03-05") in html
    assert "13900000004" not in html  # phone numbers are for admins only
    assert f'href="/park/{site.east}"' in html and 'href="/board"' in html
    assert say("pages-fresh", at="2025-03-02 08:00") in html


def test_a_park_page_lists_its_projects_and_problems(site: DrillSite) -> None:
    page = sign_in_as(site, "赵磊").get(f"/park/{site.east}")
    assert page.status_code == 200
    html = page.text
    assert "中联起重机械" in html and "飞桥汽车板簧" not in html
    assert f'href="/project/{site.zoomlion}"' in html
    assert "市自然资源局" in html and say("pages-problem-overdue") in html
    assert say("pages-problems-title", count=1) in html


def test_english_on_request_and_links_keep_it(site: DrillSite) -> None:
    page = sign_in_as(site, "王强").get(f"/project/{site.zoomlion}", params={"lang": "en"})
    assert page.status_code == 200
    assert say("pages-card-title", language="en") in page.text
    assert f'href="/park/{site.east}?lang=en"' in page.text
    assert '<html lang="en">' in page.text


def test_out_of_scope_is_the_same_404_as_nothing(site: DrillSite) -> None:
    liaison = sign_in_as(site, "李敏")
    theirs = liaison.get(f"/project/{site.spring}")
    nothing = liaison.get("/project/999999")
    assert theirs.status_code == nothing.status_code == 404
    # Nothing tells a foreign id from a missing one (the path itself is in the language links).
    assert theirs.text.replace(f"/project/{site.spring}", "/project/999999") == nothing.text
    assert "飞桥汽车板簧" not in theirs.text
    assert liaison.get(f"/park/{site.west}").status_code == 404
    assert liaison.get(f"/project/{site.zoomlion}/photos/{site.photo}").status_code == 200
    assert (
        sign_in_as(site, "陈静").get(f"/project/{site.zoomlion}/photos/{site.photo}").status_code
        == 404
    )


@pytest.mark.parametrize(
    "path", ["/project/abc", "/project/-1", "/project/0", "/project/99999999999999", "/park/１"]
)
def test_ids_that_are_no_ids_are_404(site: DrillSite, path: str) -> None:
    assert sign_in_as(site, "赵磊").get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/project/{zoomlion}", "/park/{east}", "/project/{zoomlion}/photos/{photo}"]
)
def test_no_session_is_403_with_no_data(site: DrillSite, path: str) -> None:
    url = path.format(zoomlion=site.zoomlion, east=site.east, photo=site.photo)
    for client in (
        anonymous(site),
        httpx.Client(base_url=site.web.url, cookies={"parkbot_session": "forged"}),
    ):
        answer = client.get(url)
        assert answer.status_code == 403
        assert say("pages-denied-title") in answer.text
        assert "中联起重机械" not in answer.text and "常德经开区" not in answer.text
        assert answer.headers["content-type"].startswith("text/html")


def test_a_photo_is_its_file_with_its_own_type_privately_cached(site: DrillSite) -> None:
    client = sign_in_as(site, "王强")
    answer = client.get(f"/project/{site.zoomlion}/photos/{site.photo}")
    assert answer.status_code == 200
    assert answer.content == png()
    assert answer.headers["content-type"] == "image/png"  # from the bytes, not the .jpg name
    assert answer.headers["cache-control"].startswith("private")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/project/{site.spring}/photos/{site.photo}").status_code == 404
    assert client.get(f"/project/{site.zoomlion}/photos/{site.photo + 1}").status_code == 404


def test_a_photo_outside_the_media_folder_is_never_served(site: DrillSite) -> None:
    from models.report import ReportPhoto

    with site.web.services.db.scope() as session:
        photo = session.get(ReportPhoto, site.photo)
        photo.local_path = "/etc/passwd"
        session.add(photo)
    answer = sign_in_as(site, "王强").get(f"/project/{site.zoomlion}/photos/{site.photo}")
    assert answer.status_code == 404 and "root:" not in answer.text


class LinkContext(BoardContext):
    """The board's context with every request a wall display's link to one park.

    Links are signed and checked by the board's access part; here only what the pages show a
    link is under test."""

    park_id: int | None = None

    def viewer(self, request):  # type: ignore[no-untyped-def]
        return BoardViewer(park_id=self.park_id, link_id=1)


def test_a_park_link_sees_its_park_without_phones(start_web: Callable[..., WebBot]) -> None:
    holder: dict[str, int] = {}

    def routes(running):  # type: ignore[no-untyped-def]
        ctx = BoardContext.build(running.services)
        link = LinkContext(ctx.services, ctx.sessions)
        link.park_id = holder.get("east")
        holder["ctx"] = link  # type: ignore[assignment]
        return list(drill.routes(link))

    site = build(start_web(routes=routes))
    holder["ctx"].park_id = site.east  # type: ignore[attr-defined]
    client = anonymous(site)
    page = client.get(f"/project/{site.zoomlion}")
    assert page.status_code == 200
    assert "中联起重机械" in page.text and "李敏" in page.text
    assert "139000000" not in page.text  # no phone number on a wall display
    assert client.get(f"/project/{site.spring}").status_code == 404
    assert client.get(f"/park/{site.west}").status_code == 404
    assert client.get(f"/park/{site.east}").status_code == 200


def test_the_project_page_shows_the_leaders_instructions(site: DrillSite) -> None:
    notices = Notices(Catalogue(), "zh_CN")
    with site.web.services.db.scope() as session:
        leader = session.get(Person, site.people["王强"])
        escalation = escalations.escalate(
            session,
            kind=EscalationKind.PROBLEM_RAISED,
            key="web-test",
            leader=leader,
            text="提醒",
            notices=notices,
            now=at("2025-03-02T09:00:00"),
            project_id=site.zoomlion,
            problem_id=site.problem,
        )
        escalations.decide(
            session,
            escalation_id=escalation.id,
            leader=leader,
            choice="coord",
            unit="市发改委",
            notices=notices,
            now=at("2025-03-02T09:30:00"),
        )
    html = sign_in_as(site, "王强").get(f"/project/{site.zoomlion}").text
    what = say("escalation-what-coord", unit="市发改委")
    assert say("escalation-card-header") in html
    assert say("escalation-card-line", leader="王强", what=what, at="2025-03-02 09:30") in html
    assert say("pages-step-instruct") in html  # and as a step of the problem
