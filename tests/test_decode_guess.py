"""A file that is not UTF-8 is read in the encoding it was written in, not the first guess.

Each case is a short article of our own, encoded here in the code page it names; the loader
must give back the very text and name that code page.
"""

from __future__ import annotations

import pytest

from feedwright.loader.decode import decode_article

# Windows-1252 text with a few high bytes: each of these came out as Shift_JIS ("30ｰ",
# "It痴 ｣5") or GB18030 ("It抯") when the detector's guess was taken as it was.
WINDOWS_1252_READ_AS_CJK = [
    "Heatwave\n\nIt was 30° at noon.\n",
    "Fees\n\nIt’s £5.\n",
    "Bridge\n\nIt’s open again.\n",
    "Deal\n\nIt’s done, they said.\n",
]

# One text per code page the detector must still tell apart from Windows-1252.
OTHER_CODE_PAGES = [
    ("cp1252", "Prices\n\nA pint costs £4.50 and a coffee €3 in the “new” café.\n"),
    ("cp1252", "Le café\n\nIl a payé 5 € pour un café crème, dit-elle.\n"),
    ("cp1252", "Grüße\n\nDer Bürgermeister sagte: „Das Buch kostet 12 €.“\n"),
    ("cp1250", "Příliš žluťoučký kůň\n\nČeská vláda má nového předsedu, řekl.\n"),
    ("cp1250", "Łódź\n\nRząd przyjął w poniedziałek projekt budżetu na 2025 rok.\n"),
    ("koi8_r", "Бюджет\n\nПравительство одобрило законопроект, сообщил Reuters.\n"),
    ("cp1251", "Бюджет\n\nПравительство одобрило законопроект о бюджете на 2025 год.\n"),
    ("shift_jis", "予算案\n\nApple の iPhone 15 は 9 月に発売された。\n"),
    ("shift_jis", "予算案\n\n政府は来年度の予算案を閣議決定した。\n"),
    ("gb18030", "新款手机\n\n苹果公司周一发布了新款iPhone手机。\n"),
]


@pytest.mark.parametrize("text", WINDOWS_1252_READ_AS_CJK)
def test_stray_letters_of_another_script_are_not_a_reading(text: str) -> None:
    decoded = decode_article(text.encode("cp1252"), source="x.txt")
    assert (decoded.text, decoded.encoding) == (text, "cp1252")
    assert decoded.warnings == ("not valid UTF-8; decoded as cp1252",)


@pytest.mark.parametrize(("encoding", "text"), OTHER_CODE_PAGES)
def test_each_code_page_reads_back(encoding: str, text: str) -> None:
    decoded = decode_article(text.encode(encoding), source="x.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_reads_back(encoding: str) -> None:
    text = "Grüße aus Zürich\n\nThe café’s “new” menu costs £5 or €6.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    decoded = decode_article(data, source="x.txt")
    assert (decoded.text, decoded.warnings) == (text, ())


def test_whole_words_of_another_script_keep_their_code_page() -> None:
    # A Russian name in an English text is a word, not a stray letter: cp1251 stays.
    text = "Visit\n\nThe Kremlin said Путин and Лавров would visit Paris in May, Reuters said.\n"
    decoded = decode_article(text.encode("cp1251"), source="x.txt")
    assert (decoded.text, decoded.encoding) == (text, "cp1251")
