"""The body-first rules alone: prose classes, the body run, the headline above it, and the
byline shapes that give a name and a date."""

from __future__ import annotations

import pytest
from dateutil import tz

from feedwright.loader.plain.body import (
    BAD,
    GOOD,
    SHORT,
    Body,
    classify,
    find_body,
    footer_start,
)
from feedwright.loader.plain.captions import is_caption
from feedwright.loader.plain.chrome import is_ad_slot, is_chrome
from feedwright.loader.plain.echo import Opening, echo, opening
from feedwright.loader.plain.headblock import is_name_by_meta, is_value_label
from feedwright.loader.plain.headline import (
    find_headline,
    headline_above,
    is_deck_under,
    is_gap_row,
    is_headline_shaped,
    is_word_menu,
    past_headlines,
)
from feedwright.loader.plain.meta import consume_meta, unglue_dateline
from feedwright.loader.plain.namedate import (
    bare_name,
    name_with_handle,
    name_with_role,
    parse_name_date,
)
from feedwright.loader.plain.reader import (
    clean_body,
    date_nearby,
    past_lead_meta,
    read_meta_above,
    read_plain,
)
from feedwright.loader.plain.stoplists import stopwords
from feedwright.loader.plain.textlines import Line, Plain

PROSE = (
    "The council said on Tuesday that the bridge would close for repairs next month, and "
    "that drivers would be sent on a diversion through the next village."
)


def _lines(text: str) -> list[Line]:
    return [Line(k + 1, t) for k, t in enumerate(text.split("\n"))]


def test_stopwords_come_from_the_installed_stoplists() -> None:
    assert {"the", "and", "of"} <= stopwords("en")
    assert "und" in stopwords("de-AT")
    assert stopwords("xx") == frozenset()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (PROSE, GOOD),
        ("Share this article", SHORT),
        ("Home Business Sport Weather Opinion Lifestyle Puzzles Obituaries Crosswords Video", BAD),
    ],
)
def test_classify(text: str, kind: int) -> None:
    assert classify(text, stopwords("en")) == kind


def test_body_is_the_main_prose_run_not_the_menu_or_the_footer() -> None:
    page = "\n".join(
        ["Menu", "Sign in", "Headline of the day", "", PROSE, "", PROSE, "", "Related", PROSE]
    )
    body = find_body(_lines(page))
    assert body is not None
    assert (body.start, body.end) == (4, 7)


def test_body_takes_in_a_short_first_sentence() -> None:
    page = "\n".join(["Headline", "", "The bridge will close.", "", PROSE, "", PROSE])
    body = find_body(_lines(page))
    assert body is not None and body.start == 2


def test_no_body_in_a_menu() -> None:
    assert find_body(_lines("Home\nNews\nSport\nWeather")) is None


def test_headline_above_skips_names_counters_and_share_rows() -> None:
    page = "\n".join(
        [
            "Bridge over the river to close for six months",
            "Jane Roe",
            "March 3, 2024",
            "12 shares",
            "",
            PROSE,
        ]
    )
    lines = _lines(page)
    assert headline_above(lines, 5, default_tz=tz.UTC) == 0


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Roe",
        "March 3, 2024",
        "Home › World",
        "Filed under:",
        "• Share",
        "BREAKING NEWS",
        "Portrait by Jane Roe",
        "US & World is sponsored by",
        "Share on Facebook",
        "Log out Sign in",
        "[Docs] [txt|pdf] [Tracker]",
        "首页 >> 教育资讯 >> 正文",
        "see more from Travel",
        "on Mar 27",
        "NewsMarketsYour MoneyTech",
        "Continue reading the main story",
    ],
)
def test_not_headline_shaped(text: str) -> None:
    assert not is_headline_shaped(text)


@pytest.mark.parametrize(
    "text",
    [
        "Six Gadgets Powered by Acme Voice Assistant",
        "iPhone sales rise for a third quarter",
        "JavaScript tools for PlayStation games",
        "Your Brain On Sad Movies, Plus 5 Films To Cry To",
    ],
)
def test_headline_shaped(text: str) -> None:
    assert is_headline_shaped(text)


def test_a_breadcrumb_ending_with_the_headline_is_not_it() -> None:
    headline = "Orchard growers turn to sheep to keep the grass down"
    page = "\n".join(
        ["Home  News  Farming  " + headline, "", headline, "", "By Jane Roe", "", PROSE]
    )
    lines = _lines(page)
    assert headline_above(lines, 6, default_tz=tz.UTC) == 2


