"""Where the words of a search occur in a text, folded as the full-text index folds them.

The store's index (FTS5 unicode61 with remove_diacritics) ignores case and accents and
treats the last word typed as a prefix; highlighting must find the same places, so
"farola" lights up "Faróla" and "farol" lights up "farolas".
"""

from __future__ import annotations

import unicodedata

_TOKEN_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Co"})
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _is_token_char(char: str) -> bool:
    return unicodedata.category(char) in _TOKEN_CATEGORIES or unicodedata.category(char) in (
        "Mn",
        "Mc",
        "Me",
    )


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


def query_words(query: str) -> list[str]:
    """The folded words of a search, as the index would split them."""
    words: list[str] = []
    current: list[str] = []
    for char in query + " ":
        if _is_token_char(char):
            current.append(char)
        elif current:
            word = "".join(current)
            if word not in _OPERATORS:
                words.append(fold(word)[0])
            current = []
    return [w for w in words if w]


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
