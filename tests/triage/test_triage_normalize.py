"""Folding posts into tokens: accents, case, hashtags, mentions, URLs, shorthand, noise."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from jundesk.triage.normalize import QUESTION, fold, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FAROLA", ["farola"]),
        ("Fárola", ["farola"]),
        ("fàrolà", ["farola"]),
        ("Ñandú PEÑA", ["nandu", "pena"]),
        ("il·luminació", ["illuminacio"]),
        ("L'église", ["l", "eglise"]),
        ("Straße", ["strasse"]),
    ],
)
def test_accents_and_case_fold(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_hashtags_become_words_and_camel_case_splits() -> None:
    assert tokens("#farola #FarolaRota") == ["farola", "farola", "rota"]


def test_mentions_and_urls_are_dropped() -> None:
    text = "@AytoJun basura https://t.co/AbC123 www.jun.es pic.twitter.com/xyz hola@"
    assert tokens(text) == ["basura", "hola"]


def test_repeated_letters_collapse() -> None:
    assert tokens("ayudaaaa URGENTEEE rotaaa") == ["ayuda", "urgente", "rota"]
    assert tokens("calle llena") == ["calle", "llena"]  # real double letters stay


def test_shorthand_expands() -> None:
    assert tokens("q xq k tb xfa") == ["que", "porque", "que", "tambien", "por", "favor"]
    assert tokens("pls thx") == ["please", "thanks"]


def test_english_contractions_keep_their_negation() -> None:
    assert tokens("doesn't can't won't") == ["does", "not", "can", "not", "will", "not"]


def test_emoji_are_single_tokens_without_variation_selectors() -> None:
    assert tokens("🗑️🔥💡") == ["🗑", "🔥", "💡"]


def test_question_marks_are_tokens() -> None:
    assert tokens("¿abre hoy?") == [QUESTION, "abre", "hoy", QUESTION]


def test_invisible_characters_rejoin_words() -> None:
    assert tokens("fa\u200brola\u200d ro\u00adta \u202egas") == ["farola", "rota", "gas"]


def test_control_characters_separate_words() -> None:
    assert tokens("farola\x00rota\rya") == ["farola", "rota", "ya"]


def test_every_format_character_is_invisible() -> None:
    # The ranges are written out (scanning Unicode at import is slow): check them here.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            assert fold("a" + char + "b") == "ab", hex(code)
