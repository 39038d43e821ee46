"""Route a post to a role with a priority: rule evidence plus what the desks have taught it."""

from __future__ import annotations

import enum
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jundesk.core.model import UNROUTED, Priority
from jundesk.paths import resource_files, resource_path
from jundesk.triage import language, rules
from jundesk.triage.blend import MISC, BlendWeights, blend
from jundesk.triage.features import extract, unique
from jundesk.triage.learner import Learner
from jundesk.triage.learner import features as learned_features
from jundesk.triage.matcher import Match, Matcher
from jundesk.triage.model import FeatureTable, LinearModel, softmax
from jundesk.triage.normalize import tokens as fold_tokens

# A role needs this much evidence (about one clear word, like "farola") to be routed to.
ROUTE_THRESHOLD = 1.0
# Below this confidence two roles are too close to call: the front desk decides.
MIN_CONFIDENCE = 0.2
# With the model: below this calibrated probability a post waits at the front desk (a town
# can set its own); the front desk is told what it probably is from this probability up.
DEFAULT_MIN_CONFIDENCE = 0.5
SUGGEST_MIN = 0.25
MODEL_FOLDER = "model"
ROUTING_MODEL = "routing.json"
URGENCY_MODEL = "urgency.json"
URGENT_CLASS = "urgent"
# Confidence in a re-route a desk made for this very post, and in the urgent fallback.
_EXACT_CONFIDENCE = 0.95
_FALLBACK_CONFIDENCE = 0.6


class FollowUp(enum.StrEnum):
    """What a citizen's new post on a finished case means."""

    REOPEN = "reopen"  # "broken again", "sigue sin luz": the problem is back
    THANKS = "thanks"  # "thanks, fixed": worth reading, nothing to reopen
    OTHER = "other"


