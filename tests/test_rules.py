"""Each loader rule alone, on small inputs: chrome, headline, byline, dateline, key points,
unwrapping, decoding, language and metadata."""

from __future__ import annotations

import codecs
import contextlib
import time
from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz

from feedwright.errors import ArticleError
from feedwright.loader.dates import is_date_only, parse_date
from feedwright.loader.decode import MAX_ARTICLE_BYTES, clean_text, decode_article, is_binary
from feedwright.loader.language import detect_language, normalise_tag
from feedwright.loader.metadata import split_header
from feedwright.loader.parse import parse_article
from feedwright.loader.plain.byline import (
    parse_bare_byline,
    parse_byline,
    parse_dateline,
    split_names,
)
from feedwright.loader.plain.chrome import (
    is_article_notice,
    is_bracketed_pitch,
    is_browser_notice,
    is_captioned_credit,
    is_chrome,
    is_chrome_row,
    is_cookie_notice,
    is_copyright,
    is_credit_line,
    is_follow_prompt,
    is_footer_marker,
    is_label,
    is_media_credit,
    is_nav_row,
    is_newsletter_pitch,
    is_player_control,
    is_prefixed_link,
    is_read_time,
    is_relative_time,
    is_sign_up_fine_print,
    is_tag_line,
)
from feedwright.loader.plain.headblock import read_header_block, read_key_points
from feedwright.loader.plain.headline import find_headline, first_sentence, is_prose
from feedwright.loader.plain.paragraphs import build_paragraphs, join_lines, unwrap
from feedwright.loader.plain.reader import drop_captions, read_plain, trim_footer
from feedwright.loader.plain.textlines import Line, Plain, bullet_text

UTC = tz.UTC


def _lines(text: str) -> list[Line]:
    return [Line(k + 1, t) for k, t in enumerate(text.split("\n"))]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


