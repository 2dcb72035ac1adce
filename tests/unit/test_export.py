"""The ledger workbook: sheets, headers, rows, frozen panes, filters, fills and summary totals."""

import io
import zipfile
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from bot.i18n import Catalogue
from bot.ledger.content import (
    COLUMNS,
    LIGHT_FILLS,
    MAX_WIDTH,
    WRAP_WIDTH,
    display_width,
    sheet_title,
    write_ledger,
)
from bot.status.summaries import by_park
from bot.status.types import Light, ProjectStatus, Reason

SHANGHAI = ZoneInfo("Asia/Shanghai")
AS_OF = datetime(2025, 3, 31, 10, 0, tzinfo=ZoneInfo("UTC"))  # 18:00 in the city
PERIOD = "2025-03"
ZH_HEADERS = [
    "项目名称",
    "项目单位",
    "类别",
    "产业链",
    "包联领导",
    "联络员",
    "总投资(万元)",
    "年度计划(万元)",
    "本年完成(万元)",
    "完成率%",
    "序时进度%",
    "累计完成(万元)",
    "阶段",
    "形象进度%",
    "本期投资(万元)",
    "本期进展",
    "需协调问题",
    "未办结问题数",
    "灯",
    "亮灯原因",
    "最近填报",
]
COLUMN = {column.key: index + 1 for index, column in enumerate(COLUMNS)}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


def status(name: str, park: str, color: str = "green", **fields: object) -> ProjectStatus:
    """A project status with plausible figures; tests override what they look at."""
    reasons = () if color == "green" else (Reason("behind-plan", color, BEHIND),)
    values: dict[str, object] = {
        "project_id": abs(hash(name)) % 10_000,
        "name": name,
        "park": park,
        "enterprise": f"{name}有限公司",
        "category": "continuing",
        "industry_chain": "装备制造",
        "leader": "王市长",
        "liaisons": ["张三", "李四"],
        "total_investment": Decimal("100000"),
        "annual_plan": Decimal("20000"),
        "year_investment": Decimal("5000"),
        "cumulative_investment": Decimal("60000.5"),
        "plan_percent": Decimal("25.0"),
        "expected_percent": Decimal("25.0"),
        "stage": "main_works",
        "physical_percent": Decimal("60"),
        "last_period": PERIOD,
        "last_submitted_at": datetime(2025, 3, 20, 2, 30, tzinfo=ZoneInfo("UTC")),
        "light": Light(color, reasons),  # type: ignore[arg-type]
        "open_problems": 0,
        "period_investment": Decimal("1200"),
        "period_progress": "主体结构施工",
        "reported_periods": frozenset({PERIOD}),
        "reported_this_period": True,
    }
    values.update(fields)
    return ProjectStatus(**values)  # type: ignore[arg-type]


BEHIND = {"expected": "25.0", "actual": "13.0", "behind": "12.0", "needed": "600"}
ROWS = [
    status("中联起重机械", "常德经开区", "green"),
    status("中锂新材电池隔膜二期", "常德经开区", "yellow", annual_plan=Decimal("30000")),
    status(
        "德施普惠医药",
        "常德经开区",
        "red",
        period_investment=None,
        reported_periods=frozenset({"2025-02"}),
        reported_this_period=False,
        last_period="2025-02",
        period_progress="",
        period_problems="",
        problem_texts=["用地手续未办结", "用电报装"],
        open_problems=2,
    ),
    status("美华尼龙四期", "鼎城高新区", "green", year_investment=Decimal("10000")),
    status(
        "鼎城项目乙",
        "鼎城高新区",
        "red",
        period_investment=None,
        last_period=None,
        reported_periods=frozenset(),
        reported_this_period=False,
    ),
]


def ledger(
    catalogue: Catalogue, rows: list[ProjectStatus], language: str = "zh_CN", period: str = PERIOD
) -> Workbook:
    buffer = io.BytesIO()
    write_ledger(
        buffer,
        rows=rows,
        period=period,
        as_of=AS_OF,
        language=language,
        catalogue=catalogue,
        tz=SHANGHAI,
    )
    buffer.seek(0)
    return load_workbook(buffer)