def test_a_row_of_tags_set_apart_by_wide_gaps_is_no_headline() -> None:
    page = "\n".join(
        [
            "Farming   Magazine   Wales   Sheep",
            "",
            "Orchard growers turn to sheep to keep the grass down",
            "",
            "A flock of forty now grazes the rows between the trees",
            "",
            "By Jane Roe",
            "",
            PROSE,
        ]
    )
    # Neither the row itself nor a headline whose deck would be the real headline.
    assert headline_above(_lines(page), 8, default_tz=tz.UTC) == 2
    assert is_gap_row("Farming   Magazine   Wales   Sheep")
    assert not is_gap_row("Xbox One X review:   A console that keeps up with gaming PCs")
    assert not is_gap_row("Farming Magazine Wales Sheep")


def test_a_menu_run_together_word_by_word_is_no_headline() -> None:
    menu = "Computers Drivers Graphics Cards Linux Gaming Memory Processors Software Storage"
    headline = "Orchard Growers Turn To Sheep To Keep The Grass Down"
    page = "\n".join(["• Categories", "", menu, "", "•", "", headline, "", PROSE])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.title == headline
    assert is_word_menu(menu, stopwords("en"))
    assert not is_word_menu(headline, stopwords("en"))
    assert not is_word_menu(
        "Helter Shelter: NYC's Fallout Shelters Basically Don't Exist", stopwords("en")
    )


@pytest.mark.parametrize(
    ("above", "headline"),
    [
        # A section label over a headline that ends with "!", which only its end makes read
        # as text.
        ("Real Estate", "Take a tour inside the actor's former desert retreat — it's for sale!"),
        # A credit cut off at its slash, over the dateline.
        ("Alex Roe/\nNovember 28, 2016", "Maybe the bridge repair is more than it seems."),
    ],
)
def test_the_headline_is_not_the_label_or_credit_above_it(above: str, headline: str) -> None:
    more = "Work on the bridge is expected to take six weeks, the council said."
    page = f"{above}\n\n{headline}\n\n{PROSE}\n\n{more}"
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.title == headline
    assert found.paragraphs[0] == PROSE


def test_a_deck_under_its_headline_is_not_the_headline() -> None:
    page = "\n".join(
        [
            "World",
            "Orchard growers turn to sheep to keep the grass down",
            "",
            "A flock of forty now grazes the rows between the trees",
            "",
            "By Jane Roe",
            "",
            PROSE,
        ]
    )
    assert headline_above(_lines(page), 7, default_tz=tz.UTC) == 1
    assert is_deck_under("Orchard growers turn to sheep to keep the grass", layout_says_not=False)
    assert not is_deck_under("Tech News", layout_says_not=False)
    assert not is_deck_under("Schools close early for the heat", layout_says_not=True)


def test_echo_is_the_share_of_a_line_s_words_the_body_repeats() -> None:
    stop = stopwords("en")
    start = opening(_lines(PROSE), 0)
    assert echo("Council to close the bridge for repairs", start, stop) == 1.0
    assert echo("This story is more than two years old", start, stop) == 0.0
    assert echo("Council to close the bridge", Opening(), stop) == 0.0  # no body known
    # Unspaced scripts are compared by pairs of characters: 新し and しい of three pairs.
    start = opening(_lines("新しい駅が開業した。"), 0)
    assert echo("新しい橋", start, frozenset()) == 2 / 3


def test_the_headline_is_the_line_the_body_echoes() -> None:
    page = "\n".join(
        [
            "Six things to do in the city this weekend",
            "",
            "Local News",
            "Council to close the old bridge for repairs",
            "",
            "Share this article",
            "",
            "By Jane Roe",
            "",
            PROSE,
        ]
    )
    stop = stopwords("en")
    assert headline_above(_lines(page), 9, default_tz=tz.UTC, top_down=0, stop=stop) == 3


def test_a_repeated_notice_the_body_does_not_echo_is_no_headline() -> None:
    notice = "Your guide to the best of the city"
    page = "\n".join(
        [notice, "", "Council to close the old bridge for repairs", "", notice, "", PROSE]
    )
    stop = stopwords("en")
    assert headline_above(_lines(page), 6, default_tz=tz.UTC, stop=stop) == 2


def test_a_paragraph_said_twice_under_the_headline_is_no_repeated_headline() -> None:
    # A teaser shown again as the first paragraph: the line over it is the headline, not a
    # kicker over a headline said twice.
    headline = "Bridge to close: what the repairs mean for the villages on the river"
    teaser = " ".join([PROSE, PROSE.replace("bridge", "road"), PROSE.replace("bridge", "ferry")])
    page = "\n".join([headline, "", teaser, "", teaser])
    assert find_headline(_lines(page), 0, default_tz=tz.UTC, found=Plain()) == 0
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.title == headline
    assert found.paragraphs[0] == teaser


