"""Find which rule terms (words, phrases, exact forms) a post's tokens match, and where."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from jundesk.triage.rules import ANY, Term, match_key
from jundesk.triage.stemmer import LANGUAGES
from jundesk.triage.typos import Reading, is_name, typo_reader

# When the post's language is known, terms of the other languages still count (posts mix
# languages, and Catalan and Spanish share words) but less: a Spanish stem that happens to
# equal an English word ("her") must not weigh as much as the real thing.
OTHER_LANGUAGE_WEIGHT = 0.75
# When a post's words don't tell its language, the town's main languages count fully and the
# others as foreign: a Spanish "foco" (spotlight) must not weigh like a Catalan "foc" (fire).
MAIN_LANGUAGES: frozenset[str] = frozenset({"es", "en"})
# The memo of token -> keys grows with the vocabulary seen; hostile input must not grow it
# forever, so it starts over past this size.
_MEMO_LIMIT = 200_000


class Match(NamedTuple):
    # A named tuple rather than a frozen dataclass: a post makes several, and it is cheaper.
    term: Term
    positions: tuple[int, ...]  # the tokens it covers, so overlapping matches count once
    weight: float
    typos: tuple[int, ...] = ()  # the covered tokens read as misspellings of the term's words
    factor: float = 1.0  # what the misspellings leave of the weight (weight is net of it)


class Matcher:
    """Matches a rule set's terms against token sequences. Not thread-safe (a memo).

    A token that matches no term as written may still be read as a misspelling of a term's
    word (see typos.py); a match through such a token weighs what the reading counts.
    """

    def __init__(
        self, terms: Sequence[Term], negations: frozenset[str], window: int, typos: bool = True
    ) -> None:
        self._terms = tuple(terms)
        self._negations = negations
        self._negation_window = window
        self._vocabulary: set[str] = set()
        # Most terms are one word: found by their key alone. The others are looked up through
        # their first key, then checked in full.
        self._words: dict[str, list[Term]] = {}
        self._by_anchor: dict[str, list[Term]] = {}
        for term in self._terms:
            for part in term.parts:
                self._vocabulary.update(part)
            simple = len(term.parts) == 1 and len(term.parts[0]) == 1
            index = self._words if simple else self._by_anchor
            index.setdefault(term.parts[0][0], []).append(term)
        self._typos = typo_reader(self._terms) if typos else None
        # token -> (its keys as written, and how it reads as a misspelling, if it does)
        self._memo: dict[str, tuple[tuple[str, ...], Reading | None]] = {}

    def keys(self, token: str) -> tuple[str, ...]:
        """The match keys of one token that some term uses (usually none): as written, and
        as the misspelling of a term's word it reads as."""
        keys, reading = self._lookup(token)
        return keys if reading is None else tuple(dict.fromkeys(keys + reading.keys))

    def _lookup(self, token: str) -> tuple[tuple[str, ...], Reading | None]:
        found = self._memo.get(token)
        if found is None:
            candidates = [match_key(lang, token) for lang in LANGUAGES]
            candidates.append(match_key(ANY, token))
            keys = tuple(k for k in dict.fromkeys(candidates) if k in self._vocabulary)
            found = (keys, None)
            # A word of the town's main languages may be misspelt into a French or Catalan
            # one ("gaz" for "gas"): it reads both ways.
            if self._typos is not None and not any(k[:2] in MAIN_LANGUAGES for k in keys):
                reading = self._typos.read(token)
                if reading.keys:
                    found = (keys, reading)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[token] = found
        return found

    def match(self, tokens: Sequence[str], lang: str, text: str = "") -> list[Match]:
        """Every term the tokens match, each once, at the first place it matches (the first
        as written, if a misspelling of it comes first). `text`, the post the tokens come
        from, tells a street's name from a misspelt word by its capitals."""
        positions: dict[str, list[int]] = {}
        typos: dict[int, Reading] = {}  # position -> how a misspelt token there reads
        memo = self._memo
        for i, token in enumerate(tokens):
            found = memo.get(token)
            keys, reading = self._lookup(token) if found is None else found
            for key in keys:
                positions.setdefault(key, []).append(i)
            # "Calle Alhambra" is a street, no misspelt "alumbra".
            if reading is not None and not is_name(tokens, i, text):
                typos[i] = reading
                for key in reading.keys:
                    at = positions.setdefault(key, [])
                    if not at or at[-1] != i:
                        at.append(i)
        if not positions:
            return []
        if typos:
            return self._match_typos(tokens, lang, positions, typos)
        matches: list[Match] = []
        for key, at in positions.items():
            for term in self._words.get(key, ()):
                if term.channel == "!urgent" and self._negated(tokens, at[0]):
                    continue
                matches.append(Match(term, (at[0],), self._weight(term, lang)))
            for term in self._by_anchor.get(key, ()):
                covered = self._find(term, positions)
                if covered:
                    matches.append(Match(term, covered, self._weight(term, lang)))
        return matches

    def _match_typos(
        self,
        tokens: Sequence[str],
        lang: str,
        positions: dict[str, list[int]],
        typos: dict[int, Reading],
    ) -> list[Match]:
        """match() for a post with misspelt words: the same, weighing what they count."""
        matches: list[Match] = []
        for key, at in positions.items():
            first = next((p for p in at if p not in typos), at[0])
            for term in self._words.get(key, ()):
                if term.channel == "!urgent" and self._negated(tokens, first):
                    continue
                matches.append(self._match(term, (first,), lang, typos))
            for term in self._by_anchor.get(key, ()):
                covered = self._find(term, positions)
                if covered:
                    matches.append(self._match(term, covered, lang, typos))
        return matches

    def _match(
        self, term: Term, covered: tuple[int, ...], lang: str, typos: dict[int, Reading]
    ) -> Match:
        weight = self._weight(term, lang)
        misspelt = tuple(p for p in covered if p in typos)
        if not misspelt:
            return Match(term, covered, weight)
        urgent = term.channel == "!urgent"
        factor = min(typos[p].urgent_weight if urgent else typos[p].weight for p in misspelt)
        return Match(term, covered, weight * factor, misspelt, factor)

    @staticmethod
    def _weight(term: Term, lang: str) -> float:
        if term.lang == ANY or term.lang == lang:
            return term.weight
        if lang or term.lang not in MAIN_LANGUAGES:
            return term.weight * OTHER_LANGUAGE_WEIGHT
        return term.weight

    def _find(self, term: Term, positions: dict[str, list[int]]) -> tuple[int, ...]:
        """The tokens where all the term's parts match (first part first), or ()."""
        covered: list[int] = []
        for part in term.parts:
            at = _find_part(part, positions, term.window)
            if not at:
                return ()
            covered.extend(at)
        return tuple(covered)

    def _negated(self, tokens: Sequence[str], position: int) -> bool:
        """A life-safety word right after a negation: "no hay heridos", "sin fuego". Only
        single words are checked: a phrase says what it means, negation included ("no
        respira")."""
        start = max(0, position - self._negation_window)
        return any(token in self._negations for token in tokens[start:position])


def _find_part(
    part: tuple[str, ...], positions: dict[str, list[int]], window: int
) -> tuple[int, ...]:
    first = positions.get(part[0])
    if first is None:
        return ()
    if len(part) == 1:
        return (first[0],)
    others = []
    for key in part[1:]:
        at = positions.get(key)
        if at is None:
            return ()
        others.append(at)
    for anchor in first:
        covered = [anchor]
        for at in others:
            near = [q for q in at if q != anchor and abs(q - anchor) <= window]
            if not near:
                break
            covered.append(min(near, key=lambda q: abs(q - anchor)))
        else:
            return tuple(covered)
    return ()
