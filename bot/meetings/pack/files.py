"""The pack's two documents in memory, named, for the chat and the command line."""

from dataclasses import dataclass
from io import BytesIO

from bot.meetings.pack.content import Pack
from bot.meetings.pack.pdf import write_pdf
from bot.meetings.pack.tables import Texts
from bot.meetings.pack.xlsx import write_xlsx


@dataclass(frozen=True)
class PackFiles:
    """The PDF (and its page count) and the XLSX of one pack."""

    stem: str  # file name without the suffix
    pdf: bytes
    pages: int
    xlsx: bytes


def file_stem(pack: Pack, texts: Texts) -> str:
    """parkbot-pack-<meeting id>-<meeting day>: unique per meeting, sorted by date."""
    day = pack.starts_at.astimezone(texts.tz).date().isoformat()
    return f"parkbot-pack-{pack.meeting_id}-{day}"


def render(pack: Pack, texts: Texts) -> PackFiles:
    """Both documents of the pack."""
    pdf, workbook = BytesIO(), BytesIO()
    pages = write_pdf(pdf, pack, texts)
    write_xlsx(workbook, pack, texts)
    return PackFiles(file_stem(pack, texts), pdf.getvalue(), pages, workbook.getvalue())
