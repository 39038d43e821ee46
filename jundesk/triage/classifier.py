"""Route a post to a role with a priority: rule evidence plus what the desks have taught it."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jundesk.core.model import UNROUTED, Priority
from jundesk.paths import RESOURCES
from jundesk.triage import language, rules
from jundesk.triage.learner import Learner, features
from jundesk.triage.matcher import Match, Matcher
from jundesk.triage.normalize import tokens as fold_tokens

# A role needs this much evidence (about one clear word, like "farola") to be routed to.
ROUTE_THRESHOLD = 1.0
# Below this confidence two roles are too close to call: the front desk decides.
MIN_CONFIDENCE = 0.2
# Confidence in a re-route a desk made for this very post, and in the urgent fallback.
_EXACT_CONFIDENCE = 0.95
_FALLBACK_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where a post goes, how urgent it is, how sure triage is, and the words that decided."""

    role: str
    priority: Priority
    confidence: float  # 0..1
    matched: tuple[str, ...] = ()  # the rule terms that decided, for explaining to the user


class Triage:
    """The triage of one town: its rule files, and the corrections its desks made."""

    def __init__(self, ruleset: rules.RuleSet, typos: bool = True) -> None:
        """`typos`: also read words that match no term as misspellings of the terms' words
        (see typos.py); off, only the words as written (folded and stemmed) match."""
        self._settings = ruleset.priority
        self._matcher = Matcher(
            ruleset.terms,
            ruleset.priority.negations,
            ruleset.priority.negation_window,
            typos=typos,
        )
        self._learner = Learner()
        self.roles: tuple[str, ...] = ruleset.roles
        # Its caches need one user at a time, and a console has several threads (intake's
        # writer, a desk's corrections, the hub's corrections from other desks).
        self._lock = threading.RLock()

    @classmethod
    def from_resources(cls, path: Path | None = None, typos: bool = True) -> Triage:
        """Load the rule files in `path` (default: the bundled resources/triage)."""
        return cls(rules.load(path if path is not None else RESOURCES / "triage"), typos)

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

    def _classify(self, text: str, lang: str) -> Verdict:
        tokens = fold_tokens(text)
        guessed = language.guess(tokens, lang)
        scores, evidence = _score(self._matcher.match(tokens, guessed, text))
        settings = self._settings

        courtesy = scores.get("!low", 0.0) - scores.get("!problem", 0.0)
        polite = courtesy >= settings.low_threshold and courtesy > 0.0
        urgent = scores.get("!urgent", 0.0) - scores.get("!calm", 0.0) >= (
            settings.urgent_threshold
        )
        # Context words (children, school, road) add up, but only to a hazard cue of weight.
        hazards = evidence.get("!high", [])
        high = (
            scores.get("!high", 0.0) >= settings.high_threshold
            and bool(hazards)
            and hazards[0].weight >= settings.high_threshold / 2
        )

        role_scores = {role: scores.get(role, 0.0) for role in self.roles}
        if polite:
            # Thanks and greetings hold routing back: "gracias por arreglar la farola".
            damping = settings.route_damping * courtesy
            role_scores = {role: score - damping for role, score in role_scores.items()}
        learned_words: dict[str, tuple[str, ...]] = {}
        exact: str | None = None
        if self._learner:
            found = features(tokens)
            exact = self._learner.exact(found)
            for role, learned in self._learner.scores(found).items():
                role_scores[role] = role_scores.get(role, 0.0) + learned.score
                learned_words[role] = learned.words

        role, confidence = self._decide(role_scores)
        if exact is not None:
            role, confidence = exact, _EXACT_CONFIDENCE
        if role == UNROUTED and urgent and settings.fallback_role:
            role, confidence = settings.fallback_role, _FALLBACK_CONFIDENCE

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
        matched.extend(_explain(m, tokens) for m in evidence.get(cue, ()))
        return Verdict(role, priority, round(confidence, 3), tuple(dict.fromkeys(matched)))

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
