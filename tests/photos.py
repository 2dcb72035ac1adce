"""Test photos: drawn pictures as JPEG or PNG bytes, with EXIF time and GPS written by piexif."""

import io
import random
from datetime import datetime

import piexif
from PIL import Image, ImageDraw


def picture(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A picture of coloured shapes on a gradient; another seed draws an unrelated one."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(255 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, rng.randrange(256) // 4, 255 - shade))
    for _ in range(12):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(40, width // 2), y0 + rng.randrange(40, height // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape([x0, y0, x1, y1], fill=colour)
    return image


def _rational(value: float, scale: int = 10000) -> tuple[tuple[int, int], ...]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * scale)
    return ((degrees, 1), (minutes, 1), (seconds, scale))


def exif_bytes(taken: datetime | None = None, gps: tuple[float, float] | None = None) -> bytes:
    """An EXIF block with DateTimeOriginal (local, no offset) and a GPS position."""
    exif: dict = {"0th": {}, "Exif": {}, "GPS": {}, "1st": {}}
    if taken is not None:
        exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if gps is not None:
        lat, lon = gps
        exif["GPS"][piexif.GPSIFD.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        exif["GPS"][piexif.GPSIFD.GPSLatitude] = _rational(abs(lat))
        exif["GPS"][piexif.GPSIFD.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        exif["GPS"][piexif.GPSIFD.GPSLongitude] = _rational(abs(lon))
    return piexif.dump(exif)


def jpeg(
    image: Image.Image,
    *,
    taken: datetime | None = None,
    gps: tuple[float, float] | None = None,
    quality: int = 90,
) -> bytes:
    """The picture as JPEG bytes, with EXIF when a time or position is given."""
    out = io.BytesIO()
    extra = {"exif": exif_bytes(taken, gps)} if taken or gps else {}
    image.save(out, "JPEG", quality=quality, **extra)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    """The picture as PNG bytes."""
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
