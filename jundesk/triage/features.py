"""The features the statistical models read from a post's folded tokens: its content words,
their stems and pairs of neighbouring stems. (Letter groups inside words were tried: they
scored the same on the training cities and made classify a third slower.)

The same function runs when a model is trained (tools/train_triage.py) and when it
classifies, so the two can never read a post differently.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from jundesk.triage.language import ALL_STOPWORDS, NEGATIONS
from jundesk.triage.stemmer import STEMMERS

# Bounds the work on a pathological post; real reports have far fewer.
MAX_WORDS = 300


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    # The shortest of the four languages' stems: posts are not reliably tagged, and the same
    # feature must come out whichever language a post was written in.
    return min((stemmer(token) for stemmer in STEMMERS.values()), key=lambda s: (len(s), s))


@lru_cache(maxsize=200_000)
def _word_features(token: str) -> tuple[str, ...]:
    out = ["w:" + token]
    if token.isalpha():
        stem = _stem(token)
        if stem != token:
            out.append("s:" + stem)
    return tuple(out)


def content_words(tokens: Sequence[str]) -> list[str]:
    """The tokens that say something: no function words, numbers or one-letter leftovers;
    negations stay ("no funciona", "sin luz")."""
    return [
        t
        for t in tokens[: MAX_WORDS * 3]
        if t in NEGATIONS or (len(t) > 1 and t not in ALL_STOPWORDS and not t.isdigit())
    ][:MAX_WORDS]


def extract(tokens: Sequence[str]) -> list[str]:
    """A post's features (repeats kept: the model counts each once, see `unique`)."""
    words = content_words(tokens)
    out: list[str] = []
    for token in words:
        out.extend(_word_features(token))
    stems = [_stem(t) if t.isalpha() else t for t in words]
    out.extend(f"b:{a} {b}" for a, b in itertools.pairwise(stems))
    if "?" in tokens:
        out.append("q:?")
    return out


def unique(features: Sequence[str]) -> list[str]:
    """Each feature once, in first-seen order: a word repeated ten times is still one word."""
    return list(dict.fromkeys(features))
