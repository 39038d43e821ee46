"""Where the words of a search occur in a text, folded as the full-text index folds them.

The store's index (FTS5 unicode61 with remove_diacritics) ignores case and accents and
treats the last word typed as a prefix; highlighting must find the same places, so
"farola" lights up "Faróla" and "farol" lights up "farolas".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# FTS5's unicode61 tokenizer keeps letters, numbers, private-use characters and (with
# remove_diacritics) combining marks in tokens; everything else separates them.
_TOKEN_CATEGORIES = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Co"}
)
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# The least a search may hold, in letters (or digits) of its words: below three a prefix
# matches most of the index and the search walks all of it. The store refuses such a
# search and the search bar waits for more typing; both ask `enough_letters`.
MIN_SEARCH_LETTERS = 3


def _is_token_char(char: str) -> bool:
    return unicodedata.category(char) in _TOKEN_CATEGORIES


def fold(text: str) -> tuple[str, list[int]]:
    """`text` without accents and case, and for each folded character its index in `text`."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.category(part) in ("Mn", "Me"):
                continue
            for lowered in part.casefold():
                folded.append(lowered)
                origin.append(index)
    return "".join(folded), origin


def search_words(query: str, most: int | None = None) -> list[str]:
    """The words of a search as the index splits them, as typed (not folded), without the
    operators typed as words (AND, OR, NOT, NEAR in capitals); the first `most` of them."""
    words: list[str] = []
    current: list[str] = []
    for char in query + " ":
        if _is_token_char(char):
            current.append(char)
        elif current:
            word = "".join(current)
            current = []
            if word not in _OPERATORS:
                words.append(word)
                if len(words) == most:
                    break
    return words


def enough_letters(words: Sequence[str]) -> bool:
    """Whether these words (from `search_words`) hold enough letters to be searched."""
    return sum(len(w) for w in words) >= MIN_SEARCH_LETTERS


def is_searchable(query: str) -> bool:
    """Whether the store searches what was typed rather than refusing it as too short."""
    return enough_letters(search_words(query))


def query_words(query: str) -> list[str]:
    """The folded words of a search, as the index would split them."""
    return [w for w in (fold(word)[0] for word in search_words(query)) if w]


def match_ranges(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` that the search `query` matches, in order, merged.

    Every word must match a whole word of the text; the last may match its beginning.
    """
    words = query_words(query)
    if not words:
        return []
    folded, origin = fold(text)
    ranges: list[tuple[int, int]] = []
    for number, word in enumerate(words):
        prefix = number == len(words) - 1
        start = folded.find(word)
        while start != -1:
            end = start + len(word)
            starts_word = start == 0 or not _is_token_char(folded[start - 1])
            ends_word = end == len(folded) or not _is_token_char(folded[end])
            if starts_word and (prefix or ends_word):
                # Extend a prefix match to the end of the word it begins.
                while prefix and end < len(folded) and _is_token_char(folded[end]):
                    end += 1
                ranges.append((origin[start], origin[end - 1] + 1))
            start = folded.find(word, start + 1)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