@pytest.mark.parametrize("repeated", ["bd", "•", "Menu"])
def test_a_line_said_twice_that_is_no_headline_makes_no_kicker(repeated: str) -> None:
    headline = "Council to close the old bridge for repairs next month"
    page = "\n".join([headline, "", repeated, "", repeated, "", "• Home", "", PROSE])
    assert find_headline(_lines(page), 0, default_tz=tz.UTC, found=Plain()) == 0


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("1 / 5", True),
        ("3 of 12", True),
        ("12 Of 40", True),
        ("1/5", False),  # a fraction or a date as much as a count
        ("Chapter 3 of 12", False),
        ("3 of 12 people said so.", False),
    ],
)
def test_a_gallery_count_is_chrome(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


def test_a_footer_word_in_the_menu_over_the_article_does_not_hide_it() -> None:
    # "• Trending" is a footer marker's word; here a menu item over the article. Counted as
    # a footer, it left a promo line above it the only body and the article unread.
    page = "\n".join(
        [
            "Watch Now: the best back to school safety tips from our consumer team, all day.",
            "",
            *("• Home", "• Trending", "• Sports", "• Weather", ""),
            *("Council to close the old bridge for repairs next month", "", "By Jane Roe", ""),
            *(PROSE, "", "Photo courtesy of the council", ""),
            *(PROSE.replace("bridge", "road"), "", "Photo courtesy of the council", ""),
            PROSE.replace("bridge", "ferry"),
        ]
    )
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.title == "Council to close the old bridge for repairs next month"
    assert found.authors == ["Jane Roe"]
    assert found.paragraphs[0] == PROSE and len(found.paragraphs) == 3


def test_a_comment_count_under_the_headline_starts_no_footer() -> None:
    # "4 Comments" opens a comments block at a page's foot; under the headline, over a short
    # article of one-sentence paragraphs, it is a link to them, and the article is read.
    short = [
        "The council voted on Tuesday to close the old bridge after engineers found cracks.",
        "Drivers will take a diversion of several miles until a temporary crossing opens.",
        "The mayor said the decision was painful but that safety had to come first.",
    ]
    page = "\n".join(
        [
            *("Council closes the old bridge", "", "Jane Roe", "March 3, 2024", "4 Comments"),
            *("", short[0], "", short[1], "", short[2]),
        ]
    )
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.title == "Council closes the old bridge"
    assert found.authors == ["Jane Roe"]
    assert found.paragraphs == short
    # At the foot of the same article it is a footer still: the comments are dropped.
    comments = "\n".join(["4 Comments", "", "Great news for the town.", "", "Not again!"])
    found = read_plain(page.replace("4 Comments", "") + "\n\n" + comments, first_line=1,
                       default_tz=tz.UTC)  # fmt: skip
    assert found.paragraphs == short


def test_past_headlines_a_long_headline_the_body_finder_took_in() -> None:
    headline = "Council will close the old bridge for repairs as the river rises again this spring"
    lines = _lines("\n".join([headline, "", "Jane Roe", PROSE, PROSE]))
    assert past_headlines(lines, 0, 5) == 3
    # A sentence the next line goes on with is text, and so is a paragraph with a full stop.
    lines = _lines(
        "\n".join(["The council said on Tuesday that the bridge", "", "would close.", PROSE])
    )
    assert past_headlines(lines, 0, 4) == 0
    lines = _lines("\n".join(["The bridge will close.", PROSE]))
    assert past_headlines(lines, 0, 2) == 0


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kim Park@kimpark", ["Kim Park"]),
        ("Kim Park @kimpark", ["Kim Park"]),
        ("Kim Park, kim@example.org", []),  # an address, not a handle
        ("Follow @kimpark", []),
        ("Breaking News @acmenews", []),
    ],
)
def test_name_with_handle(text: str, names: list[str]) -> None:
    assert name_with_handle(text) == names


def test_a_name_with_a_handle_under_the_dateline_is_the_author() -> None:
    page = "\n".join(
        [
            "Menu",
            "Markets",
            "",
            "Coal's old stronghold is losing steam",
            "",
            "Published Tue, Dec 20 2016 10:32 AM EST",
            "Kim Park@kimpark",
            "WATCH LIVE",
            "",
        ]
    )
    assert _authors(page) == ["Kim Park"]


