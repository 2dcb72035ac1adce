"""The pack as a printable PDF: A4 landscape, Noto Sans SC embedded, tables, page numbers.

The font is Noto Sans SC (SIL Open Font License 1.1) from the `pylopdf-fonts-zh-cn`
dependency, the one the charts use: nothing is downloaded, and fpdf2 embeds only the glyphs
used (a pack is tens of kilobytes). Every page's footer says "第 n 页 / 共 m 页" and the
generation date.
"""

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, WrapMode
from fpdf.fonts import FontFace

from bot.meetings.pack.content import Pack
from bot.meetings.pack.tables import Table, Texts, cell_text, heading_lines, tables

FONT = "noto"
BODY_SIZE = 8.5
TITLE_SIZE = 15
SECTION_SIZE = 11
MARGIN = 12  # mm
HEADING_FILL = (222, 229, 238)
STRIPE_FILL = (246, 247, 249)
LIGHT_FILLS = {"red": (248, 105, 107), "yellow": (255, 217, 102)}  # the ledger's light colours
ALIGN = {"text": Align.L, "date": Align.C, "int": Align.R, "money": Align.R, "percent": Align.R}
TOTAL_PAGES = "{nb}"  # fpdf2's alias, replaced by the page count when the document is closed


@cache
def font_path() -> Path:
    """Noto Sans SC, shipped by a data-only dependency."""
    import pylopdf_fonts_zh_cn  # the font files and their paths, nothing else

    return Path(pylopdf_fonts_zh_cn.sans_path())


class _Document(FPDF):
    """FPDF with the pack's footer on every page."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self._footer_text = footer_text

    def footer(self) -> None:
        """第 n 页 / 共 m 页 and the date, centred at the foot of the page."""
        self.set_y(-MARGIN + 2)
        self.set_font(FONT, size=8)
        self.set_text_color(110, 110, 110)
        text = self._footer_text.replace("{page}", str(self.page_no()))
        self.cell(0, 6, text, align=Align.C)
        self.set_text_color(0, 0, 0)


def write_pdf(target: Path | BinaryIO, pack: Pack, texts: Texts) -> int:
    """Writes the pack's PDF to a path or a binary stream; returns the number of pages."""
    footer = texts.t(
        "pack-footer",
        page="{page}",
        pages=TOTAL_PAGES,
        date=pack.generated_at.astimezone(texts.tz).date().isoformat(),
    )
    pdf = _Document(footer)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 4)
    pdf.alias_nb_pages(TOTAL_PAGES)
    pdf.add_font(FONT, "", str(font_path()))
    for font in pdf.fonts.values():
        # The subset keeps the whole font's bounding box rather than drawing every glyph it
        # keeps to compute a tighter one: a third of the PDF's time, and viewers never use it.
        font.ttfont.recalcBBoxes = False
    title, *subtitle = heading_lines(pack, texts)
    pdf.set_title(title)
    pdf.set_creator("parkbot")
    pdf.add_page()
    pdf.set_font(FONT, size=TITLE_SIZE)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT", align=Align.C)
    pdf.set_font(FONT, size=BODY_SIZE + 0.5)
    for line in subtitle:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT", align=Align.C)
    for table in tables(pack, texts):
        _section(pdf, table, texts)
    data = bytes(pdf.output())
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)
    return pdf.pages_count


def pdf_bytes(pack: Pack, texts: Texts) -> tuple[bytes, int]:
    """The PDF in memory, and its page count."""
    buffer = BytesIO()
    pages = write_pdf(buffer, pack, texts)
    return buffer.getvalue(), pages


def _section(pdf: FPDF, table: Table, texts: Texts) -> None:
    """A section title, then its table (or "none")."""
    # Keep a title with at least a few lines of its table.
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FONT, size=SECTION_SIZE)
    pdf.cell(0, 8, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=BODY_SIZE)
    if not table.rows:
        pdf.cell(0, 6, texts.t("pack-none"), new_x="LMARGIN", new_y="NEXT")
        return
    kinds = [column.kind for column in table.columns]
    with pdf.table(
        col_widths=tuple(column.weight for column in table.columns),
        headings_style=FontFace(emphasis="", fill_color=HEADING_FILL),
        cell_fill_color=STRIPE_FILL,
        cell_fill_mode=TableCellFillMode.ROWS,
        line_height=pdf.font_size * 1.7,
        text_align=tuple(ALIGN[kind] for kind in kinds),
        repeat_headings=1,
        # Chinese breaks between any two characters; English between words.
        wrapmode=WrapMode.CHAR if texts.language.startswith("zh") else WrapMode.WORD,
    ) as grid:
        header = grid.row()
        for column in table.columns:
            header.cell(column.heading, align=Align.C)
        for number, values in enumerate(table.rows):
            row = grid.row()
            light = table.lights[number] if table.lights else None
            for index, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                fill = LIGHT_FILLS.get(light) if index == 0 and light else None
                style = FontFace(fill_color=fill) if fill else None
                row.cell(cell_text(value, kind), style=style)
