"""Plain text as scrapers and translation pipelines write it, read the way an editor would.

Each rule is a small function over lines; :func:`read_plain` applies them in order:
chrome before the headline, the headline (and its repeat), the byline/dateline/key-point
block under it, then the body with footer chrome trimmed and wrapped lines joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from feedwright.chrome import is_chrome, is_footer_marker
from feedwright.dates import looks_like_date, parse_date

BULLETS = "•·‣◦▪▸-*–—"
_BULLET = re.compile(r"^\s*(?:[•·‣◦▪▸*–—]|-(?!-))\s+(\S.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
_TERMINAL = tuple(".!?…\"”’'»)]:;。！？」』）")
_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by|von|par|por)\s*[:\-]?\s*(.*)$", re.IGNORECASE
)
_AUTHOR_KEY = re.compile(r"^(?:authors?|byline)\s*:\s*(.+)$", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"^(?P<kind>(?:last\s+)?updated(?:\s+on|\s+at)?|first\s+published(?:\s+on|\s+at)?|"
    r"published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|modified|date)\s*[:\-]?\s*",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+")
_BYLINE_DATE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "al",
        "ibn",
    ]
)
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|analyst|"
    r"producer|journalist|news|times|post|press|agency|bureau|desk|chief|senior|deputy|"
    r"associate|special|international|political|business|science|health|tech|sports)\b",
    re.IGNORECASE,
)
_AGENCIES = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "bloomberg",
        "cnn",
        "bbc",
        "bbc",
        "news",
        "the",
        "associated",
        "press",
        "associated",
        "press",
        "dpa",
        "efe",
        "ansa",
        "xinhua",
        "tass",
        "pa",
        "upi",
        "kyodo",
        "yonhap",
    ]
)
_ENDS_WITH_TIME = re.compile(r"\b(?:[ap]\.?m|et|gmt|utc)\.$", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Line:
    """One line of the body, with its 1-based line number in the file."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Plain:
    """What the plain-text rules found."""

    title: str | None = None
    title_line: int | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    key_points: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> int:
    return len(text.split())


def _is_cjk_heavy(text: str) -> bool:
    return len(_CJK.findall(text)) * 3 >= len(text.strip())


def ends_sentence(text: str) -> bool:
    """True when a line ends the way a sentence or a quoted sentence ends."""
    return text.rstrip().endswith(_TERMINAL)


def bullet_text(line: str) -> str | None:
    """The text of a bullet line (``• x``, ``- x``, ``* x``, ``– x``), else ``None``."""
    match = _BULLET.match(line)
    return match.group(1).strip() if match else None


def is_name(text: str) -> bool:
    """True for something that reads as a person's or an outlet's name."""
    text = text.strip()
    if not text or len(text) > 60 or any(c.isdigit() for c in text) or text.endswith("."):
        return _is_initials_name(text)
    tokens = text.split()
    if len(tokens) > 6:
        return False
    if _is_cjk_heavy(text):
        return len(text) <= 20
    return all(
        t.casefold() in _PARTICLES or t[0].isupper() or (not t[0].isalpha() and len(t) > 1)
        for t in tokens
    ) and any(t[0].isupper() for t in tokens)


def _is_initials_name(text: str) -> bool:
    # "J.R.R. Tolkien" ends without a period; "Jane Roe Jr." does.
    return bool(re.fullmatch(r"(?:[A-Z][a-z]*\.?\s?){1,4}(?:Jr|Sr)\.", text))


def parse_byline(text: str) -> tuple[list[str], str | None] | None:
    """Names (and a trailing date, if any) from a byline, or ``None`` if it is not one.

    ``By Jane Roe and John Doe``, ``By Jane Roe - 03/14/22 09:41 AM EDT``,
    ``By Jane Roe, Reuters``; a bare ``By`` returns an empty name list.
    """
    stripped = text.strip()
    match = _BYLINE.match(stripped) or _AUTHOR_KEY.match(stripped)
    if not match:
        return None
    rest = match.group(1).strip()
    if not rest:
        return ([], None) if stripped.casefold().rstrip(":") in ("by", "written by") else None
    date_text: str | None = None
    parts = _BYLINE_DATE_SPLIT.split(rest, maxsplit=1)
    if len(parts) == 2 and looks_like_date(parts[1]):
        rest, date_text = parts[0], parts[1]
    elif len(parts) == 2 and not looks_like_date(parts[1]):
        rest = parts[0]  # "By Jane Roe | Reuters": the outlet is not an author
    names = split_names(rest)
    return (names, date_text) if names else None


