"""Learning from the desks' corrections: similar posts follow, unrelated ones do not move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jundesk.core.model import LIGHTING, POLICE, STREET_CLEANING, UNROUTED
from jundesk.triage import Triage

EVAL = Path(__file__).parent / "data" / "eval.jsonl"


@pytest.fixture
def triage() -> Triage:
    return Triage.from_resources()


SIMILAR_FOUNTAIN_POSTS = [
    "La fuente del parque pierde agua",
    "la fuente de la iglesia pierde mucha agua desde ayer",
    "Se sale el agua de la fuente del paseo",
]


def test_a_correction_flips_similar_unseen_posts_to_a_new_role(triage: Triage) -> None:
    assert all(triage.classify(text).role == UNROUTED for text in SIMILAR_FOUNTAIN_POSTS)
    triage.learn("La fuente de la plaza pierde agua", "water")
    for text in SIMILAR_FOUNTAIN_POSTS:
        verdict = triage.classify(text)
        assert verdict.role == "water", text
        assert any(word.endswith("(learned)") for word in verdict.matched)
    assert triage.learned_roles == ("water",)
    assert "water" not in triage.roles  # roles are what the rule files define


def test_a_few_corrections_flip_similar_posts_to_an_existing_role(triage: Triage) -> None:
    unseen = "Hay una pancarta vieja colgando del balcón del ayuntamiento"
    assert triage.classify(unseen).role != STREET_CLEANING
    triage.learn_many(
        [
            ("Quitad la pancarta rota del balcón de la plaza", STREET_CLEANING),
            ("La pancarta de las fiestas sigue colgada y hecha jirones", STREET_CLEANING),
        ]
    )
    assert triage.classify(unseen).role == STREET_CLEANING


def test_corrections_can_outweigh_rules_for_a_pattern(triage: Triage) -> None:
    # The town decides that fallen branches blocking a road are the police's (traffic).
    post = "Ramas caídas en la carretera del cementerio"
    before = triage.classify(post).role
    assert before != POLICE
    triage.learn_many(
        [
            ("Ramas caídas cortando la carretera de Alfacar", POLICE),
            ("Una rama enorme caída en la carretera vieja", POLICE),
            ("ramas caídas en la carretera por el viento", POLICE),
        ]
    )
    assert triage.classify(post).role == POLICE


def test_one_correction_does_not_move_unrelated_posts(triage: Triage) -> None:
    posts = [json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines()]
    before = [triage.classify(text) for text in posts]
    triage.learn("La fuente de la plaza pierde agua", "water")
    after = [triage.classify(text) for text in posts]
    moved = [
        text
        for text, b, a in zip(posts, before, after, strict=True)
        if b.role != a.role and not any(w in text.lower() for w in ("fuente", "agua"))
    ]
    assert moved == []


def test_a_strong_rule_survives_one_contrary_correction(triage: Triage) -> None:
    triage.learn("La farola de la plaza tiene una pegatina", STREET_CLEANING)
    assert triage.classify("La farola de la calle Real no enciende").role == LIGHTING


def test_the_corrected_post_itself_goes_where_the_desk_said(triage: Triage) -> None:
    text = "Música altísima en el bar de la esquina"
    assert triage.classify(text).role == POLICE
    triage.learn(text, "bars_licensing")
    verdict = triage.classify(text)
    assert verdict.role == "bars_licensing"
    assert verdict.confidence > 0.9
    # Same words, other case and punctuation: the same post.
    assert triage.classify("MÚSICA altísima en el BAR de la esquina!!").role == "bars_licensing"


def test_learning_unrouted_sends_similar_posts_to_the_front_desk(triage: Triage) -> None:
    post = "Sorteo de la lotería de Navidad en la plaza: ¿dónde comprar décimos?"
    triage.learn("Venta de lotería de Navidad en la plaza, ¿quién vende décimos?", UNROUTED)
    assert triage.classify(post).role == UNROUTED


def test_learning_is_deterministic(triage: Triage) -> None:
    corrections = [
        ("La fuente de la plaza pierde agua", "water"),
        ("Tubería rota en la calle Alta", "water"),
        ("Papelera quemada en el parque", STREET_CLEANING),
        ("Señal de tráfico doblada", POLICE),
    ]
    other = Triage.from_resources()
    triage.learn_many(corrections)
    for text, role in corrections:
        other.learn(text, role)
    probes = ["la fuente pierde", "tubería de agua", "papelera rota", "señal torcida", "hola"]
    assert [triage.classify(p) for p in probes] == [other.classify(p) for p in probes]


def test_learning_from_empty_or_noise_text_is_harmless(triage: Triage) -> None:
    triage.learn("", "water")
    triage.learn("🔥🔥 !!! @someone https://t.co/x", "water")
    assert triage.classify("La farola no enciende").role == LIGHTING
    assert triage.classify("").role == UNROUTED
