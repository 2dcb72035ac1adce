"""Roster import: reading CSV/XLSX, validating every row, applying idempotently, messages."""

import csv
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from bot.db import Database
from bot.i18n import LANGUAGES, Catalogue
from bot.people.roster_file import PROJECT_HEADERS, RosterError, RosterRow, RosterSheet, read_roster
from bot.people.roster_import import import_roster
from bot.people.roster_messages import format_errors, format_summary
from bot.people.roster_template import write_template
from bot.people.roster_validation import validate
from bot.people.roster_vocabulary import ENTITIES, ERROR_CODES, FIELD_LABELS
from models import AuditEntry, Park, Person, Project, ProjectLiaison
from tests.conftest import fresh_sqlite

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 1)

PROJECT_HEADER = [
    "序号", "项目名称", "所属园区", "项目单位", "项目类别", "产业链", "总投资（万元）",
    "年度计划投资（万元）", "计划开工", "计划投产", "包联领导", "领导电话", "联络员", "联络员电话",
]  # fmt: skip
PEOPLE_HEADER = ["姓名", "电话", "角色", "单位", "职务"]
ZHONGLIAN = [
    "1", "中联起重机械", "常德经开区", "中联重科股份有限公司", "续建", "装备制造", "200000",
    "80000", "2024-03-01", "2025-12-31", "周建华", "13900000003", "张伟、王芳",
    "13900000021、13900000022",
]  # fmt: skip
HAISHUI = [
    "2", "石门海螺节能板材", "石门经开区", "石门海螺新型建材有限公司", "签约", "绿色建材",
    "100000", "20000", "2025-09-30", "2026-12-31", "黄志刚", "13900000016", "吴涛",
    "13900000027",
]  # fmt: skip
LAMEIZI = [
    "3", "辣妹子食品二期", "汉寿高新区", "湖南辣妹子食品股份有限公司", "", "食品加工",
    "35000", "20000", "2024年6月1日", "2025年12月31日", "刘伟", "13900000013", "刘洋",
    "13900000024",
]  # fmt: skip
PEOPLE = [
    ["陈志强", "13900000001", "指挥部", "市园区攻坚大会战指挥部", "办公室主任"],
    ["周建华", "13900000003", "市级领导", "市人民政府", "副市长"],
    ["张伟", "139 0000 0021", "联络员", "常德经开区管委会", "科员"],
    ["刘洋", "13900000024", "联络员、包联领导", "汉寿高新区管委会", "干事"],
]


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path) -> Database:
    return fresh_sqlite(sqlite_template, tmp_path)  # the migrated schema, copied


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def run_import(db: Database, path: Path, now: datetime = NOW):
    sheets = read_roster(path)
    with db.scope() as session:
        return import_roster(session, sheets, now=now, today=TODAY, actor="test")


def snapshot(db: Database) -> dict[str, list[dict]]:
    with db.scope() as session:
        return {
            model.__name__: [row.model_dump() for row in session.exec(select(model))]
            for model in (Park, Person, Project, ProjectLiaison, AuditEntry)
        }


def project(db: Database, name: str) -> Project:
    with db.scope() as session:
        return session.exec(select(Project).where(Project.name == name)).one()


def person(db: Database, phone: str) -> Person:
    with db.scope() as session:
        return session.exec(select(Person).where(Person.phone == phone)).one()


def liaison_phones(db: Database, name: str) -> list[str]:
    with db.scope() as session:
        query = (
            select(Person.phone, ProjectLiaison.position)
            .join(ProjectLiaison, ProjectLiaison.person_id == Person.id)
            .join(Project, Project.id == ProjectLiaison.project_id)
            .where(Project.name == name)
            .order_by(ProjectLiaison.position)
        )
        return [phone for phone, _ in session.exec(query)]


def errors_of(call) -> list[tuple[str, int, str]]:
    with pytest.raises(RosterError) as caught:
        call()
    return [(error.sheet, error.row, error.code) for error in caught.value.errors]


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(db: Database, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "项目.csv", [PROJECT_HEADER, ZHONGLIAN, HAISHUI], encoding)
    [sheet] = read_roster(path)
    assert (sheet.kind, sheet.name) == ("projects", "项目.csv")
    assert [row.number for row in sheet.rows] == [2, 3]
    assert sheet.rows[0].values["name"] == "中联起重机械"
    assert sheet.rows[0].values["total_investment"] == "200000"
    summary = run_import(db, path)
    assert (summary.projects.created, summary.parks.created, summary.people.created) == (2, 2, 5)
    assert project(db, "石门海螺节能板材").enterprise == "石门海螺新型建材有限公司"


