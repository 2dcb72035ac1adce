"""Filed indicator values: newest filing counts, history kept, growth pairs, computed keys win."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.scoring import Growth, score
from bot.assessment.values import Entry, file_values, filed_keys, history, scoring_input
from models import AuditEntry
from tests.factories import NOW, make_park

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = Decimal


def test_the_newest_filing_of_the_last_month_counts(db) -> None:
    with db.scope() as session:
        a = make_park(session, "甲园区")
        make_park(session, "乙园区")
        scheme = default_scheme(["甲园区", "乙园区"])
        file_values(
            session,
            park_id=a.id,
            month="2025-02",
            entries=[Entry("tax", D(999))],
            source="chat",
            actor="p1",
            now=NOW,
        )
        file_values(
            session,
            park_id=a.id,
            month="2025-03",
            entries=[Entry("tax", D(500)), Entry("output_growth", D(110), D(100))],
            source="chat",
            actor="p1",
            now=NOW,
        )
        file_values(
            session,
            park_id=a.id,
            month="2025-03",
            entries=[Entry("tax", D("512.5"))],
            source="xlsx",
            actor="cli",
            now=NOW,
        )
        values, sources = scoring_input(session, scheme, parse_period("2025-Q1"), SHANGHAI)
        assert values["甲园区"]["tax"] == D("512.5")
        assert sources["甲园区"]["tax"].kind == "xlsx"
        assert values["甲园区"]["output_growth"] == Growth(D(110), D(100))
        # Nothing filed for 乙 and no projects: every value missing, never zero.
        assert set(values["乙园区"].values()) == {None}
        assert {s.kind for s in sources["乙园区"].values()} == {"missing"}
        # Computed keys are not filed by parks.
        assert "timeliness" not in filed_keys(scheme) and "tax" in filed_keys(scheme)
        assert [row.value for row in history(session, a.id, "tax", "2025-03")] == [
            D(500),
            D("512.5"),
        ]
        audits = session.exec(
            select(AuditEntry).where(AuditEntry.action == "indicator-values-filed")
        ).all()
        assert len(audits) == 3
        result = score(scheme, values)
        assert "tax" not in result.missing["甲园区"] and "tax" in result.missing["乙园区"]


def test_a_growth_value_without_its_base_is_missing(db) -> None:
    with db.scope() as session:
        a = make_park(session, "甲园区")
        scheme = default_scheme(["甲园区"])
        file_values(
            session,
            park_id=a.id,
            month="2025-03",
            entries=[Entry("output_growth", D(110))],
            source="xlsx",
            actor="cli",
            now=NOW,
        )
        values, sources = scoring_input(session, scheme, parse_period("2025-Q1"), SHANGHAI)
        assert values["甲园区"]["output_growth"] is None
        assert sources["甲园区"]["output_growth"].kind == "missing"
