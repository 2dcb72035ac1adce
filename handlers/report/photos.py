"""Site photos: recognise an image in a message and keep a local copy of it."""

import logging
from pathlib import Path

from telegram import Message
from telegram.error import TelegramError

from models.report import PhotoSource

log = logging.getLogger(__name__)
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/heic": ".heic",
}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic")


def image_of(message: Message) -> dict | None:
    """The photo in a message (largest size) or an image sent as a file; None otherwise."""
    if message.photo:
        largest = message.photo[-1]
        return {
            "file_id": largest.file_id,
            "file_unique_id": largest.file_unique_id,
            "ext": ".jpg",
            "size": largest.file_size,
            "source": PhotoSource.COMPRESSED.value,
        }
    document = message.document
    if document is None:
        return None
    # A candidate by its MIME type or its name; its content decides (bot/reporting/evidence).
    name = (document.file_name or "").lower()
    ext = IMAGE_TYPES.get(document.mime_type or "") or next(
        (ext for ext in IMAGE_EXTENSIONS if name.endswith(ext)), None
    )
    if ext is None:
        return None
    return {
        "file_id": document.file_id,
        "file_unique_id": document.file_unique_id,
        "ext": ext,
        "size": document.file_size,
        "source": PhotoSource.FILE.value,
    }


def is_file(message: Message) -> bool:
    """Whether the message carries a document (an image or not)."""
    return message.document is not None


class TooLarge(Exception):
    """The file is bigger than allowed; `size` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


async def download(message: Message, image: dict, folder: Path, max_bytes: int) -> str | None:
    """Downloads the image into `folder`; returns the path, or None if Telegram failed us.

    The file id is kept either way, so a failed download can be repeated later. A file over
    `max_bytes` raises TooLarge: refused by the size getFile gives when the message had none,
    and deleted again if the bytes themselves turn out bigger.
    """
    path = folder / f"{image['file_unique_id']}{image['ext']}"
    # Written beside the final name and moved there whole, so a file another report keeps is
    # never half-overwritten and an oversized one never lands under the final name.
    partial = path.with_name(path.name + ".part")
    try:
        telegram_file = await message.get_bot().get_file(image["file_id"])
        if telegram_file.file_size is not None and telegram_file.file_size > max_bytes:
            raise TooLarge(telegram_file.file_size)
        folder.mkdir(parents=True, exist_ok=True)
        await telegram_file.download_to_drive(partial)
        size = partial.stat().st_size
        if size > max_bytes:
            partial.unlink()
            raise TooLarge(size)
        partial.replace(path)
    except (TelegramError, OSError):
        log.warning("could not download photo %s", image["file_unique_id"], exc_info=True)
        partial.unlink(missing_ok=True)
        return None
    image["size"] = size
    return str(path)
