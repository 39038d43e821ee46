"""Learn from the desks' corrections: which stems point at which role, and exact re-routes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from jundesk.triage.language import ALL_STOPWORDS, NEGATIONS
from jundesk.triage.stemmer import STEMMERS

# What a stem seen in one correction adds to its role: STEM_WEIGHT * margin / (count + 1).
# One correction gives 0.8 per shared stem, so two or three shared stems pass the routing
# threshold (1.0) on their own while one shared stem does not; repeated corrections approach
# 1.6 per stem, enough to outweigh one strong rule term.
STEM_WEIGHT = 1.6
_SMOOTHING = 1.0
_MIN_LENGTH = 3


@dataclass(frozen=True, slots=True)
class Learned:
    role: str
    score: float
    words: tuple[str, ...]  # the post's words that carried it, to explain the verdict


def features(tokens: Sequence[str]) -> dict[str, str]:
    """The post's content stems (one language-neutral stem each) -> the word as written."""
    out: dict[str, str] = {}
    for token in tokens:
        stem = _feature(token)
        if stem:
            out.setdefault(stem, token)
    return out


@lru_cache(maxsize=100_000)  # classify() calls this for every token once desks correct
def _feature(token: str) -> str:
    if len(token) < _MIN_LENGTH or not token.isalpha():
        return ""
    if token in ALL_STOPWORDS or token in NEGATIONS:
        return ""
    # The shortest of the four languages' stems: posts are not reliably tagged, and the same
    # key must come out whichever language a post was written in.
    return min((stemmer(token) for stemmer in STEMMERS.values()), key=lambda s: (len(s), s))


class Learner:
    """Corrections seen so far. Deterministic; not thread-safe.

    Evidence is per stem, so a correction moves similar posts too, not only the same text;
    and a stem counts only for the role it leans to, by the margin of its counts, so words
    like "plaza" or "calle" that turn up under every role cancel out.
    """

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}
        self._lean: dict[str, tuple[str, float]] = {}  # stem -> (role, weight) it adds
        self._exact: dict[tuple[str, ...], str] = {}
        self.roles: list[str] = []  # in the order first learned

    def __bool__(self) -> bool:
        return bool(self._exact)

    def learn(self, tokens: Sequence[str], role: str) -> None:
        found = features(tokens)
        if role not in self.roles:
            self.roles.append(role)
        if not found:
            return
        self._exact[tuple(sorted(found))] = role
        for stem in found:
            counts = self._counts.setdefault(stem, {})
            counts[role] = counts.get(role, 0) + 1
            self._lean[stem] = _lean(counts)

    def exact(self, found: dict[str, str]) -> str | None:
        """The role a desk gave this very post (same words, any order), if it did."""
        return self._exact.get(tuple(sorted(found))) if found else None

    def scores(self, found: dict[str, str]) -> dict[str, Learned]:
        totals: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        for stem, word in found.items():
            lean = self._lean.get(stem)
            if lean is None or lean[1] <= 0.0:
                continue
            role, weight = lean
            totals[role] = totals.get(role, 0.0) + weight
            words.setdefault(role, []).append(word)
        return {role: Learned(role, total, tuple(words[role])) for role, total in totals.items()}


def _lean(counts: dict[str, int]) -> tuple[str, float]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    role, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return role, STEM_WEIGHT * (top - second) / (sum(counts.values()) + _SMOOTHING)
