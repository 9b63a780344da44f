"""Whole-line UI labels (``Menu``, ``Share this article``): chrome when alone on a line.

The vocabulary of :func:`feedwright.loader.plain.chrome.is_label`, kept apart from the rules.
"""

from __future__ import annotations

# Trimmed from both ends of a line before it is compared with the labels.
TRIM = " \t:.|>»›→←·•-–—*#…"


def _vocabulary(text: str) -> frozenset[str]:
    """The comma-separated labels of ``text``, trimmed and casefolded like the lines they are
    compared with ("Schließen" -> "schliessen")."""
    return frozenset(label.strip().strip(TRIM).casefold() for label in text.split(","))


# What stands where an ad was, the article going on on both sides of it.
AD_SLOT_LABELS = _vocabulary(
    "advertisement, advertising, ad, ads, story continues below, story continues below "
    "advertisement, article continues below, article continues below advertisement, continue "
    "reading below, content continues below, werbung, anzeige, publicité, publicidad, "
    "pubblicità, publicidade, anuncio, reklama, advertentie, annons, annonce, mainos, reklam, "
    "iklan, quảng cáo, โฆษณา, hirdetés, реклама, إعلان, פרסומת, 广告, 広告, 광고"
)
# Whole-line UI labels, compared case-insensitively after trimming punctuation and arrows.
LABELS = AD_SLOT_LABELS | _vocabulary(
    # navigation and account
    "close, menu, search, sign in, sign out, log in, login, log out, register, subscribe, "
    "subscribed, skip to main content, skip to content, skip navigation, skip to navigation, "
    "main menu, home, homepage, toggle navigation, navigation, open menu, close menu, back "
    "to top, top, open navigation menu, my account, account, profile, edition, jump to, main "
    "content, skip to main, go to content, schließen, fermer, cerrar, chiudi, fechar, "
    "закрыть, закрити, إغلاق, סגור, 关闭, 閉じる, 닫기, zamknij, sluiten, stäng, luk, lukk, sulje, "
    "kapat, ปิด, đóng, tutup, zavřít, bezárás, "
    # sharing
    "share, share this, share this article, share this story, share article, share on "
    "facebook, share on twitter, share on x, share on linkedin, share on whatsapp, share via "
    "email, share via e-mail, copy link, copy url, link copied, email, e-mail, print, tweet, "
    "facebook, twitter, x, whatsapp, linkedin, reddit, pinterest, flipboard, telegram, "
    "messenger, threads, bluesky, mastodon, share full article, share on flipboard, share on "
    "reddit, share on pinterest, share on telegram, share on threads, share on bluesky, "
    "share on mastodon, share on messenger, share by email, share by e-mail, share on, share "
    "via, share by sms, share via sms, "
    # ads and placeholders
    "sponsored, sponsored content, paid content, promoted, partner content, scroll to "
    "continue, scroll to continue with content, something is loading, loading, loading..., "
    "please wait, "
    # reading and media controls
    "continue reading, read more, show more, load more, see more, read full article, view "
    "comments, comments, comment, add comment, leave a comment, join the conversation, sign "
    "in to comment, log in to comment, listen, listen to article, listen to this article, "
    "play video, watch video, watch now, watch, audio, video, photo gallery, open image, "
    "view image, image, images, photo, photos, gallery, enlarge, expand, collapse, "
    "notifications, font size, text size, dark mode, previous, next, next article, previous "
    "article, view in app, open in app, download the app, get the app, save, saved, save "
    "article, save for later, save this story, save this story for later, save story, save "
    "this article, gift article, gift this article, bookmark, add to favourites, add to "
    "favorites, follow, following, unfollow, listen to this story, listen to the article, "
    "guest essay, analysis, opinion, explainer, exclusive, live, breaking, breaking news, "
    "news, world, published, updated, "
    # video players
    "playback rate, audio track, chapters, descriptions, captions, subtitles, quality, "
    "quality levels, fullscreen, non-fullscreen, exit fullscreen, mute, unmute, play, pause, "
    "replay, skip ad, play video, close modal dialog, this is a modal window, end of dialog "
    "window, video player is loading, no compatible source was found for this media, live, "
    "reset, done, now watching, video not available, video unavailable, captions not available, "
    "captions will look like this, closed caption settings, "
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
    "menü, suche, anmelden, abmelden, abonnieren, teilen, artikel teilen, drucken, "
    "kommentare, mehr zum thema, startseite, rechercher, se connecter, s'abonner, partager, "
    "imprimer, commentaires, accueil, lire plus, offrir cet article, partager cet article, "
    "lire plus tard, ajouter à vos sélections, buscar, iniciar sesión, suscríbete, "
    "compartir, imprimir, comentarios, inicio, cerca, accedi, abbonati, condividi, stampa, "
    "commenti, compartilhar, assine, entrar, поиск, войти, подписаться, поделиться, "
    "комментарии, главная, поділитися, شارك, مشاركة, بحث, שתפו, שתף, "
    "分享, 搜索, 登录, 返回首页, シェア, ログイン, 공유, 로그인"
)
# Labels with a comma in them (the list above is split on commas).
COMMA_LABELS = frozenset(
    {
        "descriptions off, selected",
        "captions off, selected",
        "subtitles off, selected",
        "captions settings, opens captions settings dialog",
        "subtitles settings, opens subtitles settings dialog",
    }
)