# --- chrome ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "line"),
    [
        (is_label, "Menu"),
        (is_label, "  Skip to main content "),
        (is_label, "Share this article"),
        (is_label, "ADVERTISEMENT"),
        (is_label, "  • "),
        (is_label, "Поделиться"),
        (is_label, "Schließen"),  # labels are casefolded like the lines (ß -> ss)
        (is_prefixed_link, "Read more: How much plastic is in the food you eat?"),
        (is_prefixed_link, "RELATED: The deep-sea creatures that eat plastic"),
        (is_prefixed_link, "Image caption, Farmers say crops are suffering"),
        (
            is_newsletter_pitch,
            "Sign up for our weekly science newsletter and get it in your inbox.",
        ),
        (is_copyright, "© 2024 Example News"),
        (is_copyright, "Copyright 2022 Nexstar Media Inc. All rights reserved."),
        (is_cookie_notice, "We use cookies to improve your experience on our site."),
        (is_cookie_notice, "Accept all cookies"),
        (is_media_credit, "Photo: Jane Roe/Reuters"),
        (is_media_credit, "Justin Sullivan/Getty Images"),
        (is_media_credit, "(Getty Images)"),
        (is_media_credit, "ASSOCIATED PRESS"),
        (is_captioned_credit, "Kim Jong Un. KCNA via REUTERS"),
        (is_read_time, "3 min read"),
        (is_read_time, "Lecture 3 min."),
        (is_relative_time, "Updated 3 hours ago"),
        (is_relative_time, "vor 2 Stunden"),
        (is_tag_line, "Tags Joe Biden midterms Poll"),
        (is_tag_line, "Posted in News, Politics"),
        (is_nav_row, "Privacy Policy | Terms of Use | Contact Us"),
        (is_nav_row, "Home | News | 2024 Elections"),
        # Buttons side by side: a browser's copy leaves wide gaps, and screen-reader hints.
        (
            is_chrome_row,
            "Share on Facebook (opens in a new window)    Share on X (opens in a new window)",
        ),
        (is_chrome_row, "Facebook\tTwitter\tEmail"),
        (is_label, "Privacy policy (opens in new tab)"),
        (is_label, "Image"),
        (is_label, "Save this story for later."),
        (is_follow_prompt, "Follow me on Twitter as @janeroe"),
        (is_follow_prompt, "Like us on Facebook"),
        (is_read_time, "Lesedauer: 8 Minuten"),
        (is_article_notice, "This article is more than 5 years old"),
        (is_article_notice, "Prenez note que cet article publié en 2017 pourrait être daté."),
        (is_article_notice, "This post contains affiliate links. We may earn a commission."),
        (is_article_notice, "We earn a commission for purchases made through these links."),
        (is_article_notice, "To revisit this article, visit My Profile, then View saved stories."),
        (is_article_notice, "For the river in Wales, see Afon Mawr."),
        (is_article_notice, "For other uses, see Mercury (disambiguation)."),
        (is_article_notice, "Not to be confused with Hermitian form."),
        (is_article_notice, "Did you know we have a Deutschland site?"),
        (is_article_notice, "You’ve reached your free article limit."),
        (is_article_notice, "You're reading a free article with opinions that may differ."),
        (is_article_notice, "You have 2 free articles remaining this month."),
        (is_article_notice, "Join 9,518 other subscribers"),
        (is_article_notice, "Special offer: Election package. 3 months for $10. Subscribe"),
        (is_article_notice, "Are you already a subscriber? Sign in"),
        (is_article_notice, "Read in English"),
        (is_article_notice, "Lire ce contenu en français"),
        (is_article_notice, "Leia em Português"),
        (is_article_notice, "This article is also available in Spanish."),
        (is_article_notice, "Free Article  Join Over 1 Million Premium Members And Get More"),
        (is_sign_up_fine_print, "I respect your privacy and you won't get spam. Ever."),
        (is_sign_up_fine_print, "We respect your privacy. Unsubscribe at any time."),
        (is_label, "Notifications"),
        (is_bracketed_pitch, "[Get the morning briefing in your inbox.]"),
        (is_browser_notice, "You are using an outdated browser."),
        (
            is_browser_notice,
            "IE 11 is not supported. For an optimal experience visit us elsewhere.",
        ),
        (is_browser_notice, "This site works best in IE9 and up and in other modern browsers"),
        (is_player_control, "Next video starts in : 7 Play"),
        (is_player_control, "We apologize, this video has expired."),
        (is_player_control, "Unfortunately, this video is not available in your region."),
        (is_player_control, "This video is no longer available"),
        (is_player_control, "75% (transparency)"),
        (is_label, "Now watching"),
        (is_label, "Captions will look like this"),
        (is_label, "Video Not Available"),
    ],
)
def test_chrome_rule_matches(rule: object, line: str) -> None:
    assert callable(rule) and rule(line)
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices of the companies fell sharply after the figures were published.",
        "Advertisement revenue at the largest social networks fell for a third quarter.",
        "Read more than a few analyst notes and a pattern emerges.",
        "Comments from executives suggest the slump will continue.",
        "These cookies are the best thing I have baked all year.",
        "By continuing to use coal, the country will miss its targets.",
        "The official declined to comment, he told Reuters.",
        "Subscribe to any of the big platforms' newsletters and the message is the same: wait.",
        "Live updates from Kyiv as the city recovers from the attack on Tuesday.",
        "Quality of life has improved, the survey found.",
        "Reset your expectations: the market will not recover this year.",
        "By clicking through the report, readers can see the terms of the deal.",
        "Photographs taken by the crew show the damage.",
        "You are using an older map of the city, the guide said.",
        "The door opens in a new window of opportunity for the firm.",
        "He went home.  Then he slept.",
        "Share    prices fell",
        "Follow him on Twitter. He said the plan would fail, and it did.",
        "Follow me on a walk through the old town, where the market still stands.",
        "For years, see how the council spent the money on the bridge.",
        "This article is more than a list of complaints about the bridge.",
        "We may earn less this year, the council warned.",
        "We value your privacy, the council said, and then sold the list of names.",
        "You are reading a story about the free press and its limits.",
        "Join over 200 volunteers who cleaned the beach on Sunday.",
        "Join 40 members of the council in the vote on Tuesday.",
        "A special offer to subscribers of the old plan was withdrawn on Friday.",
        "Read in English, the letter is a plea for calm.",
        "This article is available in print only on Sundays.",
        "This video is about the flood that closed the bridge.",
        "Next video starts in the autumn, when the council films the repairs.",
        "Sorry, this video is the last one the crew made before the storm, he said.",
        "[The minister said the plan would be signed up to by June.]",
        "",
        # A byline's parts, one of them a date, are no row of links.
        "Jane Roe | March 3, 2024 | 5 min read",
        "Posted in News on March 3, 2024 by Jane Roe",
    ],
)
def test_chrome_never_matches_a_sentence_that_mentions_it(line: str) -> None:
    assert not is_chrome(line)


