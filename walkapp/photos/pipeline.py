"""The photo pipeline: refuse hostile input, decode once, small; turn upright; strip metadata."""

import hashlib
import io
import warnings
from dataclasses import dataclass

import pillow_heif
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageFilter, UnidentifiedImageError

from walkapp.errors import DomainError

pillow_heif.register_heif_opener()

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
DISPLAY_SIZE = 1600
THUMBNAIL_SIZE = 320
JPEG_QUALITY = 82
# The EXIF orientation tag and how to undo each value (as ImageOps.exif_transpose does).
ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
GPS_IFD = 0x8825


class PhotoTooLarge(DomainError):
    status_code = 413


class PhotoRejected(DomainError):
    status_code = 422


@dataclass(frozen=True)
class ProcessedPhoto:
    display: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    # Where the camera says it was: it may suggest a pin, never replace the GPS fix silently.
    suggested_position: tuple[float, float] | None


def _gps_position(exif) -> tuple[float, float] | None:
    try:
        gps = exif.get_ifd(GPS_IFD)
        if not gps or 2 not in gps or 4 not in gps:
            return None

        def degrees(value) -> float:
            d, m, s = (float(part) for part in value)
            return d + m / 60 + s / 3600

        lat = degrees(gps[2]) * (-1 if gps.get(1) in ("S", b"S") else 1)
        lon = degrees(gps[4]) * (-1 if gps.get(3) in ("W", b"W") else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return round(lat, 7), round(lon, 7)
    return None


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # No exif= and no icc_profile=: nothing of the original's metadata survives. optimize= would
    # save about 5% of the bytes for five times the encoding time (bench/photo_pipeline.py).
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def _fit(width: int, height: int, longest: int) -> tuple[int, int]:
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image  # a copy would cost 12 MB at display size
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def process_photo(data: bytes, *, max_bytes: int, max_pixels: int) -> ProcessedPhoto:
    """Check, decode and re-encode an uploaded photo into a display image and a thumbnail."""
    if len(data) > max_bytes:
        raise PhotoTooLarge(
            _l("The photo is too large (at most %(mb)d MB).", mb=max_bytes // (1024 * 1024))
        )
    not_an_image = PhotoRejected(
        _l("The file is not a photo walkapp can read (JPEG, PNG, WebP or HEIC).")
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected(_l("The photo has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise not_an_image from None
    # Read from memory, so there is no file to close; display may be this very image.
    # The header tells the size: refuse a decompression bomb before decoding anything.
    if image.width * image.height > max_pixels:
        raise PhotoRejected(_l("The photo has too many pixels."))
    exif = image.getexif()
    suggested = _gps_position(exif)
    # HEIF carries its rotation in the container, and the decoder applies it already.
    transpose = None if image.format == "HEIF" else _TRANSPOSE.get(exif.get(ORIENTATION))
    target = _fit(image.width, image.height, DISPLAY_SIZE)
    if image.format == "JPEG":
        # One decode at 1/2, 1/4 or 1/8 scale; the target must keep the aspect ratio.
        image.draft("RGB", target)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise PhotoRejected(_l("The photo is damaged or incomplete.")) from None
    display = _to_rgb(image)
    if display.size != target:
        # Bicubic is as sharp as Lanczos for the small step a JPEG draft leaves, and a third
        # cheaper; reducing_gap first shrinks PNG and WebP by whole factors.
        display = display.resize(target, Image.Resampling.BICUBIC, reducing_gap=2.0)
    if transpose is not None:
        display = display.transpose(transpose)
    thumbnail = display.resize(
        _fit(display.width, display.height, THUMBNAIL_SIZE),
        Image.Resampling.LANCZOS,
        reducing_gap=2.0,
    )
    return ProcessedPhoto(
        display=_encode(display),
        thumbnail=_encode(thumbnail),
        width=display.width,
        height=display.height,
        sha256=hashlib.sha256(data).hexdigest(),
        suggested_position=suggested,
    )


def blur_region(display: bytes, box: tuple[int, int, int, int]) -> tuple[bytes, bytes]:
    """A copy of a display image with a box (left, top, right, bottom) made unrecognisable.

    Pixelating first throws the detail away; a blur alone can be partly undone, and faces and
    number plates must not come back. Returns the new display image and its thumbnail.
    """
    image = Image.open(io.BytesIO(display), formats=["JPEG"])
    image.load()
    image = _to_rgb(image)
    region = image.crop(box)
    width, height = region.size
    block = max(8, max(width, height) // 8)
    coarse = region.resize((max(1, width // block), max(1, height // block)), Image.Resampling.BOX)
    region = coarse.resize((width, height), Image.Resampling.NEAREST).filter(
        ImageFilter.GaussianBlur(block / 2)
    )
    image.paste(region, box[:2])
    thumbnail = image.resize(
        _fit(image.width, image.height, THUMBNAIL_SIZE),
        Image.Resampling.LANCZOS,
        reducing_gap=2.0,
    )
    return _encode(image), _encode(thumbnail)
