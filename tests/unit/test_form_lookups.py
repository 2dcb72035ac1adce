"""The form's combined lookups answer as the separate ones they replace, in fewer statements."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import event

from bot.db import Database
from bot.people.directory import person_for_account
from bot.reporting import form
from bot.reporting.drafts import account_with_open_draft, close, open_draft
from bot.reporting.reports import current_and_prior, current_report, prior_report
from models.draft import DraftStatus
from tests.factories import make_park, make_person, make_project, make_report


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    """The statements run on the database inside the block."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_account_with_open_draft_is_one_statement_and_matches_the_separate_lookups(
    db: Database, now: datetime
) -> None:
    with db.scope() as session:
        park = make_park(session)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=5001)
        make_person(session, "王强", is_liaison=True, telegram_user_id=5002)
        gone = make_person(session, "赵六", is_liaison=True, telegram_user_id=5003, active=False)
        project = make_project(session, park=park, liaisons=(liaison, gone))
        second = make_project(session, park=park, liaisons=(gone,))
        first = form.start(session, person=liaison, chat_id=5001, now=now, choices=[project])
        close(session, first, DraftStatus.CANCELLED, now)
        form.start(session, person=liaison, chat_id=5001, now=now, choices=[project])
        # Two choices: the form opens at the project question (an inactive person may not file).
        form.start(session, person=gone, chat_id=5003, now=now, choices=[project, second])
    for account in (5001, 5002, 5003, 9999):
        with db.scope() as session, counted(db) as statements:
            person, draft = account_with_open_draft(session, account)
        assert len(statements) == 1
        with db.scope() as session:
            expected = person_for_account(session, account)
            expected_draft = open_draft(session, expected) if expected else None
            assert (person.id if person else None) == (expected.id if expected else None)
            assert (draft.id if draft else None) == (expected_draft.id if expected_draft else None)
    with db.scope() as session:
        person, draft = account_with_open_draft(session, 5001)
        assert draft is not None and draft.status == DraftStatus.OPEN.value
        assert draft.id != first.id
        assert account_with_open_draft(session, 5002)[1] is None
        assert account_with_open_draft(session, 5003) == (None, None)  # deactivated


def test_current_and_prior_match_current_report_and_prior_report(db: Database) -> None:
    with db.scope() as session:
        park = make_park(session)
        liaison = make_person(session, is_liaison=True)
        project = make_project(session, park=park, liaisons=(liaison,))
        other = make_project(session, park=park, liaisons=(liaison,))
        for period in ("2024-12", "2025-02", "2025-03"):
            make_report(
                session, project=project, reporter=liaison, period=period, investment_month=1
            )
        make_report(
            session,
            project=project,
            reporter=liaison,
            period="2025-01",
            investment_month=1,
            is_current=False,
        )
        make_report(session, project=other, reporter=liaison, period="2025-04", investment_month=1)
    with db.scope() as session:
        for project_id in (project.id, other.id):
            for period in ("2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-05"):
                with counted(db) as statements:
                    existing, prior = current_and_prior(session, project_id, period)
                assert len(statements) == 1
                assert existing == current_report(session, project_id, period)
                assert prior == prior_report(session, project_id, period)
