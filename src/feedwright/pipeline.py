"""One build: read articles, settle ids and dates, build every document, publish safely."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from dateutil import tz

from feedwright.builder import FeedInfo, build_atom, build_rss, sort_entries
from feedwright.config import Config
from feedwright.dates import EARLIEST, format_rfc3339, resolve_zone, to_utc
from feedwright.entry import Entry
from feedwright.errors import ArticleError, FeedError, FeedwrightError, PublishError
from feedwright.ledger import Ledger, dump_ledger, load_ledger, reconcile
from feedwright.loader import ARTICLE_SUFFIXES, LoadOptions, parse_article
from feedwright.publish import read_if_exists, write_atomic
from feedwright.validate import check_feed

ARCHIVE_DIR = "archive"
#: A run that would drop more than this share of the published articles is refused.
SHRINK_LIMIT = 0.5


@dataclass
class BuildReport:
    """What a build did, for the CLI to tell."""

    problems: list[FeedwrightError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    entries: int = 0
    #: True when ``strict`` refused to publish because of bad articles.
    refused: bool = False


def find_articles(folder: Path) -> list[Path]:
    """Article files under ``folder``, sorted; hidden files and folders are ignored.

    Raises:
        PublishError: the folder does not exist or cannot be listed.
    """
    if not folder.is_dir():
        raise PublishError("articles folder is missing (is it mounted?)", path=str(folder))
    try:
        found = [
            p
            for p in folder.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        ]
    except OSError as e:
        raise PublishError(f"cannot list articles: {e.strerror}", path=str(folder)) from e
    return sorted(found)


def read_articles(
    config: Config, paths: list[Path], report: BuildReport, *, now: datetime
) -> list[tuple[Entry, str]]:
    """Load every article; bad ones go to ``report.problems``, the rest are returned."""
    options = LoadOptions(default_tz=resolve_zone(config.timezone), base_url=config.site_url)
    loaded: list[tuple[Entry, str]] = []
    for path in paths:
        source = path.relative_to(config.articles).as_posix()
        shown = _shown(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            report.problems.append(ArticleError("vanished while the build ran", path=shown))
            continue
        except OSError as e:
            report.problems.append(ArticleError(f"cannot read: {e.strerror}", path=shown))
            continue
        try:
            entry = parse_article(data, source=source, options=options)
        except ArticleError as e:
            e.path = shown
            report.problems.append(e)
            continue
        checked = _check_dates(entry, now=now, report=report, shown=shown)
        if checked is None:
            continue
        report.warnings.extend(f"{shown}: {w}" for w in checked.warnings)
        loaded.append((checked, hashlib.sha256(data).hexdigest()))
    return loaded


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _check_dates(entry: Entry, *, now: datetime, report: BuildReport, shown: str) -> Entry | None:
    if entry.published is not None and entry.published < EARLIEST:
        report.warnings.append(
            f"{shown}: date {format_rfc3339(entry.published)} is before 1990; ignored"
        )
        entry = replace(entry, published=None)
    if entry.updated is not None and entry.updated > now:
        report.warnings.append(f"{shown}: updated date is in the future; ignored")
        entry = replace(entry, updated=None)
    if entry.published is not None and entry.published > now:
        report.warnings.append(
            f"{shown}: scheduled for {format_rfc3339(entry.published)}; not published yet"
        )
        return None
    return entry


def feed_documents(
    config: Config, entries: list[Entry], page_of: dict[str, int]
) -> dict[str, bytes]:
    """Every feed document by its path under the out folder.

    The subscription feeds hold the newest ``max_entries`` within ``max_bytes``; every entry
    also lives on its RFC 5005 archive page (``archive/atom-N.xml``), whose page number
    the ledger fixed when the entry first appeared (``page_of``: id -> page).
    """
    ordered = sort_entries(entries)
    docs: dict[str, bytes] = {}
    base = config.feed_base
    for kind, build in (("atom", build_atom), ("rss", build_rss)):
        current = f"{base}{kind}.xml"
        head = _fit(config, ordered, build, current, has_archives=False)
        pages: list[int] = []
        if len(head) < len(ordered):
            pages = sorted({page_of[e.id or ""] for e in ordered})
            link = (("prev-archive", _page_url(base, kind, pages[-1])),)
            head = _fit(config, ordered, build, current, has_archives=True, links=link)
            docs[f"{kind}.xml"] = build(head, _info(config, current, head, links=link))
        else:
            docs[f"{kind}.xml"] = build(head, _info(config, current, head, links=()))
        for n, page in enumerate(pages):
            on_page = [e for e in ordered if page_of[e.id or ""] == page]
            links: tuple[tuple[str, str], ...] = (("current", current),)
            if n > 0:
                links += (("prev-archive", _page_url(base, kind, pages[n - 1])),)
            if n + 1 < len(pages):
                links += (("next-archive", _page_url(base, kind, pages[n + 1])),)
            # A lone page holds every entry: RFC 5005 calls that complete, not an archive.
            history = "archive" if len(pages) > 1 else "complete"
            info = _info(config, _page_url(base, kind, page), on_page, links=links, history=history)
            docs[f"{ARCHIVE_DIR}/{kind}-{page}.xml"] = build(on_page, info)
    return docs


def _page_url(base: str, kind: str, page: int) -> str:
    return f"{base}{ARCHIVE_DIR}/{kind}-{page}.xml"


def _fit(
    config: Config,
    ordered: list[Entry],
    build: Callable[[list[Entry], FeedInfo], bytes],
    self_url: str,
    *,
    has_archives: bool,
    links: tuple[tuple[str, str], ...] = (),
) -> list[Entry]:
    """The newest entries that fit both ``max_entries`` and ``max_bytes``."""
    head = ordered[: config.max_entries]
    while len(head) > 1:
        size = len(build(head, _info(config, self_url, head, links=links)))
        if size <= config.max_bytes:
            break
        # Shrink in proportion to the overshoot, at least by one entry.
        head = head[: max(1, min(len(head) - 1, int(len(head) * config.max_bytes / size)))]
    return head


def _info(
    config: Config,
    self_url: str,
    entries: list[Entry],
    *,
    links: tuple[tuple[str, str], ...],
    history: str = "",
) -> FeedInfo:
    newest = max((e.updated for e in entries if e.updated), default=EARLIEST)
    return FeedInfo(
        title=config.title,
        description=config.description,
        site_url=config.site_url,
        self_url=self_url,
        author=config.author,
        email=config.email,
        language=config.language,
        updated=newest,
        links=links,
        history=history,
    )


def run_build(
    config: Config,
    *,
    now: datetime,
    check: bool = False,
    allow_shrink: bool = False,
    strict: bool = False,
) -> BuildReport:
    """Build and publish (or with ``check``, only compare) every feed document.

    With ``strict``, any bad article means nothing is written (``report.refused``).

    Raises:
        FeedwrightError: nothing could be published (missing folder, refused shrink, a feed
            that failed validation, a damaged ledger); the published files are untouched.
    """
    now = to_utc(now if now.tzinfo else now.replace(tzinfo=tz.UTC))
    report = BuildReport()
    paths = find_articles(config.articles)
    ledger_bytes = read_if_exists(config.ledger)
    ledger = load_ledger(
        ledger_bytes.decode("utf-8") if ledger_bytes is not None else None,
        path=_shown(config.ledger),
    )
    loaded = read_articles(config, paths, report, now=now)
    _refuse_shrink(ledger, loaded, allow_shrink=allow_shrink, config=config)
    if not loaded:
        raise PublishError(
            "no article could be read; nothing published", path=_shown(config.articles)
        )
    entries, new_ledger = reconcile(
        ledger,
        loaded,
        domain=config.domain,
        now=now,
        tzinfo=resolve_zone(config.timezone),
        page_size=config.archive_page_size,
    )
    report.entries = len(entries)
    docs = feed_documents(config, entries, {r.id: r.page for r in new_ledger.records.values()})
    for name, data in docs.items():
        problems = check_feed(data)
        if problems:
            raise FeedError(f"refusing to publish: {problems[0]}", path=name)
    ledger_text = dump_ledger(new_ledger).encode("utf-8")
    targets = [(config.ledger, ledger_text)] + [(config.out / n, d) for n, d in docs.items()]
    if strict and report.problems:
        report.refused = True
        return report
    if check:
        report.stale = [p for p, d in targets if read_if_exists(p) != d]
        report.stale += _orphans(config, docs)
        return report
    # The ledger goes first: feeds are a pure function of articles + ledger, so a run
    # killed after this point is completed exactly by the next run.
    for path, data in targets:
        (report.written if write_atomic(path, data) else report.unchanged).append(path)
    return report


def _orphans(config: Config, docs: dict[str, bytes]) -> list[Path]:
    folder = config.out / ARCHIVE_DIR
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.xml")) if f"{ARCHIVE_DIR}/{p.name}" not in docs]


def _refuse_shrink(
    ledger: Ledger, loaded: list[tuple[Entry, str]], *, allow_shrink: bool, config: Config
) -> None:
    before = len(ledger.records)
    after = len(loaded)
    if allow_shrink or before == 0 or after >= before * (1 - SHRINK_LIMIT):
        return
    raise PublishError(
        f"only {after} of {before} published articles are readable now; refusing to shrink "
        "the feed (is the folder mounted?). Use --allow-shrink if the removal is intended",
        path=_shown(config.articles),
    )
