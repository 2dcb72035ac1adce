"""`parkbot meeting minutes-template / minutes-import / assignments` as an operator runs them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlmodel import select

from bot.db import Database
from bot.migrate import upgrade
from models import Meeting, OutboxMessage, Problem
from tests.e2e.process import operator_env, parkbot_here
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_template_import_and_list_from_the_command_line(tmp_path, emulator):
    env = operator_env(tmp_path, emulator, PARKBOT_LANGUAGE="zh_CN")
    db = Database.from_url(env["DATABASE_URL"])
    upgrade(db.engine)
    held = datetime.now(SHANGHAI) - timedelta(days=1)  # the CLI's clock is the real one
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        make_person(session, "赵副市长", is_leader=True, telegram_user_id=9301)
        make_project(session, name="星火锂电池", park=park)
        meeting = Meeting(
            starts_at=held, park_id=park.id, place="会议室", deadline=held, period="2025-03",
            created_at=held, updated_at=held,
        )  # fmt: skip
        session.add(meeting)
        session.flush()
        meeting_id = str(meeting.id)
    held_list = parkbot_here(env, "meeting", "assignments")
    assert held_list.returncode == 0, held_list.stderr
    assert f"#{meeting_id} " in held_list.stdout and "云溪园区（交办 0 项）" in held_list.stdout
    path = tmp_path / "决定事项.xlsx"
    written = parkbot_here(env, "meeting", "minutes-template", meeting_id, str(path))
    assert written.returncode == 0, written.stderr
    due = (held + timedelta(days=20)).date()
    book = openpyxl.load_workbook(path)
    book.worksheets[0].append(["协调用电增容", "星火锂电池", "市供电公司", "赵副市长", due])
    book.worksheets[0].append(["统筹用地", "无此项目", "市自然资源局", "赵副市长", "某天"])
    book.save(path)

    refused = parkbot_here(env, "meeting", "minutes-import", meeting_id, str(path))
    assert refused.returncode == 1
    assert "第 3 行：没有这个项目：无此项目" in refused.stderr, refused.stderr
    assert "第 3 行：日期无法识别：某天" in refused.stderr
    assert "共 2 处错误，什么也没有写入" in refused.stderr
    with db.scope() as session:
        assert session.exec(select(Problem)).all() == []

    book = openpyxl.load_workbook(path)
    book.worksheets[0].delete_rows(3)
    book.save(path)
    imported = parkbot_here(env, "meeting", "minutes-import", meeting_id, str(path))
    assert imported.returncode == 0, imported.stderr
    assert "已导入 1 条决定事项，通知 1 位责任人" in imported.stdout
    listed = parkbot_here(env, "meeting", "assignments", meeting_id)
    assert listed.returncode == 0, listed.stderr
    assert f"[办理中] 协调用电增容 | 星火锂电池 | 市供电公司 | 赵副市长 | {due}" in listed.stdout
    with db.scope() as session:
        assert [m.kind for m in session.exec(select(OutboxMessage))] == ["assignment"]
    unknown = parkbot_here(env, "meeting", "assignments", "999")
    assert unknown.returncode == 1 and "999" in unknown.stderr
    db.dispose()
