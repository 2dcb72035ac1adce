"""`parkbot meeting pack ID` on the demo data, as an operator runs it after `meeting list`.

In this process (`parkbot_here`, the same `cli.main`): a process start costs ~1.3 s CPU.
"""

import io
import re
import time
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from tests.e2e.process import operator_env, parkbot_here


def test_pack_of_the_demo_meeting_writes_pdf_and_xlsx_and_refuses_bad_input(
    tmp_path: Path, emulator
) -> None:
    env = operator_env(tmp_path, emulator)
    assert parkbot_here(env, "db", "upgrade").returncode == 0
    assert parkbot_here(env, "demo-data").returncode == 0
    listed = parkbot_here(env, "meeting", "list")
    meeting_id = re.match(r"#(\d+)", listed.stdout).group(1)
    out = tmp_path / "packs"
    out.mkdir()

    started = time.perf_counter()
    result = parkbot_here(env, "meeting", "pack", meeting_id, "--out", str(out))
    took = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    paths = [Path(line.split("：", 1)[1]) for line in result.stdout.splitlines()]
    assert [path.suffix for path in paths] == [".pdf", ".xlsx"]
    assert all(path.parent == out and path.exists() for path in paths)
    print(f"meeting pack in-process: {took:.2f} s")  # measured for the README (< 3 s)

    reader = PdfReader(paths[0])
    text = re.sub(r"[\s\x00]+", "", "".join(page.extract_text() for page in reader.pages))
    assert f"第1页/共{len(reader.pages)}页" in text and "鼎城高新区现场调度会会前材料" in text
    book = openpyxl.load_workbook(io.BytesIO(paths[1].read_bytes()), read_only=True)
    assert book.sheetnames[:2] == ["概况", "各园区"]

    only_pdf = parkbot_here(
        env, "meeting", "pack", meeting_id, "--out", str(tmp_path), "--format", "pdf"
    )
    assert only_pdf.returncode == 0 and only_pdf.stdout.count("\n") == 1
    assert list(tmp_path.glob("*.xlsx")) == []

    unknown = parkbot_here(env, "meeting", "pack", "999")
    assert unknown.returncode == 1 and "999" in unknown.stderr and not unknown.stdout
    nowhere = parkbot_here(env, "meeting", "pack", meeting_id, "--out", str(tmp_path / "nope"))
    assert nowhere.returncode != 0 and nowhere.stderr and not (tmp_path / "nope").exists()
    wrong = parkbot_here(env, "meeting", "pack", meeting_id, "--format", "docx")
    assert wrong.returncode == 2
