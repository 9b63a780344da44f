"""Picture captions written as full sentences, which the credit rules in :mod:`.credits` miss.

``In this March 3, 2024 file photo, ...``, ``Above: ...``, ``Media caption Mr Obama said ...``,
a caption ending ``Credit Jane Roe/Agency`` or ``(Jane Roe / AP)`` or ``[Getty]``. Each shape
is anchored (at the start, or a credit at the very end), so a paragraph that merely mentions
a photo is never taken for a caption.
"""

from __future__ import annotations

import re

_LONGEST = 600
_BRACKET_REACH = 120  # "(" + a name of 50 + "/" + agency + "/" + a name of 50 + ")"
_CAPTION_START = re.compile(
    r"^(?:in (?:this|these|an?) (?:[^,]{0,60}\s)?(?:file )?(?:photos?|images?|pictures?|"
    r"handouts?|frame grabs?|screenshots?)\b|above:\s|below:\s|pictured:\s|"
    r"(?:media|image|video) caption\b)",
    re.IGNORECASE,
)
_AGENCY = r"(?:ap|afp|reuters|getty(?: images)?|epa|shutterstock|pa|bloomberg|ap photo)"
# "... on Monday.  Credit Jane Roe/Agency": the word Credit after a sentence, then a name.
_CREDIT_WORD_END = re.compile(
    r"(?:^|[.!?”\"]\s+|\s{2,})(?:Credit|CREDIT):?\s*[A-Z][^.]{0,80}"
    r"(?:/|\bvia\b|Getty|Reuters|AP\b|AFP|EPA)[^.]{0,60}\.?$"
)
# "... (Jane Roe / AP)", "(AP Photo/Jane Roe)", "[Getty]": an agency in brackets at the end.
_BRACKET_CREDIT_END = re.compile(
    r"[(\[]\s*(?:[^()\[\]/]{1,50}/\s*)?" + _AGENCY + r"(?:\s+photos?)?"
    r"(?:\s*/\s*[^()\[\]]{1,50})?\s*[)\]]\.?$",
    re.IGNORECASE,
)
# "... in Paris Benoit Tessier/Reuters", "... - Jane Roe/Instituto Lula", "... (Jane
# Roe/Daily Photo)": a photographer's name (two or three capitalised words), "/", and the
# agency or owner, ending the line. "AC/DC" is no name: the words before "/" need lower case.
_NAME_SLASH_END = re.compile(
    r"(?:^|\s)[(\[]?(?:[A-Z][a-z’'-]+\s){1,2}[A-Z][\w’'-]*[a-z]\s?/\s?"
    r"[A-Z][\w&’'.-]*(?:\s[A-Z][\w&’'.-]*){0,3}[)\]]?$"
)


def is_caption_start(text: str) -> bool:
    """``In this file photo, ...``, ``Above: ...``, ``Media caption ...``."""
    return bool(_CAPTION_START.match(text))


def ends_with_credit(text: str) -> bool:
    """``... Credit Jane Roe/Agency``, ``... (Jane Roe / AP)``, ``... [Getty]``,
    ``... Jane Roe/Agency``."""
    # Cheap looks first: most lines have no "Credit" and do not end with a bracket, and
    # searching every position of a paragraph for the patterns is most of their cost.
    tail = text[-_LONGEST:].rstrip(".")
    if tail.endswith((")", "]")) and _BRACKET_CREDIT_END.search(tail[-_BRACKET_REACH:]):
        return True
    end = tail[-_BRACKET_REACH:]
    if "/" in end and _NAME_SLASH_END.search(end):
        return True
    return ("Credit" in tail or "CREDIT" in tail) and bool(_CREDIT_WORD_END.search(tail))


def is_caption(text: str) -> bool:
    """A whole line that is a picture's caption."""
    text = text.strip()
    return len(text) <= _LONGEST and (is_caption_start(text) or ends_with_credit(text))
