"""The light stemmers: a word's forms land on one stem, unrelated words do not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jundesk.triage.stemmer import stem_ca, stem_en, stem_es, stem_fr


@pytest.mark.parametrize(
    "group",
    [
        ["farola", "farolas", "farolillo", "farol", "faroles"],
        ["luz", "luces"],
        ["contenedor", "contenedores"],
        ["aparcado", "aparcar", "aparcados", "aparcamiento"],
        ["funciona", "funcionan", "funcionaba"],
        ["parpadea", "parpadean", "parpadeando", "parpadeo"],
        ["limpiar", "limpieza", "limpio", "limpia"],
        ["herido", "heridos", "herida"],
        ["pintadas", "pintada"],
        ["perro", "perros", "perrito"],
        ["iluminacion", "iluminaciones"],
    ],
)
def test_spanish_forms_share_a_stem(group: list[str]) -> None:
    assert len({stem_es(word) for word in group}) == 1, [stem_es(w) for w in group]


@pytest.mark.parametrize(
    ("a", "b"), [("bombilla", "bomba"), ("ruido", "ruin"), ("cuchillo", "cucha")]
)
def test_spanish_keeps_short_words_apart(a: str, b: str) -> None:
    assert stem_es(a) != stem_es(b)


@pytest.mark.parametrize(
    "group",
    [
        ["lamp", "lamps"],
        ["bin", "bins"],
        ["light", "lights", "lighting"],
        ["flicker", "flickers", "flickering"],
        ["injured", "injury", "injuries"],
        ["smoke", "smoking"],
        ["dirty", "dirt"],
        ["stop", "stopped"],
        ["empty", "emptied", "emptying"],
    ],
)
def test_english_forms_share_a_stem(group: list[str]) -> None:
    assert len({stem_en(word) for word in group}) == 1, [stem_en(w) for w in group]


@pytest.mark.parametrize(
    "group",
    [
        ["lampadaire", "lampadaires"],
        ["poubelle", "poubelles"],
        ["casse", "cassee", "casser"],
        ["feu", "feux"],
        ["nettoyer", "nettoyage"],
    ],
)
def test_french_forms_share_a_stem(group: list[str]) -> None:
    assert len({stem_fr(word) for word in group}) == 1, [stem_fr(w) for w in group]


@pytest.mark.parametrize(
    "group",
    [
        ["fanal", "fanals"],
        ["pintada", "pintades"],
        ["caca", "caques"],
        ["gos", "gossos"],
        ["escombraria", "escombraries"],
        ["espatllat", "espatllada"],
    ],
)
def test_catalan_forms_share_a_stem(group: list[str]) -> None:
    assert len({stem_ca(word) for word in group}) == 1, [stem_ca(w) for w in group]


@pytest.mark.parametrize("stem", [stem_es, stem_en, stem_fr, stem_ca])
@pytest.mark.parametrize("word", ["", "a", "112", "🔥", "x1y2"])
def test_odd_tokens_pass_through(stem: Callable[[str], str], word: str) -> None:
    assert stem(word) == word