def test_xlsx_with_both_sheets_any_names(db: Database, tmp_path: Path) -> None:
    projects = [
        ["2025年园区攻坚大会战重点项目领导结对联系表"],
        PROJECT_HEADER,
        [1, "中联起重机械", "常德经开区", "中联重科", "续建", "装备制造", 200000, 80000.5,
         datetime(2024, 3, 1), 45657, "周建华", 13900000003, "张伟", 13900000021.0],
        [],
        [None, "   "],
        [2, "润田农机", "临澧经开区", "润田", "新开工", "农机", 30000, 15000, None, None,
         "杨帆", "13900000015", None, None],
    ]  # fmt: skip
    path = write_xlsx(
        tmp_path / "roster.xlsx", {"Sheet1": projects, "空表": [], "名单": [PEOPLE_HEADER, *PEOPLE]}
    )
    sheets = read_roster(path)
    assert [(s.kind, s.name) for s in sheets] == [("projects", "Sheet1"), ("people", "名单")]
    assert [row.number for row in sheets[0].rows] == [3, 6]
    summary = run_import(db, path)
    assert summary.projects.created == 2
    zoomlion = project(db, "中联起重机械")
    assert zoomlion.annual_plan == Decimal("80000.5")
    assert (zoomlion.planned_start, zoomlion.planned_production) == (
        date(2024, 3, 1),
        date(2024, 12, 31),
    )
    assert liaison_phones(db, "中联起重机械") == ["13900000021"]
    assert project(db, "润田农机").planned_start is None


def test_english_headers(db: Database, tmp_path: Path) -> None:
    header = [
        "Name",
        "Park",
        "Company",
        "Category",
        "Chain",
        "Total Investment",
        "annual_plan",
        "Planned Start",
        "planned-production",
        "Leader",
        "Leader Phone",
        "Liaisons",
        "Liaison Phones",
    ]
    row = [
        "Zoomlion cranes",
        "常德经开区",
        "Zoomlion",
        "new_start",
        "machinery",
        "1,200",
        "600",
        "2025-03-15",
        "2026-03",
        "Zhou",
        "13900000003",
        "Zhang",
        "13900000021",
    ]
    path = write_csv(tmp_path / "p.csv", [header, row])
    run_import(db, path)
    saved = project(db, "Zoomlion cranes")
    assert (saved.category, saved.total_investment) == ("new_start", Decimal(1200))
    assert saved.planned_production == date(2026, 3, 1)
    people_path = write_csv(
        tmp_path / "people.csv", [["name", "mobile", "roles"], ["Li", "13900000009", "admin"]]
    )
    [sheet] = read_roster(people_path)
    assert sheet.kind == "people"


def test_money_and_date_forms(db: Database, tmp_path: Path) -> None:
    rows = [PROJECT_HEADER]
    forms = [
        ("1,200", "１２００", "2025年3月15日"),
        ("1200万", "0.12亿", "3.15"),
        ("1200万元", "1200", "2025-03"),
    ]
    for n, (total, annual, start) in enumerate(forms):
        rows.append([str(n), f"P{n}", "常德经开区", "", "", "", total, annual, start, "",
                     "周建华", "13900000003", "", ""])  # fmt: skip
    run_import(db, write_csv(tmp_path / "m.csv", rows))
    for n, expected_start in enumerate([date(2025, 3, 15), date(2025, 3, 15), date(2025, 3, 1)]):
        saved = project(db, f"P{n}")
        assert (saved.total_investment, saved.annual_plan) == (Decimal(1200), Decimal(1200))
        assert saved.planned_start == expected_start
        assert saved.category == "continuing"


def zhonglian_values() -> dict[str, object]:
    """ZHONGLIAN as a row read from a file: canonical field -> cell (序号 dropped)."""
    cells = [*ZHONGLIAN[1:], ""]  # the optional 经纬度 left empty
    return dict(zip(PROJECT_HEADERS, cells, strict=True))


def test_excel_number_typed_as_a_year_is_not_a_date() -> None:
    values = zhonglian_values() | {"planned_start": 2025}
    sheet = RosterSheet(kind="projects", name="项目", rows=[RosterRow(2, values)])
    with pytest.raises(RosterError) as caught:
        validate([sheet], today=TODAY)
    [error] = caught.value.errors
    assert (error.code, error.params) == (
        "date-invalid",
        {"field": "planned_start", "value": "2025"},
    )