def split_names(text: str) -> list[str]:
    """Split ``A, B and C`` into names, dropping outlets and job titles after a comma."""
    names: list[str] = []
    for i, part in enumerate(_NAME_SPLIT.split(text.strip().rstrip(","))):
        part = part.strip()
        if not part:
            continue
        if i > 0 and (part.casefold() in _AGENCIES or _ROLE_WORDS.search(part)):
            continue
        if not is_name(part):
            return []
        names.append(part)
    return names


def parse_dateline(text: str, *, default_tz: tzinfo) -> tuple[str, datetime] | None:
    """``("published" | "updated", when)`` for a line that is only a date, else ``None``."""
    stripped = text.strip()
    sentence = ends_sentence(stripped) and not stripped.endswith(")")
    if (len(stripped) > 80 or sentence) and not _ENDS_WITH_TIME.search(stripped):
        return None
    kind = "published"
    match = _DATE_PREFIX.match(stripped)
    if match:
        if "updated" in match.group("kind").lower() or "modified" in match.group("kind").lower():
            kind = "updated"
        stripped = stripped[match.end() :]
    if not looks_like_date(stripped) or _words(stripped) > 10:
        return None
    # Everything left must be date-like: words that are not months, days or zones mean prose.
    leftover = re.sub(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b[ap]\.?m\.?|\b[A-Z]{1,5}\b|"
        r"\b(?:at|on|um|le|the|of|utc|gmt)\b|[\d:/.,+\-()|]|\s",
        "",
        stripped,
    )
    if len(leftover) > 3:
        return None
    when = parse_date(stripped, default_tz=default_tz)
    return (kind, when) if when else None


def drop_leading_chrome(lines: list[Line]) -> list[Line]:
    """Remove chrome lines and breadcrumb bullets that come before anything else."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank or is_chrome(line.text):
            i += 1
            continue
        bullet = bullet_text(line.text)
        if bullet is not None and _words(bullet) <= 3 and not ends_sentence(bullet):
            i += 1  # "  • World" breadcrumbs
            continue
        break
    return lines[i:]


def trim_footer(lines: list[Line]) -> list[Line]:
    """Cut the related-links/comments/tags block at the end, and chrome lines at the end."""
    end = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        if is_footer_marker(lines[i].text):
            tail = [ln for ln in lines[i + 1 :] if not ln.blank]
            if all(_words(ln.text) <= 25 or is_chrome(ln.text) for ln in tail):
                end = i
    while end > 0 and (lines[end - 1].blank or is_chrome(lines[end - 1].text)):
        end -= 1
    return lines[:end]


def find_headline(lines: list[Line], *, default_tz: tzinfo, found: Plain) -> int | None:
    """Index of the headline: the first line after chrome that reads as one.

    Bylines and datelines met before it are recorded in ``found``. A short line (a section
    label such as ``World``) is passed over unless it is repeated or directly followed by
    body text.
    """
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    for pos, i in enumerate(nonblank):
        text = lines[i].text.strip()
        if is_chrome(text):
            continue
        if _consume_meta(text, default_tz=default_tz, found=found):
            continue
        following = [lines[j].text.strip() for j in nonblank[pos + 1 : pos + 4]]
        if _words(text) >= 4 or (_is_cjk_heavy(text) and len(text) >= 6):
            return i
        repeated = any(_norm(t) == _norm(text) for t in following)
        if repeated:
            return i
        nxt = following[0] if following else ""
        if nxt and (
            _words(nxt) > 20
            or bullet_text(nxt) is not None
            or parse_byline(nxt) is not None
            or parse_dateline(nxt, default_tz=default_tz) is not None
        ):
            return i
        if not nxt:
            return i
    return None


def _consume_meta(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    byline = parse_byline(text)
    if byline is not None and byline[0]:
        names, date_text = byline
        for name in names:
            if name not in found.authors:
                found.authors.append(name)
        if date_text:
            when = parse_date(date_text, default_tz=default_tz)
            if when and found.published is None:
                found.published = when
        return True
    dateline = parse_dateline(text, default_tz=default_tz)
    if dateline is not None:
        kind, when = dateline
        if kind == "updated":
            found.updated = found.updated or when
        elif found.published is None:
            found.published = when
        else:
            found.updated = found.updated or when
        return True
    return False


def read_header_block(
    lines: list[Line], start: int, *, title: str, default_tz: tzinfo, found: Plain
) -> int:
    """Consume the repeated headline, byline, datelines and key points under the headline.

    Returns the index where the body starts.
    """
    i = start
    awaiting_name = False
    after_byline = False
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if line.blank:
            after_byline = False
            i += 1
            continue
        if awaiting_name:
            awaiting_name = False
            names = split_names(text)
            if names:
                found.authors.extend(n for n in names if n not in found.authors)
                after_byline = True
                i += 1
                continue
        if _norm(text) == _norm(title) or is_chrome(text):
            i += 1
            continue
        byline = parse_byline(text)
        if byline is not None:
            if not byline[0]:
                awaiting_name = True
                i += 1
                continue
            _consume_meta(text, default_tz=default_tz, found=found)
            after_byline = True
            i += 1
            continue
        if _consume_meta(text, default_tz=default_tz, found=found):
            i += 1
            continue
        if after_byline and _is_affiliation(text):
            i += 1
            continue
        point = bullet_text(line.text)
        if point is not None:
            i = _read_key_points(lines, i, found)
            continue
        break
    return i


def _is_affiliation(text: str) -> bool:
    # "Senior Correspondent, Reuters" directly under a byline, not a sentence.
    return _words(text) <= 8 and not ends_sentence(text) and bullet_text(text) is None


def _read_key_points(lines: list[Line], i: int, found: Plain) -> int:
    while i < len(lines):
        point = bullet_text(lines[i].text)
        if point is not None:
            found.key_points.append(point)
            i += 1
            continue
        if lines[i].blank:
            nxt = next((ln for ln in lines[i:] if not ln.blank), None)
            if nxt is not None and bullet_text(nxt.text) is not None:
                i += 1
                continue
            return i
        if found.key_points and lines[i].text[:1].isspace():
            found.key_points[-1] += " " + lines[i].text.strip()  # wrapped bullet
            i += 1
            continue
        return i
    return i


def build_paragraphs(lines: list[Line]) -> list[str]:
    """Body lines to paragraphs: blank-line blocks, hard wraps joined, bullet runs as lists."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, Line(0, "")]:
        if line.blank:
            if block:
                paragraphs.extend(_block_paragraphs(block))
                block = []
            continue
        if is_chrome(line.text) and _words(line.text) <= 6:
            continue
        block.append(line.text.rstrip())
    return [p for p in paragraphs if p]


