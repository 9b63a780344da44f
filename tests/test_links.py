"""Every entry links somewhere: its own ``Link:``, else the site's ``link_template``."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from feedwright.config import load_config
from feedwright.errors import ConfigError
from feedwright.links import render
from sites import cli, entry_page, make_site

TEMPLATE = "{site_url}news/{year}/{month}/{day}/{slug}.html"


@pytest.mark.parametrize(
    ("template", "source", "expected"),
    [
        (
            TEMPLATE,
            "world/2024-03-05-Bridge Opens!.md",
            "https://s.test/news/2024/03/09/bridge-opens.html",
        ),
        (
            "{site_url}{path}/",
            "world/2024-03-05-Bridge Opens!.md",
            "https://s.test/world/2024-03-05-Bridge%20Opens!/",
        ),
        ("{site_url}a/{stem}", "x/Über_den Fluss.txt", "https://s.test/a/%C3%9Cber_den%20Fluss"),
        ("{site_url}{slug}", "x/Über_den Fluss.txt", "https://s.test/%C3%BCber-den-fluss"),
        ("https://cdn.test/{year}-{month}/{stem}", "notes.", "https://cdn.test/2024-03/notes."),
    ],
)
def test_template_fields_come_from_the_name_and_the_date(
    template: str, source: str, expected: str
) -> None:
    when = datetime(2024, 3, 9, 23, 30, tzinfo=timezone.utc)
    assert render(template, site_url="https://s.test/", source=source, when=when) == expected


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{site_url}{title}.html", "unknown field {title}"),
        ("{site_url}{0}.html", "unknown field {0}"),
        ("{site_url}{slug", "link_template is not a template"),
        ("news/{slug}.html", "must make absolute http(s) URLs"),
    ],
)
def test_a_bad_template_is_a_config_error(tmp_path: Path, template: str, message: str) -> None:
    (tmp_path / "feedwright.toml").write_text(f'[feed]\nlink_template = "{template}"\n')
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(None, root=tmp_path)


def test_entries_without_a_link_get_the_templates(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    config = site.root / "feedwright.toml"
    config.write_text(config.read_text() + f'link_template = "{TEMPLATE}"\n')
    (site.articles / "a002.txt").write_text(
        "Link: https://elsewhere.test/own-page\nDate: 2024-01-02T09:00:00Z\n\n"
        "Headline number 2\n\nThe desk filed this one with its own page.\n"
    )
    site.build()
    site.assert_valid()
    expected = {
        "Headline number 1 of the week": "https://news.example.com/news/2024/01/01/a001.html",
        "Headline number 2": "https://elsewhere.test/own-page",
    }
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((site.feeds / name).read_bytes())
        assert {e.title: e.link for e in parsed.entries} == expected, name


def test_without_a_template_an_entry_links_to_its_entry_page(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    site.build()
    page = entry_page(site, "a001.txt")
    item = (site.feeds / "rss.xml").read_text().split("<item>")[1]
    assert f"<link>https://news.example.com/feeds/{page}</link>" in item
    assert (site.feeds / page).is_file()


def test_a_rename_that_moves_a_template_link_is_told_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The id stays, the link follows the file (the site's page moved with it): said as a
    warning on the run that moves it, not on later runs, and not for an own ``Link:``."""
    site = make_site(tmp_path, count=2)
    config = site.root / "feedwright.toml"
    config.write_text(config.read_text() + 'link_template = "{site_url}news/{slug}.html"\n')
    (site.articles / "a002.txt").write_text(
        "Link: https://elsewhere.test/own-page\n\n" + (site.articles / "a002.txt").read_text()
    )
    monkeypatch.chdir(site.root)
    assert cli("build", clock=site.clock())[0] == 0
    site.builds += 1
    (site.articles / "a001.txt").rename(site.articles / "2024-01-01-bridge.txt")
    (site.articles / "a002.txt").rename(site.articles / "own.txt")
    code, _, err = cli("build", clock=site.clock())
    assert code == 0
    assert err.splitlines() == [
        "warning: articles/2024-01-01-bridge.txt: its link moves from "
        "https://news.example.com/news/a001.html to "
        "https://news.example.com/news/bridge.html (link_template follows the file's name "
        "and date; a Link: line in the article keeps it fixed)"
    ]
    atom = feedparser.parse((site.feeds / "atom.xml").read_bytes())
    assert {e.link for e in atom.entries} == {
        "https://news.example.com/news/bridge.html",
        "https://elsewhere.test/own-page",
    }
    site.builds += 1
    (site.articles / "a003.txt").write_text("Third\n\nA new article arrives today.\n")
    code, _, err = cli("build", "-v", clock=site.clock())
    assert code == 0 and "link" not in err
    # A rename that keeps the slug keeps the link: nothing to say.
    site.builds += 1
    (site.articles / "2024-01-01-bridge.txt").rename(site.articles / "bridge.txt")
    code, _, err = cli("build", clock=site.clock())
    assert (code, err) == (0, "")