def test_footer_markers_and_credits() -> None:
    assert is_footer_marker("Related Articles")
    assert is_footer_marker("More on this story:")
    assert not is_footer_marker("Related coverage of the election continues below.")
    assert is_credit_line("Reporting by Alex Lawler; Editing by Jason Neely")
    assert not is_credit_line("Reporters said the vote was close.")


def test_trim_footer_cuts_related_block_but_not_short_last_paragraph() -> None:
    text = (
        "Headline\n\nA long paragraph of the article that says a great many things.\n\n"
        "Construction begins next spring.\n\nRelated Articles\n\nOne link\nAnother link\n\n"
        "© 2024 Example"
    )
    kept = [ln.text for ln in trim_footer(_lines(text)) if ln.text]
    assert kept[-1] == "Construction begins next spring."


@pytest.mark.parametrize(
    "credit", ["Justin Sullivan/Getty Images", "Image: Jane Roe / The Daily", "Photo by Jane Roe"]
)
def test_captions_above_credit_lines_are_dropped(credit: str) -> None:
    lines = _lines(f"Jensen Huang, the CEO of Nvidia.\n{credit}\n\nBody text.")
    assert [ln.text for ln in drop_captions(lines)] == [credit, "", "Body text."]


def test_a_cookie_gate_s_whole_paragraph_is_chrome() -> None:
    gate = (
        "We use cookies and similar technologies to improve your browsing experience, "
        "personalize content and offers, show targeted ads, analyze traffic, and better "
        "understand you. We may share your information with third-party partners for marketing "
        "purposes. To learn more and make choices about data use, visit our Advertising Policy "
        "and Privacy Policy. By clicking Accept and Continue below, you agree to all of it."
    )
    assert len(gate) > 400
    assert is_chrome(gate)
    assert not is_chrome(gate.replace("We use cookies", "The council uses barriers"))


# --- headline ------------------------------------------------------------------------------


def _headline(text: str) -> tuple[str | None, Plain]:
    found = Plain()
    lines = _lines(text)
    head = find_headline(lines, 0, default_tz=UTC, found=found)
    return (lines[head].text.strip() if head is not None else None), found


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "close\nclose\n\nBig headline here now\n\nBig headline here now\n\nBody.",
            "Big headline here now",
        ),
        (
            "World\n\nThe real headline of the story\n\nBody text follows.",
            "The real headline of the story",
        ),
        (
            "Science\nMarch 5, 2021\n\nRover takes a drive\n\nBy Kenneth Chang",
            "Rover takes a drive",
        ),
        (
            "Storm Babet latest\n\nBy Rhiannon Price\n\n"
            "Amber warnings were issued for large parts of Scotland.",
            "Storm Babet latest",
        ),
        ("  • World\n  • Europe\n\nDrone strikes knock out power", "Drone strikes knock out power"),
        ("Kicker words above it\nHeadline twice\nHeadline twice\nBody.", "Headline twice"),
        ("Menu\nSearch\n\n", None),
    ],
)
def test_find_headline(text: str, title: str | None) -> None:
    assert _headline(text)[0] == title


def test_find_headline_records_a_dateline_met_before_it() -> None:
    _, found = _headline("March 5, 2021\n\nRover takes its first drive on Mars\n\nBody.")
    assert found.published == _utc("2021-03-05T00:00:00")


