"""`parkbot assess run / results / publish / export` as an operator runs them, end to end."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.db import Database
from models import AssessmentRun, AuditEntry, OutboxMessage, Person, Publication
from tests.e2e.process import operator_env, parkbot_here

pytestmark = pytest.mark.e2e

ROSTER = Path(__file__).resolve().parents[1] / "data" / "roster_ok.csv"


def _with_scheme(tmp_path, emulator, language="zh_CN"):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE=language)
    assert parkbot_here(env, "roster", "import", str(ROSTER)).returncode == 0
    scheme = tmp_path / "scheme.xlsx"
    assert parkbot_here(env, "assess", "template", str(scheme)).returncode == 0
    assert parkbot_here(env, "assess", "import", str(scheme)).returncode == 0
    return env


def test_run_results_publish_export_chain(tmp_path, emulator):
    env = _with_scheme(tmp_path, emulator)
    book = tmp_path / "draft.xlsx"
    ran = parkbot_here(env, "assess", "run", "--period", "2025-Q1", "--xlsx", str(book))
    assert ran.returncode == 0, ran.stderr
    out = ran.stdout
    assert "2025-Q1 考核结果 第 1 版（方案版本 1，草稿（仅管理员可见））" in out
    assert "第 1 名 常德经开区" in out
    assert "缺失的指标值" in out and "new_starts 新开工项目" in out
    assert f"结果表已写入：{book}" in out
    sheets = load_workbook(book)
    assert sheets.sheetnames == ["排名", "明细", "缺失"]
    assert "草稿 DRAFT" in sheets["排名"]["A1"].value
    assert [c.value for c in sheets["排名"][2]] == ["园区类型", "名次", "园区", "总分"]
    assert sheets["排名"]["C3"].value == "常德经开区"
    detail = [[c.value for c in row] for row in sheets["明细"].iter_rows(min_row=3)]
    investment = next(row for row in detail if row[2] == "investment")
    assert investment[0] == "常德经开区" and "系统计算" in investment[8]
    assert any(row[8] == "缺失" for row in detail)

    park = parkbot_here(env, "assess", "results", "--period", "2025-Q1", "--park", "常德经开区")
    assert park.returncode == 0, park.stderr
    assert "常德经开区（综合类园区）：总分" in park.stdout
    assert "investment 完成投资" in park.stdout and "来源：系统计算" in park.stdout

    published = parkbot_here(env, "assess", "publish", "--period", "2025-Q1")
    assert published.returncode == 0, published.stderr
    assert "2025-Q1 考核结果第 1 版已发布公示" in published.stdout
    assert "公示期至" in published.stdout and "5个工作日" in published.stdout
    again = parkbot_here(env, "assess", "publish", "--period", "2025-Q1", "--version", "1")
    assert again.returncode == 1 and "已经发布过" in again.stderr
    nothing = parkbot_here(env, "assess", "publish", "--period", "2025-Q1")
    assert nothing.returncode == 1 and "没有可发布的草稿" in nothing.stderr

    shown = parkbot_here(env, "assess", "results", "--period", "2025-Q1", "--version", "1")
    assert "公示中" in shown.stdout
    final_book = tmp_path / "out.xlsx"
    exported = parkbot_here(env, "assess", "export", "--period", "2025-Q1", str(final_book))
    assert exported.returncode == 0, exported.stderr
    assert "公示中" in load_workbook(final_book)["排名"]["A1"].value

    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        assert len(session.exec(select(AssessmentRun)).all()) == 1
        assert session.exec(select(Publication)).one().run_id is not None
        actions = {entry.action for entry in session.exec(select(AuditEntry))}
        assert {"assessment-run", "assessment-published"} <= actions
        people = {p.id: p.name for p in session.exec(select(Person))}
        told = {people[m.person_id] for m in session.exec(select(OutboxMessage)) if m.person_id}
        # The park's liaisons and its projects' leader; each got the park's detail.
        assert {"李敏", "陈静", "王强"} <= told
        texts = [m.text for m in session.exec(select(OutboxMessage))]
        detail = "常德经开区（综合类园区）：总分"
        assert any(detail in text and "/objection" in text for text in texts)
    db.dispose()


def test_clear_errors_for_runs(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="en")
    none = parkbot_here(env, "assess", "run", "--period", "2025-Q1")
    assert none.returncode == 1 and "No assessment scheme imported yet" in none.stderr
    bad = parkbot_here(env, "assess", "run", "--period", "2025-Q9")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    empty = parkbot_here(env, "assess", "results", "--period", "2025-Q1")
    assert empty.returncode == 1 and "has no assessment result yet" in empty.stderr
    nothing = parkbot_here(env, "assess", "publish", "--period", "2025-Q1")
    assert nothing.returncode == 1 and "has no draft to publish" in nothing.stderr


def test_unknown_version_and_park(tmp_path, emulator):
    env = _with_scheme(tmp_path, emulator, "en")
    assert parkbot_here(env, "assess", "run", "--period", "2025").returncode == 0
    unknown = parkbot_here(env, "assess", "results", "--period", "2025", "--version", "4")
    assert unknown.returncode == 1 and "has no result version 4; there are: 1" in unknown.stderr
    park = parkbot_here(env, "assess", "results", "--period", "2025", "--park", "Nowhere")
    assert park.returncode == 1 and 'That version has no park "Nowhere"' in park.stderr
    shown = parkbot_here(env, "assess", "results", "--period", "2025")
    assert "draft (admins only)" in shown.stdout


def test_closing_a_window_early_needs_a_reason_and_makes_it_final(tmp_path, emulator):
    env = _with_scheme(tmp_path, emulator, "en")
    assert parkbot_here(env, "assess", "run", "--period", "2025-Q1").returncode == 0
    nothing = parkbot_here(
        env, "assess", "close", "--period", "2025-Q1", "--early", "--reason", "x"
    )
    assert nothing.returncode == 1 and "has no assessment result open" in nothing.stderr
    assert parkbot_here(env, "assess", "publish", "--period", "2025-Q1").returncode == 0
    bare = parkbot_here(env, "assess", "close", "--period", "2025-Q1")
    assert bare.returncode == 2 and "needs both --early and --reason" in bare.stderr
    closed = parkbot_here(
        env, "assess", "close", "--period", "2025-Q1", "--early", "--reason", "rehearsal"
    )
    assert closed.returncode == 0, closed.stderr
    assert "the result is final" in closed.stdout
    shown = parkbot_here(env, "assess", "results", "--period", "2025-Q1")
    assert "final" in shown.stdout
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        assert session.exec(select(Publication)).one().status == "final"
        early = [
            entry
            for entry in session.exec(select(AuditEntry))
            if entry.action == "assessment-window-closed-early"
        ]
        assert len(early) == 1 and early[0].detail["reason"] == "rehearsal"
    db.dispose()
