"""Routing posts to roles in each language, accent- and case-insensitively."""

from __future__ import annotations

import pytest

from jundesk.core.model import LIGHTING, POLICE, STREET_CLEANING, UNROUTED, Priority
from jundesk.triage import Triage, Verdict


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.from_resources()


def test_roles_come_from_the_rule_files(triage: Triage) -> None:
    assert set(triage.roles) == {POLICE, STREET_CLEANING, LIGHTING}


@pytest.mark.parametrize(
    "text",
    [
        "farola rota en mi calle",
        "FAROLA ROTA EN MI CALLE",
        "fárola rota en mi calle",
        "Farolas rotas en mi calle",
        "el farolillo de mi calle está roto",
        "#farola rota @AytoJun https://t.co/x",
        "faroooola rotaaa",
    ],
)
def test_accent_case_and_form_insensitive(triage: Triage, text: str) -> None:
    assert triage.classify(text).role == LIGHTING


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("La luminaria del cruce no enciende", LIGHTING),
        ("Alumbrado público apagado en toda la urbanización", LIGHTING),
        ("Se ha fundido la bombilla de la esquina", LIGHTING),
        ("El contenedor de la esquina está desbordado", STREET_CLEANING),
        ("Cuánta caca de perro en la acera, qué vergüenza", STREET_CLEANING),
        ("Han llenado de pintadas la pared del polideportivo", STREET_CLEANING),
        ("Mucho botellón y gritos en el parque cada finde", POLICE),
        ("Los okupas del bajo no dejan dormir a nadie", POLICE),
        ("Un coche mal aparcado en mi vado", POLICE),
        ("Petardos toda la tarde en la plaza", POLICE),
    ],
)
def test_spanish(triage: Triage, text: str, role: str) -> None:
    assert triage.classify(text, "es").role == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The street lamp outside my house is flickering", LIGHTING),
        ("Lamps out along the canal path", LIGHTING),
        ("Bins overflowing behind the shops", STREET_CLEANING),
        ("Someone dumped a sofa and bags of rubbish in the alley", STREET_CLEANING),
        ("Loud music from the flat above until 3am", POLICE),
        ("A van is parked across my driveway", POLICE),
    ],
)
def test_english(triage: Triage, text: str, role: str) -> None:
    assert triage.classify(text, "en").role == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Le lampadaire de la rue est éteint", LIGHTING),
        ("Les poubelles débordent sur le trottoir", STREET_CLEANING),
        ("Tapage nocturne chez les voisins", POLICE),
    ],
)
def test_french(triage: Triage, text: str, role: str) -> None:
    assert triage.classify(text, "fr").role == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("El fanal del carrer no funciona", LIGHTING),
        ("La paperera de la plaça està plena de brossa", STREET_CLEANING),
        ("Els veïns fan molt de soroll", POLICE),
    ],
)
def test_catalan(triage: Triage, text: str, role: str) -> None:
    assert triage.classify(text, "ca").role == role


def test_language_tag_is_optional_and_may_be_wrong(triage: Triage) -> None:
    text = "La farola de la calle Real no funciona"
    assert triage.classify(text).role == LIGHTING
    assert triage.classify(text, "en").role == LIGHTING
    assert triage.classify(text, "und").role == LIGHTING


@pytest.mark.parametrize(
    "text",
    [
        "Muchas gracias a los barrenderos, el pueblo está precioso",
        "Buenos días a todos",
        "¿A qué hora abre la biblioteca?",
        "¿Cuándo empiezan las fiestas?",
        "Thanks for fixing the lamp so quickly!",
        "What are the opening hours of the town hall?",
        "El partido de fútbol del domingo fue increíble",
    ],
)
def test_thanks_greetings_and_questions_go_unrouted(triage: Triage, text: str) -> None:
    verdict = triage.classify(text)
    assert verdict.role == UNROUTED
    assert verdict.priority is Priority.LOW or "partido" in text


def test_verdict_explains_itself(triage: Triage) -> None:
    verdict = triage.classify("El contenedor está lleno de basura")
    assert isinstance(verdict, Verdict)
    assert verdict.role == STREET_CLEANING
    assert "basura" in verdict.matched and "contenedor lleno" in verdict.matched
    assert 0.5 < verdict.confidence <= 1.0


def test_emoji_are_weak_cues(triage: Triage) -> None:
    # Too weak to route alone, but they tip a weak word over.
    assert triage.classify("💡").role == UNROUTED
    assert triage.classify("🗑️").role == UNROUTED
    assert triage.classify("🚓").role == UNROUTED
    assert triage.classify("oscuro 💡💡").role == LIGHTING
    assert triage.classify("bolsas 🗑️ 🤢").role == STREET_CLEANING
    assert triage.classify("💥 🚑").priority is not Priority.URGENT
    assert triage.classify("gas 🔥").priority is Priority.URGENT