@pytest.mark.parametrize(
    "dateline", ["December 15, 2016 3:33 PM ET", "15.05.2020, 07:11  | Lesedauer: 8 Minuten"]
)
def test_a_name_under_the_dateline_the_head_block_read_is_the_author(dateline: str) -> None:
    page = "\n\n".join(
        [
            "World",
            "Jury finds the council liable for the bridge collapse",
            dateline,
            "Rebecca Roe",
            "Twitter",
            "Enlarge this image",
            PROSE,
            "Work on the bridge is expected to take six weeks, the council said.",
        ]
    )
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == ["Rebecca Roe"]
    assert found.published is not None


_HEADLINE = "Orchard growers turn to sheep to keep the grass down"
_MORE = "Work on the bridge is expected to take six weeks, the council said."


@pytest.mark.parametrize(
    "foot",
    [
        ["written by Jane Roe"],
        ["Written  on  Mar 27 by", "Jane Roe", "Writes about farms. Likes bacon."],
        ["ABOUT THE AUTHOR", "Jane Roe", "Senior farming writer"],
    ],
)
def test_a_byline_that_signs_the_article_at_its_foot(foot: list[str]) -> None:
    page = "\n\n".join(["World", _HEADLINE, PROSE, _MORE, *foot])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == ["Jane Roe"]
    assert found.title == _HEADLINE


@pytest.mark.parametrize(
    ("head", "box"),
    [
        # Under the headline, introduced at the foot in one line.
        ([_HEADLINE, "Jane Roe"], ["Jane Roe is a staff writer at the Daily, covering farms."]),
        # Over the kicker, the name alone under an "Author" label at the foot.
        (["Jane Roe", "Farming", _HEADLINE], ["Author", "Jane Roe", "Tags: sheep, orchards"]),
        # Under the standfirst, over a line about her.
        ([_HEADLINE, PROSE, "Jane Roe"], ["Jane Roe", "She writes about farms."]),
    ],
)
def test_a_name_near_the_headline_that_the_page_introduces_is_the_author(
    head: list[str], box: list[str]
) -> None:
    page = "\n\n".join([*head, PROSE.replace("council", "mayor"), _MORE, *box])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == ["Jane Roe"]
    assert "Jane Roe" not in found.paragraphs[:3]  # the byline is no paragraph of the body


@pytest.mark.parametrize(
    ("name", "box"),
    [
        ("Donald Trump", ["Donald Trump said the plan would work."]),  # a topic, in a sentence
        ("Full Screen", ["Full Screen"]),  # a label repeated, introduced by nothing
        ("Jane Roe", ["Related", "Jane Roe", "Orchard prices fall again"]),
    ],
)
def test_a_name_near_the_headline_alone_is_no_author(name: str, box: list[str]) -> None:
    page = "\n\n".join([_HEADLINE, name, PROSE, _MORE, *box])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == []


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        (["Police clear the orchard – video", "Pia Berg and Ana Lima"], ["Pia Berg", "Ana Lima"]),
        (["Pia Berg"], ["Pia Berg"]),
    ],
)
def test_names_over_a_run_together_dateline_are_the_authors(
    head: list[str], authors: list[str]
) -> None:
    dateline = "Tue 29 Nov 2016 15.26 ESTFirst published on Tue 29 Nov 2016 07.46 EST"
    page = "\n\n".join([_HEADLINE, *head[:-1], f"{head[-1]}\n{dateline}", PROSE, _MORE])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == authors
    assert found.title == _HEADLINE
    assert found.published is not None and found.published.hour == 7  # first published


@pytest.mark.parametrize(
    ("foot", "day"),
    [
        (["Story published on Oct 5, 2022."], 5),
        (["Posted on 3 Oct 2022", "Tags: sheep"], 3),
        (["Related stories", "Posted on 3 Oct 2022"], None),  # another story's date
    ],
)
def test_a_post_s_date_at_its_foot(foot: list[str], day: int | None) -> None:
    page = "\n\n".join(["World", _HEADLINE, PROSE, _MORE, *foot])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert (found.published.day if found.published else None) == day
    # A date the head gave stands.
    page = "\n\n".join([_HEADLINE, "March 9, 2017", PROSE, _MORE, *foot])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.published is not None and found.published.date().isoformat() == "2017-03-09"


@pytest.mark.parametrize(
    ("foot", "authors"),
    [
        (
            ["Jane Roe is a staff writer at the Daily, covering farms and rural towns."],
            ["Jane Roe"],
        ),
        (["Jane Roe (she/her) is the paper's farming correspondent.", "Tags: sheep"], ["Jane Roe"]),
        (["Jane Roe is on Twitter at janeroe."], ["Jane Roe"]),
        # A sentence about someone else, with no writer's role in it.
        (["Tom Berg is the future, a left-handed bowler with room to grow."], []),
    ],
)
def test_the_note_about_the_author_at_the_foot(foot: list[str], authors: list[str]) -> None:
    page = "\n\n".join(["World", _HEADLINE, PROSE, _MORE, *foot])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == authors