def test_prose_first_line_is_not_a_headline() -> None:
    text = "When I moved to Lisbon the city felt like a secret. Rents were low and trams empty."
    assert is_prose(text)
    assert first_sentence(text) == "When I moved to Lisbon the city felt like a secret."
    assert not is_prose("Is the housing market about to crash?")
    plain = read_plain(text, first_line=1, default_tz=UTC)
    assert plain.title == first_sentence(text)
    assert plain.paragraphs == [text]
    assert plain.warnings


def test_metadata_title_only_drops_an_identical_first_line() -> None:
    plain = read_plain("Same title\n\nBody text.", first_line=1, default_tz=UTC, title="Same Title")
    assert plain.paragraphs == ["Body text."]
    plain = read_plain("First paragraph.\n\nSecond.", first_line=1, default_tz=UTC, title="T")
    assert plain.paragraphs == ["First paragraph.", "Second."]


# --- byline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names", "date_text"),
    [
        ("By Jane Roe and John Doe", ("Jane Roe", "John Doe"), None),
        ("By Jane Roe - 03/14/22 09:41 AM EDT", ("Jane Roe",), "03/14/22 09:41 AM EDT"),
        ("By Jane Roe, March 2, 2021", ("Jane Roe",), "March 2, 2021"),
        ("By ZEKE MILLER and AAMER MADHANI", ("Zeke Miller", "Aamer Madhani"), None),
        ("By Lauren Fox and Ted Barrett, CNN", ("Lauren Fox", "Ted Barrett"), None),
        ("By Fiona MacLeod, Education Correspondent", ("Fiona MacLeod",), None),
        ("By Marcus Webb | Staff Writer", ("Marcus Webb",), None),
        ("By Jane Roe in Kyiv", ("Jane Roe",), None),
        ("By Staff Reporter", (), None),
        ("Von Hans Müller", ("Hans Müller",), None),
        ("Par Jean Dupont", ("Jean Dupont",), None),
        ("Автор: Иван Петров", ("Иван Петров",), None),
        ("By Reuters", ("Reuters",), None),
        ("ByLena Ortiz", ("Lena Ortiz",), None),
        ("Byby NILS BERG and ANA LIMA", ("Nils Berg", "Ana Lima"), None),
        ("Par Jean Dupont(Bruxelles, bureau européen)", ("Jean Dupont",), None),
        ("By Ana Lima @analima", ("Ana Lima",), None),
        ("By  Nils Berg   last updated 4 April 2023", ("Nils Berg",), "4 April 2023"),
        ("By Nils Berg Published in Opinion", ("Nils Berg",), None),
        ("By Nils Berg 5 minute Read", ("Nils Berg",), None),
        ("By Nils Berg 12 min read", ("Nils Berg",), None),
        ("By Brenda Goodman, MA", ("Brenda Goodman",), None),
        ("By Nils Berg,TIME", ("Nils Berg",), None),
        ("By Nils Berg | 3 comments", ("Nils Berg",), None),
        ("投稿者 Nils Berg", ("Nils Berg",), None),
        ("Posted by Nils Berg", ("Nils Berg",), None),
        ("Posted by: Nils Berg | March 3, 2024", ("Nils Berg",), "March 3, 2024"),
        ("By Nils Berg.", ("Nils Berg",), None),  # a byline written as a sentence
        ("By Nils Berg and Ana Lima.", ("Nils Berg", "Ana Lima"), None),
        ("By Nils Berg Jr.", ("Nils Berg Jr.",), None),
        ("By N. Berg", ("N. Berg",), None),
        ("著者：山田太郎", ("山田太郎",), None),
        ("執筆者 山田 太郎", ("山田 太郎",), None),
    ],
)
def test_parse_byline(line: str, names: tuple[str, ...], date_text: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.names == names
    assert byline.date_text == date_text


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices had risen.",
        "Von der Leyen said the plan would work.",
        "Byline",
        "The vote was 87-11.",
        "Posted by the council on its website.",
    ],
)
def test_parse_byline_rejects_prose(line: str) -> None:
    assert parse_byline(line) is None


