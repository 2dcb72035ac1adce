"""The minutes XLSX: the template's headers and drop-down lists, and the all-or-nothing import."""

from datetime import date, datetime, timedelta

import openpyxl
import pytest
from sqlmodel import select

from bot.i18n import Catalogue
from bot.meetings.minutes_file import MinutesRejected, import_minutes, write_template
from bot.people.accounts import Notices
from models import Meeting, OutboxMessage, Problem
from tests.factories import NOW, make_park, make_person, make_project

CATALOGUE = Catalogue()
NOTICES = Notices(CATALOGUE, "zh_CN")


def t(key: str, **args: object) -> str:
    return CATALOGUE.text("zh_CN", key, **args)


def _meeting(session) -> Meeting:
    park = make_park(session, "东区")
    make_person(session, "李领导", is_leader=True, telegram_user_id=9201)
    make_person(session, "王联络", is_liaison=True)
    make_project(session, name="星火锂电池", park=park)
    held = NOW - timedelta(days=1)
    meeting = Meeting(
        starts_at=held, park_id=park.id, place="会议室", deadline=held, period="2025-02",
        created_at=held, updated_at=held,
    )  # fmt: skip
    session.add(meeting)
    session.flush()
    return meeting


def _filled(session, path, rows) -> None:
    write_template(session, path, t)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(list(row))
    book.save(path)


def test_the_template_has_headers_and_lists_of_projects_and_leaders(db, tmp_path):
    path = tmp_path / "minutes.xlsx"
    with db.scope() as session:
        _meeting(session)
        write_template(session, path, t)
    book = openpyxl.load_workbook(path)
    sheet, lists = book.worksheets
    header = [cell.value for cell in sheet[1]]
    assert header == [t(f"minutes-col-{c}") for c in ("text", "project", "unit", "leader", "due")]
    assert [row[0] for row in lists.iter_rows(values_only=True)] == ["星火锂电池"]
    assert [row[1] for row in lists.iter_rows(values_only=True)] == ["李领导"]
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert ranges == {
        "B2:B201": f"'{lists.title}'!$A$1:$A$1",
        "D2:D201": f"'{lists.title}'!$B$1:$B$1",
    }


def test_good_rows_are_all_imported_and_owners_told(db, tmp_path):
    path = tmp_path / "minutes.xlsx"
    with db.scope() as session:
        meeting = _meeting(session)
        _filled(session, path, [
            ("协调用电增容", "星火锂电池", "市供电公司", "李领导", datetime(2025, 3, 20)),
            ("统筹园区用地", None, "市自然资源局", "李领导", "2025-04-30"),
        ])  # fmt: skip
        recorded, told = import_minutes(
            session, meeting, path, now=NOW, notices=NOTICES, operator=True
        )
        assert [(p.text, p.due_date, p.project_id is None) for p in recorded] == [
            ("协调用电增容", date(2025, 3, 20), False),
            ("统筹园区用地", date(2025, 4, 30), True),
        ]
        assert told == 2
        assert len(session.exec(select(OutboxMessage)).all()) == 2


def test_any_bad_row_lists_every_error_and_writes_nothing(db, tmp_path):
    path = tmp_path / "minutes.xlsx"
    with db.scope() as session:
        meeting = _meeting(session)
        _filled(session, path, [
            ("协调用电增容", "星火锂电池", "市供电公司", "李领导", "2025-03-20"),  # row 2: good
            ("某事", "不存在的项目", "市供电公司", "李领导", "2025-03-20"),  # row 3
            ("某事二", None, "市供电公司", "王联络", "2025-03-20"),  # row 4: not a leader
            ("某事三", None, "", "李领导", "明天吧"),  # row 5: no unit, no date
            ("某事四", None, "单位", "李领导", "2025-02-01"),  # row 6: before the meeting
            ("协调用电增容", "星火锂电池", "市供电公司", "李领导", "2025-03-25"),  # row 7: repeat
        ])  # fmt: skip
        with pytest.raises(MinutesRejected) as rejected:
            import_minutes(session, meeting, path, now=NOW, notices=NOTICES, operator=True)
        assert [(p.row, p.key) for p in rejected.value.problems] == [
            (3, "assignment-refused-project-not-found"),
            (4, "assignment-refused-leader-not-found"),
            (5, "assignment-refused-bad-date"),
            (6, "assignment-refused-due-before-meeting"),
            (7, "assignment-refused-repeated"),
        ]
        assert session.exec(select(Problem)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []


def test_an_empty_sheet_or_a_wrong_file_is_refused(db, tmp_path):
    with db.scope() as session:
        meeting = _meeting(session)
        empty = tmp_path / "minutes.xlsx"
        write_template(session, empty, t)
        with pytest.raises(MinutesRejected) as rejected:
            import_minutes(session, meeting, empty, now=NOW, notices=NOTICES, operator=True)
        assert [p.key for p in rejected.value.problems] == ["assignment-refused-no-rows"]
        text = tmp_path / "minutes.csv"
        text.write_text("a,b\n")
        with pytest.raises(MinutesRejected) as rejected:
            import_minutes(session, meeting, text, now=NOW, notices=NOTICES, operator=True)
        assert [p.key for p in rejected.value.problems] == ["roster-error-file-type"]
        # Nobody but the operator or an admin imports.
        _filled(session, empty, [("事", None, "单位", "李领导", "2025-03-20")])
        with pytest.raises(MinutesRejected) as rejected:
            import_minutes(session, meeting, empty, now=NOW, notices=NOTICES)
        assert [p.key for p in rejected.value.problems] == ["assignment-refused-not-allowed"]
