"""The pre-meeting pack in chat: the timed notice goes out once at start-up with its button,
its press and the admin's /meetings button deliver the PDF and XLSX, a forged press by a
liaison is refused and sends nothing."""

import io
import re

import openpyxl
from pypdf import PdfReader
from sqlmodel import select

from models import OutboxMessage
from schedules.pack import pack_tick
from tests.e2e.test_access_matrix import Chat
from tests.screens import on, say
from tests.unit.test_meeting_pack import build_city

ADMIN, LEADER, LIAISON = 5001, 5002, 5004


def _documents(answer, emu) -> dict[str, bytes]:
    return {
        m["document"]["file_name"].rsplit(".", 1)[1]: emu.file_bytes(m["document"]["file_id"])
        for m in answer.documents
    }


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"[\s\x00]+", "", "".join(page.extract_text() for page in pages))


def test_notice_once_then_the_button_delivers_pdf_and_xlsx_and_a_forged_press_is_refused(
    start_bot, db, emulator
) -> None:
    with db.scope() as session:
        meeting_id = build_city(session)["meeting"].id
    admin, leader = emulator.add_user(ADMIN, "Lei"), emulator.add_user(LEADER, "Haitao")
    harness = start_bot()  # its start-up run queues the notice: the meeting is 2 days away
    emu = harness.emulator
    notice = admin.wait_message(lambda m: on(m["text"], "pack-ready"), timeout=15)
    assert "常德经开区" in notice["text"] and "管委会三楼会议室" in notice["text"]
    leader.wait_message(lambda m: on(m["text"], "pack-ready"))

    # Pressed, the notice's button sends both documents, made now.
    chat = Chat(harness, admin)
    answer = chat.act(lambda: admin.press(say("button-pack-get"), message=notice))
    files = _documents(answer, emu)
    assert sorted(files) == ["pdf", "xlsx"]
    text = _pdf_text(files["pdf"])
    assert "常德经开区现场调度会会前材料" in text and "电镀产业园二期" in text
    assert "第1页/共" in text and "本年再完成投资至少601万元" in text
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    assert "红黄灯项目" in book.sheetnames

    # The next tick (and any restart's) queues nothing twice.
    assert harness.bot.run(lambda: pack_tick(harness.bot.app)) == 0
    with db.scope() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "pack")).all()
    assert sorted(row.chat_id for row in rows) == [ADMIN, LEADER, 5003]

    # The admin's button under /meetings does the same.
    listed = chat.command("meetings")
    [meeting] = [m for m in listed.messages if "管委会三楼会议室" in m["text"]]
    again = chat.act(lambda: admin.press(say("button-meeting-pack"), message=meeting))
    assert sorted(_documents(again, emu)) == ["pdf", "xlsx"]

    # A liaison pressing a forged pack button is refused and gets no document.
    liaison = Chat(harness, emu.add_user(LIAISON, "Min"))
    refused = liaison.press(f"pk:{meeting_id}")
    assert refused.callback is not None and refused.callback["text"] == say("pack-refused")
    assert not refused.documents
    gone = chat.press("pk:999999")
    assert gone.callback["text"] == say("pack-meeting-gone") and not gone.documents
