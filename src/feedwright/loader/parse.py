"""Articles to entries: pure parsing of one article's bytes into an :class:`Entry`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from dateutil import tz

from feedwright.entry import Entry
from feedwright.errors import ArticleError
from feedwright.loader.content import text_to_html
from feedwright.loader.dates import parse_date
from feedwright.loader.decode import clean_text, decode_article
from feedwright.loader.language import detect_language, normalise_tag
from feedwright.loader.media import lead_media
from feedwright.loader.metadata import Header, split_header
from feedwright.loader.people import split_person
from feedwright.loader.plain.headline import first_sentence
from feedwright.loader.plain.reader import read_plain
from feedwright.loader.uris import BadValue, article_id, article_link

#: File suffixes read as articles; ``.md``/``.markdown`` bodies are rendered as Markdown.
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUMMARY_CHARS = 300
_MAX_TITLE = 1000


@dataclass(frozen=True)
class LoadOptions:
    """What the loader needs to know about the site (all of it from the config)."""

    #: Zone given to dates written without one.
    default_tz: tzinfo = field(default_factory=lambda: tz.UTC)
    #: Base for relative links in Markdown and for ``Link:`` values.
    base_url: str = "https://example.org/"
    #: The size of a file under the articles folder by its relative path, or ``None`` when
    #: there is none (``None``: no files are looked at, and no enclosure is made).
    file_size: Callable[[str], int | None] | None = None


def parse_article(data: bytes | str, *, source: str, options: LoadOptions | None = None) -> Entry:
    """Read one article into an entry; pure (no I/O, no clock).

    Raises:
        ArticleError: nothing that can become a feed entry is in the article.
    """
    options = options or LoadOptions()
    warnings: list[str] = []
    if isinstance(data, bytes):
        decoded = decode_article(data, source=source)
        text = decoded.text
        warnings.extend(decoded.warnings)
    else:
        text = clean_text(data)
    if not text.strip():
        raise ArticleError("empty article (no text at all)", path=source)
    header = split_header(text, source=source)
    if header.draft is not None:
        # Not read further: an unfinished draft is no problem to report.
        name = header.text("title") or PurePosixPath(source).name
        return Entry(source=source, title=name, draft=header.draft)
    if header.ignored:
        warnings.append("metadata not used by feeds, ignored: " + ", ".join(header.ignored))
    warnings.extend(header.notes)
    # Checked before the body: a Markdown body's relative links resolve against the link.
    ident = _checked(header, "id", article_id, source)
    link = _checked(header, "link", functools.partial(article_link, base=options.base_url), source)
    markdown = PurePosixPath(source).suffix.lower() in MARKDOWN_SUFFIXES
    if markdown:
        from feedwright.loader.markdown import read_markdown

        body = read_markdown(header.body, base_url=link or options.base_url, page_url=link)
        title: str | None = body.title
        title_line: int | None = header.body_line
        authors: list[str] = []
        published = updated = None
        key_points: tuple[str, ...] = ()
        paragraphs = tuple(body.paragraphs)
        lead = 0
        content_html = body.html
        if title is None and not header.text("title") and paragraphs:
            # No "# Heading" and no Title: an editor would title it by its first sentence.
            title = first_sentence(paragraphs[0])
            warnings.append(f"line {title_line}: no headline; title taken from the first sentence")
    else:
        plain = read_plain(
            header.body,
            first_line=header.body_line,
            default_tz=options.default_tz,
            title=header.text("title"),
        )
        title, title_line = plain.title, plain.title_line
        warnings.extend(plain.warnings)
        authors, published, updated = plain.authors, plain.published, plain.updated
        key_points, paragraphs = tuple(plain.key_points), tuple(plain.paragraphs)
        lead = plain.lead
        content_html = text_to_html(key_points, paragraphs)

    meta_title = header.text("title")
    if meta_title:
        title = meta_title
    if not title:
        raise ArticleError(
            "no headline and no text: nothing to publish", path=source, line=header.body_line
        )
    if len(title) > _MAX_TITLE:
        warnings.append(f"headline is {len(title)} characters; cut to {_MAX_TITLE}")
        title = _shorten(title, _MAX_TITLE)
    if not paragraphs and not key_points and not header.text("summary"):
        warnings.append(f"line {title_line or header.body_line}: headline but no body text")

    meta_published = _meta_date(header, "date", options, warnings)
    published_from = "metadata" if meta_published else ("text" if published else None)
    published = meta_published or published
    updated = _meta_date(header, "updated", options, warnings) or updated
    if updated is not None and published is not None and updated < published:
        warnings.append("updated date is before the published date; ignored")
        updated = None

    people = [split_person(a) for a in header.items("author")] or [(a, None) for a in authors]
    summary = header.text("summary") or _summary(key_points, paragraphs[lead:] or paragraphs)
    language = _language(header, warnings) or detect_language(
        title + "\n" + "\n".join(paragraphs[:5])
    )
    image, enclosure, notes = lead_media(
        header.text("image"),
        header.text("enclosure"),
        base_url=options.base_url,
        file_size=options.file_size,
    )
    warnings.extend(notes)
    return Entry(
        source=source,
        id=ident,
        title=title,
        authors=tuple(name for name, _ in people),
        emails=tuple(email for _, email in people) if any(e for _, e in people) else (),
        published=published,
        published_from=published_from,
        updated=updated,
        summary=summary,
        key_points=key_points,
        paragraphs=paragraphs,
        content_html=content_html,
        tags=_unique(header.items("tags")),
        link=link,
        language=language,
        image=image,
        enclosure=enclosure,
        warnings=tuple(warnings),
    )


def _checked(header: Header, key: str, check: Callable[[str], str], source: str) -> str | None:
    """The value of ``key``, as ``check`` makes it publishable; else the article's error."""
    raw = header.text(key)
    if raw is None:
        return None
    try:
        return check(raw)
    except BadValue as e:
        raise ArticleError(str(e), path=source, line=header.line(key)) from e


def _meta_date(
    header: Header, key: str, options: LoadOptions, warnings: list[str]
) -> datetime | None:
    raw = header.text(key)
    if raw is None:
        return None
    when = parse_date(raw, default_tz=options.default_tz)
    if when is None:
        warnings.append(f"{key} {raw!r} is not a date I can read; ignored")
    return when


def _language(header: Header, warnings: list[str]) -> str | None:
    raw = header.text("language")
    if raw is None:
        return None
    tag = normalise_tag(raw)
    if tag is None:
        warnings.append(f"language {raw!r} is not a language tag; ignored")
    return tag


def _summary(key_points: tuple[str, ...], paragraphs: tuple[str, ...]) -> str:
    first = next((p for p in paragraphs if not p.startswith("• ")), "")
    text = first or " ".join(key_points)
    return _shorten(text, SUMMARY_CHARS)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)
