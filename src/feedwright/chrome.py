"""Page chrome: whole lines a scraper copied from the page around the article.

Each rule below looks at one whole line and says whether it is chrome; :func:`is_chrome` is
true when any rule is. A rule never matches a sentence that merely mentions such words
("Share prices fell", "Advertisement revenue rose"): labels must be the whole line, and the
longer patterns are anchored and bounded in length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Trimmed from both ends of a line before it is compared with the labels.
_TRIM = " \t:.|>»›→←·•-–—*#…"
# Whole-line UI labels, compared case-insensitively after trimming punctuation and arrows.
_LABELS = frozenset(
    label.strip().strip(_TRIM)
    for label in (
        # navigation and account
        "close, menu, search, sign in, sign out, log in, login, log out, register, subscribe, "
        "subscribed, skip to main content, skip to content, skip navigation, skip to navigation, "
        "main menu, home, homepage, toggle navigation, navigation, open menu, close menu, back "
        "to top, top, open navigation menu, my account, account, profile, edition, jump to, "
        "main content, skip to main, go to content, schließen, fermer, cerrar, chiudi, fechar, "
        "закрыть, закрити, إغلاق, סגור, 关闭, 閉じる, 닫기, zamknij, sluiten, stäng, luk, lukk, "
        "sulje, kapat, ปิด, đóng, tutup, zavřít, bezárás, "
        # sharing
        "share, share this, share this article, share this story, share article, share on "
        "facebook, share on twitter, share on x, share on linkedin, share on whatsapp, share via "
        "email, share via e-mail, copy link, copy url, link copied, email, e-mail, print, tweet, "
        "facebook, twitter, x, whatsapp, linkedin, reddit, pinterest, flipboard, telegram, "
        "messenger, threads, bluesky, mastodon, share full article, "
        # ads and placeholders
        "advertisement, advertising, ad, ads, sponsored, sponsored content, paid content, "
        "promoted, partner content, story continues below, story continues below advertisement, "
        "article continues below, article continues below advertisement, continue reading below, "
        "scroll to continue, scroll to continue with content, content continues below, "
        "something is loading, loading, loading..., please wait, "
        # reading and media controls
        "continue reading, read more, show more, load more, see more, read full article, "
        "view comments, comments, comment, add comment, leave a comment, join the conversation, "
        "sign in to comment, log in to comment, listen, listen to article, listen to this "
        "article, play video, watch video, watch now, watch, audio, video, photo gallery, open "
        "image, view image, enlarge, expand, collapse, font size, text size, dark mode, "
        "previous, next, next article, previous article, view in app, open in app, download the "
        "app, get the app, save, saved, save article, save for later, gift article, gift this "
        "article, bookmark, add to favourites, add to favorites, follow, following, unfollow, "
        "listen to this story, listen to the article, guest essay, analysis, opinion, "
        "explainer, exclusive, live, breaking, breaking news, news, world, "
        "published, updated, "
        # video players
        "playback rate, audio track, chapters, descriptions, captions, subtitles, quality, "
        "quality levels, fullscreen, non-fullscreen, exit fullscreen, mute, unmute, play, pause, "
        "replay, skip ad, play video, close modal dialog, this is a modal window, end of dialog "
        "window, video player is loading, no compatible source was found for this media, live, "
        "reset, done, "
        # blog software (WordPress and friends)
        "share this, like this, like, like loading..., leave a reply, leave a comment, cancel "
        "reply, post comment, reply, comments are closed, previous post, next post, post "
        "navigation, posted in, "
        # cookie banners
        "accept, accept all, accept all cookies, accept cookies, reject all, manage cookies, "
        "cookie settings, manage preferences, i agree, agree, ok, got it, "
        # footer headings (also footer markers)
        "most read, most popular, trending, related, related articles, related stories, "
        "recommended, you may also like, more stories, more on this story, topics, tags, follow "
        "us, newsletter, newsletters, sign up, get the newsletter, privacy policy, terms of use, "
        "terms of service, contact us, about us, "
        # the same in the other languages we see most
        "menü, suche, anmelden, abmelden, abonnieren, teilen, artikel teilen, drucken, werbung, "
        "anzeige, kommentare, mehr zum thema, startseite, "
        "rechercher, se connecter, s'abonner, partager, imprimer, publicité, commentaires, "
        "accueil, lire plus, offrir cet article, partager cet article, lire plus tard, "
        "ajouter à vos sélections, "
        "buscar, iniciar sesión, suscríbete, compartir, imprimir, publicidad, comentarios, "
        "inicio, "
        "cerca, accedi, abbonati, condividi, stampa, pubblicità, commenti, "
        "compartilhar, assine, entrar, publicidade, anuncio, reklama, advertentie, annons, "
        "annonce, mainos, reklam, iklan, quảng cáo, โฆษณา, hirdetés, "
        "поиск, войти, подписаться, поделиться, реклама, комментарии, главная, "
        "поділитися, реклама, "
        "شارك, مشاركة, إعلان, بحث, "
        "שתפו, שתף, פרסומת, "
        "分享, 广告, 搜索, 登录, 返回首页, "
        "シェア, 広告, ログイン, "
        "공유, 광고, 로그인"
    ).split(",")
)
# Labels with a comma in them (the list above is split on commas).
_COMMA_LABELS = frozenset(
    {
        "descriptions off, selected",
        "captions off, selected",
        "subtitles off, selected",
        "captions settings, opens captions settings dialog",
        "subtitles settings, opens subtitles settings dialog",
    }
)
_LONGEST_CHROME = 400
_PREFIXED = re.compile(
    r"^(?:read more|read next|also read|read also|see also|more from|more on|related|"
    r"related coverage|related article|related story|related content|recommended|must read|"
    r"don't miss|do not miss|trending|popular|advertisement|sponsored|watch|listen|video|"
    r"photo|photos|image|images|picture|pictures|credit|credits|caption|image source|"
    r"image caption|media caption|video caption|source|our standards|"
    r"lesen sie auch|lesen sie mehr|mehr dazu|auch interessant|lire aussi|à lire aussi|"
    r"voir aussi|lee también|leer más|te puede interesar|leggi anche|leia também|"
    r"читайте также|читайте также|смотрите также|читайте також|اقرأ أيضا|اقرأ أيضاً)"
    r"\s*[:|>»›,\-–—]",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|get|join|register|click here|tap here|download|want|enter your "
    r"email|never miss)\b.{0,120}\b(?:newsletters?|inbox|our app|sign up|subscribe|"
    r"briefing|delivered)\b[^.]{0,80}[.!?]?$",
    re.IGNORECASE,
)
_PITCH_WORDS = re.compile(r"\b(?:our|free|here|your inbox|today)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,200}$|all rights reserved\.?$", re.I)
_COOKIES = re.compile(
    r"^(?:we(?: and our partners)? use|(?:this|our) (?:web)?site uses) cookies\b", re.IGNORECASE
)
_COOKIE_BUTTON = re.compile(r"\bcookies?\b", re.IGNORECASE)
_MEDIA_CREDIT = re.compile(
    r"^[(\[]?(?:photo|photograph|image|picture|pic|illustration|file photo|foto|bild|фото|"
    r"صورة|תמונה|צילום|写真|图片|圖片|사진)s?(?:\s+(?:credit|source))?\s*[:：/,|]\s*.{1,80}$|"
    r"^\((?:photo|image|picture|getty|ap|afp|reuters|epa|shutterstock)[^)]{0,80}\)$|"
    r"^(?:photo(?:graph)?|picture|illustration|video|graphic)s? by\s[^.!?]{1,80}$",
    re.IGNORECASE,
)
_PHOTO_AGENCIES = (
    r"getty images|getty|reuters|ap photo|ap|afp|epa|epa-efe|efe|shutterstock|alamy|"
    r"bloomberg|anadolu(?: agency)?|nurphoto|sopa images|lightrocket|picture alliance|"
    r"picture-alliance|dpa|imago|sputnik|kcna|xinhua|tass|istock|istockphoto|stringer|"
    r"contributor|pool|handout|corbis|wireimage|filmmagic|zuma press|zuma wire|yonhap|kyodo|"
    r"abaca|pa media|pa wire|pa images|unsplash|pexels|wikimedia commons|"
    r"universal images group|courtesy of [^/]{2,40}"
)
_CREDIT_NAME = r"[^\W\d_][\w.'’\- ]{0,40}"
_CREDIT = (
    rf"(?:{_CREDIT_NAME}\s*/\s*)?(?:{_PHOTO_AGENCIES})(?:\s*/\s*{_CREDIT_NAME})*"
    rf"(?:\s+(?:via|for)\s+(?:{_PHOTO_AGENCIES}))?"
)
_CREDIT_ONLY = re.compile(rf"^\(?(?:(?:photo|image|picture)s?:?\s*)?{_CREDIT}\)?\.?$", re.I)
_CAPTION_WITH_CREDIT = re.compile(
    rf"^.{{1,300}}?[.!?”\"]\s+\(?(?:(?:photo|image|picture)s?:?\s*)?{_CREDIT}\)?\.?$",
    re.IGNORECASE,
)
_READ_TIME = re.compile(
    r"^(?:(?:estimated\s+)?reading time:?\s*|(?:temps de )?lecture\s*:?\s*|lesezeit\s*:?\s*|"
    r"tiempo de lectura\s*:?\s*|время чтения\s*:?\s*)?\d{1,3}\s*-?\s*"
    r"(?:min(?:ute)?s?|mins?|minuten|мин)\.?"
    r"(?:\s+(?:read|reading|to read|de lecture|lesezeit|de lectura|di lettura))?\.?$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:about\s+)?(?:\d+|an?|one)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)\s+ago$|"
    r"^(?:just now|vor\s+\d+\s+(?:minuten|stunden|tagen)|il y a\s+\d+\s+(?:minutes|heures|"
    r"jours)|hace\s+\d+\s+(?:minutos|horas|días))$",
    re.IGNORECASE,
)
_TAG_LINE = re.compile(
    r"^(?:tags|tagged|topics|filed under|posted in|categories|themen|sujets)\b\s*:?\s+\S",
    re.IGNORECASE,
)
_TWEET_SIGNATURE = re.compile(
    r"^[—–-]\s*[^()]{1,60}\(@\w{1,15}\)\s+\w+\.? \d{1,2},? \d{4}$|^pic\.twitter\.com/\w+$"
)
# What a video player (Video.js, JW Player) leaves in scraped text: its labels are in
# _LABELS; these are the ones that carry a value.
_PLAYER = re.compile(
    r"^(?:current time|duration|remaining time)\s*-?(?:\d{1,2}:\d{2}(?::\d{2})?|-:-)$|"
    r"^(?:loaded|progress):?\s*\d{1,3}(?:\.\d+)?\s*%$|^stream type\s+live$|"
    r"^seek to live, currently (?:behind|playing) live$|"
    r"^(?:text|text background|caption area background|window) colou?r\b.{0,200}"
    r"\b(?:opaque|transparent|transparency)\b|"
    r"^(?:font size|font family|text edge style)\b.{0,200}(?:\d+%|\bnone\b|\bserif\b)|"
    r"^reset\b.{0,40}\bdefault values\b|^the media could not be loaded\b|"
    r"^beginning of dialog window\b|^-?\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
    r"^\d(?:\.\d+)?x$",
    re.IGNORECASE,
)
_SIGN_UP_FINE_PRINT = re.compile(
    r"^(?:by (?:clicking|tapping|pressing) [\"“'‘]?(?:sign up|subscribe|submit|continue|register|"
    r"i agree|accept|join)\b.{0,200}\b(?:terms|privacy)\b|by (?:signing up|subscribing|"
    r"registering)\b.{0,200}\b(?:terms|privacy)\b|"
    r"thanks? (?:you )?for (?:signing up|subscribing)\b|email address\s*\*?$|"
    r"\(?opens in (?:a )?new (?:window|tab)\)?$|you can opt.out at any time\b)",
    re.IGNORECASE,
)
_CLICK_HERE = re.compile(
    r"^(?:click|tap) here\b|^click to (?:share|email|print|tweet)\b|"
    r"^your email address will not be published\b|^required fields are marked\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"^\d+\s+(?:comments?|replies|shares|views|reactions)$", re.IGNORECASE)
_NAV_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s+[>›»/]\s+")
_BREADCRUMB_ARROW = re.compile(r"\s[>›»]\s")
_BRACKETED = re.compile(r"^(?:【[^】]{1,8}】|\[[^\]]{1,12}\]|［[^］]{1,8}］)$")
_ROW_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_FOOTER_MARKERS = re.compile(
    r"^(?:comments?|\d+\s+comments?|related(?: articles| stories| content| coverage| topics"
    r"| links| reading)?|more from .{1,40}|more stories|more news|most read|most viewed|"
    r"most popular|recommended(?: for you| stories| articles)?|you may also like|"
    r"you might also like|topics|tags|read next|trending(?: now)?|what to read next|"
    r"more on this story|more on this topic|follow us.*|about the author|latest news|"
    r"top stories|mehr zum thema|das könnte sie auch interessieren|à lire aussi|sur le même "
    r"sujet|noticias relacionadas|te puede interesar|читайте также|похожие новости|"
    r"相关新闻|相关阅读|関連記事)\s*:?$",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(
    r"^(?:\(?\s*)(?:(?:additional\s+)?reporting|writing|editing|compiled|translated|"
    r"translation|produced|graphics|research)\s+by\s+.{2,200}$",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    return " ".join(line.strip().strip(_TRIM).split()).casefold()


def is_label(line: str) -> bool:
    """``Menu``, ``Share this article``, ``Advertisement``: a UI label alone on its line."""
    key = _key(line)
    if not any(c.isalnum() for c in key):
        return bool(line.strip())  # "•", "|", "* * *", "___", "———": rules and separators
    return key in _LABELS or key in _COMMA_LABELS


def is_prefixed_link(line: str) -> bool:
    """``Read more: ...``, ``RELATED: ...``, ``Image caption, ...``: a link or caption line."""
    return len(line) <= 220 and bool(_PREFIXED.match(_key(line)))


def is_newsletter_pitch(line: str) -> bool:
    """``Sign up for our morning newsletter ...``."""
    text = line.strip()
    return len(text) <= 240 and bool(_NEWSLETTER.match(text) and _PITCH_WORDS.search(text))


def is_copyright(line: str) -> bool:
    """``© 2024 Example News``, ``Copyright 2022 Nexstar Media Inc. All rights reserved.``."""
    return bool(_COPYRIGHT.match(line.strip()))


def is_cookie_notice(line: str) -> bool:
    """``We use cookies to improve your experience ...``, ``Cookie settings``."""
    text = line.strip()
    if len(text.split()) <= 4 and not text.endswith("."):
        return bool(_COOKIE_BUTTON.search(text))  # "Accept all cookies", "Cookie settings"
    return len(text) <= 320 and bool(_COOKIES.match(text))


def is_media_credit(line: str) -> bool:
    """``Photo: Jane Roe/Reuters``, ``(Getty Images)``: a picture's credit."""
    return bool(_MEDIA_CREDIT.match(line.strip())) or is_credit_only(line)


