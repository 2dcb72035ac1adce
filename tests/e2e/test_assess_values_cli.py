"""`parkbot assess values-template / values-import / values` as an operator runs them."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.db import Database
from models import AuditEntry, IndicatorValue
from tests.e2e.process import operator_env, parkbot_here

pytestmark = pytest.mark.e2e

ROSTER = Path(__file__).resolve().parents[1] / "data" / "roster_ok.csv"
PARK = "常德经开区"


@pytest.fixture
def env(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    assert parkbot_here(env, "roster", "import", str(ROSTER)).returncode == 0
    scheme = tmp_path / "scheme.xlsx"
    assert parkbot_here(env, "assess", "template", str(scheme)).returncode == 0
    assert parkbot_here(env, "assess", "import", str(scheme)).returncode == 0
    return env


def stored(env) -> list[tuple[str, str, Decimal, Decimal | None, str]]:
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        rows = session.exec(select(IndicatorValue).order_by(IndicatorValue.id))
        found = [(r.indicator, r.month, r.value, r.base, r.source) for r in rows]
        audits = session.exec(
            select(AuditEntry).where(AuditEntry.action == "indicator-values-filed")
        ).all()
    db.dispose()
    return found, len(audits)


def test_template_import_values_and_a_bad_file_writes_nothing(env, tmp_path):
    book_path = tmp_path / "values.xlsx"
    written = parkbot_here(env, "assess", "values-template", str(book_path), "--month", "2025-03")
    assert written.returncode == 0, written.stderr
    assert "已生成 2025-03 指标填报表" in written.stdout
    sheet = load_workbook(book_path).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[0] == "园区" and "税收收入（tax）" in headers
    assert "规模工业总产值增长上年同期（output_growth）" in headers
    assert not any("timeliness" in str(h) for h in headers)  # computed: never filed
    assert sheet["A2"].value == PARK
    column = {h: i + 1 for i, h in enumerate(headers)}
    sheet.cell(2, column["税收收入（tax）"], "1.2亿")
    sheet.cell(2, column["规模工业总产值增长（output_growth）"], 3000)
    sheet.cell(2, column["规模工业总产值增长上年同期（output_growth）"], "2500")
    sheet.cell(2, column["安全事故（safety）"], 0)
    sheet.parent.save(book_path)

    imported = parkbot_here(env, "assess", "values-import", str(book_path), "--month", "2025-03")
    assert imported.returncode == 0, imported.stderr
    assert "已导入 2025-03 的 3 项指标值（1 个园区）" in imported.stdout
    rows, audits = stored(env)
    assert sorted(rows) == [
        ("output_growth", "2025-03", Decimal(3000), Decimal(2500), "xlsx"),
        ("safety", "2025-03", Decimal(0), None, "xlsx"),
        ("tax", "2025-03", Decimal(12000), None, "xlsx"),
    ]
    assert audits == 1

    # The template now carries the current values.
    again = tmp_path / "again.xlsx"
    rewritten = parkbot_here(env, "assess", "values-template", str(again), "--month", "2025-03")
    assert rewritten.returncode == 0, rewritten.stderr
    sheet = load_workbook(again).active
    row = {h.value: c.value for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert row["税收收入（tax）"] == 12000

    shown = parkbot_here(env, "assess", "values", "--period", "2025-Q1", "--park", PARK)
    assert shown.returncode == 0, shown.stderr
    assert "tax 税收收入：12000（" in shown.stdout and "从表格导入" in shown.stdout
    assert "output_growth 规模工业总产值增长：3000，上年同期 2500" in shown.stdout
    assert "factories 标准厂房：缺失" in shown.stdout
    assert "缺失的指标：" in shown.stdout and "new_starts" in shown.stdout

    bad = load_workbook(book_path)
    sheet = bad.active
    sheet.cell(1, 20, "填报及时率（timeliness）")
    sheet.cell(1, 21, "无此指标（nothing）")
    sheet.cell(2, column["税收收入（tax）"], "-5")
    sheet.cell(2, column["安全事故（safety）"], "1.5")
    sheet.append(["桃源园区", 1])
    bad.save(book_path)
    refused = parkbot_here(env, "assess", "values-import", str(book_path), "--month", "2025-03")
    assert refused.returncode == 1
    err = refused.stderr
    assert "指标填报表中有 5 处问题，本次未导入任何内容" in err, err
    assert "第 1 行：列「填报及时率（timeliness）」由系统自动计算" in err
    assert "第 1 行：列「无此指标（nothing）」不是当前考核方案中需填报的指标" in err
    assert "第 2 行：「税收收入（tax）」：“-5”不能为负数" in err
    assert "第 2 行：「安全事故（safety）」：“1.5”须为整数" in err
    assert "第 3 行：园区「桃源园区」不存在" in err
    assert "Traceback" not in err
    assert stored(env)[1] == 1  # nothing more written


def test_a_future_month_and_no_scheme_are_refused(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    path = str(tmp_path / "v.xlsx")
    ahead = date.today().replace(day=28) + timedelta(days=10)  # next month, on the real clock
    month = f"{ahead.year}-{ahead.month:02d}"
    future = parkbot_here(env, "assess", "values-template", path, "--month", month)
    assert future.returncode == 2 and "不能填报未来的月份" in future.stderr, future.stderr
    none = parkbot_here(env, "assess", "values-template", path, "--month", "2025-03")
    assert none.returncode == 1 and "尚未导入考核方案" in none.stderr
