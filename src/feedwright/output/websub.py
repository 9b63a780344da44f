"""Telling WebSub hubs (https://www.w3.org/TR/websub/) that subscription feeds changed.

Every document names the hubs (``rel="hub"``, JSON Feed ``hubs``); after a build that
rewrote a subscription feed, each hub gets one ``hub.mode=publish`` POST per changed feed
URL, the form most hubs take (WebSub leaves the publisher's call to the hub). A hub that
fails is not asked again in the same run, so a hub that is down costs one timeout, not one
per feed. Nothing here is fatal: the feeds are already published, and the hub or its
subscribers' next poll will find them.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from feedwright import __version__
from feedwright.layout import SUBSCRIPTION_NAMES, TAGS_DIR

#: Seconds to wait for a hub to answer each request.
TIMEOUT = 5.0


def changed_feed_urls(out: Path, base_url: str, written: Iterable[Path]) -> list[str]:
    """The URLs of the subscription feeds (main and tag feeds; not archive pages) among
    the ``written`` files, in the order written."""
    urls: list[str] = []
    for path in written:
        try:
            name = path.relative_to(out).as_posix()
        except ValueError:
            continue  # the ledger
        parts = name.split("/")
        main = len(parts) == 1 and name in SUBSCRIPTION_NAMES
        tag = len(parts) == 3 and parts[0] == TAGS_DIR and parts[2] in SUBSCRIPTION_NAMES
        if main or tag:
            urls.append(base_url + name)
    return urls


def announce(hubs: Iterable[str], urls: list[str], *, timeout: float = TIMEOUT) -> list[str]:
    """POST ``hub.mode=publish`` for each of ``urls`` to each hub; one message per hub that
    failed (an empty list when every hub took every URL)."""
    failures: list[str] = []
    if not urls:
        return failures
    for hub in hubs:
        for n, url in enumerate(urls):
            problem = _publish(hub, url, timeout=timeout)
            if problem:
                untold = len(urls) - n
                failures.append(
                    f"WebSub hub {hub}: {problem}; {untold} changed feed(s) not announced"
                )
                break
    return failures


def _publish(hub: str, url: str, *, timeout: float) -> str:
    """One publish notification; what went wrong, or "" when the hub accepted it."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode("ascii")
    request = urllib.request.Request(
        hub,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"feedwright/{__version__}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as e:
        return f"answered {e.code} {e.reason}"
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = e.reason if isinstance(e, urllib.error.URLError) else e
        return f"cannot reach it ({reason})"
    # urlopen follows redirects and raises for 4xx/5xx: anything else is success (WebSub
    # hubs answer 202 or 204).
    return "" if 200 <= status < 300 else f"answered {status}"