@pytest.fixture(scope="module")
def book(catalogue: Catalogue) -> Workbook:
    return ledger(catalogue, ROWS)


def test_summary_first_then_one_sheet_per_park_ranked_as_the_overview(book):
    # 鼎城 has half its projects green, 常德 a third: ranked first, though 常 < 鼎 in code points.
    assert book.sheetnames == ["总览", "鼎城高新区", "常德经开区"]
    assert book.sheetnames[1:] == [park.name for park in by_park(ROWS)]
    summary = list(book["总览"].iter_rows(min_row=5, max_row=6, values_only=True))
    assert [(rank, park) for rank, park, *_ in summary] == [(1, "鼎城高新区"), (2, "常德经开区")]


def test_park_sheets_have_the_header_and_one_row_per_project(book):
    first = book["常德经开区"]
    assert [cell.value for cell in first[1]] == ZH_HEADERS
    assert first.max_row == 1 + 3
    assert book["鼎城高新区"].max_row == 1 + 2
    assert [row[0] for row in first.iter_rows(min_row=2, values_only=True)] == [
        "中联起重机械",
        "中锂新材电池隔膜二期",
        "德施普惠医药",
    ]


def test_header_is_frozen_bold_and_filtered(book):
    sheet = book["常德经开区"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:U4"
    assert book["鼎城高新区"].auto_filter.ref == "A1:U3"
    assert all(cell.font.b for cell in sheet[1])


def test_summary_header_is_frozen_and_filtered_over_the_parks(book):
    sheet = book["总览"]
    assert sheet.freeze_panes == "A5"  # title, freshness, blank line and header stay in view
    assert [cell.value for cell in sheet[4]][:2] == ["排名", "园区"]
    # The filter covers the header and the two parks, not the city total below them.
    assert sheet.auto_filter.ref == "A4:K6"
    assert sheet.cell(row=7, column=2).value == "全市合计"


def test_several_liaisons_fit_and_wrap(catalogue):
    """Two names are never cut, however many a project has: the column fits and wraps."""
    two = status("中联起重机械", "常德经开区", liaisons=["张伟", "王芳"])
    many = status("中锂新材", "常德经开区", liaisons=[f"联络员{n}" for n in range(12)])
    letter = get_column_letter(COLUMN["liaisons"])
    sheet = ledger(catalogue, [two])["常德经开区"]
    cell = sheet.cell(row=2, column=COLUMN["liaisons"])
    assert cell.value == "张伟、王芳" and cell.alignment.wrap_text
    assert sheet.column_dimensions[letter].width >= display_width("张伟、王芳") + 2
    sheet = ledger(catalogue, [two, many])["常德经开区"]
    assert sheet.column_dimensions[letter].width == WRAP_WIDTH
    # The long list wraps onto more lines, and its row is tall enough to show them.
    assert sheet.cell(row=3, column=COLUMN["liaisons"]).alignment.wrap_text
    assert sheet.row_dimensions[3].height >= 2 * 15


def test_light_cells_are_filled_with_their_colour(book):
    sheet = book["常德经开区"]
    column = COLUMN["light"]
    cells = [sheet.cell(row=row, column=column) for row in (2, 3, 4)]
    assert [cell.value for cell in cells] == ["绿灯", "黄灯", "红灯"]
    assert [cell.fill.fgColor.rgb for cell in cells] == [
        LIGHT_FILLS["green"],
        LIGHT_FILLS["yellow"],
        LIGHT_FILLS["red"],
    ]
    assert all(cell.fill.fill_type == "solid" for cell in cells)
    assert sheet.cell(row=2, column=COLUMN["name"]).fill.fill_type is None


def test_row_values_labels_and_formats(book):
    sheet = book["常德经开区"]

    def cell(row: int, key: str):
        return sheet.cell(row=row, column=COLUMN[key])

    assert cell(2, "category").value == "续建"
    assert cell(2, "stage").value == "主体施工"
    assert cell(2, "liaisons").value == "张三、李四"
    assert cell(2, "cumulative").value == pytest.approx(60000.5)
    assert cell(2, "cumulative").number_format == "#,##0"
    assert cell(2, "plan-percent").number_format == "0.0"
    assert cell(2, "progress").alignment.wrap_text
    # Stored as the city's wall-clock time: 02:30 UTC is 10:30 in Shanghai.
    assert cell(2, "last-report").value == datetime(2025, 3, 20, 10, 30)
    assert cell(2, "last-report").is_date
    assert cell(3, "reasons").value == (
        "🟡 年度投资完成率 13.0%，序时进度 25.0%，落后 12.0 个百分点 — 本年再完成投资至少 600 万元"
    )
    assert cell(2, "reasons").value == "🟢 各项指标正常"
    # Without a report this period, the open problems fill the problems column.
    assert cell(4, "problems").value == "用地手续未办结\n用电报装"
    assert cell(4, "period-investment").value is None
    assert cell(4, "open-problems").value == 2


def test_summary_lists_parks_and_the_city_total(book):
    sheet = book["总览"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "园区攻坚大会战项目台账（2025年3月）"
    assert rows[1][0] == "数据截至 2025-03-31 18:00"
    assert rows[3][:4] == ("排名", "园区", "项目数", "绿灯")
    dingcheng, changde, city = rows[4], rows[5], rows[6]
    assert changde[:8] == (2, "常德经开区", 3, 1, 1, 1, 2, pytest.approx(200 / 3))
    assert changde[8:] == (70000, 15000, pytest.approx(100 * 15000 / 70000))
    assert dingcheng[:8] == (1, "鼎城高新区", 2, 1, 0, 1, 1, 50)
    assert dingcheng[8:] == (40000, 15000, 37.5)
    assert city[:8] == (None, "全市合计", 5, 2, 1, 2, 3, 60)
    assert city[8:] == (110000, 30000, pytest.approx(100 * 30000 / 110000))
    assert sheet.cell(row=7, column=2).font.b
    assert sheet.cell(row=7, column=9).number_format == "#,##0"


def test_english_headers_and_labels(catalogue):
    book = ledger(catalogue, ROWS, language="en")
    assert book.sheetnames[0] == "Summary"
    sheet = book["常德经开区"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Project", "Enterprise", "Category"]
    assert headers[COLUMN["light"] - 1] == "Light"
    assert headers == [catalogue.text("en", f"export-col-{c.key}") for c in COLUMNS]
    assert sheet.cell(row=2, column=COLUMN["liaisons"]).value == "张三, 李四"
    assert sheet.cell(row=3, column=COLUMN["light"]).value == "Yellow"
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][0] == "Industrial park campaign ledger (2025-03)"
    assert summary[3][:2] == ("Rank", "Park") and summary[-1][1] == "City total"


def test_unknown_codes_are_shown_as_given(catalogue):
    book = ledger(catalogue, [status("项目", "园区", category="其他", stage=None)])
    sheet = book["园区"]
    assert sheet.cell(row=2, column=COLUMN["category"]).value == "其他"
    assert sheet.cell(row=2, column=COLUMN["stage"]).value is None


def test_sheet_names_are_sanitised_and_unique(catalogue):
    long = "西洞庭生物科技园" * 5
    rows = [
        status("甲", "A/B:C*D?[E]\\F"),
        status("乙", long),
        status("丙", long + "二"),  # the same once cut to 31 characters
        status("丁", "总览"),  # would clash with the summary sheet
        status("戊", "'引号'"),
    ]
    names = ledger(catalogue, rows).sheetnames
    # Parks alike in lights and investment rank by name: "'" < "A" < "总" < "西".
    assert names[0] == "总览"
    assert names[1] == "引号"
    assert names[2] == "A_B_C_D__E__F"
    assert names[3] == "总览 (2)"
    assert names[4] == long[:31]
    assert names[5] == long[:27] + " (2)"
    assert all(len(name) <= 31 for name in names)


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("常德经开区", set(), "常德经开区"),
        ("a[b]c", set(), "a_b_c"),
        ("Park", {"park"}, "Park (2)"),
        ("Park", {"park", "park (2)"}, "Park (3)"),
        ("", set(), "_"),
        ("History", set(), "History (2)"),
        ("x" * 40, set(), "x" * 31),
    ],
)
def test_sheet_title(name, taken, expected):
    assert sheet_title(name, taken) == expected
    assert expected.casefold() in taken


