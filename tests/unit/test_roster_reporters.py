"""The roster's 指标填报园区 column: who files each park's indicator values."""

from pathlib import Path

from openpyxl import load_workbook
from sqlmodel import select

from bot.people.roster_file import read_roster
from bot.people.roster_import import import_roster
from bot.people.roster_template import write_template
from models import Park, ParkReporter, Person
from tests.unit.test_roster import (
    HAISHUI,
    NOW,
    PEOPLE,
    PROJECT_HEADER,
    TODAY,
    ZHONGLIAN,
    errors_of,
    write_xlsx,
)

HEADER = ["姓名", "电话", "角色", "单位", "职务", "指标填报园区"]


def roster(tmp_path: Path, reporters: dict[int, str], projects=(ZHONGLIAN, HAISHUI)) -> Path:
    people = [[*row, reporters.get(index, "")] for index, row in enumerate(PEOPLE)]
    return write_xlsx(
        tmp_path / "roster.xlsx", {"项目": [PROJECT_HEADER, *projects], "人员": [HEADER, *people]}
    )


def run(db, path: Path) -> None:
    with db.scope() as session:
        import_roster(session, read_roster(path), now=NOW, today=TODAY, actor="test")


def reporters(db) -> set[tuple[str, str]]:
    with db.scope() as session:
        query = (
            select(Person.name, Park.name)
            .join(ParkReporter, ParkReporter.person_id == Person.id)
            .join(Park, Park.id == ParkReporter.park_id)
        )
        return set(session.exec(query))


def test_the_column_sets_and_replaces_reporters(db, tmp_path: Path) -> None:
    run(db, roster(tmp_path, {2: "常德经开区，石门经开区", 3: "石门经开区"}))
    assert reporters(db) == {("张伟", "常德经开区"), ("张伟", "石门经开区"), ("刘洋", "石门经开区")}
    # A re-import replaces them: 张伟 keeps one park, 刘洋 (column empty) files nothing.
    run(db, roster(tmp_path, {2: "石门经开区"}))
    assert reporters(db) == {("张伟", "石门经开区")}
    # A projects-only file leaves them alone; parks known already may be named.
    run(db, roster(tmp_path, {0: "常德经开区; 石门经开区", 2: "石门经开区"}, projects=[]))
    assert ("陈志强", "常德经开区") in reporters(db)


def test_an_unknown_park_is_refused_with_its_row(db, tmp_path: Path) -> None:
    path = roster(tmp_path, {1: "常德经开区、桃源园区"})
    errors = errors_of(lambda: run(db, path))
    assert errors == [("人员", 3, "report-park-unknown")]
    assert reporters(db) == set()


def test_the_template_shows_the_column(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    people = load_workbook(path)["人员"]
    assert "指标填报园区" in [cell.value for cell in people[1]]
