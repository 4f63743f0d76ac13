"""Small thumbnails of the photos with no text, for the "Photos to check" sheet (``--thumbnails``).

The pipeline closes each export once it is read, so thumbnails are made while it is still open: for
every chunk of items, the media rows' files are read one at a time from the ``Archive`` (a stream into
memory, never extracted to disk), decoded by Pillow, shrunk and re-encoded as a small JPEG; only those
few kilobytes are kept, and at most ``MAX_THUMBNAILS`` of them. Files that are missing, videos, not
images, too large or past that limit get a reason instead, shown on the sheet. Pillow is an optional
extra (``pip install 'social-audit[thumbnails]'``), imported only when the option is used.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from typing import Any

from parsers import Archive, ArchiveError, DataFileError

THUMBNAIL_PIXELS = 120  # the longer side, in pixels
MAX_THUMBNAILS = 2_000  # about 4 KB each: a few MB at most, whatever the export holds
MAX_FILE_BYTES = 40 << 20  # a photo file larger than this is not read into memory
MAX_DECODED_PIXELS = 60_000_000  # width x height: beyond any camera photo, short of a decompression bomb
INSTALL = "pip install 'social-audit[thumbnails]'"

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".3gp", ".wmv", ".mpg", ".mpeg")

# Why a listed photo has no thumbnail (the sheet shows these words).
MISSING = "not in the archive"
VIDEO = "a video: open it yourself"
NOT_IMAGE = "not a readable image"
TOO_LARGE = "too large to preview"
NO_PATH = "the export does not name the file"
LIMIT = f"over {MAX_THUMBNAILS:,} thumbnails: not previewed"


class PillowMissing(RuntimeError):
    """``--thumbnails`` was asked for but Pillow is not installed."""


def require_pillow() -> None:
    """Raise PillowMissing, with the command that installs it, when Pillow cannot be imported."""
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        raise PillowMissing(f"--thumbnails needs Pillow; install it with: {INSTALL}") from None


class Thumbnailer:
    """Makes the thumbnails of one scan and counts the photos it could not preview, by reason."""

    def __init__(self, limit: int = MAX_THUMBNAILS, size: int = THUMBNAIL_PIXELS) -> None:
        from PIL import Image

        self._image = Image
        self.limit = limit
        self.size = size
        self.made = 0
        self.skipped: Counter[str] = Counter()

    def thumbnail(self, archive: Archive, paths: Any) -> tuple[bytes | None, str | None]:
        """Return (JPEG bytes, None) for the first file of ``paths`` that previews, else (None, reason)."""
        paths = tuple(paths) if isinstance(paths, (tuple, list)) else ()
        reason = NO_PATH
        if self.made >= self.limit:
            reason = LIMIT
        else:
            for path in paths:
                picture, reason = self._one(archive, path)
                if picture is not None:
                    self.made += 1
                    return picture, None
        self.skipped[reason] += 1
        return None, reason

    def _one(self, archive: Archive, path: str) -> tuple[bytes | None, str]:
        if path not in archive:
            return None, MISSING
        if path.lower().endswith(VIDEO_SUFFIXES):
            return None, VIDEO
        if archive.size(path) > MAX_FILE_BYTES:
            return None, TOO_LARGE
        try:
            with archive.open(path) as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except (ArchiveError, DataFileError, OSError):
            return None, NOT_IMAGE
        if len(data) > MAX_FILE_BYTES:  # the zip's size field understated the file
            return None, TOO_LARGE
        return self._shrink(data)

    def _shrink(self, data: bytes) -> tuple[bytes | None, str]:
        Image = self._image
        try:
            with warnings.catch_warnings():
                # Pillow warns (and past twice its limit, refuses) on huge images: both mean too large.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    width, height = image.size  # from the header: nothing decoded yet
                    if width * height > MAX_DECODED_PIXELS:
                        return None, TOO_LARGE
                    image.draft("RGB", (self.size, self.size))  # JPEGs decode at a fraction of full size
                    image.thumbnail((self.size, self.size))
                    small = _flatten(image, Image)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            return None, TOO_LARGE
        except (OSError, ValueError, SyntaxError, EOFError, Image.UnidentifiedImageError):
            return None, NOT_IMAGE  # not an image, cut short, or a format Pillow cannot decode
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80)
        return out.getvalue(), ""


def _flatten(image: Any, Image: Any) -> Any:
    """An RGB copy of ``image`` (transparency over white), ready to save as JPEG."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def skip_summary(skipped: Counter[str]) -> str:
    """One line saying how many photos got no thumbnail and why, e.g. "2 not in the archive, 1 a video"."""
    return "; ".join(f"{count:,} {reason}" for reason, count in skipped.most_common())


def with_thumbnails(photos: Any, archive: Archive, thumbnailer: Thumbnailer) -> Any:
    """Add ``thumbnail`` (JPEG bytes or None) and ``thumbnail_note`` (why none) columns to photo rows."""
    made = [thumbnailer.thumbnail(archive, paths) for paths in photos["media_paths"]]
    return photos.assign(thumbnail=[m[0] for m in made], thumbnail_note=[m[1] for m in made])