def test_bare_by_waits_for_the_name_on_the_next_line() -> None:
    byline = parse_byline("By")
    assert byline is not None and byline.bare
    found = Plain()
    lines = _lines("By\nMaria Elena Castillo\n\nBody text here.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Maria Elena Castillo"]
    assert lines[start].text == "Body text here."


def test_a_label_of_chrome_over_its_date_gives_the_date_its_kind() -> None:
    # "Updated:" alone is chrome; over a date it says what the date is.
    found = Plain()
    lines = _lines("Author:\nNils Berg\nUpdated:\nMar 6, 2018\nOriginal:\nDec 21, 2016\n\nText.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Nils Berg"]
    assert found.published == datetime(2016, 12, 21, tzinfo=UTC)
    assert found.updated == datetime(2018, 3, 6, tzinfo=UTC)
    assert lines[start].text == "Text."


def test_bare_byline_and_affiliations() -> None:
    assert parse_bare_byline("Sam Jones in Pontevedra") == ["Sam Jones"]
    assert parse_bare_byline("The vote was 87-11.") == []
    assert parse_bare_byline("中国经济") == []  # no letter case: only "By" or a label says so
    # One word in capitals after the names is their outlet (or a degree), not a name.
    assert parse_bare_byline("John Patrick Pullen,TIME") == ["John Patrick Pullen"]
    found = Plain()
    lines = _lines("Nils Berg, TIME\nUpdated: Dec 15, 2016 2:57 PM UTC\n\nText.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Nils Berg"]
    assert lines[start].text == "Text."
    # A page's separator between the name and the date on the next line.
    found = Plain()
    lines = _lines("Nils Berg/\nDecember 15, 2016\n\nText.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Nils Berg"]
    assert lines[start].text == "Text."
    assert split_names("Ana María López, Jean-Pierre Dubois and Siobhán O'Neill") == [
        "Ana María López",
        "Jean-Pierre Dubois",
        "Siobhán O'Neill",
    ]
    assert split_names("Political Correspondent") == []
    found = Plain()
    lines = _lines("By Amara Nwosu\nSenior Fellow, Energy Program\nCentre for Studies\n\nText.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Amara Nwosu"]
    assert lines[start].text == "Text."


@pytest.mark.parametrize(
    "value", ["Jane Roe", "• Jane Roe | jroe@example.com", "Jane Roe, Reuters"]
)
def test_a_by_label_s_value_on_the_next_line(value: str) -> None:
    found = Plain()
    lines = _lines(f"• Published: Dec. 22, 2016, 6:47 p.m.\nBy\n{value}\n\nText.")
    start = read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.authors == ["Jane Roe"]
    assert found.key_points == []
    assert lines[start].text == "Text."


def test_standfirst_between_headline_and_byline_is_kept_as_first_paragraph() -> None:
    found = Plain()
    lines = _lines("A short standfirst.\n\nSam Jones in Pontevedra\nSun 9 Sep 2018 09.00 BST\n\nB.")
    read_header_block(lines, 0, title="T", default_tz=UTC, found=found)
    assert found.paragraphs == ["A short standfirst."]
    assert found.authors == ["Sam Jones"]
    assert found.published == _utc("2018-09-09T08:00:00")