def test_the_body_reaches_up_past_an_ad_slot_to_its_first_paragraph() -> None:
    first = (
        "For years the orchard was mown by hand. Every row took a morning, and there were forty."
    )
    top = ["Most popular", "• Wool prices rise", _HEADLINE, "By Jane Roe", first]
    rest = ["Advertisement\nAdvertisement", PROSE, _MORE, PROSE.replace("council", "mayor")]
    page = "\n\n".join([*top, *rest])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.paragraphs[0] == first
    assert is_ad_slot("ADVERTISEMENT") and is_ad_slot("Story continues below advertisement")
    assert not is_ad_slot("Advertising revenue fell by a third.")


def test_a_bullet_between_a_byline_label_and_the_name_is_no_author() -> None:
    head = ["World", _HEADLINE, "Share", "por\n•\nJane Roe", "1 de diciembre de 2017 3:00 AM PST"]
    page = "\n\n".join([*head, "Twitter", PROSE, _MORE])
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == ["Jane Roe"]


def test_bylines_of_other_stories_under_the_article_are_not_its_author() -> None:
    foot = ["More from Farming", "Wool prices rise for a third year", "by Kim Park"]
    page = "\n\n".join(["World", _HEADLINE, PROSE, _MORE, *foot])
    assert read_plain(page, first_line=1, default_tz=tz.UTC).authors == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sam Roe     Senior Politics Editor, The Daily", ["Sam Roe"]),
        ("Jane Roe\tStaff Writer", ["Jane Roe"]),
        ("Politics     Senior Editor", []),
        ("Jane Roe     Home", []),
        ("Sam Roe Senior Politics Editor", []),
    ],
)
def test_name_with_role(text: str, names: list[str]) -> None:
    assert name_with_role(text) == names


def test_a_name_beside_the_date_is_no_author_where_a_byline_names_one() -> None:
    headline = "Council Will Close the Old Bridge for the Spring Repairs"
    page = "\n".join(
        [
            "Acme",
            "Sign In Sign Up",
            "",
            headline,
            "",
            headline,
            "",
            "Acme",
            "Politics",
            "Who's winning, who's losing, and why.",
            "March 9 2017 4:21 PM",
            "",
            "Broken Pledge",
            "",
            "The council's promise to keep the bridge open all year has come to nothing.",
            "",
            "By Kim Park",
            "",
        ]
    )
    assert _authors(page) == ["Kim Park"]


def _authors(head: str) -> list[str]:
    """The authors read from a page of ``head`` and two paragraphs of prose under it."""
    page = "\n".join([head, PROSE, "", PROSE])
    return read_plain(page, first_line=1, default_tz=tz.UTC).authors


def test_a_dateline_of_parts_is_read_part_by_part() -> None:
    found = Plain()
    line = "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Kim Park"
    assert consume_meta(line, default_tz=tz.UTC, found=found)
    assert found.authors == ["Kim Park"]
    assert found.published is not None and found.published.hour == 13
    assert found.updated is not None and found.updated.day == 5
    # Parts of a menu, or a sentence after the outlet: no dateline.
    for text in ("Home | News | 2015 in review", "Acme | The 2015 budget rose | By Kim Park"):
        assert not consume_meta(text, default_tz=tz.UTC, found=Plain()), text


def test_a_count_of_comments_after_a_byline_s_date_is_passed_over() -> None:
    found = Plain()
    line = "Written by Kim Park in Valve on 1 June 2019 at 08:34 PM EDT. 51 Comments"
    assert consume_meta(line, default_tz=tz.UTC, found=found)
    assert found.authors == ["Kim Park"]
    assert (
        found.published is not None and found.published.isoformat() == "2019-06-01T20:34:00-04:00"
    )


def test_a_dateline_of_parts_set_apart_by_wide_gaps_names_its_author() -> None:
    found = Plain()
    assert consume_meta("Medical Daily   9/21/2016  Kim Park", default_tz=tz.UTC, found=found)
    assert found.authors == ["Kim Park"]
    assert found.published is not None and (found.published.month, found.published.day) == (9, 21)
    # Without a name, wide gaps make a row of a table or a story's foot, not a byline.
    for text in (
        "First Posted  :  November 19, 2018",
        "CNNMoney (New York)  First published November 29, 2016: 3:33 AM ET",
        "Prices rose  in 2015  by Kim Park",
    ):
        assert not consume_meta(text, default_tz=tz.UTC, found=Plain()), text


