"""The board's headline in January: last year's money against last year's targets, named so."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.board.snapshot import board_snapshot
from bot.board.targets import measured_year, set_target
from bot.board.viewer import BoardViewer
from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from bot.web.board.pages import render_text
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import say

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YEAR = datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI)


def test_the_measured_year_is_the_evaluation_months() -> None:
    assert measured_year(datetime(2026, 1, 1).date()) == 2025
    assert measured_year(datetime(2026, 1, 31).date()) == 2025
    assert measured_year(datetime(2026, 2, 1).date()) == 2026
    assert measured_year(datetime(2026, 12, 31).date()) == 2026


def _board(db: Database, at: datetime, admin: int):
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: at)
    with db.scope() as session:
        board = board_snapshot(session, BoardViewer(person_id=admin), services, at)
    assert board is not None
    html = render_text(
        services.catalogue.text, services.settings.tz, "panels.html", "zh_CN", board=board
    )
    return board.headline, html


def test_in_january_the_headline_is_last_years_money_against_last_years_targets(db) -> None:
    with db.scope() as session:
        liaison = make_person(session, "李敏", is_liaison=True)
        admin = make_person(session, "陈志强", is_admin=True).id
        park = make_park(session)
        producing = make_project(session, name="道氏新能源", park=park, liaisons=(liaison,))
        early = make_project(session, name="润田农机", park=park, liaisons=(liaison,))
        reports = (
            (producing, "2025-11", 300, "equipment", datetime(2025, 11, 20, 10)),
            (producing, "2025-12", 200, "in_production", datetime(2025, 12, 20, 10)),
            # Still in production in January: it went into production in 2025, not 2026.
            (producing, "2026-01", 20, "in_production", datetime(2026, 1, 10, 11)),
            (early, "2025-12", 100, "main_works", datetime(2025, 12, 20, 10)),
            # Filed early in January for January: next year's money.
            (early, "2026-01", 50, "main_works", datetime(2026, 1, 10, 10)),
        )
        for project, period, amount, stage, at in reports:
            make_report(
                session,
                project=project,
                reporter=liaison,
                period=period,
                investment_month=amount,
                stage=stage,
                submitted_at=at.replace(tzinfo=SHANGHAI),
            )
        for year, investment in ((2025, 6_000_000), (2026, 7_000_000)):
            set_target(
                session,
                year=year,
                now=NEW_YEAR,
                actor="test",
                new_starts=50,
                in_production=year - 2009,  # 16 in 2025, 17 in 2026
                investment=Decimal(investment),
            )
    january, html = _board(db, datetime(2026, 1, 15, 9, tzinfo=SHANGHAI), admin)
    assert january.year == 2025
    assert january.target is not None and january.target.year == 2025
    assert january.target.investment == Decimal(6_000_000)
    assert january.investment == Decimal(600)  # to December, not January's 50
    assert january.in_production == 1  # December's report of 2025 says 竣工投产
    assert say("board-headline", year="2025") in html
    assert say("board-headline", year="2026") not in html
    february, html = _board(db, datetime(2026, 2, 10, 9, tzinfo=SHANGHAI), admin)
    assert february.year == 2026 and february.target is not None
    assert (february.target.year, february.target.in_production) == (2026, 17)
    assert february.investment == Decimal(70)
    assert february.in_production == 0  # 道氏新能源 went into production in 2025
    assert say("board-headline", year="2026") in html
