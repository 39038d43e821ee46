"""How the three kinds of evidence add up to one calibrated routing verdict: the statistical
model's scores, the words of the town's rule files, and what the desks' corrections taught.

The training tool measures with this very function, so what was measured is what runs; it
writes `rule_weight`, `learned_weight` and the temperature into the model file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jundesk.core.model import UNROUTED
from jundesk.triage.model import softmax

# The model's catch-all class: what belongs to no desk and to no known department.
MISC = "misc"
# Words of a post the model must know before its scores count in full.
SUPPORT = 3


@dataclass(frozen=True, slots=True)
class BlendWeights:
    rule_weight: float = 2.4  # logit per unit of rule-file score (about ln of 11 classes)
    learned_weight: float = 4.8  # per unit of learned score: a town's own answer, twice a rule's
    temperature: float = 1.0  # the model's, fitted on posts it was not trained on


def blend(
    model_classes: Sequence[str],
    model_logits: Sequence[float],
    rule_scores: Mapping[str, float],
    learned_scores: Mapping[str, float],
    weights: BlendWeights,
    known_words: int = SUPPORT,
) -> dict[str, float]:
    """Probabilities over every class the post could go to: the model's departments, and any
    role only the rule files or the corrections know (a town's own new role).

    `known_words`: how many of the post's words the model has seen. With fewer than
    SUPPORT its scores count proportionally less: a model that knows one word of a post
    ("semana") has no opinion worth a desk's time."""
    # The model's own scores, calibrated (its temperature); the rule and learned evidence
    # is added on that calibrated scale, so what one unit of it is worth doesn't depend on
    # how sure of itself this model happens to be.
    scale = min(1.0, known_words / SUPPORT) / weights.temperature
    logits = {n: v * scale for n, v in zip(model_classes, model_logits, strict=True)}
    # A role the model has never seen starts where "belongs to nothing we know" stands, so
    # only its rule words or corrections can lift it.
    base = logits.get(MISC, min(logits.values()) if logits else 0.0)
    for role, score in rule_scores.items():
        logits[role] = logits.get(role, base) + weights.rule_weight * score
    for role, score in learned_scores.items():
        target = MISC if role == UNROUTED else role
        logits[target] = logits.get(target, base) + weights.learned_weight * score
    names = list(logits)
    probabilities = softmax([logits[n] for n in names])
    return dict(zip(names, probabilities, strict=True))
