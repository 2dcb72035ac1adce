"""The assessment scheme file: the template round-trips; bad files are refused whole."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.assessment import messages, store
from bot.assessment.scheme import Method
from bot.assessment.scheme_file import SchemeError, read_scheme
from bot.assessment.scheme_template import default_scheme, write_scheme
from bot.i18n import Catalogue
from models import AssessmentScheme, AuditEntry
from tests.factories import NOW, make_park

PARKS = ["经开区", "高新区"]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "scheme.xlsx"
    write_scheme(path, default_scheme(PARKS))
    return path


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def _problems(path: Path, parks=PARKS) -> list[str]:
    """Each problem as the operator reads it (zh_CN)."""
    with pytest.raises(SchemeError) as raised:
        read_scheme(path, parks=parks)
    catalogue = Catalogue()
    return [messages.format_problem(p, catalogue, "zh_CN") for p in raised.value.problems]


def test_the_template_round_trips_through_import_and_storage(db, template):
    with db.scope() as session:
        for name in PARKS:
            make_park(session, name)
        scheme = read_scheme(template, parks=store.park_names(session))
        saved = store.save_scheme(session, scheme, now=NOW, actor="cli:test")
    default = default_scheme(PARKS)
    assert saved.version == "1"
    assert saved.park_types == default.park_types
    assert saved.categories == default.categories
    assert saved.indicators == default.indicators
    assert [c.name for c in saved.categories] == [
        "速度效益",
        "产城融合",
        "发展后劲",
        "平台建设",
        "基础工作",
    ]
    assert sum(c.weight for c in saved.categories) == 100
    with db.scope() as session:
        again = read_scheme(template, parks=PARKS)
        store.save_scheme(session, again, now=NOW, actor="cli:test")
    with db.scope() as session:
        assert [row.version for row in store.versions(session)] == [1, 2]
        first = store.load_scheme(session, 1)
        assert first is not None and first.indicators == default.indicators
        assert store.load_scheme(session).version == "2"
        assert store.load_scheme(session, 9) is None
        actions = session.exec(select(AuditEntry.action)).all()
        assert actions.count("assessment-scheme-imported") == 2


def test_per_type_targets_and_caps_survive_the_file(tmp_path):
    path = tmp_path / "typed.xlsx"
    scheme = default_scheme(PARKS)
    from dataclasses import replace

    typed = replace(
        scheme,
        park_types={"经开区": "一类", "高新区": "二类"},
        indicators=(
            replace(
                scheme.indicators[0],
                targets_by_type={"二类": Decimal("50000.5")},
                cap=Decimal(120),
            ),
            *scheme.indicators[1:],
        ),
    )
    write_scheme(path, typed)
    read = read_scheme(path, parks=PARKS)
    assert read.indicators[0].targets_by_type == {"二类": Decimal("50000.5")}
    assert read.indicators[0].cap == Decimal(120)
    assert read.indicators[0].target_for("一类") == Decimal(100000)
    assert read.park_types == typed.park_types


def test_a_missing_sheet_is_named(template):
    book = load_workbook(template)
    del book["考核类别"]
    book.save(template)
    assert _problems(template) == [
        "「考核类别」：缺少此工作表；考核方案需要园区类型、考核类别、考核指标三张表，"
        "模板（parkbot assess template）中都有"
    ]


def test_an_unknown_method_names_its_row(template):
    _edit(template, "考核指标", "F3", "平均")  # row 3: 新开工项目
    assert _problems(template) == [
        "「考核指标」第 3 行：计分方法「平均」无法识别；请填写 完成率、增长率、排名 或 扣分"
    ]


def test_a_weight_that_is_not_a_number_names_its_row(template):
    _edit(template, "考核类别", "B4", "二十")  # row 4: 发展后劲
    assert _problems(template) == ["「考核类别」第 4 行：「权重」的「二十」不是数字"]


def test_a_duplicate_indicator_key_names_both_rows(template):
    _edit(template, "考核指标", "B3", "investment")
    assert _problems(template) == [
        "「考核指标」第 3 行：指标代码「investment」重复出现，已在第 2 行"
    ]


def test_category_weights_must_sum_to_100(template):
    _edit(template, "考核类别", "B2", 35)  # 35 + 15 + 20 + 15 + 20 = 105
    assert _problems(template) == ["「考核类别」：各类别权重合计为 105，应为 100"]


def test_indicator_points_must_sum_to_their_category(template):
    _edit(template, "考核指标", "E3", 5)  # 速度效益: 20 + 5 = 25, not 30
    assert _problems(template) == [
        "「考核指标」：类别「速度效益」各指标分值合计为 25，应等于该类别权重 30（扣分项不计入）"
    ]


def test_an_unknown_park_names_its_row(template):
    assert _problems(template, parks=["经开区"]) == [
        "「园区类型」第 3 行：园区「高新区」不在花名册中；请核对名称，或先导入花名册"
    ]


def test_every_problem_is_listed_at_once(template):
    _edit(template, "考核指标", "F3", "平均")
    _edit(template, "考核类别", "B4", "二十")
    assert len(_problems(template)) == 2


def test_an_empty_workbook_is_refused(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert _problems(path) == ["「empty.xlsx」：文件中没有任何数据。"]


def test_an_oversized_or_foreign_file_gets_the_roster_file_checks(tmp_path):
    csv = tmp_path / "scheme.csv"
    csv.write_text("类别,权重\n", encoding="utf-8")
    assert _problems(csv) == [
        "「scheme.csv」：不支持“.csv”格式的文件；考核方案请使用 Excel（.xlsx）文件。"
    ]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert _problems(broken) == [
        "「broken.xlsx」：文件无法读取，请确认是未损坏的 Excel（.xlsx）或 CSV 文件。"
    ]


def test_a_refused_file_stores_nothing(db, template):
    _edit(template, "考核类别", "B2", 35)
    with db.scope() as session:
        for name in PARKS:
            make_park(session, name)
    with pytest.raises(SchemeError), db.scope() as session:
        store.save_scheme(
            session,
            read_scheme(template, parks=store.park_names(session)),
            now=NOW,
            actor="cli:test",
        )
    with db.scope() as session:
        assert session.exec(select(AssessmentScheme)).all() == []


def test_deductions_keep_their_points_per_occurrence(template):
    scheme = read_scheme(template, parks=PARKS)
    safety = next(item for item in scheme.indicators if item.key == "safety")
    assert safety.method is Method.DEDUCTION and safety.per_occurrence == Decimal(5)


def test_a_per_type_target_for_an_unknown_type_is_named_once(template):
    book = load_workbook(template)
    sheet = book["考核指标"]
    sheet.cell(row=1, column=11, value="目标值（三类）")
    sheet.cell(row=2, column=11, value=5)
    sheet.cell(row=3, column=11, value=6)
    book.save(template)
    assert _problems(template) == [
        "「考核指标」第 1 行：列「目标值（三类）」中的园区类型「三类」不在「园区类型」表中"
    ]
