"""三个一 in the roster: the 企业 and 结对 sheets, good and bad files, on both databases."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from bot.db import Database
from bot.i18n import Catalogue
from bot.people.roster_file import RosterError, read_roster
from bot.people.roster_import import import_roster
from bot.people.roster_messages import format_errors, format_summary
from models import AuditEntry, Enterprise, Pairing, Person, Project

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 1)
PROJECTS = [
    ["项目名称", "所属园区", "总投资（万元）", "年度计划投资（万元）", "包联领导", "领导电话"],
    ["中联起重机械", "常德经开区", "200000", "80000", "周建华", "13900000003"],
    ["辣妹子食品二期", "汉寿高新区", "35000", "20000", "刘伟", "13900000013"],
]
PEOPLE = [
    ["姓名", "电话", "角色"],
    ["周建华", "13900000003", "市级领导"],
    ["刘伟", "13900000013", "包联领导"],
    ["张伟", "13900000021", "联络员"],
]
ENTERPRISES = [
    ["企业名称", "企业类型", "所属园区", "联系人"],
    ["中联重科", "重点骨干企业", "常德经开区", "李经理"],
    ["湘北纺织", "特困企业", "汉寿高新区", ""],
]
PAIRINGS = [
    ["结对领导", "10亿项目", "重点骨干企业", "特困企业", "联络员", "时间节点"],
    ["周建华", "中联起重机械", "中联重科", "湘北纺织", "13900000021", "6月底前投产"],
]


def write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def run(db: Database, path: Path):
    with db.scope() as session:
        return import_roster(session, read_roster(path), now=NOW, today=TODAY, actor="test")


def full(tmp_path: Path, **changes: list[list[object]]) -> Path:
    sheets = {"项目": PROJECTS, "人员": PEOPLE, "企业": ENTERPRISES, "结对": PAIRINGS}
    sheets.update({name: rows for name, rows in changes.items()})
    return write(tmp_path / "roster.xlsx", sheets)


def test_good_file_imports_enterprises_and_pairings(db: Database, tmp_path: Path) -> None:
    summary = run(db, full(tmp_path))
    assert (summary.enterprises.created, summary.pairings.created) == (2, 1)
    text = format_summary(summary, Catalogue(), "zh_CN")
    assert "企业：新增 2 个" in text and "结对：新增 1 个" in text
    with db.scope() as session:
        pairing = session.exec(select(Pairing)).one()
        leader = session.get(Person, pairing.leader_id)
        assert leader.name == "周建华" and pairing.milestones == "6月底前投产"
        assert session.get(Person, pairing.liaison_id).name == "张伟"
        assert session.get(Project, pairing.project_id).name == "中联起重机械"
        assert session.get(Enterprise, pairing.backbone_id).kind == "backbone"
        assert session.get(Enterprise, pairing.struggling_id).name == "湘北纺织"
        audited = session.exec(select(AuditEntry.entity).where(AuditEntry.entity == "pairing"))
        assert list(audited) == ["pairing"]
    # Again: nothing changes.
    again = run(db, full(tmp_path))
    assert (again.enterprises.unchanged, again.pairings.unchanged) == (2, 1)
    assert not again.changed


def test_pairing_sheet_alone_refers_to_imported_people(db: Database, tmp_path: Path) -> None:
    run(db, write(tmp_path / "a.xlsx", {"项目": PROJECTS, "人员": PEOPLE, "企业": ENTERPRISES}))
    by_phone = [PAIRINGS[0], ["13900000003", "", "中联重科", "", "", ""]]
    summary = run(db, write(tmp_path / "b.xlsx", {"结对": by_phone}))
    assert summary.pairings.created == 1 and summary.projects.created == 0
    with db.scope() as session:
        assert session.exec(select(Pairing)).one().project_id is None


def test_roster_without_the_new_sheets_says_nothing_of_them(db: Database, tmp_path: Path) -> None:
    summary = run(db, write(tmp_path / "r.xlsx", {"项目": PROJECTS, "人员": PEOPLE}))
    assert "企业" not in format_summary(summary, Catalogue(), "zh_CN")


@pytest.mark.parametrize(
    ("sheet", "row", "code"),
    [
        ("企业", ["某企业", "大型企业", "常德经开区", ""], "enterprise-kind-unknown"),
        ("企业", ["中联重科", "特困企业", "常德经开区", ""], "enterprise-duplicate"),
        ("结对", ["无名氏", "", "中联重科", "", "", ""], "person-unknown"),
        ("结对", ["张伟", "", "中联重科", "", "", ""], "not-a-leader"),
        ("结对", ["刘伟", "辣妹子食品二期", "", "", "", ""], "project-under-billion"),
        ("结对", ["刘伟", "不存在的项目", "", "", "", ""], "project-unknown"),
        ("结对", ["刘伟", "", "湘北纺织", "", "", ""], "enterprise-wrong-kind"),
        ("结对", ["刘伟", "", "", "不存在企业", "", ""], "enterprise-unknown"),
        ("结对", ["13900000003", "", "", "", "", ""], "pairing-duplicate"),
    ],
)
def test_bad_rows_are_refused_with_their_row_and_nothing_written(
    db: Database, tmp_path: Path, sheet: str, row: list[str], code: str
) -> None:
    base = {"企业": ENTERPRISES, "结对": PAIRINGS}[sheet]
    path = full(tmp_path, **{sheet: [*base, row]})
    with pytest.raises(RosterError) as refused:
        run(db, path)
    errors = refused.value.errors
    assert [(e.sheet, e.row, e.code) for e in errors] == [(sheet, len(base) + 1, code)]
    assert f"「{sheet}」第 {len(base) + 1} 行" in format_errors(errors, Catalogue(), "zh_CN")
    assert "roster-error" not in format_errors(errors, Catalogue(), "en")
    with db.scope() as session:
        assert session.exec(select(Person)).all() == []  # all or nothing
        assert session.exec(select(Enterprise)).all() == []
