"""Hostile roster files: caps on size and rows, and one clear line for a malformed workbook."""

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.cli import main as cli
from bot.i18n import Catalogue
from bot.people import roster_file
from bot.people.roster_file import MAX_ROWS, MAX_UNPACKED_BYTES, RosterError, read_roster
from bot.people.roster_messages import format_error

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def valid_xlsx(path: Path, rows: int = 2) -> Path:
    """A small, valid projects roster."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["项目名称", "所属园区"])
    for number in range(rows):
        sheet.append([f"项目{number}", "常德经开区"])
    workbook.save(path)
    return path


def with_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of an XLSX with one part replaced (or added)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in zin.infolist():
            if item.filename != name:
                out.writestr(item, zin.read(item.filename))
        out.writestr(name, data)
    return target


def worksheet(body: bytes, prolog: bytes = b"", dimension: str | None = None) -> bytes:
    """A worksheet part around `body` (the rows)."""
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return (
        b'<?xml version="1.0"?>' + prolog + f'<worksheet xmlns="{MAIN_NS}">'.encode() + dim
        + b"<sheetData>" + body + b"</sheetData></worksheet>"
    )  # fmt: skip


def inline_rows(count: int, start: int = 1) -> bytes:
    """`count` rows of one inline-string cell each."""
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(start, start + count)
    )


def codes(path: Path, **caps) -> list[str]:
    """The error codes reading `path` gives (every error a whole-file one)."""
    with pytest.raises(RosterError) as caught:
        read_roster(path, **caps)
    assert all(error.row == 0 for error in caught.value.errors)
    return [error.code for error in caught.value.errors]


def test_a_valid_workbook_still_reads(tmp_path):
    [sheet] = read_roster(valid_xlsx(tmp_path / "ok.xlsx", rows=3))
    assert [row.values["name"] for row in sheet.rows] == ["项目0", "项目1", "项目2"]


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path):
    path = valid_xlsx(tmp_path / "ok.xlsx")
    assert codes(path, max_bytes=100) == ["file-too-large"]
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("项目名称,所属园区\n" + "甲,乙\n" * 100, encoding="utf-8")
    assert codes(csv_file, max_bytes=100) == ["file-too-large"]


@pytest.fixture
def rows_read(monkeypatch) -> list[int]:
    """Counts the rows the reader takes from openpyxl (parsed or filled in for gaps)."""
    counted = [0]
    trimmed = roster_file._trimmed

    def counting(row):
        counted[0] += 1
        return trimmed(row)

    monkeypatch.setattr(roster_file, "_trimmed", counting)
    return counted


def test_200k_rows_stop_at_the_cap(tmp_path, rows_read):
    # No <dimension>, so only stopping early saves parsing all 200k rows.
    path = with_part(valid_xlsx(tmp_path / "v.xlsx"), tmp_path / "rows.xlsx", SHEET,
                     worksheet(inline_rows(200_000)))  # fmt: skip
    assert path.stat().st_size < 2 * 1024 * 1024  # about the 0.5 MB attack of the issue
    assert codes(path) == ["too-many-rows"]
    assert rows_read[0] == MAX_ROWS + 1
    assert codes(path, max_rows=10) == ["too-many-rows"]
    assert rows_read[0] == MAX_ROWS + 1 + 11


def test_a_declared_dimension_past_the_cap_is_refused_before_reading(tmp_path):
    path = with_part(valid_xlsx(tmp_path / "v.xlsx"), tmp_path / "dim.xlsx", SHEET,
                     worksheet(inline_rows(3), dimension="A1:A500000"))  # fmt: skip
    assert codes(path) == ["too-many-rows"]


def test_a_row_far_down_does_not_make_the_reader_fill_the_gap(tmp_path, rows_read):
    # openpyxl fills missing rows with empty ones: row 1,000,000 alone would be a million rows.
    body = inline_rows(1) + inline_rows(1, start=1_000_000)
    path = with_part(valid_xlsx(tmp_path / "v.xlsx"), tmp_path / "gap.xlsx", SHEET, worksheet(body))
    assert codes(path) == ["too-many-rows"]
    assert rows_read[0] == MAX_ROWS + 1


def test_the_row_cap_counts_every_sheet(tmp_path):
    workbook = Workbook()
    for title in ("项目", "项目二"):
        sheet = workbook.create_sheet(title)
        sheet.append(["项目名称", "所属园区"])
        for number in range(6):
            sheet.append([f"{title}{number}", "常德经开区"])
    workbook.remove(workbook.worksheets[0])
    workbook.save(tmp_path / "two.xlsx")
    assert len(read_roster(tmp_path / "two.xlsx", max_rows=14)) == 2
    assert codes(tmp_path / "two.xlsx", max_rows=13) == ["too-many-rows"]


def test_a_csv_past_the_row_cap_is_refused(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("项目名称,所属园区\n" + "甲,乙\n" * 30, encoding="utf-8")
    assert codes(path, max_rows=30) == ["too-many-rows"]
    assert len(read_roster(path, max_rows=31)[0].rows) == 30


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path):
    padding = b" " * (MAX_UNPACKED_BYTES + 1)  # compresses to about 25 KB
    part = worksheet(inline_rows(2)).replace(b"<sheetData>", padding + b"<sheetData>")
    path = with_part(valid_xlsx(tmp_path / "v.xlsx"), tmp_path / "bomb.xlsx", SHEET, part)
    assert path.stat().st_size < 1024 * 1024
    assert codes(path) == ["file-unpacked-too-large"]


def _malformed(tmp_path: Path) -> dict[str, Path]:
    valid = valid_xlsx(tmp_path / "valid.xlsx")
    data = valid.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    not_a_workbook = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    laughs = b"<!DOCTYPE w [<!ENTITY a0 \"lol\">" + b"".join(
        b'<!ENTITY a%d "%s">' % (n, b"&a%d;" % (n - 1) * 10) for n in range(1, 10)
    ) + b"]>"  # fmt: skip
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = f'<!DOCTYPE w [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode()
    cell = b'<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>'
    bad_parts = {
        "bad sheet XML": (SHEET, b"<worksheet><sheetData><row>"),
        "bad workbook XML": ("xl/workbook.xml", b"<workbook><sh"),
        "bad styles XML": ("xl/styles.xml", b"<styleSheet>"),
        "billion laughs": (SHEET, worksheet(cell % b"&a9;", laughs)),
        "XXE": (SHEET, worksheet(cell % b"&x;", xxe)),
    }
    cases = {"truncated": truncated, "not a workbook": not_a_workbook}
    for number, (case, (part, data)) in enumerate(bad_parts.items()):
        cases[case] = with_part(valid, tmp_path / f"bad{number}.xlsx", part, data)
    return cases


def test_malformed_workbooks_are_unreadable_not_a_traceback(tmp_path):
    for case, path in _malformed(tmp_path).items():
        assert codes(path) == ["file-unreadable"], case


def test_billion_laughs_and_xxe_are_never_expanded(tmp_path):
    cases = _malformed(tmp_path)
    for case in ("billion laughs", "XXE"):
        with pytest.raises(RosterError) as caught:
            read_roster(cases[case])
        shown = repr(caught.value.errors)
        assert "lollol" not in shown and "TOP-SECRET" not in shown


def test_each_refusal_is_one_line_in_both_languages(tmp_path):
    catalogue = Catalogue()
    path = with_part(valid_xlsx(tmp_path / "v.xlsx"), tmp_path / "rows.xlsx", SHEET,
                     worksheet(inline_rows(MAX_ROWS + 5)))  # fmt: skip
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    [error] = caught.value.errors
    zh = format_error(error, catalogue, "zh_CN")
    en = format_error(error, catalogue, "en")
    assert "超过" in zh and "行" in zh and f"more than {MAX_ROWS}" in en.replace(",", "")
    assert "\n" not in zh + en and "{" not in zh + en


@pytest.mark.parametrize("case", ["bad sheet XML", "billion laughs", "truncated"])
def test_the_cli_says_so_in_one_line(tmp_path, monkeypatch, capsys, case):
    path = _malformed(tmp_path)[case]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'parkbot.db'}")
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["roster", "import", str(path)]) == 1
    _, err = capsys.readouterr()
    assert "文件无法读取" in err and err.count("\n") == 1 and "Traceback" not in err
