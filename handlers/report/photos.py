"""Site photos: recognise an image in a message and keep a local copy of it."""

import logging
from pathlib import Path

from telegram import Message
from telegram.error import TelegramError

log = logging.getLogger(__name__)
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/heic": ".heic",
}


def image_of(message: Message) -> dict | None:
    """The photo in a message (largest size) or an image sent as a file; None otherwise."""
    if message.photo:
        largest = message.photo[-1]
        return {"file_id": largest.file_id, "file_unique_id": largest.file_unique_id, "ext": ".jpg"}
    document = message.document
    if document is not None and document.mime_type in IMAGE_TYPES:
        return {
            "file_id": document.file_id,
            "file_unique_id": document.file_unique_id,
            "ext": IMAGE_TYPES[document.mime_type],
        }
    return None


def is_file(message: Message) -> bool:
    """Whether the message carries a document (an image or not)."""
    return message.document is not None


async def download(message: Message, image: dict, folder: Path) -> str | None:
    """Downloads the image into `folder`; returns the path, or None if Telegram failed us.

    The file id is kept either way, so a failed download can be repeated later.
    """
    path = folder / f"{image['file_unique_id']}{image['ext']}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        telegram_file = await message.get_bot().get_file(image["file_id"])
        await telegram_file.download_to_drive(path)
    except (TelegramError, OSError):
        log.warning("could not download photo %s", image["file_unique_id"], exc_info=True)
        return None
    return str(path)