def test_widths_fit_content_with_cjk_counting_double(catalogue):
    assert display_width("abc") == 3
    assert display_width("常德") == 4
    assert display_width("a\n常德经开区") == 10
    assert display_width(Decimal("12345.6")) == len("12,346")
    rows = [status("很长的项目名称" * 20, "园区", period_progress="进展" * 100)]
    sheet = ledger(catalogue, rows)["园区"]
    assert sheet.column_dimensions["A"].width == MAX_WIDTH
    assert sheet.column_dimensions["P"].width == WRAP_WIDTH
    assert sheet.column_dimensions["C"].width == display_width("类别") + 2
    assert sheet.column_dimensions["R"].width == display_width("未办结问题数") + 2
    # The wrapped progress text makes its row taller.
    assert sheet.row_dimensions[2].height > 15


def test_text_is_escaped_and_illegal_characters_dropped(catalogue):
    rows = [status("A&B <项目> \x07", "园区", period_progress='"引号" & 1 < 2')]
    sheet = ledger(catalogue, rows)["园区"]
    assert sheet.cell(row=2, column=1).value == "A&B <项目> "
    assert sheet.cell(row=2, column=COLUMN["progress"]).value == '"引号" & 1 < 2'


def test_every_part_is_well_formed_xml_and_path_targets_work(catalogue, tmp_path: Path):
    target = tmp_path / "ledger.xlsx"
    write_ledger(
        target,
        rows=ROWS,
        period=PERIOD,
        as_of=AS_OF,
        language="zh_CN",
        catalogue=catalogue,
        tz=SHANGHAI,
    )
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        for name in names:
            ElementTree.fromstring(package.read(name))
    assert "xl/worksheets/sheet3.xml" in names
    assert load_workbook(target).sheetnames[1] == "鼎城高新区"


