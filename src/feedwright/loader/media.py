"""The lead image and attached file named by ``image:`` and ``enclosure:`` metadata."""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SizeOf = Callable[[str], "int | None"]


def lead_media(
    image: str | None, enclosure: str | None, *, base_url: str, file_size: SizeOf | None
) -> tuple[str | None, tuple[str, str, int] | None, list[str]]:
    """The image URL, the attached file (URL, type, length) and warnings.

    A relative value names a file under the articles folder (a leading ``/`` is the
    folder itself), served at the same path under ``base_url`` (the site).
    """
    warnings: list[str] = []
    image_url = _url(image, base_url, warnings, "image") if image else None
    attached = enclosure or image
    url = _url(attached, base_url, warnings, "enclosure") if attached else None
    found: tuple[str, str, int] | None = None
    if attached and url and file_size is not None and not urlsplit(attached).scheme:
        path = unquote(urlsplit(attached).path).lstrip("/")
        size = file_size(path)
        kind = mimetypes.guess_type(path)[0]
        if size is not None and kind:
            found = (url, kind, size)
        elif size is None:
            warnings.append(f"{attached!r} is not a file under the articles folder; no enclosure")
    return image_url, found, warnings


def _url(value: str, base_url: str, warnings: list[str], key: str) -> str | None:
    if any(c.isspace() for c in value) or value.startswith(("javascript:", "data:")):
        warnings.append(f"{key} {value!r} is not a URL; ignored")
        return None
    url = urljoin(base_url, value.lstrip("/") if not urlsplit(value).scheme else value)
    return url if urlsplit(url).scheme in ("http", "https") else None


def file_size_under(folder: Path, path: str) -> int | None:
    """The size of the regular file ``path`` inside ``folder``, or ``None``."""
    root = os.path.realpath(folder)
    full = os.path.realpath(os.path.join(root, path))
    if not full.startswith(root + os.sep):
        return None
    try:
        st = os.stat(full)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None
