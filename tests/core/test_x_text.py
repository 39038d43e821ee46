"""The reply counter counts as X does (twitter-text v3): links 23, emoji and CJK 2.

The cases marked "conformance" restate twitter-text's published conformance cases for the
v3 configuration (validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest and
UnicodeDirectionalMarkerCounterTest): the text and the weighted length X expects.
"""

from __future__ import annotations

import pytest

from jundesk.core.x_text import (
    DEFAULT_WEIGHT,
    MAX_WEIGHTED_LENGTH,
    SCALE,
    TRANSFORMED_URL_LENGTH,
    WEIGHTED_RANGES,
    find_links,
    remaining,
    weighted_length,
)

ZWJ = "\u200d"
FAMILY = ZWJ.join("👨👩👧👦")
CJK_POEM = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。" * 5  # 160 CJK
KANA = "あいうえおかきくけこ"


def test_the_configuration_is_twitter_texts_v3() -> None:
    assert (MAX_WEIGHTED_LENGTH, SCALE, DEFAULT_WEIGHT, TRANSFORMED_URL_LENGTH) == (
        280,
        100,
        200,
        23,
    )
    assert WEIGHTED_RANGES == (
        (0, 4351, 100),
        (8192, 8205, 100),
        (8208, 8223, 100),
        (8242, 8247, 100),
    )


CONFORMANCE = [
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("285 chars-" + "xxxxxxxxxx-" * 25, 285),
    ("285 chars- http://www.twitter.com/jack " + "xxxxxxxxxx-" * 24, 299),
    ("xxxxxxxxxx-" * 24 + " http://www.twitter.com/jack ", 289),
    ("https://www.twitter.com/aloha " * 10, 240),
    (CJK_POEM, 320),
    ("😷" * 160, 320),
    ("the" + CJK_POEM, 323),
    ("282 chars-" + "xxxxxxxxxx-" * 24 + "xxxxxA\u0301x", 281),
    ("H🐱☺" + FAMILY, 7),
    ("😷👾😡🔥💩", 10),
    ("🙋🏽👨" + ZWJ + "🎤", 4),
    (
        "This is a tweet with general punctuation characters: "
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b "
        "‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷",
        110,
    ),
    ("randomurl" * 7 + "s.com", 68),  # a 64-letter label: not a link
    (KANA * 12 + " http://" + (KANA * 6)[:53] + ".com", 358),  # punycode label over 63
    (KANA * 12 + " http://" + (KANA * 6)[:52] + ".com", 264),
    (FAMILY * 140, 280),
    (
        "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\U000e0067\U000e0062\U000e0065\U000e006e"
        "\U000e0067\U000e007f",
        34,
    ),
    ("Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29),
    ("ABC\u202a\uffffABC\ufffe", 12),
    ("\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069", 31),
    ("ÁB", 2),
    ("A\ufb2c", 4),  # NFC takes the Hebrew ligature apart into three letters
]


@pytest.mark.parametrize(("text", "length"), CONFORMANCE)
def test_conformance(text: str, length: int) -> None:
    assert weighted_length(text) == length


def test_a_link_with_a_label_too_long_for_dns_counts_letter_by_letter() -> None:
    label = "somesuperlongurl" * 5  # 80 letters
    text = f"Long url: https://{label}.com/foo https://validurl.com"
    expected = len("Long url: ") + len(f"https://{label}.com/foo ") + TRANSFORMED_URL_LENGTH
    assert weighted_length(text) == expected


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("", 0),
        ("hola", 4),
        ("¡Gracias, vecina!", 17),
        ("e\u0301", 1),  # NFC: é
        ("https://jun.es/avisos/farola-12?x=1 ok", 26),
        ("mira http://a.com y https://b.org/x", 5 + 23 + 3 + 23),
        ("😀", 2),
        ("👍🏽", 2),
        ("👨\u200d👩\u200d👧", 2),
        (FAMILY, 2),
        ("🇪🇸", 2),
        ("1️⃣", 2),
        ("你好", 4),
        ("ayto.jun.es", 23),
        ("jun.es", 6),  # a ccTLD without a path is a word to X
        ("jun.es/x", 23),
        ("ana@gmail.com", 13),
    ],
)
def test_weighted_length(text: str, length: int) -> None:
    assert weighted_length(text) == length


def test_limits() -> None:
    assert remaining("a" * MAX_WEIGHTED_LENGTH) == 0
    assert remaining("你" * 141) == -2
    assert remaining("https://x.com/" + "a" * 500) == MAX_WEIGHTED_LENGTH - 23
    assert remaining("👍🏽" * 140) == 0
    assert remaining("e\u0301" * 280) == 0


def test_links_keep_their_text_and_drop_trailing_punctuation() -> None:
    links = find_links("Ver https://jun.es/a(b). Y www.jun.es, gracias")
    assert [link.text for link in links] == ["https://jun.es/a(b)", "www.jun.es"]
    assert links[1].url == "https://www.jun.es"


def test_a_link_ends_before_a_directional_mark() -> None:
    [link] = find_links("\u2067https://jun.es/x\u2069 ok")
    assert link.text == "https://jun.es/x"