def test_no_projects_gives_a_summary_with_zero_totals(catalogue):
    book = ledger(catalogue, [])
    assert book.sheetnames == ["总览"]
    total = list(book["总览"].iter_rows(values_only=True))[-1]
    assert total == (None, "全市合计", 0, 0, 0, 0, 0, None, 0, 0, None)


def test_parks_without_a_name_are_grouped(catalogue):
    book = ledger(catalogue, [replace(ROWS[0], park="")])
    assert book.sheetnames == ["总览", "未分园区"]


def test_a_past_months_ledger_counts_that_months_reports_as_park_summaries_do(catalogue):
    """Reported means a current report for the ledger's period, whatever the asker's month."""
    # Asked in March: the March flag is the asker's; February's reports are what count.
    rows = [
        status("二月报了", "常德经开区", reported_periods=frozenset({"2025-02", PERIOD})),
        status("只报三月", "常德经开区", reported_periods=frozenset({PERIOD})),
        status("只报二月", "常德经开区", reported_periods=frozenset({"2025-02"})),
        status("也只报二月", "常德经开区", reported_periods=frozenset({"2025-02"})),
        status("都没报", "常德经开区", reported_periods=frozenset()),
    ]
    for row in rows[2:]:
        row.reported_this_period = False
    sheet = ledger(catalogue, rows, period="2025-02")["总览"]
    park, city = sheet[5], sheet[6]
    [summary] = by_park(rows, "2025-02")
    assert park[6].value == city[6].value == summary.reported == 3
    assert park[7].value == pytest.approx(60)
    # The asker's own month, by default, is unchanged: /overview still counts March's.
    [this_month] = by_park(rows)
    assert this_month.reported == 2 and this_month.period is None
    assert [row.name for row in rows if row.reported_for("2025-02")] == [
        "二月报了",
        "只报二月",
        "也只报二月",
    ]
