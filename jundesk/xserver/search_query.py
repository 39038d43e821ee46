"""A small subset of X's search query language, for the local server's recent search.

Supported: keywords (tokenized, case- and accent-insensitive), "exact phrases", ``#tag``,
``@user``, ``from:``, ``to:``, ``lang:``, ``conversation_id:``, ``is:reply|quote|retweet``,
``has:media|links|mentions|hashtags|geo``, ``-negation``, ``OR`` and parentheses.
As in X, AND (a space) binds tighter than OR, and a query needs one non-negated term.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

MAX_QUERY_LENGTH = 512

_WORD = re.compile(r"\w+")
_LEXEME = re.compile(r'\s*(?:(\()|(\))|(-?"[^"]*")|([^\s()"]+))')


def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch)
        )
        if base and base != chr(code):
            table[code] = base
    return table


_ACCENTS = _accent_table()


def fold(text: str) -> str:
    """Lower case without diacritics: how the server compares words.

    A translation table rather than NFKD per character: search folds every stored post
    once, and backlogs hold 100,000 of them.
    """
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_ACCENTS)


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """What a query can see of one post (built once per post, then cached)."""

    folded_text: str  # " word word ... ": a keyword is " word ", a phrase " w1 w2 "
    author: str  # lower-case username
    mentions: frozenset[str]
    hashtags: frozenset[str]
    lang: str
    reply_to_user: str  # lower-case username, "" if not a reply
    is_quote: bool
    has_media: bool
    has_links: bool
    has_geo: bool
    conversation_id: str

    @classmethod
    def build(
        cls,
        text: str,
        *,
        author: str,
        mentions: frozenset[str],
        hashtags: frozenset[str],
        lang: str,
        reply_to_user: str,
        is_quote: bool,
        has_media: bool,
        has_links: bool,
        has_geo: bool,
        conversation_id: str,
    ) -> SearchDoc:
        return cls(
            folded_text=" " + " ".join(_WORD.findall(fold(text))) + " ",
            author=author,
            mentions=mentions,
            hashtags=hashtags,
            lang=lang,
            reply_to_user=reply_to_user,
            is_quote=is_quote,
            has_media=has_media,
            has_links=has_links,
            has_geo=has_geo,
            conversation_id=conversation_id,
        )


class QueryError(ValueError):
    """The query cannot be parsed; the message is what X would tell the caller."""


Predicate = Callable[[SearchDoc], bool]


@dataclass(frozen=True, slots=True)
class _Node:
    test: Predicate
    positive: bool  # matches something without relying only on negations


def parse(query: str) -> Predicate:
    """Compile a query into a predicate over SearchDoc; raises QueryError."""
    if not query.strip():
        raise QueryError("The `query` parameter can not be empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"The `query` parameter is longer than {MAX_QUERY_LENGTH} characters")
    tokens = _lex(query)
    parser = _Parser(tokens)
    node = parser.expression()
    if parser.pos != len(tokens):
        raise QueryError(
            f"There were errors processing your request: unexpected '{tokens[parser.pos]}'"
        )
    if not node.positive:
        raise QueryError(
            "There were errors processing your request: Rules must contain a non-negation "
            "term (at position 1)"
        )
    return node.test


def _lex(query: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    query = query.rstrip()
    while pos < len(query):
        match = _LEXEME.match(query, pos)
        if match is None or match.end() == pos:
            raise QueryError(
                f"There were errors processing your request: unbalanced quote at {pos}"
            )
        tokens.append(next(group for group in match.groups() if group is not None))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expression(self) -> _Node:
        branches = [self._conjunction()]
        while self._peek() == "OR":
            self.pos += 1
            branches.append(self._conjunction())
        if len(branches) == 1:
            return branches[0]
        tests = [branch.test for branch in branches]
        return _Node(
            lambda doc: any(test(doc) for test in tests), all(b.positive for b in branches)
        )

    def _conjunction(self) -> _Node:
        parts: list[_Node] = []
        while (token := self._peek()) is not None and token not in (")", "OR"):
            parts.append(self._unary())
        if not parts:
            raise QueryError("There were errors processing your request: empty clause")
        if len(parts) == 1:
            return parts[0]
        tests = [part.test for part in parts]
        return _Node(lambda doc: all(test(doc) for test in tests), any(p.positive for p in parts))

    def _unary(self) -> _Node:
        token = self.tokens[self.pos]
        if token == "-" or (token.startswith("-") and len(token) > 1):
            if token == "-":
                self.pos += 1
                if self._peek() != "(":
                    raise QueryError("There were errors processing your request: lone '-'")
                inner = self._atom()
            else:
                self.tokens[self.pos] = token[1:]
                inner = self._atom()
            test = inner.test
            return _Node(lambda doc: not test(doc), False)
        return self._atom()

    def _atom(self) -> _Node:
        token = self.tokens[self.pos]
        self.pos += 1
        if token == "(":
            node = self.expression()
            if self._peek() != ")":
                raise QueryError("There were errors processing your request: missing ')'")
            self.pos += 1
            return node
        if token == ")":
            raise QueryError("There were errors processing your request: unexpected ')'")
        return _Node(_term(token), True)


def _term(token: str) -> Predicate:
    if token.startswith('"'):
        words = _WORD.findall(fold(token.strip('"')))
        if not words:
            raise QueryError("There were errors processing your request: empty phrase")
        phrase = " " + " ".join(words) + " "
        return lambda doc: phrase in doc.folded_text
    if token.startswith("#") and len(token) > 1:
        tag = fold(token[1:])
        return lambda doc: tag in doc.hashtags
    if token.startswith("@") and len(token) > 1:
        user = token[1:].lower()
        return lambda doc: user in doc.mentions
    name, sep, value = token.partition(":")
    if sep and name.isalpha() and value:
        return _operator(name.lower(), value)
    words = _WORD.findall(fold(token))
    if not words:
        raise QueryError(f"There were errors processing your request: invalid term '{token}'")
    phrase = " " + " ".join(words) + " "  # "co-op" is matched as the phrase "co op"
    return lambda doc: phrase in doc.folded_text


def _operator(name: str, value: str) -> Predicate:
    low = value.lower()
    if name == "from":
        return lambda doc: doc.author == low.lstrip("@")
    if name == "to":
        return lambda doc: doc.reply_to_user == low.lstrip("@")
    if name == "lang":
        return lambda doc: doc.lang == low
    if name == "conversation_id":
        return lambda doc: doc.conversation_id == value
    if name == "is":
        flags: dict[str, Predicate] = {
            "reply": lambda doc: bool(doc.reply_to_user),
            "quote": lambda doc: doc.is_quote,
            "retweet": lambda doc: False,  # the server holds no reposts
        }
        if low in flags:
            return flags[low]
    if name == "has":
        features: dict[str, Predicate] = {
            "media": lambda doc: doc.has_media,
            "images": lambda doc: doc.has_media,
            "links": lambda doc: doc.has_links,
            "mentions": lambda doc: bool(doc.mentions),
            "hashtags": lambda doc: bool(doc.hashtags),
            "geo": lambda doc: doc.has_geo,
        }
        if low in features:
            return features[low]
    raise QueryError(
        f"There were errors processing your request: Reference to invalid operator '{name}:{value}'"
    )