# A follow-up reopens when its problem cues ("again", "vuelve a", "encore") add up to this.
REOPEN_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where a post goes, how urgent it is, how sure triage is, and what decided."""

    role: str
    priority: Priority
    confidence: float  # 0..1: of posts routed with 0.8, about 80% belong there
    matched: tuple[str, ...] = ()  # the rule terms that decided, for explaining to the user
    # For the front desk: the department (or desk) the post probably belongs to.
    suggested: str | None = None
    model_words: tuple[str, ...] = ()  # the post's words the model leaned on most
    cue_words: tuple[str, ...] = ()  # those of `matched` that set the priority

    @property
    def route_words(self) -> tuple[str, ...]:
        """The rule and learned words that chose the role."""
        return tuple(w for w in self.matched if w not in self.cue_words)

    def why_role(self) -> dict[str, Any]:
        """What decided the role, as the routed event keeps it."""
        return {
            "words": list(self.route_words),
            "model_words": list(self.model_words),
            "suggested": self.suggested,
        }


class Triage:
    """The triage of one town: its rule files, its statistical models, and the corrections
    its desks made."""

    def __init__(
        self,
        ruleset: rules.RuleSet,
        typos: bool = True,
        routing: LinearModel | None = None,
        urgency: LinearModel | None = None,
        min_confidence: float | None = None,
    ) -> None:
        """`typos`: also read words that match no term as misspellings of the terms' words
        (see typos.py); off, only the words as written (folded and stemmed) match.
        `routing`/`urgency`: the statistical models (model.py); without them the rule files
        decide alone. `min_confidence`: below it a post waits at the front desk."""
        self._settings = ruleset.priority
        self._matcher = Matcher(
            ruleset.terms,
            ruleset.priority.negations,
            ruleset.priority.negation_window,
            typos=typos,
        )
        self._learner = Learner()
        self.roles: tuple[str, ...] = ruleset.roles
        self._routing = routing
        self._urgency = urgency
        # One look-up per feature for both models; a missing one takes an empty stand-in.
        self._table: FeatureTable | None = None
        if routing is not None or urgency is not None:
            self._table = _feature_table(routing or _EMPTY, urgency or _EMPTY)
        self._urgent_index = urgency.classes.index(URGENT_CLASS) if urgency is not None else 0
        about = routing.about if routing is not None else {}
        default = BlendWeights()
        self._blend = BlendWeights(
            rule_weight=float(about.get("rule_weight", default.rule_weight)),
            learned_weight=float(about.get("learned_weight", default.learned_weight)),
            temperature=routing.temperature if routing is not None else 1.0,
        )
        self.min_confidence = (
            float(min_confidence)
            if min_confidence is not None
            else float(about.get("min_confidence", DEFAULT_MIN_CONFIDENCE))
        )
        self._urgent_cut = float(
            (urgency.about if urgency is not None else {}).get("threshold", 0.5)
        )
        # Its caches need one user at a time, and a console has several threads (intake's
        # writer, a desk's corrections, the hub's corrections from other desks).
        self._lock = threading.RLock()

    @classmethod
    def from_resources(
        cls,
        path: Path | None = None,
        typos: bool = True,
        min_confidence: float | None = None,
        models: bool = True,
        model_folder: Path | None = None,
    ) -> Triage:
        """Load the rule files in `path` (default: the bundled ones, each replaced by the
        town's own file of the same name in its config folder, plus the town's new roles)
        and, unless `models` is false, the models in the `model` folder beside them."""
        if path is None:
            ruleset = rules.load_files(resource_files("triage", "*.toml"))
            model_folder = model_folder or resource_path("triage", MODEL_FOLDER)
        else:
            ruleset = rules.load(path)
            model_folder = model_folder or path / MODEL_FOLDER
        routing = _load_model(model_folder / ROUTING_MODEL) if models else None
        urgency = _load_model(model_folder / URGENCY_MODEL) if models else None
        return cls(ruleset, typos, routing, urgency, min_confidence)

    @property
    def departments(self) -> tuple[str, ...]:
        """What the routing model knows that is no desk of this town (roads, parks...)."""
        if self._routing is None:
            return ()
        return tuple(c for c in self._routing.classes if c not in self.roles and c != MISC)

    @property
    def learned_roles(self) -> tuple[str, ...]:
        """Roles the desks have taught that no rule file defines (a town's new role)."""
        return tuple(r for r in self._learner.roles if r not in self.roles and r != UNROUTED)

    def learn(self, text: str, role: str) -> None:
        """A desk re-routed this post to `role`: route it and similar posts there from now."""
        with self._lock:
            self._learner.learn(fold_tokens(text), role)

    def learn_many(self, corrections: Iterable[tuple[str, str]]) -> None:
        with self._lock:
            for text, role in corrections:
                self.learn(text, role)

    def classify(self, text: str, lang: str = "") -> Verdict:
        """The role and priority for a post; never raises on any text. Thread-safe."""
        with self._lock:
            return self._classify(text, lang)

    def follow_up(self, text: str, lang: str = "") -> FollowUp:
        """Read a citizen's new post on a resolved or closed case. Thread-safe."""
        with self._lock:
            tokens = fold_tokens(text)
            scores, _ = _score(self._matcher.match(tokens, language.guess(tokens, lang), text))
        problem = scores.get("!problem", 0.0)
        thanks = scores.get("!low", 0.0) + max(0.0, scores.get("!calm", 0.0))
        if problem >= REOPEN_THRESHOLD and problem > thanks:
            return FollowUp.REOPEN
        if thanks > problem and thanks >= self._settings.low_threshold:
            return FollowUp.THANKS
        return FollowUp.OTHER

    def _cue_features(self, scores: dict[str, float]) -> list[str]:
        """What the priority rules found, as features the urgency model weighs: on a
        disaster's chatter "fire" is everywhere, in a neighbour's report it is an alarm."""
        settings = self._settings
        urgent, calm = scores.get("!urgent", 0.0), max(0.0, scores.get("!calm", 0.0))
        out = []
        if urgent > 0.0:
            out.append("r:urgent-word")
        if urgent - calm >= settings.urgent_threshold:
            out.append("r:urgent")
        if urgent - calm >= 2 * settings.urgent_threshold:
            out.append("r:urgent-strong")
        if calm > 0.0:
            out.append("r:calm")
        if scores.get("!high", 0.0) >= settings.high_threshold:
            out.append("r:high")
        return out

    def _urgent(self, logits: list[float], by_rules: bool) -> bool:
        """Urgent when the rule file's urgent words say so (they were written for a
        neighbour's report, where "fuego" is an alarm), or when the urgency model, which
        reads those words among its features, finds a life at stake they missed."""
        if by_rules:
            return True
        assert self._urgency is not None
        found = softmax(logits, self._urgency.temperature)[self._urgent_index]
        return found >= self._urgent_cut

    def cue_features(self, text: str, lang: str = "") -> list[str]:
        """The priority rules' findings for a post, as the urgency model reads them."""
        with self._lock:
            tokens = fold_tokens(text)
            scores, _ = _score(self._matcher.match(tokens, language.guess(tokens, lang), text))
            return self._cue_features(scores)

    def rule_scores(self, text: str, lang: str = "") -> dict[str, float]:
        """What the rule files alone say for each role (the training tool fits how much
        they count beside the model)."""
        with self._lock:
            tokens = fold_tokens(text)
            scores, _ = _score(self._matcher.match(tokens, language.guess(tokens, lang), text))
            return self._role_scores(scores, self._courtesy(scores))

    def _courtesy(self, scores: dict[str, float]) -> float:
        """How much more a post thanks or greets than it complains; 0 when it doesn't."""
        courtesy = scores.get("!low", 0.0) - scores.get("!problem", 0.0)
        polite = courtesy >= self._settings.low_threshold and courtesy > 0.0
        return courtesy if polite else 0.0

    def _role_scores(self, scores: dict[str, float], courtesy: float) -> dict[str, float]:
        # Thanks and greetings hold routing back: "gracias por arreglar la farola".
        damping = self._settings.route_damping * courtesy
        return {role: scores.get(role, 0.0) - damping for role in self.roles}

    def _classify(self, text: str, lang: str) -> Verdict:
        tokens = fold_tokens(text)
        guessed = language.guess(tokens, lang)
        scores, evidence = _score(self._matcher.match(tokens, guessed, text))
        settings = self._settings

        courtesy = self._courtesy(scores)
        polite = courtesy > 0.0
        # Calm words only take away ("desde ayer" only cancels "ayer": it adds no urgency).
        calm = max(0.0, scores.get("!calm", 0.0))
        urgent = scores.get("!urgent", 0.0) - calm >= settings.urgent_threshold
        # Context words (children, school, road) add up, but only to a hazard cue of weight.
        hazards = evidence.get("!high", [])
        high = (
            scores.get("!high", 0.0) >= settings.high_threshold
            and bool(hazards)
            and hazards[0].weight >= settings.high_threshold / 2
        )

        role_scores = self._role_scores(scores, courtesy)
        learned_scores: dict[str, float] = {}
        learned_words: dict[str, tuple[str, ...]] = {}
        exact: str | None = None
        if self._learner:
            found = learned_features(tokens)
            exact = self._learner.exact(found)
            for role, learned in self._learner.scores(found).items():
                learned_scores[role] = learned.score
                learned_words[role] = learned.words

        feats: list[str] = []
        routing_logits: list[float] = []
        known_words = 0
        if self._table is not None:
            feats = unique(extract(tokens))
            (routing_logits, urgency_logits), known = self._table.logits(
                feats + self._cue_features(scores)
            )
            known_words = sum(1 for f in known if f.startswith("w:"))
            if self._urgency is not None and calm < settings.urgent_threshold:
                # "Minor accident, no injuries": calm words that outweigh leave it calm.
                urgent = self._urgent(urgency_logits, urgent)
        suggested: str | None = None
        model_words: tuple[str, ...] = ()
        if self._routing is not None and not polite:
            role, confidence, suggested = self._decide_blended(
                routing_logits, known_words, role_scores, learned_scores
            )
        else:
            # Thanks and greetings are no reports: the rule files' courtesy words decide
            # them (the model learned from reports only, where "alumbrado" is always one).
            for role, score in learned_scores.items():
                role_scores[role] = role_scores.get(role, 0.0) + score
            role, confidence = self._decide(role_scores)
        if exact is not None:
            role, confidence, suggested = exact, _EXACT_CONFIDENCE, None
        if role == UNROUTED and urgent and settings.fallback_role:
            role, confidence = settings.fallback_role, _FALLBACK_CONFIDENCE
        if self._routing is not None:
            model_words = tuple(self._routing.strongest(feats, suggested or role))

        if urgent:
            priority, cue = Priority.URGENT, "!urgent"
        elif high and not (role == UNROUTED and polite):
            priority, cue = Priority.HIGH, "!high"
        elif role == UNROUTED and polite:
            priority, cue = Priority.LOW, "!low"
        else:
            priority, cue = Priority.NORMAL, ""

        matched = [_explain(m, tokens) for m in evidence.get(role, ())]
        matched.extend(f"{word} (learned)" for word in learned_words.get(role, ()))
        cues = [_explain(m, tokens) for m in evidence.get(cue, ())]
        return Verdict(
            role,
            priority,
            round(confidence, 3),
            tuple(dict.fromkeys(matched + cues)),
            suggested,
            model_words,
            tuple(dict.fromkeys(cues)),
        )

    def _decide_blended(
        self,
        logits: list[float],
        known_words: int,
        role_scores: dict[str, float],
        learned_scores: dict[str, float],
    ) -> tuple[str, float, str | None]:
        assert self._routing is not None
        if not known_words and not any(role_scores.values()) and not learned_scores:
            return UNROUTED, 1.0, None  # nothing to go on: the front desk reads it
        probabilities = blend(
            self._routing.classes, logits, role_scores, learned_scores, self._blend, known_words
        )
        ranked = sorted(probabilities.items(), key=lambda item: (-item[1], item[0]))
        best, top = ranked[0]
        desks = set(self.roles) | set(self.learned_roles)
        if best in desks and top >= self.min_confidence:
            return best, top, None
        # The front desk's: how sure that no desk of the town should have it, and what it
        # probably is, so forwarding it is one click.
        elsewhere = 1.0 - sum(p for name, p in probabilities.items() if name in desks)
        confidence = max(elsewhere, 1.0 - top) if best in desks else elsewhere
        suggested = best if best != MISC and top >= SUGGEST_MIN else None
        return UNROUTED, confidence, suggested

    def _decide(self, role_scores: dict[str, float]) -> tuple[str, float]:
        if not role_scores:
            return UNROUTED, 1.0
        # Ties go to the role listed first, so the verdict never depends on dict order.
        ranked = sorted(role_scores.items(), key=lambda item: -item[1])
        best, top = ranked[0]
        second = max(ranked[1][1], 0.0) if len(ranked) > 1 else 0.0
        if top < ROUTE_THRESHOLD:
            return UNROUTED, min(1.0, 1.0 - max(top, 0.0) / (2 * ROUTE_THRESHOLD))
        confidence = (1.0 - math.exp(-(top - second) / 1.5)) * min(1.0, top / 2.0)
        if best == UNROUTED:
            return UNROUTED, confidence  # the desks taught that posts like this fit no role
        if confidence < MIN_CONFIDENCE:
            return UNROUTED, 1.0 - confidence - 0.5  # too close to call: not sure of anything
        return best, confidence


_EMPTY = LinearModel({"format": 1, "classes": ["-", "--"], "intercept": [0, 0], "weights": {}})


def _load_model(path: Path) -> LinearModel | None:
    """A bundled model, or None where a folder has none (the rules then decide alone)."""
    for candidate in (path, path.with_name(path.name + ".gz")):
        try:
            stat = candidate.stat()
        except OSError:
            continue
        return _load_signed_model(candidate, stat.st_mtime_ns, stat.st_size)
    return None


@lru_cache(maxsize=4)
def _feature_table(routing: LinearModel, urgency: LinearModel) -> FeatureTable:
    """The merged look-up of two models (read-only), built once per pair of loaded models."""
    return FeatureTable([routing, urgency])


@lru_cache(maxsize=8)
def _load_signed_model(path: Path, _mtime_ns: int, _size: int) -> LinearModel:
    """A model file as read the first time, while it stays unchanged (models are read-only)."""
    return LinearModel.load(path)


def _explain(match: Match, tokens: list[str]) -> str:
    """A matched term as desks see it, with the words read as its misspellings."""
    if not match.typos:
        return match.term.text
    typed = " ".join(tokens[p] for p in match.typos)
    return f'{match.term.text} (as "{typed}")'


def _score(matches: list[Match]) -> tuple[dict[str, float], dict[str, list[Match]]]:
    """Sum each channel's matches, strongest first, skipping any whose words are all counted
    already: a phrase and a word inside it, or one word in two languages, count once."""
    taken: dict[str, set[int]] = {}
    scores: dict[str, float] = {}
    evidence: dict[str, list[Match]] = {}
    # Strongest first; of equal weight, the one covering more words (the phrase) first. A
    # misspelling ranks as the word it stands for, so a phrase still comes before its words.
    order = sorted(
        matches, key=lambda m: (-abs(m.weight / m.factor), -len(m.positions), m.term.text)
    )
    for match in order:
        channel = match.term.channel
        used = taken.setdefault(channel, set())
        if used.issuperset(match.positions):
            continue
        used.update(match.positions)
        scores[channel] = scores.get(channel, 0.0) + match.weight
        evidence.setdefault(channel, []).append(match)
    return scores, evidence
