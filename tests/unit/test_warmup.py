"""The start-up and nightly warm-up leaves today's city view computed for the first asker."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.services import Services
from bot.settings import Settings
from bot.status import city_view, compute, queries
from bot.status.compute import Asked
from schedules import warmup
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_first_answer_of_the_day_finds_the_view_computed(db, monkeypatch):
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        admin = make_person(session, "赵磊", is_admin=True)
        for name in ("中联起重机械", "美华尼龙四期"):
            make_project(session, name=name, park=park, annual_plan=Decimal(1200))
    city_view.forget_cached()
    now = datetime(2025, 3, 20, 0, 0, 30, tzinfo=SHANGHAI)
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: now)

    assert warmup.warm(services) == 2

    computed = []
    monkeypatch.setattr(compute, "compute_statuses", lambda *args, **kwargs: computed.append(args))
    with db.scope() as session:
        rows = queries.statuses(session, Asked(admin, now.date(), services.settings.tz))
    assert sorted(row.name for row in rows) == ["中联起重机械", "美华尼龙四期"]
    assert computed == []
