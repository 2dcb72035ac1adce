"""`parkbot roster import` with the 三个一 sheets, then `parkbot pairing show / export /
publish`."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.process import operator_env, parkbot_here
from tests.unit.test_roster_pairing import ENTERPRISES, PAIRINGS, PEOPLE, PROJECTS, write

pytestmark = pytest.mark.e2e


def test_import_show_and_export_the_pairing_table(tmp_path: Path, emulator) -> None:
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    roster = write(
        tmp_path / "roster.xlsx",
        {"项目": PROJECTS, "人员": PEOPLE, "企业": ENTERPRISES, "结对": PAIRINGS},
    )
    imported = parkbot_here(env, "roster", "import", str(roster))
    assert imported.returncode == 0, imported.stderr
    assert "企业：新增 2 个" in imported.stdout and "结对：新增 1 个" in imported.stdout

    shown = parkbot_here(env, "pairing", "show", "--quarter", "2025-Q1")
    assert shown.returncode == 0, shown.stderr
    assert "三个一结对情况（2025-Q1，共 1 位领导）" in shown.stdout
    assert "周建华｜10亿项目：中联起重机械" in shown.stdout
    assert "重点骨干企业：中联重科，服务 0 次" in shown.stdout

    bad = parkbot_here(env, "pairing", "show", "--quarter", "2025-03")
    assert bad.returncode == 1 and "不是季度" in bad.stderr and "Traceback" not in bad.stderr

    table = tmp_path / "结对表.xlsx"
    written = parkbot_here(env, "pairing", "export", str(table), "--quarter", "2025-Q1")
    assert written.returncode == 0, written.stderr
    rows = list(load_workbook(table)["领导结对联系表"].iter_rows(values_only=True))
    assert rows[0][0] == "领导结对联系表（三个一，2025-Q1）"
    assert rows[1][:3] == ("结对领导", "职务", "10亿项目")
    assert rows[2][0] == "周建华" and "中联重科" in rows[2] and "湘北纺织" in rows[2]

    published = parkbot_here(env, "pairing", "publish", "--quarter", "2025-Q1")
    assert published.returncode == 0, published.stderr
    assert "已公示 2025-Q1 三个一结对表：1 位领导" in published.stdout
    assert "公示期至" in published.stdout
    twice = parkbot_here(env, "pairing", "publish", "--quarter", "2025-Q1")
    assert twice.returncode == 1 and "还在公示期内" in twice.stderr
    assert "Traceback" not in twice.stderr
    snapshot = parkbot_here(env, "pairing", "show", "--published", "--quarter", "2025-Q1")
    assert snapshot.returncode == 0, snapshot.stderr
    assert "2025-Q1 三个一结对表公示（公示中" in snapshot.stdout
    assert "周建华｜10亿项目：中联起重机械" in snapshot.stdout
    never = parkbot_here(env, "pairing", "show", "--published", "--quarter", "2024-Q4")
    assert never.returncode == 1 and "2024-Q4 没有公示过结对表" in never.stderr
