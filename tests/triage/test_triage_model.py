"""The statistical side of triage: the model file format, the shipped models, calibration on
a fixed set, what the front desk is told, and that nothing reaches for the network."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest

from jundesk.core.model import UNROUTED
from jundesk.paths import RESOURCES
from jundesk.triage import Triage
from jundesk.triage.classifier import ROUTING_MODEL, URGENCY_MODEL
from jundesk.triage.features import extract, unique
from jundesk.triage.model import LinearModel, ModelFileError
from jundesk.triage.normalize import tokens

DATA = Path(__file__).parent / "data"
MODELS = RESOURCES / "triage" / "model"


def tiny_model(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": 1,
        "classes": ["lighting", "roads", "misc"],
        "intercept": [0.0, 0.0, 0.5],
        "temperature": 1.0,
        "weights": {"w:farola": [[0, 4.0]], "w:bache": [[1, 4.0]], "s:farol": [[0, 1.0]]},
        "about": {"task": "routing"},
    }
    data.update(changes)
    return data


def test_a_model_file_is_read_and_predicts() -> None:
    model = LinearModel(tiny_model())
    features = unique(extract(tokens("La farola está rota")))
    prediction = model.predict(features)
    assert prediction.best[0] == "lighting"
    assert abs(sum(p for _, p in prediction.ranked) - 1.0) < 1e-9
    assert "w:farola" in prediction.features
    assert model.strongest(features, "lighting") == ["farola"]


def test_temperature_softens_without_changing_the_winner() -> None:
    features = unique(extract(tokens("un bache enorme")))
    sharp = LinearModel(tiny_model()).predict(features)
    soft = LinearModel(tiny_model(temperature=3.0)).predict(features)
    assert sharp.best[0] == soft.best[0] == "roads"
    assert soft.best[1] < sharp.best[1]


@pytest.mark.parametrize(
    "changes",
    [
        {"format": 2},
        {"classes": ["only"]},
        {"intercept": [0.0]},
        {"weights": {"w:x": [[9, 1.0]]}},
        {"temperature": 0},
        {"weights": "nope"},
    ],
)
def test_a_broken_model_file_says_what_is_wrong(changes: dict[str, object]) -> None:
    with pytest.raises(ModelFileError):
        LinearModel(tiny_model(**changes))


def test_a_damaged_file_on_disk_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "routing.json.gz"
    path.write_bytes(gzip.compress(b"{not json"))
    with pytest.raises(ModelFileError, match=r"routing\.json\.gz"):
        LinearModel.load(path)


def test_the_shipped_models_are_plain_json_and_small() -> None:
    for name in (ROUTING_MODEL, URGENCY_MODEL):
        path = MODELS / (name + ".gz")
        data = json.loads(gzip.decompress(path.read_bytes()))
        assert data["format"] == 1
        assert data["about"]["trained_on"], "a model says what it was trained on"
        assert path.stat().st_size < 20_000_000
    routing = LinearModel.load(MODELS / (ROUTING_MODEL + ".gz"))
    assert {"police", "street_cleaning", "lighting", "roads", "parks", "water"} <= set(
        routing.classes
    )


def test_nothing_reaches_for_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("triage opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    triage = Triage.from_resources()
    assert triage.classify("La farola de la plaza no enciende").role == "lighting"


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.from_resources()


def test_other_departments_wait_at_the_front_desk_with_a_hint(triage: Triage) -> None:
    cases = {
        "Hay un bache enorme en la calzada de la avenida, casi me caigo con la moto": "roads",
        "There is a huge pothole in the road on Elm Street": "roads",
        "La alcantarilla está atascada y sale agua sucia a la calle": "water",
        "Las ramas del árbol del parque están a punto de caerse, hay que podarlo": "parks",
    }
    for text, department in cases.items():
        verdict = triage.classify(text)
        assert verdict.role == UNROUTED, (text, verdict)
        assert verdict.suggested == department, (text, verdict)


def test_desk_reports_still_reach_their_desk(triage: Triage) -> None:
    cases = {
        "La farola de la esquina lleva tres noches apagada": "lighting",
        "Street light is out in front of number 12": "lighting",
        "Hay bolsas de basura tiradas por toda la acera": "street_cleaning",
        "Un coche lleva semanas abandonado en mi calle": "police",
        "Car parked on the sidewalk blocking the ramp": "police",
    }
    for text, role in cases.items():
        verdict = triage.classify(text)
        assert verdict.role == role, (text, verdict)
        assert verdict.suggested is None


def test_calibration_on_a_fixed_set(triage: Triage) -> None:
    """On the project's own labelled set: the more sure triage says it is, the more often it
    is right, and a sure verdict is right about as often as it claims."""
    posts = [
        json.loads(line)
        for line in (DATA / "eval.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    verdicts = [triage.classify(p["text"]) for p in posts]
    pairs = [(v.confidence, v.role == p["role"]) for p, v in zip(posts, verdicts, strict=True)]
    sure = [ok for c, ok in pairs if c >= 0.8]
    unsure = [ok for c, ok in pairs if c < 0.6]
    assert len(sure) >= 50
    assert sum(sure) / len(sure) >= 0.8
    if len(unsure) >= 10:
        assert sum(unsure) / len(unsure) < sum(sure) / len(sure)


def test_a_town_sets_its_own_threshold() -> None:
    text = "Hay un contenedor desbordado en la esquina"
    sure = Triage.from_resources().classify(text)
    assert sure.role != UNROUTED
    eager = Triage.from_resources(min_confidence=sure.confidence - 0.05)
    strict = Triage.from_resources(min_confidence=sure.confidence + 0.0005)
    assert eager.classify(text).role == sure.role
    assert strict.classify(text).role == UNROUTED


def test_the_routed_event_keeps_why(triage: Triage) -> None:
    verdict = triage.classify("La farola de la plaza parpadea toda la noche")
    why = verdict.why_role()
    assert why["words"] and why["model_words"]
    assert "farola" in " ".join(why["words"] + why["model_words"])