# --- dateline and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 7:05 AM PST, Tue March 2, 2021", [("updated", "2021-03-02T15:05:00")]),
        ("2 March 2021", [("published", "2021-03-02T00:00:00")]),
        ("Mar. 2, 2021 7:05 am ET", [("published", "2021-03-02T12:05:00")]),
        ("Nov 7, 2024, 2:15 PM ET", [("published", "2024-11-07T19:15:00")]),
        ("Published 4 November 2024", [("published", "2024-11-04T00:00:00")]),
        ("2024-11-07T14:15:00+01:00", [("published", "2024-11-07T13:15:00")]),
        (
            "Published 4 November 2024 | Updated 5 November 2024, 10:00 GMT",
            [("published", "2024-11-04T00:00:00"), ("updated", "2024-11-05T10:00:00")],
        ),
        ("Last modified on Mon 10 Sep 2018 11.42 BST", [("updated", "2018-09-10T10:42:00")]),
        ("Publié le 04 novembre 2024 à 10h32", [("published", "2024-11-04T10:32:00")]),
        ("02.03.2021, 07:05 Uhr", [("published", "2021-03-02T07:05:00")]),
        ("2 de marzo de 2021 - 07:05 CET", [("published", "2021-03-02T06:05:00")]),
        ("2 марта 2021, 07:05", [("published", "2021-03-02T07:05:00")]),
        ("2022年7月2日 14時30分", [("published", "2022-07-02T14:30:00")]),
        ("Madrid - 05 nov 2024 - 10:04 CET", [("published", "2024-11-05T09:04:00")]),
        ("Updated 0339 GMT (1139 HKT) December 2, 2016", [("updated", "2016-12-02T03:39:00")]),
        (
            "Updated: March 4, 2024 / Original: March 3, 2024",
            [("updated", "2024-03-04T00:00:00"), ("published", "2024-03-03T00:00:00")],
        ),
        ("Originally published March 3, 2024", [("published", "2024-03-03T00:00:00")]),
        ("Updated 3 hours ago", []),
        ("Updated 10:04 a.m. ET", []),
        ("Dec. 22, 2016, 3:36 PM UTC / Source: Acme", [("published", "2016-12-22T15:36:00")]),
        ("November 29, 2016: 3:42 PM ET", [("published", "2016-11-29T20:42:00")]),
        ("Dec 1st 2016 1:01PM", [("published", "2016-12-01T13:01:00")]),
        (
            "December 6, 2016 — 6:22 PM EST December 7, 2016 — 1:55 PM EST",
            [("published", "2016-12-06T23:22:00"), ("published", "2016-12-07T18:55:00")],
        ),
        (
            "October 11, 2022 October 11, 2022",
            [("published", "2022-10-11T00:00:00"), ("published", "2022-10-11T00:00:00")],
        ),
    ],
)
def test_parse_dateline(line: str, expected: list[tuple[str, str]]) -> None:
    got = parse_dateline(line, default_tz=UTC)
    assert got is not None
    assert [
        (kind, when.astimezone(UTC).replace(tzinfo=None).isoformat()) for kind, when in got
    ] == [(kind, when) for kind, when in expected]


@pytest.mark.parametrize(
    "line",
    [
        "The date was set for March 2, 2021.",
        "Date night ideas for 2024",
        "March 2021 was the coldest month in a decade",
        "He said: 5 November 2024",
        "Oct 5 (Reuters)",
        "Dec. 22, 2016 was the day / Source: Acme",
        "May 5, 2016 to May 9, 2016 the bridge was shut",
    ],
)
def test_parse_dateline_rejects_prose(line: str) -> None:
    assert parse_dateline(line, default_tz=UTC) is None


def test_parse_date_needs_a_year_and_uses_the_default_zone() -> None:
    assert parse_date("Oct 5", default_tz=UTC) is None
    assert parse_date("3 hours ago", default_tz=UTC) is None
    new_york = tz.gettz("America/New_York")
    when = parse_date("March 2, 2021 7:05", default_tz=new_york)
    assert when is not None and when.utcoffset() == timedelta(hours=-5)
    when = parse_date("2 March 2021 10:00 UTC+3", default_tz=UTC)
    assert when is not None and when.utcoffset() == timedelta(hours=3)
    assert is_date_only("Tue 2 Mar 2021 07:05 GMT")
    assert not is_date_only("Tuesday was a good day in March 2021")


# --- key points and body lists ------------------------------------------------------------------


def test_key_points_right_after_the_headline() -> None:
    found = Plain()
    lines = _lines("• First point.\n• Second point\n  wraps here.\n\n• Third.\n\nBody paragraph.")
    end = read_key_points(lines, 0, found)
    assert found.key_points == ["First point.", "Second point wraps here.", "Third."]
    assert lines[end].text == ""


def test_key_points_label_is_dropped() -> None:
    plain = read_plain(
        "Headline of it all\n\nKey points:\n- One.\n- Two.\n\nBody.", first_line=1, default_tz=UTC
    )
    assert plain.key_points == ["One.", "Two."]
    assert plain.paragraphs == ["Body."]