def is_credit_only(line: str) -> bool:
    """``Justin Sullivan/Getty Images``, ``KCNA via REUTERS``: a credit alone on its line."""
    return bool(_CREDIT_ONLY.match(line.strip()))


def is_captioned_credit(line: str) -> bool:
    """``Elvira Nabiullina, the governor. REUTERS/Maxim Shemetov``: a caption and its credit."""
    text = line.strip()
    return len(text) <= 400 and bool(_CAPTION_WITH_CREDIT.match(text))


def is_read_time(line: str) -> bool:
    """``3 min read``, ``Lecture 3 min.``, ``Reading time: 4 minutes``."""
    return bool(_READ_TIME.match(line.strip()))


def is_relative_time(line: str) -> bool:
    """``Updated 3 hours ago``, ``vor 2 Stunden``: a date that only a clock could resolve."""
    return bool(_RELATIVE_TIME.match(line.strip().strip(_TRIM)))


def is_tag_line(line: str) -> bool:
    """``Tags Joe Biden midterms Poll``, ``Topics: Energy, Climate``."""
    text = line.strip()
    return (
        len(text.split()) <= 14
        and not text.endswith((".", "!", "?", "”", '"'))
        and bool(_TAG_LINE.match(text))
    )


def is_counter(line: str) -> bool:
    """``14 comments``, ``2.1k shares``."""
    return bool(_COUNT.match(line.strip()))


