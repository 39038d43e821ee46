"""A linear model over a post's features, read from plain JSON package data and run in pure
Python: no numpy, no pickle, no network.

The files are written by tools/train_triage.py. Each holds the classes, one intercept per
class, a temperature (fitted so that the probabilities are calibrated) and, for every
feature it kept, the classes it moves and by how much:

    {"format": 1, "classes": [...], "intercept": [...], "temperature": 1.3,
     "weights": {"w:farola": [[2, 3.1], [0, -0.4]], ...}, "about": {...}}
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1


class ModelFileError(ValueError):
    """A model file that can't be read: says which file and why."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """Calibrated probabilities per class, best first."""

    ranked: tuple[tuple[str, float], ...]
    features: tuple[str, ...]  # the post's features the model knows, for explaining

    @property
    def best(self) -> tuple[str, float]:
        return self.ranked[0]

    def probability(self, label: str) -> float:
        for name, p in self.ranked:
            if name == label:
                return p
        return 0.0


class LinearModel:
    """Multinomial logistic regression (or binary, with two classes) over sparse features."""

    def __init__(self, data: dict[str, Any], origin: str = "") -> None:
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
            self.classes: tuple[str, ...] = tuple(str(c) for c in data["classes"])
            self._intercept = [float(v) for v in data["intercept"]]
            self.temperature = float(data.get("temperature", 1.0))
            size = len(self.classes)
            if size < 2 or len(self._intercept) != size or self.temperature <= 0:
                raise ValueError("classes, intercepts and temperature don't fit together")
            weights: dict[str, tuple[tuple[int, float], ...]] = {}
            for feature, pairs in data["weights"].items():
                row = tuple((int(i), float(w)) for i, w in pairs)
                if any(not 0 <= i < size for i, _ in row):
                    raise ValueError(f"feature {feature!r} names a class that doesn't exist")
                weights[str(feature)] = row
            self._weights = weights
            self.about: dict[str, Any] = dict(data.get("about", {}))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"{origin or 'model'}: {exc}") from exc

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model file (`.json` or `.json.gz`)."""
        try:
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            data = json.loads(raw)
        except (OSError, ValueError) as exc:
            raise ModelFileError(f"{path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ModelFileError(f"{path}: not a model")
        return cls(data, str(path))

    def __len__(self) -> int:
        return len(self._weights)

    def logits(self, features: Sequence[str]) -> tuple[list[float], list[str]]:
        """Raw class scores, and the features that took part."""
        scores = list(self._intercept)
        known: list[str] = []
        weights = self._weights
        for feature in features:
            row = weights.get(feature)
            if row is None:
                continue
            known.append(feature)
            for index, weight in row:
                scores[index] += weight
        return scores, known

    def predict(self, features: Sequence[str]) -> Prediction:
        scores, known = self.logits(features)
        probabilities = softmax(scores, self.temperature)
        ranked = sorted(
            zip(self.classes, probabilities, strict=True), key=lambda item: (-item[1], item[0])
        )
        return Prediction(tuple(ranked), tuple(known))

    def strongest(self, features: Sequence[str], label: str, count: int = 3) -> list[str]:
        """The post's words that pushed it most towards `label` (whole words only, as a desk
        reads them: stems and word pairs are the model's business)."""
        try:
            index = self.classes.index(label)
        except ValueError:
            return []
        pushes: list[tuple[float, str]] = []
        for feature in features:
            if not feature.startswith("w:"):
                continue
            for i, weight in self._weights.get(feature, ()):
                if i == index and weight > 0.3:
                    pushes.append((weight, feature[2:]))
        pushes.sort(key=lambda item: (-item[0], item[1]))
        return [word for _, word in pushes[:count]]


class FeatureTable:
    """Several linear models over the same features, each feature looked up once for all
    of them: classify() reads every post with both the routing and the urgency model."""

    def __init__(self, models: Sequence[LinearModel]) -> None:
        self.models = tuple(models)
        merged: dict[str, list[tuple[tuple[int, float], ...]]] = {}
        for k, model in enumerate(self.models):
            for feature, row in model._weights.items():
                merged.setdefault(feature, [()] * len(self.models))[k] = row
        self._rows = {feature: tuple(rows) for feature, rows in merged.items()}

    def logits(self, features: Sequence[str]) -> tuple[list[list[float]], list[str]]:
        """Each model's raw class scores, and the features any of them knows."""
        scores = [list(model._intercept) for model in self.models]
        known: list[str] = []
        get = self._rows.get
        for feature in features:
            rows = get(feature)
            if rows is None:
                continue
            known.append(feature)
            for out, row in zip(scores, rows, strict=True):
                for index, weight in row:
                    out[index] += weight
        return scores, known


def softmax(scores: Sequence[float], temperature: float = 1.0) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