def test_past_lead_meta_a_standfirst_and_the_byline_block_under_it() -> None:
    top = f"{PROSE}\n•\nAuthor:\nJane Roe\n•\nPublished:\nMarch 3, 2024\n\n{PROSE}"
    lines = _lines(top)
    assert past_lead_meta(lines, 0, len(lines)) == 8  # the prose under the block
    by = _lines(f"{PROSE}\nBy Jane Roe\n{PROSE}")
    assert past_lead_meta(by, 0, len(by)) == 2
    # The lead picture's caption may stand between the standfirst and the byline.
    caption = _lines(f"{PROSE}\nImage\n{PROSE}\nBy Jane Roe\n• March 3, 2024\n•\n{PROSE}")
    assert past_lead_meta(caption, 0, len(caption)) == 6


@pytest.mark.parametrize(
    "text",
    [
        # Three paragraphs above the time line: a live blog's first post, not a standfirst.
        f"{PROSE}\n{PROSE}\n{PROSE}\n10:32 AM\n{PROSE}",
        # A label and a name, but no byline or date: nothing to pass.
        f"{PROSE}\n•\nShare\n{PROSE}",
        # The block is not followed by prose.
        f"{PROSE}\nBy Jane Roe\nMore stories",
    ],
)
def test_past_lead_meta_leaves_the_body_as_found(text: str) -> None:
    lines = _lines(text)
    assert past_lead_meta(lines, 0, len(lines)) == 0


def test_date_nearby_is_a_whole_dateline_near_the_headline_or_the_body_top() -> None:
    headline = "Council will close the old bridge"
    text = "\n".join([headline, PROSE, "Share", "Dec. 13, 2016, 12:31 PM UTC", PROSE, PROSE])
    lines = _lines(text)
    found = Plain()
    date_nearby(lines, 1, 2, default_tz=tz.UTC, found=found)
    assert found.published is not None and (found.published.day, found.published.hour) == (13, 12)
    # A date inside a sentence is the story's, not the page's.
    said = "The council said on March 3, 2024 that the bridge would close."
    found = Plain()
    date_nearby(
        _lines("\n".join([headline, PROSE, said, PROSE])), 1, 2, default_tz=tz.UTC, found=found
    )
    assert found.published is None
    # Twenty lines into the body and beyond: a date of something else (a related story).
    far = [headline, *[PROSE] * 22, "March 3, 2024"]
    found = Plain()
    date_nearby(_lines("\n".join(far)), 1, 2, default_tz=tz.UTC, found=found)
    assert found.published is None


def test_the_dateline_above_the_headline_is_read() -> None:
    lines = _lines("\n".join(["• Home", "March 3, 2024", "", "Council to close the bridge"]))
    found = Plain()
    read_meta_above(lines, 3, default_tz=tz.UTC, found=found)
    assert found.published is not None and found.published.day == 3
    found = Plain()  # a date further up, over a line that is none, belongs to something else
    lines = _lines("\n".join(["March 3, 2024", "Six things to do", "Council to close the bridge"]))
    read_meta_above(lines, 2, default_tz=tz.UTC, found=found)
    assert found.published is None