def is_embed_trace(line: str) -> bool:
    """``— Jane Roe (@janeroe) March 2, 2021``: what an embedded post leaves behind."""
    return bool(_TWEET_SIGNATURE.match(line.strip()))


def is_click_here(line: str) -> bool:
    """``Click here to ...``, ``Click to share on X (Opens in new window)``: link text."""
    text = line.strip()
    return len(text.split()) <= 25 and bool(_CLICK_HERE.match(text))


def is_player_control(line: str) -> bool:
    """``Current Time 0:00``, ``Playback Rate``, ``This is a modal window.``: a video player."""
    text = line.strip()
    return len(text) <= 160 and bool(_PLAYER.match(text))


def is_sign_up_fine_print(line: str) -> bool:
    """``By clicking "Sign Up", you accept our Terms of Service ...``, ``Email address``."""
    text = line.strip()
    return len(text) <= 260 and bool(_SIGN_UP_FINE_PRINT.match(text))


def is_nav_row(line: str) -> bool:
    """``Privacy Policy | Terms of Use | Contact Us``, ``Home > World > Europe``."""
    text = line.strip()
    items = [i for i in _NAV_SEPARATOR.split(text) if i]
    # Arrows only ever separate breadcrumbs, so two items are enough with them.
    needed = 2 if _BREADCRUMB_ARROW.search(text) else 3
    return len(items) >= needed and all(
        len(i.split()) <= 4 and len(i) <= 40 and not i.endswith((".", "!", "?")) for i in items
    )


