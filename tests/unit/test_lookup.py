"""Name lookups: an exact name wins everywhere, a project's name ranks above its company's."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot import lookup
from bot.lookup import Candidate, Tier
from bot.meetings import service as meetings
from bot.reporting import reports as reporting
from bot.status import search
from tests.factories import make_park, make_person, make_project

CREATED = datetime(2024, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def parks(db):
    """The demo data's trap: a company named after a park, in another park."""
    with db.scope() as session:
        east, west = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        north = make_park(session, "常德经开区北片")
        admin = make_person(session, "赵磊", is_admin=True)
        liaison = make_person(session, "李敏", is_liaison=True)
        common = {"annual_plan": Decimal(100), "created_at": CREATED, "updated_at": CREATED}
        make_project(session, name="中联起重机械", park=east, liaisons=(liaison,), **common)
        make_project(session, name="中联起重机械二期", park=east, liaisons=(liaison,), **common)
        make_project(session, name="智能中联产业园", park=north, **common)
        make_project(session, name="润田农机", park=west, enterprise="中联重科配套", **common)
        make_project(
            session,
            name="电镀产业园二期",
            park=west,
            enterprise="常德经开区电镀产业园建设有限公司",
            **common,
        )
        # Alphabetically ahead of the exact name, and more than a search's limit of them.
        for number in range(10):
            make_project(session, name=f"东风{number}号", park=west, enterprise="东风", **common)
        make_project(session, name="东风", park=west, **common)
    return db, admin, liaison


def found(db, person, text, **options) -> list[tuple[str, str]]:
    with db.scope() as session:
        return [
            (kind, name) for kind, _, name in search.search(session, person, text, **options).ranked
        ]


def test_an_exact_park_name_wins_over_a_company_containing_it(parks):
    db, admin, _ = parks
    assert found(db, admin, "常德经开区") == [("park", "常德经开区")]
    assert found(db, admin, " 常德经开区 ") == [("park", "常德经开区")]


def test_an_exact_project_name_wins_even_past_the_limit(parks):
    db, admin, _ = parks
    assert found(db, admin, "中联起重机械") == [("project", "中联起重机械")]
    # Eleven names contain 东风 and ten companies are 东风: the exact project still wins.
    assert found(db, admin, "东风") == [("project", "东风")]


def test_a_project_name_ranks_above_its_company_and_a_prefix_above_a_middle(parks):
    db, admin, _ = parks
    assert found(db, admin, "中联") == [
        ("project", "中联起重机械"),  # starts with it, shortest
        ("project", "中联起重机械二期"),
        ("project", "智能中联产业园"),  # contains it
        ("project", "润田农机"),  # only its company does
    ]


def test_parks_and_projects_share_one_order(parks):
    db, admin, _ = parks
    assert found(db, admin, "经开区") == [
        ("park", "常德经开区"),
        ("park", "常德经开区北片"),
        ("project", "电镀产业园二期"),
    ]
    assert found(db, admin, "经开区", kinds=("park",)) == [
        ("park", "常德经开区"),
        ("park", "常德经开区北片"),
    ]


def test_the_report_form_finds_the_exact_name_first(parks):
    db, admin, liaison = parks
    with db.scope() as session:
        assert [p.name for p in reporting.find_reportable(session, liaison, "中联起重机械")] == [
            "中联起重机械"
        ]
        assert [p.name for p in reporting.find_reportable(session, liaison, "起重")] == [
            "中联起重机械",
            "中联起重机械二期",
        ]
        # Names only: a company's name is not what a liaison picks a form by.
        assert reporting.find_reportable(session, admin, "中联重科") == []


def test_the_cli_finds_a_park_by_its_exact_name_or_an_unambiguous_part(parks):
    db, _, _ = parks
    with db.scope() as session:
        assert meetings.find_park(session, "常德经开区").name == "常德经开区"
        assert meetings.find_park(session, "北片").name == "常德经开区北片"
        assert meetings.find_park(session, "经开区") is None  # two parks contain it
        assert meetings.find_park(session, "") is None


def test_rank_is_total_and_keeps_only_exact_matches_when_there_are_some():
    candidates = [
        Candidate(Tier.NAME, "乙", "project", 2, "b"),
        Candidate(Tier.NAME, "甲", "project", 1, "a"),
        Candidate(Tier.COMPANY, "丙", "project", 3, "c"),
        Candidate(Tier.PREFIX, "甲乙丙", "project", 4, "d"),
    ]
    ranked = lookup.rank(candidates)
    assert ranked == lookup.rank(reversed(candidates)) == ["d", "b", "a", "c"]
    exact = [*candidates, Candidate(Tier.EXACT, "丁", "park", 9, "park"),
             Candidate(Tier.EXACT, "丁", "project", 5, "project")]  # fmt: skip
    assert lookup.rank(exact) == ["park", "project"]
    assert lookup.rank(candidates, limit=2) == ["d", "b"]
