"""Search highlighting finds what the full-text index finds: case and accents folded,
whole words, the last word as a prefix."""

from __future__ import annotations

from jundesk.core.text_match import match_ranges, query_words


def spans(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in match_ranges(text, query)]


def test_accents_case_and_prefix() -> None:
    text = "La Faróla de la calle; farolas rotas. FAROL y farolillo"
    assert spans(text, "farol") == ["Faróla", "farolas", "FAROL", "farolillo"]
    assert spans(text, "farola") == ["Faróla", "farolas"]
    assert spans(text, "la farola") == ["La", "Faróla", "la", "farolas"]


def test_words_in_the_middle_of_other_words_do_not_match() -> None:
    assert spans("escalera calle", "cal") == ["calle"]
    assert spans("ALCALDE", "cal") == []


def test_operators_and_symbols_are_not_words() -> None:
    assert query_words('farola OR "rota" *') == ["farola", "rota"]
    assert match_ranges("texto", "") == []
