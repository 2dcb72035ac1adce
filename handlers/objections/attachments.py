"""What an objection may carry (a photo or a PDF) and how values show on its buttons."""

from telegram import Message

from handlers.report.photos import IMAGE_TYPES, image_of

DOCUMENT_TYPES = {**IMAGE_TYPES, "application/pdf": ".pdf"}


def file_of(message: Message) -> dict | None:
    """A photo or a PDF of the message, as the download wants it (None for anything else)."""
    image = image_of(message)
    if image is not None:
        return image
    document = message.document
    if document is not None and document.mime_type in DOCUMENT_TYPES:
        return {
            "file_id": document.file_id,
            "file_unique_id": document.file_unique_id,
            "ext": DOCUMENT_TYPES[document.mime_type],
            "size": document.file_size,
        }
    return None


def shown(value: object) -> str:
    """An indicator's value or points on a button."""
    if value is None:
        return "-"
    if hasattr(value, "base"):
        return f"{value.value}/{value.base}"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