def test_body_list_stays_a_list_paragraph() -> None:
    paragraphs = build_paragraphs(["Intro:", "- a", "- b", "", "1. one", "2. two", "", "After."])
    assert paragraphs == ["Intro:", "• a\n• b", "• one\n• two", "After."]


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("• point", "point"),
        ("  · point", "point"),
        ("- point", "point"),
        ("* point", "point"),
        ("– point", "point"),
        ("-- not a bullet", None),
        ("– Мы вернули домой 95 защитников, – написал президент.", None),
        ("plain line", None),
    ],
)
def test_bullet_text(line: str, item: str | None) -> None:
    assert bullet_text(line) == item


# --- unwrapping ----------------------------------------------------------------------------


def test_unwrap_joins_hard_wrapped_lines() -> None:
    text = (
        "The International Energy Agency said on Wednesday that global demand\n"
        "for oil would peak before the end of the decade as electric cars cut\n"
        "consumption.\n"
        "In its annual report, the agency forecast that demand would level off\n"
        "at about 105.6 million barrels a day by 2029."
    )
    assert unwrap(text.split("\n")) == [
        "The International Energy Agency said on Wednesday that global demand for oil would "
        "peak before the end of the decade as electric cars cut consumption.",
        "In its annual report, the agency forecast that demand would level off at about "
        "105.6 million barrels a day by 2029.",
    ]


def test_unwrap_keeps_one_paragraph_per_line() -> None:
    lines = [
        "Apple unveiled its first headset on Monday, a $3,499 device that blends virtual reality.",
        "The Vision Pro will go on sale early next year.",
        "Analysts said the price would limit its appeal.",
    ]
    assert unwrap(lines) == lines


def test_join_lines_hyphens_and_cjk() -> None:
    assert join_lines(["a well-", "known fact"]) == "a well-known fact"
    assert join_lines(["国家统计局", "周一公布"]) == "国家统计局周一公布"
    assert join_lines(["trailing  ", "  spaces"]) == "trailing spaces"


# --- decoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        (b"plain ascii", "plain ascii", False),
        (codecs.BOM_UTF8 + "café".encode(), "café", False),
        ("café".encode("utf-16"), "café", False),
        ("café “quoted”".encode("cp1252"), "café “quoted”", True),
        (b"line\r\nend\rold mac", "line\nend\nold mac", False),
        (b"a\x00b\x07c\x1b[31md", "abcd", False),
        (b"lone \xed\xa0\x80surrogate", "lone surrogate", True),
    ],
)
def test_decode(data: bytes, text: str, warned: bool) -> None:
    decoded = decode_article(data, source="a.txt")
    assert decoded.text == text
    assert bool(decoded.warnings) == warned


def test_clean_text_removes_invisible_and_unsafe_characters() -> None:
    assert clean_text("a\u200bb\u202ec\u2066d\ufeffe\ufffff\x0bg") == "abcdefg"
    assert clean_text("keeps\u200cZWNJ and\u00a0nbsp") == "keeps\u200cZWNJ and\u00a0nbsp"