@pytest.mark.parametrize(
    ("text", "names", "date"),
    [
        ("Kim Park - Apr 16, 2023 8:02 pm UTC", ["Kim Park"], "Apr 16, 2023 8:02 pm UTC"),
        ("by  Lena Ortiz  January 18, 2023", ["Lena Ortiz"], "January 18, 2023"),
        ("October 12, 2023 by Ruth Kemp", ["Ruth Kemp"], "October 12, 2023"),
        ("Posted by Omar Haddad on March 3, 2024", ["Omar Haddad"], "March 3, 2024"),
        ("Posted on March 3, 2024 by Omar Haddad", ["Omar Haddad"], "March 3, 2024"),
        ("Published on 3 March 2024 at 09:11 by Ana Lima.", ["Ana Lima"], "3 March 2024 at 09:11"),
        ("Posted on March 3, 2024 by admin", [], "March 3, 2024"),  # WordPress's default
        # A blog's category beside the date.
        ("Posted in News on March 3, 2024 by Omar Haddad", ["Omar Haddad"], "March 3, 2024"),
        ("Posted on March 3, 2024 in Local News by Omar Haddad", ["Omar Haddad"], "March 3, 2024"),
        ("by Omar Haddad on Mar 3, 2024 in News", ["Omar Haddad"], "on Mar 3, 2024"),
        ("March 3, 2024 in Politics by Ruth Kemp", ["Ruth Kemp"], "March 3, 2024"),
        ("• By Jane Roe", ["Jane Roe"], None),
        ("Analysis by Jane Roe", ["Jane Roe"], None),
        ("11/04/2023 | Nils Berg", ["Nils Berg"], "11/04/2023"),
        ("Lena Ortiz/November 18, 2023", ["Lena Ortiz"], "November 18, 2023"),
        ("Ana Lima•October 3, 2023", ["Ana Lima"], "October 3, 2023"),
        ("By Ana Lima on October 3, 2023", ["Ana Lima"], "on October 3, 2023"),
        ("Kim Park · Acme News · Posted: March 3, 2024", ["Kim Park"], "March 3, 2024"),
        ("Kim Park / AN / Updated: Oct 9, 2023, 11:05 IST", ["Kim Park"], "Oct 9, 2023, 11:05 IST"),
        ("By Kim Park | Staff Writer | Updated May 2, 2024", ["Kim Park"], "May 2, 2024"),
        ("Kim Park | Posted on March 3, 2024", ["Kim Park"], "March 3, 2024"),
        # What follows the date and says nothing of who or when: a read time, counts, and
        # a blog's categories.
        ("Kim Park · March 3, 2024 · 5 min read", ["Kim Park"], "March 3, 2024"),
        ("Kim Park | March 3, 2024 | 12 Comments", ["Kim Park"], "March 3, 2024"),
        ("by Kim Park | Mar 3, 2024 | News, Politics | 0 comments", ["Kim Park"], "Mar 3, 2024"),
        # "By" run into the name (an icon's label lost its space), and a name that only
        # begins with those letters.
        ("ByLena Ortiz    Dec 9, 2016", ["Lena Ortiz"], "Dec 9, 2016"),
        ("Byron Kemp, Dec 9, 2016", ["Byron Kemp"], "Dec 9, 2016"),
    ],
)
def test_name_and_date_shapes(text: str, names: list[str], date: str | None) -> None:
    assert parse_name_date(text) == (names, date)


def test_a_blog_byline_that_names_its_category_first_is_no_tag_line() -> None:
    page = "\n".join(
        [
            *("Council to close the old bridge", ""),
            *("Posted in News on March 3, 2024 by Omar Haddad", ""),
            *(PROSE, "", PROSE.replace("bridge", "road")),
        ]
    )
    found = read_plain(page, first_line=1, default_tz=tz.UTC)
    assert found.authors == ["Omar Haddad"]
    assert found.published is not None and found.published.day == 3
    assert found.paragraphs[0] == PROSE


@pytest.mark.parametrize(
    "text",
    [
        "The company said on March 3, 2024 that it would",
        "Prices rose - March 3, 2024",
        "Written by hand on the back of a card",
        "March 3, 2024 | Prices rose again",
        "Input/output fell in March 2024",
        "New Tablet Rumored for March of 2024",
        "Home · World · March 3, 2024",
        "Home / World / March 3, 2024",
        "Posted on the wall by the door",
        "Posted on March 3 by the council",
        "Posted in 2024 by the council in Paris",
        "Kim Park · 12 comments · March 3, 2024",
        "Prices rose · March 3, 2024 · 5 min read",
        "Kim Park | Politics | 0 comments",
    ],
)
def test_prose_is_no_name_and_date(text: str) -> None:
    assert parse_name_date(text) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("• Pia Berg", ["Pia Berg"]),
        ("Ana Lima, @analima", ["Ana Lima"]),
        ("Buy the book", []),
        ("Five words are too many here", []),
        ("Log In Subscribe", []),
        ("Lena OrtizStaff Writer", ["Lena Ortiz"]),
        ("Ana LimaTwitterEmail", ["Ana Lima"]),
        ("Kate MacKenzie", ["Kate MacKenzie"]),
        ("Kate MacKenzie/", ["Kate MacKenzie"]),  # the separator before the date under it
        ("Kate MacKenzie |", ["Kate MacKenzie"]),
        # Longer, only as two whole names or more.
        ("Julia Carrie Wong and Sam Levin", ["Julia Carrie Wong", "Sam Levin"]),
        ("Pia Berg, Ana Lima and Kate MacKenzie", ["Pia Berg", "Ana Lima", "Kate MacKenzie"]),
        ("Trump and Clinton Meet Today", []),
        ("Five words are too many and so are these", []),
    ],
)
def test_bare_name(text: str, names: list[str]) -> None:
    assert bare_name(text) == names


@pytest.mark.parametrize(
    ("text", "label"),
    [("By", True), ("Author:", True), ("Publish date:", True), ("Share this:", True)],
)
def test_value_label(text: str, label: bool) -> None:
    assert is_value_label(text) is label


@pytest.mark.parametrize(
    "text", ["The council said on Monday:", "Photos: 12", "Authors of the report"]
)
def test_not_a_value_label(text: str) -> None:
    assert not is_value_label(text)