def _block_paragraphs(block: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    items: list[str] = []
    for text in block:
        item = bullet_text(text)
        if item is not None or (_NUMBERED.match(text) and items):
            if run:
                out.extend(_unwrap(run))
                run = []
            items.append(item if item is not None else text.strip())
            continue
        if items and text[:1].isspace():
            items[-1] += " " + text.strip()
            continue
        if items:
            out.append("\n".join("• " + it for it in items))
            items = []
        run.append(text)
    if run:
        out.extend(_unwrap(run))
    if items:
        out.append("\n".join("• " + it for it in items))
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines; keep one-paragraph-per-line text as separate paragraphs."""
    if len(lines) == 1:
        return [" ".join(lines[0].split())]
    widths = [len(t) for t in lines]
    width = max(widths)
    wrapped_lines = sum(1 for w in widths[:-1] if w >= 0.55 * width)
    hard_wrapped = width <= 120 and wrapped_lines >= 0.75 * (len(lines) - 1)
    paragraphs: list[list[str]] = [[]]
    for k, text in enumerate(lines):
        paragraphs[-1].append(text.strip())
        if k == len(lines) - 1:
            break
        ends = ends_sentence(text)
        if hard_wrapped:
            # In wrapped text a short line that ends a sentence ends a paragraph.
            if ends and widths[k] < 0.55 * width:
                paragraphs.append([])
        elif ends or not lines[k + 1][:1].islower():
            paragraphs.append([])
    return [_join(p) for p in paragraphs if p]


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("-") and text[-2:-1].isalpha() and part[:1].islower():
            text += part  # "well-\nknown"
        elif _CJK.search(text[-1:]) and _CJK.search(part[:1]):
            text += part  # no spaces between CJK characters
        else:
            text += " " + part
    return " ".join(text.split(" ")).strip()


def read_plain(body: str, *, first_line: int, default_tz: tzinfo) -> Plain:
    """Apply every rule to a plain-text body; ``first_line`` numbers the body's first line."""
    found = Plain()
    lines = [Line(first_line + k, text.rstrip()) for k, text in enumerate(body.split("\n"))]
    lines = trim_footer(drop_leading_chrome(lines))
    head = find_headline(lines, default_tz=default_tz, found=found)
    if head is None:
        return found
    found.title = " ".join(lines[head].text.split())
    found.title_line = lines[head].number
    start = read_header_block(
        lines, head + 1, title=found.title, default_tz=default_tz, found=found
    )
    found.paragraphs = build_paragraphs(lines[start:])
    return found
