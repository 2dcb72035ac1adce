"""`parkbot assess template / import / show` as an operator runs them, over the roster's parks."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.db import Database
from models import AssessmentScheme, Person, ProgressReport, Project
from tests.e2e.process import operator_env, parkbot_here

pytestmark = pytest.mark.e2e

ROSTER = Path(__file__).resolve().parents[1] / "data" / "roster_ok.csv"


def test_template_import_and_show_and_a_bad_file_writes_nothing(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    assert parkbot_here(env, "roster", "import", str(ROSTER)).returncode == 0
    scheme = tmp_path / "scheme.xlsx"
    written = parkbot_here(env, "assess", "template", str(scheme))
    assert written.returncode == 0, written.stderr
    assert "已生成考核方案模板" in written.stdout
    parks = [row[0].value for row in load_workbook(scheme)["园区类型"].iter_rows(min_row=2)]
    assert parks  # every park of the roster, to be given its type

    imported = parkbot_here(env, "assess", "import", str(scheme))
    assert imported.returncode == 0, imported.stderr
    assert "版本 1" in imported.stdout and "5 个类别，10 项指标" in imported.stdout

    book = load_workbook(scheme)
    book["考核类别"]["B2"] = 31  # the weights now add up to 101
    book["考核指标"]["F3"] = "平均"  # row 3: an unknown method
    book.save(scheme)
    refused = parkbot_here(env, "assess", "import", str(scheme))
    assert refused.returncode == 1
    assert "考核方案中有 2 处问题，本次未导入任何内容" in refused.stderr
    assert "「考核类别」：各类别权重合计为 101，应为 100" in refused.stderr
    assert "「考核指标」第 3 行：计分方法「平均」无法识别" in refused.stderr
    assert "Traceback" not in refused.stderr

    shown = parkbot_here(env, "assess", "show")
    assert shown.returncode == 0, shown.stderr
    assert "考核方案 版本 1" in shown.stdout
    assert "速度效益（30 分）" in shown.stdout
    assert "investment 完成投资（万元）：20 分，完成率，目标 100000" in shown.stdout
    assert "safety 安全事故（次）：10 分，扣分，每次扣 5 分" in shown.stdout
    missing = parkbot_here(env, "assess", "show", "--version", "7")
    assert missing.returncode == 1 and "没有版本 7 的考核方案；已有版本：1" in missing.stderr

    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        assert [row.version for row in session.exec(select(AssessmentScheme))] == [1]
    db.dispose()


def test_show_before_any_import_says_how_to_start(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="en")
    shown = parkbot_here(env, "assess", "show")
    assert shown.returncode == 0
    assert "No assessment scheme imported yet" in shown.stdout


def test_values_lists_each_computed_value_with_its_rule_and_what_is_to_be_supplied(
    tmp_path, emulator
):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    assert parkbot_here(env, "roster", "import", str(ROSTER)).returncode == 0
    scheme = tmp_path / "scheme.xlsx"
    assert parkbot_here(env, "assess", "template", str(scheme)).returncode == 0
    assert parkbot_here(env, "assess", "import", str(scheme)).returncode == 0
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        project = session.exec(select(Project).where(Project.name == "中联起重机械")).one()
        reporter = session.exec(select(Person)).first()
        at = datetime(2025, 2, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
        session.add(
            ProgressReport(
                project_id=project.id,
                period="2025-02",
                investment_month=Decimal(7000),
                investment_cumulative=Decimal(7000),
                stage="started",
                percent=Decimal(10),
                progress="开工",
                reporter_id=reporter.id,
                submitted_at=at,
            )
        )
    db.dispose()

    shown = parkbot_here(env, "assess", "values", "--period", "2025-Q1", "--park", "常德经开区")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "2025-Q1 系统计算的指标值" in out
    # Plans 30000 + 40000 万元; one report of 7000 万元 in February.
    assert "investment 完成投资：7000（2025-03 为止本年完成投资 7000 万元" in out
    assert "完成 7000 万元 ÷ 年度计划 70000 万元 = 10%" in out
    # Both planned to start by March (2024-03, 2025-03); one reached 开工建设.
    assert "计划 2025-03 前开工的 2 个项目中 1 个已达「开工建设」 = 50%" in out
    # 2 projects x 3 months = 6 project-months, one reported, before February's end.
    assert "timeliness 填报及时率：16.7（2025-Q1 的 6 个项目·月中 1 个在截止时间前填报" in out
    assert "problems_closed 问题按期销号率：-（无可统计的项目，记为缺失）" in out
    assert "production_on_time 按期投产率：-" in out  # planned for 2025-12-31
    assert "需由园区或指挥部填报的指标：new_starts 新开工项目、infrastructure 基础设施投入" in out

    bad = parkbot_here(env, "assess", "values", "--period", "2025-Q5")
    assert bad.returncode == 2
    assert "考核期「2025-Q5」无法识别" in bad.stderr and "Traceback" not in bad.stderr
    unknown = parkbot_here(env, "assess", "values", "--period", "2025", "--park", "无此园区")
    assert unknown.returncode == 1 and "没有名为「无此园区」的园区" in unknown.stderr