def test_a_name_alone_is_a_byline_only_beside_a_date_or_read_time() -> None:
    block = ["Ana Lima", "Oct 18, 2023 · 8 min read", "Listen", "Tom Hale", "Share"]
    assert is_name_by_meta(block, 0)
    assert not is_name_by_meta(block, 3)


def test_clean_text_needs_no_body_search() -> None:
    clean = _lines(f"Bridge to close for repairs\n\nBy Jane Roe\n\n{PROSE}\n\n{PROSE}")
    assert clean_body(clean, 0) == Body(4, 5)
    page = _lines(f"Menu\nBridge to close for repairs\n12 shares\n\n{PROSE}\n\n{PROSE}")
    assert clean_body(page, 1) is None


def test_footer_is_a_run_of_links_not_a_list_the_article_introduces() -> None:
    links = ["Council agenda for June", "Pool opening hours", "Road works on Mill Lane"]
    page = _lines("\n".join([PROSE, "", *links, "", PROSE]))
    assert footer_start(page, Body(0, 1)) == 2
    listed = _lines("\n".join([PROSE, "The roads that close are:", *links]))
    assert footer_start(listed, Body(0, 1)) == len(listed)


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("In this file photo, a ferry leaves the harbour.", True),
        ("Media caption Mr Obama told the BBC about it", True),
        ("Above: the harbour wall after the storm.", True),
        ("Volunteers unload supplies on Monday. (Jane Roe / AP)", True),
        ("A man waves. (AP Photo/John Doe)", True),
        ("Crowds at the gate.  Credit Jane Roe/Agency", True),
        ("The old market at dusk, from the bridge Jane Roe/City Archive", True),
        ("A ferry in the harbour - John Doe/Harbour Trust", True),
        ("Readers in the reading room. (Jane Roe/Daily Photo)", True),
        ("Back in black: the return of AC/DC", False),
        ("Why the council chose the north/south route", False),
        ("Prices rose 3% (source: Reuters).", False),
        ("The credit card company said it would cut fees via its app.", False),
        ("The company said the photo was taken in March.", False),
    ],
)
def test_caption(text: str, caption: bool) -> None:
    assert is_caption(text) is caption


def test_a_footer_found_above_the_headline_never_cuts_it_off() -> None:
    # Found by the loader fuzz target: the clean-text footer search stopped above the
    # headline line the top-down search had picked, and reading it raised IndexError.
    body = "\n".join(
        [
            "title = " + "[" * 150,
            "Tech",
            "Council opens the river bridge after ten",
            "Council opens the river bridge after ten years of del?ays",
            "Something is loading.",
            "Loading",
            "Read next",
        ]
    )
    found = read_plain(body, first_line=1, default_tz=tz.UTC)
    assert found.title == "Council opens the river bridge after ten"


def test_a_headline_found_above_the_body_is_kept_whole() -> None:
    # Two sentences read as prose from the top; above a body, the line is the headline.
    headline = (
        "Will the old bridge over the river close this spring? "
        "Council says ‘the repairs simply cannot wait any longer’"
    )
    body = "\n".join(["• 3", "", "• 0", "", headline, "", "Jane Roe", "", PROSE, "", PROSE])
    found = read_plain(body, first_line=1, default_tz=tz.UTC)
    assert found.title == headline
    assert found.paragraphs[0] == PROSE


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("March 15, 20233:33 PM ET", ["March 15, 2023 3:33 PM ET"]),
        (
            "Published May 4, 2023Last updated June 1, 2023",
            ["Published May 4, 2023", "Last updated June 1, 2023"],
        ),
        (
            "Tue 9 May 2023 15.26 ESTFirst published on Tue 9 May 2023",
            ["Tue 9 May 2023 15.26 EST", "First published on Tue 9 May 2023"],
        ),
        ("By Kim Park May 4, 2023 2:00 PMTags", ["By Kim Park May 4, 2023 2:00 PM", "Tags"]),
        ("The 2023 budget rose", None),
        ("May 4, 2023", None),
        ("Talks end at 2:00 PM Tuesday in 2023", None),
    ],
)
def test_unglue_dateline(text: str, parts: list[str] | None) -> None:
    assert unglue_dateline(text) == parts


def test_a_dateline_run_together_is_read_and_the_earlier_date_is_published() -> None:
    found = Plain()
    assert consume_meta("June 1, 2023May 4, 2023 by Ana Lima", default_tz=tz.UTC, found=found)
    assert found.authors == ["Ana Lima"]
    assert found.published is not None and found.published.month == 5
    assert found.updated is not None and found.updated.month == 6
