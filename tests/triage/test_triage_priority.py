"""Priority: life safety is urgent, hazards high, thanks and questions low; negation counts."""

from __future__ import annotations

import pytest

from jundesk.core.model import LIGHTING, POLICE, STREET_CLEANING, UNROUTED, Priority
from jundesk.triage import Triage


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.from_resources()


@pytest.mark.parametrize(
    "text",
    [
        "Accidente en la carretera de Granada, hay un herido",
        "Hay sangre en el portal y un señor tirado",
        "Incendio en la nave del polígono",
        "Sale mucho humo de la cocina del vecino",
        "Huele a gas en toda la escalera",
        "Pelea con cuchillos en la feria",
        "Un hombre inconsciente en la parada, no respira",
        "Le está dando un infarto a mi padre en la calle",
        "Socorro!! Ayuda urgente en la calle Real",
        "llamad al 112 ya",
        "ATROPELLO en la avenida",
        "Car crash on the main road, driver injured",
        "There's a man with a knife outside the shop",
        "Woman collapsed and unconscious by the bank",
        "Accident grave, il y a un blessé",
        "Au secours, incendie au deuxième étage",
        "Hi ha un ferit a la plaça",
        "Socors, hi ha foc al bosc",
        "URGENTEEE accidente con heridos",
    ],
)
def test_life_safety_is_urgent(triage: Triage, text: str) -> None:
    assert triage.classify(text).priority is Priority.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Pequeño accidente en la rotonda, no hay heridos",
        "Accidente sin heridos en la calle Real",
        "Minor accident by the school, no injuries",
        "Bump in the car park, nobody hurt",
        "Lo del humo ya está solucionado, falsa alarma",
        "Accident sans blessé au rond-point",
        "Accident al carrer Major, cap ferit",
    ],
)
def test_negated_or_resolved_is_not_urgent(triage: Triage, text: str) -> None:
    assert triage.classify(text).priority is not Priority.URGENT


def test_urgent_is_not_just_shouting(triage: Triage) -> None:
    assert triage.classify("URGENTE la farola sigue apagada!!!").priority is not Priority.URGENT
    assert triage.classify("Me han tirado basura en la puerta").priority is not Priority.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Hay un cable suelto colgando de la farola",
        "Toda la calle a oscuras desde anoche",
        "Cristales rotos en el parque infantil donde juegan los niños",
        "Perro suelto muy agresivo en la plaza",
        "Carretera cortada por un árbol caído",
        "Exposed wires on the lamp post by the school",
        "Broken glass all over the playground",
    ],
)
def test_hazards_are_high(triage: Triage, text: str) -> None:
    assert triage.classify(text).priority is Priority.HIGH


def test_context_alone_is_not_a_hazard(triage: Triage) -> None:
    text = "Coches aparcados en la puerta del colegio, los niños salen a la carretera"
    assert triage.classify(text).priority is Priority.NORMAL


@pytest.mark.parametrize(
    "text",
    [
        "¡Gracias por todo!",
        "Buenos días, Jun",
        "¿Hay mercadillo el jueves?",
        "Thank you so much for the quick answer",
        "Merci beaucoup !",
        "Moltes gràcies, bon dia",
    ],
)
def test_thanks_greetings_and_questions_are_low(triage: Triage, text: str) -> None:
    verdict = triage.classify(text)
    assert (verdict.role, verdict.priority) == (UNROUTED, Priority.LOW)


def test_thanks_with_an_ongoing_problem_stay_routed(triage: Triage) -> None:
    verdict = triage.classify("Gracias, pero la farola de mi calle sigue sin funcionar")
    assert (verdict.role, verdict.priority) == (LIGHTING, Priority.NORMAL)


def test_a_polite_complaint_is_still_routed(triage: Triage) -> None:
    verdict = triage.classify("Hola, hay basura en la calle, gracias")
    assert (verdict.role, verdict.priority) == (STREET_CLEANING, Priority.NORMAL)


def test_plain_reports_are_normal(triage: Triage) -> None:
    assert triage.classify("La papelera del parque está llena").priority is Priority.NORMAL
    assert triage.classify("El bache de mi calle sigue ahí").priority is Priority.NORMAL


def test_urgent_post_without_role_cue_goes_to_police(triage: Triage) -> None:
    verdict = triage.classify("Mi vecina se ha desmayado y no respira")
    assert (verdict.role, verdict.priority) == (POLICE, Priority.URGENT)
    assert "no respira" in verdict.matched


def test_urgent_post_with_another_role_cue_keeps_that_role(triage: Triage) -> None:
    verdict = triage.classify("Sale humo y chispas de la farola, se ve fuego dentro")
    assert (verdict.role, verdict.priority) == (LIGHTING, Priority.URGENT)


def test_urgent_street_cleaning(triage: Triage) -> None:
    verdict = triage.classify("El contenedor de basura está ardiendo!")
    assert (verdict.role, verdict.priority) == (STREET_CLEANING, Priority.URGENT)