def test_binary_and_undecodable_bytes_are_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert is_binary(png)
    assert not is_binary(b"text with one \x00 NUL in it, as scrapers sometimes leave")
    with pytest.raises(ArticleError, match="binary"):
        decode_article(png, source="image.txt")
    with pytest.raises(ArticleError, match="UTF-16"):
        decode_article(codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", source="bad.txt")


def test_a_huge_file_is_refused_quickly() -> None:
    data = b"x" * (50 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(ArticleError, match="MB") as raised:
        parse_article(data, source="huge.txt")
    assert time.monotonic() - started < 1
    assert str(raised.value).startswith("huge.txt: file is 50 MB")
    assert len(data) > MAX_ARTICLE_BYTES


# --- language ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council said that the plan would be ready by the end of the year.", "en"),
        ("Le gouvernement a annoncé une nouvelle loi pour les entreprises et les salariés.", "fr"),
        ("Die Regierung hat am Dienstag ein neues Gesetz für die Unternehmen beschlossen.", "de"),
        ("El Gobierno aprobó este martes una rebaja del IVA de la luz para los hogares.", "es"),
        ("Правительство России одобрило законопроект о налогах.", "ru"),
        ("Верховна Рада ухвалила законопроєкт про мобілізацію.", "uk"),
        ("أعلنت وزارة الصحة اليوم عن بدء حملة تطعيم جديدة", "ar"),
        ("הכנסת אישרה הלילה את תקציב המדינה", "he"),
        ("国家统计局周一公布的数据显示", "zh"),
        ("気象庁は２日、関東甲信地方が梅雨明けしたとみられると発表した。", "ja"),
        ("กรมอุตุนิยมวิทยาประกาศเตือนประชาชน", "th"),
        ("한국은행이 기준금리를 동결했다", "ko"),
        ("Council meeting postponed", None),
        ("12345 67890", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_normalise_tag() -> None:
    assert normalise_tag("en_gb") == "en-GB"
    assert normalise_tag("not a tag") is None


# --- metadata ----------------------------------------------------------------------------


def test_front_matter() -> None:
    header = split_header("---\ntitle: T\ntags: [a, b]\n---\nBody", source="a.md")
    assert header.text("title") == "T"
    assert header.items("tags") == ("a", "b")
    assert header.body == "Body"
    assert header.body_line == 5


def test_key_value_header_needs_a_blank_line_after_it() -> None:
    header = split_header("Title: T\nAuthor: A; B\n\nBody", source="a.txt")
    assert header.items("author") == ("A", "B")
    assert header.body_line == 3
    not_header = split_header("Updated: the plan\nchanged on Monday.", source="a.txt")
    assert not_header.values == {}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("---\ntitle: T\ntags: [a, b\nauthor: A\n---\nBody", "started on line 3", 4),
        ("---\ntitle: T\n\nBody", "never closed", 1),
        ("---\n- a list\n---\nBody", "mapping", 2),
        ("+++\ntitle = 'T'\ntags = ['a',\n+++\nBody", "malformed front matter", 4),
        ("+++\ntitle = 'T'\n\nBody", "'\\+\\+\\+' is never closed", 1),
    ],
)
def test_bad_front_matter(text: str, message: str, line: int | None) -> None:
    with pytest.raises(ArticleError, match=message) as raised:
        split_header(text, source="a.md")
    assert raised.value.path == "a.md"
    assert raised.value.line is not None
    if line is not None:
        assert raised.value.line == line


@pytest.mark.parametrize(
    "data",
    [
        b"March 2, 2021\n" * 40_000,  # every line a dateline: each costs a date parse
        b"By Jane Roe\n" * 40_000,
        (b"Foo\n" + b"Menu\n" * 200) * 200,
    ],
    ids=["datelines", "bylines", "chrome"],
)
def test_pathological_articles_stay_fast(data: bytes) -> None:
    # A guard against quadratic rules, not a timing goal: linear work takes ~0.1 s of CPU
    # here, quadratic minutes. CPU time, so a loaded machine does not fail it.
    started = time.process_time()
    with contextlib.suppress(ArticleError):
        parse_article(data, source="odd.txt")
    assert time.process_time() - started < 5


def test_a_paragraph_cut_by_an_ad_is_mended() -> None:
    lines = ["The company said on Monday", "", "Advertisement", "", "that it would cut jobs.", ""]
    assert build_paragraphs([*lines, "Then more."]) == [
        "The company said on Monday that it would cut jobs.",
        "Then more.",
    ]
    assert build_paragraphs(["Subheading", "", "Body starts here."]) == [
        "Subheading",
        "Body starts here.",
    ]


def test_key_value_header_keeps_unknown_keys_out_of_the_body() -> None:
    header = split_header("Title: T\nSource: Wire\nKeywords: a, b\n\nBody", source="a.txt")
    assert header.text("title") == "T"
    assert header.items("tags") == ("a", "b")
    assert header.body.strip() == "Body"
    only_unknown = split_header("Breaking: Quake hits Taiwan\n\nBody", source="a.txt")
    assert only_unknown.values == {}
