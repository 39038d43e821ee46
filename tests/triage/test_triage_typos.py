"""Typo tolerance: misspelt words still route, ordinary words are not read as typos.

data/eval_typos.jsonl (94 posts, es ~60%, en ~40%) was written before the typo reading was
tuned, from the ways people misspell on social media: swapped, dropped and doubled letters,
b/v and ll/y, dropped h, c/z/s, English misspellings. With exact matching only it scores role
accuracy 0.69 and urgent recall 0.39. data/ordinary.txt holds 105 everyday posts (thanks,
greetings, fiesta questions, some misspelt) that no role should get.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jundesk.core.model import UNROUTED, Priority
from jundesk.paths import RESOURCES
from jundesk.triage import Triage, Verdict
from jundesk.triage.normalize import tokens as fold_tokens
from jundesk.triage.rules import compile_term
from jundesk.triage.typos import (
    CACHE_SIZE,
    FUZZY_WEIGHT,
    TypoReader,
    _distance,
    _one_edit,
    is_name,
    phonetic_es,
)

DATA = Path(__file__).parent / "data"

Results = list[tuple[dict[str, str], Verdict]]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.from_resources()


def _posts() -> list[dict[str, str]]:
    text = (DATA / "eval_typos.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _ordinary() -> list[str]:
    text = (DATA / "ordinary.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _classify(triage: Triage) -> Results:
    return [(post, triage.classify(post["text"])) for post in _posts()]


def _role_accuracy(results: Results) -> float:
    return sum(post["role"] == verdict.role for post, verdict in results) / len(results)


def _urgent_recall(results: Results) -> float:
    urgent = [verdict for post, verdict in results if post["priority"] == "urgent"]
    return sum(verdict.priority is Priority.URGENT for verdict in urgent) / len(urgent)


# The evaluation set


def test_typo_set_is_big_and_mixed() -> None:
    posts = _posts()
    assert len(posts) >= 80
    spanish = sum(post["lang"] == "es" for post in posts) / len(posts)
    assert 0.5 <= spanish <= 0.7
    assert {post["role"] for post in posts} == {"police", "street_cleaning", "lighting", UNROUTED}
    assert sum(post["priority"] == "urgent" for post in posts) >= 15


def test_role_accuracy_on_typos(triage: Triage) -> None:
    assert _role_accuracy(_classify(triage)) >= 0.85


def test_urgent_recall_and_precision_on_typos(triage: Triage) -> None:
    results = _classify(triage)
    assert _urgent_recall(results) >= 0.9
    said = [post for post, verdict in results if verdict.priority is Priority.URGENT]
    assert sum(post["priority"] == "urgent" for post in said) / len(said) >= 0.8


def test_exact_matching_alone_misses_typos() -> None:
    # The baseline the reading improves on: keeps the set honest (it is full of typos).
    results = _classify(Triage.from_resources(typos=False))
    assert _role_accuracy(results) < 0.75
    assert _urgent_recall(results) < 0.5


def test_ordinary_posts_stay_with_the_front_desk(triage: Triage) -> None:
    posts = _ordinary()
    assert len(posts) >= 100
    wrong = [
        (text, verdict)
        for text in posts
        if (verdict := triage.classify(text)).role != UNROUTED
        or verdict.priority not in (Priority.LOW, Priority.NORMAL)
    ]
    assert wrong == []
    low = sum(triage.classify(text).priority is Priority.LOW for text in posts)
    assert low / len(posts) >= 0.8


# What is read, and how much it counts


@pytest.mark.parametrize(
    ("text", "role", "word"),
    [
        ("La faola de mi calle no va", "lighting", "faola"),  # a letter dropped
        ("la farloa de la esquina sin luz", "lighting", "farloa"),  # two swapped
        ("Hay basurra por todo el parque", "street_cleaning", "basurra"),  # doubled
        ("El contendor de la plaza está lleno", "street_cleaning", "contendor"),
        ("vasura en la puerta del colegio", "street_cleaning", "vasura"),  # b/v
        ("la bombiya de mi portal", "lighting", "bombiya"),  # ll/y
        ("strret light out on Mill Lane", "lighting", "strret"),  # a key next to it
        ("rubish everywhere on the green", "street_cleaning", "rubish"),
    ],
)
def test_misspelt_words_route(triage: Triage, text: str, role: str, word: str) -> None:
    verdict = triage.classify(text)
    assert verdict.role == role
    assert any(f'"{word}"' in matched for matched in verdict.matched)


def test_the_simulator_example_is_urgent(triage: Triage) -> None:
    text = "Se ha desmayaod un chico en la cola d la farmacia, x favor que venga alguien"
    verdict = triage.classify(text)
    assert (verdict.role, verdict.priority) == ("police", Priority.URGENT)


@pytest.mark.parametrize(
    "text",
    [
        "Car accidnet at the roundabout, driver looks injred",
        "Un hombre desmallado en el banco de la plaza",
        "han atropeyado a una señora en el paso de cebra",
        "Hay un insendio en el monte detrás del polígono",
        "Kid on School Lane is bleading badly",
    ],
)
def test_misspelt_emergencies_are_urgent(triage: Triage, text: str) -> None:
    assert triage.classify(text).priority is Priority.URGENT


def test_a_misspelling_counts_less_than_the_word(triage: Triage) -> None:
    exact = triage.classify("contenedor")
    typo = triage.classify("contendor")
    assert exact.role == typo.role == "street_cleaning"
    assert typo.confidence < exact.confidence
    # A hint just strong enough alone is no longer enough misspelt: "conductor" (1.0)
    # routes, a typo of it (1.0 x 0.7) does not.
    assert triage.classify("el conductor").role == "police"
    assert triage.classify("el condcutor").role == UNROUTED


@pytest.mark.parametrize(
    "text",
    [
        "glas on the road",  # short words are never read
        "fier in the bin store",
        "Mi vecino de Calle Alhambra canta todo el día",  # a street's name
        "Lamps Lane is lovely in spring",
        "La cocina del restaurante nuevo es buenísima",  # everyday words
        "Our flight was delayed, great photos though",
        "I got a letter from the council about the festival",
        "Qué rica la sangría de la verbena",
        "Spring lambs at the farm, so cute",
        "Pusieron una barrera nueva en el puente",  # another ending is another word
        "Una bandera en la fachada del ayuntamiento",
    ],
)
def test_ordinary_words_are_not_read_as_typos(triage: Triage, text: str) -> None:
    verdict = triage.classify(text)
    assert not any("(as " in matched for matched in verdict.matched), verdict


def test_a_word_written_as_a_term_is_never_read(triage: Triage, tmp_path: Path) -> None:
    # "alhambra" reads as "alumbra" (a silent h, a vowel); a town that has the word can say
    # so with a term of weight 0.
    assert triage.classify("El alhambra de Granada").role == "lighting"
    for path in (RESOURCES / "triage").glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lighting = tmp_path / "lighting.toml"
    text = lighting.read_text(encoding="utf-8").replace("[es]\n", '[es]\n"alhambra" = 0\n', 1)
    lighting.write_text(text, encoding="utf-8")
    assert Triage.from_resources(tmp_path).classify("El alhambra de Granada").role == UNROUTED


def test_typos_can_be_turned_off() -> None:
    assert Triage.from_resources(typos=False).classify("La faola no va").role == UNROUTED


# The pieces


def test_phonetic_spanish() -> None:
    assert phonetic_es("vasura") == phonetic_es("basura")
    assert phonetic_es("caye") == phonetic_es("calle")
    assert phonetic_es("insendio") == phonetic_es("incendio")
    assert phonetic_es("gaz") == phonetic_es("gas")
    assert phonetic_es("ierba") == phonetic_es("hierba")
    assert phonetic_es("reciclage") == phonetic_es("reciclaje")
    assert phonetic_es("kemado") == phonetic_es("quemado")
    assert phonetic_es("guerra") != phonetic_es("jerra")  # gu before e is a hard g
    assert phonetic_es("chico") != phonetic_es("ciko")  # ch is no c


def test_one_slip() -> None:
    assert _one_edit("faola", "farola")  # dropped
    assert _one_edit("basurra", "basura")  # doubled
    assert _one_edit("desmayaod", "desmayado")  # swapped
    assert _one_edit("strret", "street")  # r is next to e
    assert _one_edit("bleading", "bleeding")  # a vowel for a vowel, long word
    assert not _one_edit("lambs", "lamps")  # b is not next to p
    assert not _one_edit("letter", "litter")  # a vowel for a vowel in a short word
    assert not _one_edit("farola", "farolas" + "x")
    assert _distance("fraloa", "farola") == 2
    assert _distance("ab", "ba") == 1


def test_street_names() -> None:
    tokens = fold_tokens("Vivo en la calle de la Alhambra, junto a Mill Lane")
    assert is_name(tokens, tokens.index("alhambra"))
    assert is_name(tokens, tokens.index("mill"))
    assert not is_name(tokens, tokens.index("junto"))
    # Capitals tell a name from a misspelt word right after "plaza".
    text = "Contenedor lleno en la plaza, basurra por el suelo"
    tokens = fold_tokens(text)
    basurra = tokens.index("basurra")
    assert is_name(tokens, basurra)  # no text to tell
    assert not is_name(tokens, basurra, text)
    assert is_name(tokens, basurra, text.lower())  # a post all in lower case does not tell
    assert is_name(tokens, basurra, "Contenedor lleno en la Plaza Basurra")


def test_readings_are_cached_and_bounded(triage: Triage) -> None:
    reader = TypoReader([t for t in [compile_term("lighting", "es", "farola", 3.0)] if t])
    first = reader.read("faola")
    assert first.keys == ("es:farol",) and first.weight == FUZZY_WEIGHT
    assert reader.read("faola") is first
    info = reader.read.cache_info()  # type: ignore[attr-defined]
    assert info.hits == 1 and info.maxsize == CACHE_SIZE
    assert not reader.read("faola" * 5000).keys  # hostile input reads as nothing, quickly
