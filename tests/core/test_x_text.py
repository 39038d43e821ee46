"""The reply counter counts as X does (twitter-text v3): links 23, emoji and CJK 2."""

from __future__ import annotations

import pytest

from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, find_links, remaining, weighted_length


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


def test_links_keep_their_text_and_drop_trailing_punctuation() -> None:
    links = find_links("Ver https://jun.es/a(b). Y www.jun.es, gracias")
    assert [link.text for link in links] == ["https://jun.es/a(b)", "www.jun.es"]
    assert links[1].url == "https://www.jun.es"
