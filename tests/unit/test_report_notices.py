"""The leader's escalation after a report: who is told, when, and with what (a domain rule)."""

from decimal import Decimal

from sqlmodel import select

from bot.i18n import Catalogue
from bot.people.accounts import Notices
from bot.reporting.notices import notify_leader
from bot.reporting.reports import ReportInput, submit_report
from models import OutboxMessage
from tests.factories import NOW, make_park, make_person, make_project

NOTICES = Notices(Catalogue(), "zh_CN")


def _submit(session, *, problems: str, leader_fields: dict | None = None, with_leader=True):
    liaison = make_person(session, "王联络", is_liaison=True, telegram_user_id=8801)
    leader = make_person(session, "李领导", telegram_user_id=8802, **(leader_fields or {}))
    project = make_project(
        session,
        park=make_park(session, "东区"),
        leader=leader if with_leader else None,
        liaisons=(liaison,),
    )
    data = ReportInput(
        project_id=project.id,
        period="2025-03",
        investment_month=Decimal("10"),
        stage="main_works",
        percent=Decimal("40"),
        progress="进展",
        problems=problems,
        photos=[],
    )
    submitted = submit_report(session, person=liaison, data=data, now=NOW)
    return submitted, liaison, leader


def _rows(session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage)))


def test_a_problem_is_told_to_the_leader_once_in_their_language(db):
    with db.scope() as session:
        submitted, liaison, leader = _submit(
            session, problems="缺电", leader_fields={"language": "en"}
        )
        told = notify_leader(
            session, submitted=submitted, reporter=liaison, notices=NOTICES, now=NOW
        )
        again = notify_leader(
            session, submitted=submitted, reporter=liaison, notices=NOTICES, now=NOW
        )
        rows = _rows(session)
        assert told and not again  # one escalation per problem and leader (its key)
        assert [(row.person_id, row.kind) for row in rows] == [(leader.id, "escalation")]
        # The leader answers it with one tap (批示): four buttons.
        buttons = [
            b["callback_data"] for line in rows[0].reply_markup["inline_keyboard"] for b in line
        ]
        assert [data.rsplit(":", 1)[1] for data in buttons] == ["ack", "coord", "urge", "reply"]
        notice = NOTICES.catalogue.text(
            "en",
            "report-leader-notice",
            project=submitted.project.name,
            park="东区",
            period=NOTICES.catalogue.text(
                "en", "period-label", year="2025", month="3", month_padded="03"
            ),
            text="缺电",
            reporter="王联络",
        )
        assert rows[0].text.startswith(notice)
        assert rows[0].text.endswith(NOTICES.catalogue.text("en", "escalation-ask"))


def test_no_problem_no_leader_or_an_inactive_leader_tells_nobody(db):
    cases = [
        {"problems": ""},
        {"problems": "缺电", "with_leader": False},
        {"problems": "缺电", "leader_fields": {"active": False}},
    ]
    for case in cases:
        with db.scope() as session:
            submitted, liaison, _ = _submit(session, **case)
            told = notify_leader(
                session, submitted=submitted, reporter=liaison, notices=NOTICES, now=NOW
            )
            assert not told and _rows(session) == []
            session.rollback()
