"""Runs: a draft scored and stored whole, published with its window, re-scored with a diff."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.assessment import runs, store
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from models import PublicationStatus
from tests.factories import make_park

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = Decimal
NOW = datetime(2025, 4, 7, 10, 0, tzinfo=SHANGHAI)  # a Monday
Q1 = parse_period("2025-Q1")


def _setup(session):
    a, b = make_park(session, "甲园区"), make_park(session, "乙园区")
    store.save_scheme(session, default_scheme(["甲园区", "乙园区"]), now=NOW, actor="t")
    for park, tax in ((a, 300), (b, 100)):
        file_values(
            session,
            park_id=park.id,
            month="2025-03",
            entries=[Entry("tax", D(tax))],
            source="xlsx",
            actor="t",
            now=NOW,
        )
    return a, b


def test_a_draft_round_trips_and_publishing_opens_the_window(db) -> None:
    with db.scope() as session:
        _setup(session)
        run = runs.draft_run(session, Q1, SHANGHAI, now=NOW, actor="t")
        result, sources = runs.result_of(run)
        first = result.of_type("综合类园区")[0]
        assert (first.park, first.rank) == ("甲园区", 1)
        assert sources["甲园区"]["tax"].kind == "xlsx"
        assert "new_starts" in result.missing["甲园区"]
        publication = runs.publish(
            session, run, SHANGHAI, now=NOW, actor="t", working_days=5, closes_at=time(18)
        )
        # Mon 7 Apr 2025 + 5 working days (8–11, 14 Apr) closes Mon 14 Apr at 18:00.
        assert publication.closes_at == datetime(2025, 4, 14, 18, tzinfo=SHANGHAI)
        assert publication.status == PublicationStatus.OPEN.value
        with pytest.raises(runs.RunError) as refused:
            runs.publish(
                session, run, SHANGHAI, now=NOW, actor="t", working_days=5, closes_at=time(18)
            )
        assert refused.value.key == "assess-run-already-published"


def test_a_rescore_is_a_new_version_with_the_difference(db) -> None:
    with db.scope() as session:
        _, b = _setup(session)
        run = runs.draft_run(session, Q1, SHANGHAI, now=NOW, actor="t")
        publication = runs.publish(
            session, run, SHANGHAI, now=NOW, actor="t", working_days=5, closes_at=time(18)
        )
        file_values(
            session,
            park_id=b.id,
            month="2025-03",
            entries=[Entry("tax", D(500))],
            source="objection",
            actor="t",
            now=NOW,
        )
        old, new = runs.rescore(
            session, publication, Q1, SHANGHAI, now=NOW, actor="t", reason="objection 1"
        )
        assert (old.number, new.number) == (1, 2) and publication.run_id == new.id
        changes = runs.diff(runs.result_of(old)[0], runs.result_of(new)[0])
        by_park = {change.park: change for change in changes}
        # Tax is ranked: 乙 goes from 2nd of 2 (5 points) to 1st (10), 甲 the other way.
        assert by_park["乙园区"].rank_before == 2 and by_park["乙园区"].rank_after == 1
        tax = next(i for i in by_park["乙园区"].indicators if i.key == "tax")
        assert (tax.before, tax.after) == (D(100), D(500))
        assert (tax.points_before, tax.points_after) == (D("5.00"), D("10.00"))
        assert [r.number for r in runs.runs_of(session, "2025-Q1")] == [1, 2]


def test_no_scheme_no_run(db) -> None:
    with db.scope() as session, pytest.raises(runs.RunError) as refused:
        runs.draft_run(session, Q1, SHANGHAI, now=NOW, actor="t")
    assert refused.value.key == "assess-none"