@given(
    total=st.integers(min_value=0, max_value=10**8),
    share=st.fractions(min_value=0, max_value=1),
    form=st.sampled_from(["{:,}", "{}", "{}万", "{}万元"]),
)
def test_amounts_are_read_exactly(total: int, share: Fraction, form: str) -> None:
    annual = int(total * share)
    values = zhonglian_values()
    values |= {"total_investment": form.format(total), "annual_plan": annual}
    sheet = RosterSheet(kind="projects", name="项目", rows=[RosterRow(2, values)])
    [spec] = validate([sheet], today=TODAY).projects.values()
    assert (spec.total_investment, spec.annual_plan) == (total, annual)


def test_unknown_headers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["日期", "金额", "备注"], ["2025-03-01", "1", ""]])
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    [error] = caught.value.errors
    assert (error.sheet, error.row, error.code) == ("x.csv", 0, "unknown-headers")
    assert error.params["headers"] == ["日期", "金额", "备注"]


def test_missing_required_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["项目名称", "总投资", "联络员"], ["A", "1", "x"]])
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    [error] = caught.value.errors
    assert error.code == "missing-columns"
    assert error.params == {"kind": "projects", "columns": ["所属园区"]}


def test_unsupported_and_unreadable_files(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    assert errors_of(lambda: read_roster(xls)) == [("old.xls", 0, "file-type")]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    assert errors_of(lambda: read_roster(broken)) == [("broken.xlsx", 0, "file-unreadable")]
    empty = write_csv(tmp_path / "empty.csv", [[""], []])
    assert errors_of(lambda: read_roster(empty)) == [("empty.csv", 0, "file-empty")]


# --- validation ----------------------------------------------------------------------------


def test_bad_rows_are_all_listed_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    def bad(n: int, **changes: str) -> list[str]:
        """ZHONGLIAN renamed to 项目<n>, with some cells (by header) changed."""
        row = list(ZHONGLIAN)
        row[1] = f"项目{n}"
        for column, value in changes.items():
            row[PROJECT_HEADER.index(column)] = value
        return row

    rows = [
        PROJECT_HEADER,
        ZHONGLIAN,  # row 2 is fine
        bad(3, **{"总投资（万元）": "-5"}),
        bad(4, 所属园区=""),
        bad(5, 计划开工="明年"),
        bad(6, **{"年度计划投资（万元）": "300000"}),
        bad(7, 领导电话="12345"),
        bad(8, 项目类别="在谈"),
        bad(9, 计划开工="2025-06-01", 计划投产="2025-01-01"),
        bad(10, **{"总投资（万元）": "很多"}, 包联领导=""),
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    sheets = read_roster(path)
    with pytest.raises(RosterError) as caught, db.scope() as session:
        import_roster(session, sheets, now=NOW, today=TODAY, actor="test")
    found = [(error.row, error.code) for error in caught.value.errors]
    assert found == [
        (3, "money-negative"),
        (4, "required"),
        (5, "date-invalid"),
        (6, "plan-exceeds-total"),
        (7, "phone-invalid"),
        (8, "category-unknown"),
        (9, "production-before-start"),
        (10, "money-invalid"),
        (10, "required"),
    ]
    assert all(table == [] for table in snapshot(db).values())


def test_error_messages_name_sheet_row_and_reason(tmp_path: Path, catalogue: Catalogue) -> None:
    row = list(ZHONGLIAN)
    row[6] = "-5"
    rows = [PROJECT_HEADER, ZHONGLIAN, ZHONGLIAN[:], row]
    rows[2][1] = "另一个项目"
    rows[3][1] = "第三个项目"
    path = write_csv(tmp_path / "项目.csv", rows)
    with pytest.raises(RosterError) as caught:
        import_roster(None, read_roster(path), now=NOW, today=TODAY, actor="t")  # type: ignore[arg-type]
    zh = format_errors(caught.value.errors, catalogue, "zh_CN")
    assert zh.splitlines() == [
        "花名册中有 1 处问题，本次未导入任何内容。请修改后重新上传：",
        "「项目.csv」第 4 行：总投资不能为负数",
    ]
    en = format_errors(caught.value.errors, catalogue, "en")
    assert en.splitlines()[1] == "项目.csv, row 4: Total investment cannot be negative"


def test_format_errors_limit(catalogue: Catalogue) -> None:
    from bot.people.roster_file import RowError

    errors = [RowError("项目", n, "required", {"field": "park"}) for n in range(2, 12)]
    text = format_errors(errors, catalogue, "zh_CN", limit=3)
    assert text.splitlines()[1] == "「项目」第 2 行：所属园区不能为空"
    assert text.splitlines()[-1].startswith("……另有 7 处问题")


def test_liaison_and_phone_counts_must_match(tmp_path: Path) -> None:
    row = list(ZHONGLIAN)
    row[-1] = "13900000021"
    path = write_csv(tmp_path / "p.csv", [PROJECT_HEADER, row])
    with pytest.raises(RosterError) as caught:
        import_roster(None, read_roster(path), now=NOW, today=TODAY, actor="t")  # type: ignore[arg-type]
    [error] = caught.value.errors
    assert (error.row, error.code, error.params) == (
        2,
        "liaison-count-mismatch",
        {"names": 2, "phones": 1},
    )


def test_same_phone_with_two_names_is_an_error_on_the_later_row(tmp_path: Path) -> None:
    other = list(HAISHUI)
    other[-2:] = ["张薇", "13900000021"]  # 张伟's phone under another name
    people = [
        PEOPLE_HEADER,
        ["张伟", "13900000021", "联络员", "", ""],
        ["李四", "13900000003", "领导", "", ""],
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx", {"项目": [PROJECT_HEADER, ZHONGLIAN, other], "人员": people}
    )
    assert errors_of(
        lambda: import_roster(None, read_roster(path), now=NOW, today=TODAY, actor="t")  # type: ignore[arg-type]
    ) == [("项目", 3, "phone-name-conflict"), ("人员", 3, "phone-name-conflict")]


def test_duplicate_project_and_person(tmp_path: Path) -> None:
    people = [PEOPLE_HEADER, *PEOPLE, ["陈志强", "13900000001", "联络员", "", ""]]
    path = write_xlsx(
        tmp_path / "r.xlsx", {"项目": [PROJECT_HEADER, ZHONGLIAN, ZHONGLIAN], "人员": people}
    )
    with pytest.raises(RosterError) as caught:
        import_roster(None, read_roster(path), now=NOW, today=TODAY, actor="t")  # type: ignore[arg-type]
    first, second = caught.value.errors
    assert (first.sheet, first.row, first.code) == ("项目", 3, "project-duplicate")
    assert first.params["other_row"] == 2
    assert (second.sheet, second.row, second.code) == ("人员", 6, "person-duplicate")


def test_unknown_role(tmp_path: Path) -> None:
    people = [PEOPLE_HEADER, ["王五", "13900000040", "联络员、秘书", "", ""]]
    path = write_csv(tmp_path / "people.csv", people)
    with pytest.raises(RosterError) as caught:
        import_roster(None, read_roster(path), now=NOW, today=TODAY, actor="t")  # type: ignore[arg-type]
    [error] = caught.value.errors
    assert (error.row, error.code, error.params) == (2, "role-unknown", {"value": "秘书"})


# --- applying ------------------------------------------------------------------------------


def full_roster(tmp_path: Path, projects: list[list[str]] | None = None) -> Path:
    rows = projects or [ZHONGLIAN, HAISHUI, LAMEIZI]
    return write_xlsx(
        tmp_path / "roster.xlsx",
        {"项目": [PROJECT_HEADER, *rows], "人员": [PEOPLE_HEADER, *PEOPLE]},
    )


def test_roles_units_and_liaisons(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    admin = person(db, "13900000001")
    assert (admin.is_admin, admin.is_leader, admin.unit) == (True, False, "市园区攻坚大会战指挥部")
    city = person(db, "13900000003")
    assert (city.is_leader, city.city_scope, city.sees_whole_city) == (True, True, True)
    both = person(db, "13900000024")  # listed as 联络员、包联领导, also a liaison of 辣妹子
    assert (both.is_liaison, both.is_leader, both.title) == (True, True, "干事")
    implied = person(db, "13900000016")  # only in the projects table, as a leader
    assert (implied.is_leader, implied.is_liaison, implied.unit) == (True, False, "")
    assert liaison_phones(db, "中联起重机械") == ["13900000021", "13900000022"]
    zoomlion = project(db, "中联起重机械")
    assert zoomlion.leader_id == city.id
    assert (zoomlion.created_at, zoomlion.updated_at) == (NOW, NOW)


def test_reimport_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = full_roster(tmp_path)
    first = run_import(db, path)
    assert (first.parks.created, first.people.created, first.projects.created) == (3, 8, 3)
    before = snapshot(db)
    assert len(before["AuditEntry"]) == 3 + 8 + 3
    second = run_import(db, path, now=NOW + timedelta(days=1))
    assert not second.changed
    assert (second.parks.unchanged, second.people.unchanged, second.projects.unchanged) == (
        3,
        8,
        3,
    )
    assert snapshot(db) == before


def test_changed_row_updates_only_that_project(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    audit_before = len(snapshot(db)["AuditEntry"])
    changed = list(HAISHUI)
    changed[6] = "120000"  # total investment
    changed[-2:] = ["吴涛、马超", "13900000027、13900000029"]
    later = NOW + timedelta(days=3)
    summary = run_import(db, full_roster(tmp_path, [ZHONGLIAN, changed, LAMEIZI]), now=later)
    assert (summary.projects.updated, summary.projects.unchanged) == (1, 2)
    assert (summary.people.created, summary.people.unchanged) == (1, 8)
    updated = project(db, "石门海螺节能板材")
    assert (updated.total_investment, updated.updated_at) == (Decimal(120000), later)
    assert project(db, "中联起重机械").updated_at == NOW
    assert liaison_phones(db, "石门海螺节能板材") == ["13900000027", "13900000029"]
    with db.scope() as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()[audit_before:]
    assert [(e.action, e.entity) for e in entries] == [("create", "person"), ("update", "project")]
    assert entries[1].detail == {
        "total_investment": ["100000", "120000"],
        "liaisons": ["13900000027", "13900000027、13900000029"],
    }


def test_liaisons_are_replaced_in_listed_order(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    swapped = list(ZHONGLIAN)
    swapped[-2:] = ["王芳、刘洋", "13900000022、13900000024"]
    run_import(db, full_roster(tmp_path, [swapped, HAISHUI, LAMEIZI]))
    assert liaison_phones(db, "中联起重机械") == ["13900000022", "13900000024"]
    cleared = list(ZHONGLIAN)
    cleared[-2:] = ["", ""]
    run_import(db, full_roster(tmp_path, [cleared, HAISHUI, LAMEIZI]))
    assert liaison_phones(db, "中联起重机械") == []


def test_projects_only_file_keeps_existing_roles(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    extra = list(HAISHUI)
    extra[1], extra[-2:] = "新项目", ["陈志强", "13900000001"]  # the admin as a liaison
    summary = run_import(db, write_csv(tmp_path / "p.csv", [PROJECT_HEADER, extra]))
    assert summary.projects.created == 1
    admin = person(db, "13900000001")
    assert (admin.is_admin, admin.is_liaison, admin.unit) == (True, True, "市园区攻坚大会战指挥部")


def test_people_table_sets_roles_exactly(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    admin_as_liaison = ["陈志强", "13900000001", "联络员", "市园区攻坚大会战指挥部", "办公室主任"]
    people = [PEOPLE_HEADER, admin_as_liaison]
    summary = run_import(db, write_csv(tmp_path / "people.csv", people))
    assert summary.people.updated == 1
    admin = person(db, "13900000001")
    assert (admin.is_admin, admin.is_liaison) == (False, True)


def test_untouched_entities_are_left_alone(db: Database, tmp_path: Path) -> None:
    run_import(db, full_roster(tmp_path))
    summary = run_import(db, write_csv(tmp_path / "p.csv", [PROJECT_HEADER, HAISHUI]))
    assert (summary.projects.unchanged, summary.people.unchanged) == (1, 2)
    with db.scope() as session:
        assert len(session.exec(select(Project)).all()) == 3


def test_summary_text(db: Database, tmp_path: Path, catalogue: Catalogue) -> None:
    summary = run_import(db, full_roster(tmp_path))
    assert format_summary(summary, catalogue, "zh_CN").splitlines() == [
        "花名册导入完成。",
        "园区：新增 3 个，更新 0 个，无变化 0 个",
        "人员：新增 8 个，更新 0 个，无变化 0 个",
        "项目：新增 3 个，更新 0 个，无变化 0 个",
    ]
    again = format_summary(run_import(db, full_roster(tmp_path)), catalogue, "en")
    assert again.splitlines()[-1].startswith("Everything already matched")


# --- template and catalogue ----------------------------------------------------------------


def test_template_round_trip(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    sheets = read_roster(path)
    assert [(s.kind, s.name, len(s.rows)) for s in sheets] == [
        ("projects", "项目", 1),
        ("people", "人员", 1),
        ("enterprises", "企业", 1),
        ("pairings", "结对", 1),
    ]
    # Filled in: the example rows overwritten with a real project and person; the optional
    # 三个一 sheets dropped (a roster without them imports as before).
    workbook = load_workbook(path)
    for optional in ("企业", "结对"):
        assert workbook[optional].freeze_panes == "A2"
        workbook.remove(workbook[optional])
    workbook["项目"]["A2"] = "中联起重机械"
    workbook["项目"]["J2"] = "周建华"
    workbook["项目"]["L2"] = "张伟"
    workbook["人员"]["A2"] = "张伟"
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    summary = run_import(db, filled)
    assert (summary.parks.created, summary.projects.created, summary.people.created) == (1, 1, 2)
    assert project(db, "中联起重机械").planned_production == date(2027, 12, 31)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 8
        assert len(sheet.data_validations.dataValidation) == 1
    assert '"签约,新开工,续建,投产"' in workbook["项目"].data_validations.dataValidation[0].formula1


def test_unedited_template_is_refused_row_by_row(db: Database, tmp_path: Path, catalogue) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    example = load_workbook(path)
    # The example names no real project or person, and uses reserved-looking phones.
    assert "示例" in example["项目"]["A2"].value and "导入前请删除" in example["项目"]["A2"].value
    assert example["人员"]["B2"].value.startswith("1380000000")
    with pytest.raises(RosterError) as refused:
        run_import(db, path)
    assert [(e.sheet, e.row, e.code) for e in refused.value.errors] == [
        ("项目", 2, "template-example"),
        ("人员", 2, "template-example"),
        ("企业", 2, "template-example"),
        ("结对", 2, "template-example"),
    ]
    text = format_errors(refused.value.errors, catalogue, "zh_CN")
    assert "「项目」第 2 行：这是模板自带的示例行" in text and "请删除这一行" in text
    assert snapshot(db)["Project"] == [] and snapshot(db)["Person"] == []


def test_catalogue_has_every_roster_key(catalogue: Catalogue) -> None:
    keys = [f"roster-error-{code}" for code in ERROR_CODES]
    keys += [f"roster-field-{label}" for label in FIELD_LABELS]
    keys += [f"roster-entity-{entity}" for entity in ENTITIES]
    keys += ["roster-kind-projects", "roster-kind-people"]
    keys += ["roster-summary-title", "roster-summary-line", "roster-summary-unchanged"]
    keys += ["roster-errors-title", "roster-errors-more", "roster-error-line"]
    keys += ["roster-error-line-sheet"]
    roster_keys = {
        lang: {k for k in catalogue.keys(lang) if k.startswith("roster-")} for lang in LANGUAGES
    }
    for language in LANGUAGES:
        assert set(keys) <= roster_keys[language]
    assert roster_keys["zh_CN"] == roster_keys["en"]


def test_every_error_code_formats(catalogue: Catalogue) -> None:
    from bot.people.roster_file import RowError

    params = {
        "field": "park", "kind": "people", "value": "x", "suffix": ".xls", "headers": ["a", "b"],
        "columns": ["姓名"], "max": 50, "total": "1", "annual": "2", "start": "2025-01-01",
        "production": "2024-01-01", "names": 2, "phones": 1, "name": "张伟", "file": "x.csv",
        "phone": "13900000021", "other_name": "张薇", "other_sheet": "人员", "other_row": 3,
        "size": "7.5",
    }  # fmt: skip
    for language in LANGUAGES:
        for code in ERROR_CODES:
            line = format_errors([RowError("项目", 5, code, params)], catalogue, language)
            assert "{" not in line and "$" not in line, (language, code, line)


def test_location_column_sets_the_project_location_and_refuses_nonsense(db, tmp_path) -> None:
    rows = [[*PROJECT_HEADER, "经纬度"]]
    rows.append(["1", "P1", "常德经开区", "", "", "", "1200", "1200", "", "",
                 "周建华", "13900000003", "", "", "29.0312，111.6981"])  # fmt: skip
    run_import(db, write_csv(tmp_path / "ok.csv", rows))
    saved = project(db, "P1")
    assert (saved.lat, saved.lon) == (29.0312, 111.6981)
    rows[1][-1] = "29.03 北纬"
    with pytest.raises(RosterError) as caught:
        run_import(db, write_csv(tmp_path / "bad.csv", rows))
    assert [error.code for error in caught.value.errors] == ["location-invalid"]
    # A file without the column keeps the registered location.
    run_import(db, write_csv(tmp_path / "none.csv", [r[:-1] for r in rows]))
    assert (project(db, "P1").lat, project(db, "P1").lon) == (29.0312, 111.6981)
