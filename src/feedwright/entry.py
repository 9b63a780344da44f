"""The one contract between the loader and the builder, and its head without the text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class EntryHead:
    """An article without its text: every field of :class:`Entry` but the summary, the key
    points, the paragraphs and ``content_html``.

    The parse cache gives entries back as heads (the text is most of the bytes and only
    the documents rebuilt need it); the ledger and the paging need no more. A build holds
    a head of every article at once, so a field belongs here only if that is worth it.
    Only an :class:`Entry` can be built into a feed, so a head is never mistaken for an
    article without text. Invariants as for :class:`Entry`.
    """

    #: Where the article came from: its path relative to the articles folder.
    source: str
    #: Stable, unique identifier (a ``tag:`` URI unless the article gives its own ``Id``).
    id: str | None = None
    #: Headline, one line of plain text.
    title: str
    #: Author names, in byline order.
    authors: tuple[str, ...] = ()
    #: Each author's e-mail address, in the order of ``authors`` (``None`` for an author
    #: without one); empty when no author has one.
    emails: tuple[str | None, ...] = ()
    #: First publication instant (timezone-aware).
    published: datetime | None = None
    #: Where ``published`` was read: ``"metadata"`` (the header's ``Date``, which the ledger
    #: follows when it is corrected) or ``"text"`` (a dateline, fixed once recorded).
    published_from: str | None = None
    #: Last significant change (timezone-aware, never before ``published``).
    updated: datetime | None = None
    #: Categories, in the order given.
    tags: tuple[str, ...] = ()
    #: Absolute URL of the article's web page, if it has one.
    link: str | None = None
    #: BCP 47 language tag when metadata or the text makes it clear.
    language: str | None = None
    #: Absolute URL of the lead image (metadata ``image``): ``media:thumbnail`` and
    #: ``media:content`` in Atom and RSS.
    image: str | None = None
    #: A file under ``articles/`` the article attaches (its ``image`` or ``enclosure``):
    #: absolute URL, MIME type and length in bytes, for ``<enclosure>``.
    enclosure: tuple[str, str, int] | None = None
    #: What marks the article a draft (``draft: true``, ``published: false``,
    #: ``Status: draft``), or ``None``; a draft is in no feed, as if it were deleted.
    draft: str | None = None
    #: What the loader had to guess or repair, one message each.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Entry(EntryHead):
    """One article, as read from ``articles/`` and made stable by the ledger.

    Invariants: every datetime is timezone-aware; sequences are tuples; text fields hold
    plain text except ``content_html``, which is safe, self-contained HTML whose URLs are
    absolute, but for links to a fragment of the article's own page (``#x``), which the
    builder resolves against ``link``. The loader leaves ``id``/``published``/``updated``
    as ``None`` when the article itself does not say; the ledger fills them before the
    builder sees them.
    """

    #: Short plain-text summary.
    summary: str = ""
    #: The article's key points (the bullets under the headline), plain text.
    key_points: tuple[str, ...] = ()
    #: Body paragraphs, plain text; a body list is one paragraph of ``• `` lines.
    paragraphs: tuple[str, ...] = ()
    #: Full text as sanitized HTML: key points as a list, then the paragraphs.
    content_html: str = ""


def require_text(entry: EntryHead) -> Entry:
    """``entry``, which must carry its text: where no text can be read back, a head is a bug.

    Raises:
        TypeError: ``entry`` is only a head.
    """
    if not isinstance(entry, Entry):
        raise TypeError(f"{entry.source}: an entry head where the whole entry is needed")
    return entry


@dataclass(frozen=True, kw_only=True)
class LedgerHead(EntryHead):
    """An article a build did not read: its bytes hash to its ledger record's, and the
    archive page that holds it is on disk as the ledger records it.

    It carries only what the ledger and the published files tell: ``source``, ``id``,
    ``published``, ``updated`` and ``tags`` from the record, and ``link`` set to its entry
    page's URL when it has an entry page (else ``None``: its link is on the documents
    kept). A document that must be rebuilt reads the article first; a head of this kind
    is never built.
    """