def is_bracketed_link(line: str) -> bool:
    """``【纠错】``, ``[Edit]``, ``(Watch)``: a short link label in brackets, alone on its line."""
    return bool(_BRACKETED.match(line.strip()))


def is_chrome_row(line: str) -> bool:
    """``Listen to this article · 5 min``: several chrome items on one line."""
    parts = [p for p in _ROW_SEPARATOR.split(line.strip()) if p]
    return len(parts) >= 2 and all(
        is_label(p) or is_read_time(p) or is_relative_time(p) or is_counter(p) for p in parts
    )


CHROME_RULES: tuple[Callable[[str], bool], ...] = (
    is_label,
    is_prefixed_link,
    is_newsletter_pitch,
    is_copyright,
    is_cookie_notice,
    is_media_credit,
    is_captioned_credit,
    is_read_time,
    is_relative_time,
    is_tag_line,
    is_counter,
    is_nav_row,
    is_chrome_row,
    is_embed_trace,
    is_click_here,
    is_player_control,
    is_sign_up_fine_print,
    is_bracketed_link,
)


def is_chrome(line: str) -> bool:
    """True when the whole line is page chrome, never for a sentence that mentions it."""
    if not line.strip() or len(line) > _LONGEST_CHROME:
        return False  # every rule is bounded; a long line is article text
    return any(rule(line) for rule in CHROME_RULES)


def is_footer_marker(line: str) -> bool:
    """True for a line that opens a block of related links, comments or tags."""
    return bool(_FOOTER_MARKERS.match(line.strip().strip(_TRIM)))


def is_credit_line(line: str) -> bool:
    """``Reporting by A; Editing by B``: the production credits at the foot of wire copy."""
    return bool(_WIRE_CREDIT.match(line.strip()))
