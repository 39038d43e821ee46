"""Full-text search: anything a user types is a valid query; accents and case fold."""

from __future__ import annotations

import contextlib
import sqlite3
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Post, Status
from jundesk.store import SearchTooShort, Store, StoreErrorKind, to_match_query
from jundesk.store.fts import TOKENIZER, index_words

HOSTILE = [
    '"OR (',
    "NEAR(",
    "NEAR(a b, 3)",
    "col:x",
    "text:farola",
    "'; DROP TABLE posts; --",
    "farola AND OR NOT",
    "*",
    "^farola",
    "-farola",
    "(((",
    '""""',
    "\x00",
    "farola\u202erota",
    "\u202e\u202d\u200f",
    "far\u200bola",
    "\u200b\u200c\u200d\ufeff",
    "🚨🔥🚒" * 50,
    "👨‍👩‍👧‍👦 farola",
    "x" * 25_000,
    "farola " * 3_600,
    "\ud800 farola",
    "posts_fts MATCH 'a'",
    "{text author_handle}: farola",
    "far\u0305ola",  # a combining mark SQLite's tokenizer splits a word at
    "pla\u20ddza far\u0489ola",
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("farola", '"farola"*'),
        ("Farola rota", '"Farola" "rota"*'),
        ("  farola,   rota!  ", '"farola" "rota"*'),
        ("fárola", '"fárola"*'),
        ('"OR (', None),
        ("NEAR(", None),
        ("col:x", '"col" "x"'),  # a last word under three letters is no prefix
        ("farola ro", '"farola" "ro"'),
        ("farola rot", '"farola" "rot"*'),
        ("'; DROP TABLE posts; --", '"DROP" "TABLE" "posts"*'),
        ("lights OR lamps", '"lights" "lamps"*'),
        ("", None),
        ("   ", None),
        ("🚨", None),
        ("l'été", '"l" "été"*'),
    ],
)
def test_to_match_query(typed: str, expected: str | None) -> None:
    assert to_match_query(typed) == expected


def test_a_long_paste_is_cut_to_a_bounded_query() -> None:
    query = to_match_query("palabra " * 10_000)
    assert query is not None
    assert query.count('"palabra"') == 64


@pytest.fixture
def town(store: Store, ingest: Callable[..., tuple[str, Post]]) -> Store:
    ingest("La FAROLA de la plaza está apagada", handle="ana")
    ingest("Fárola caída en la calle Real", handle="luis")
    ingest("Hay farolillos de feria en la plaza", handle="marta")
    ingest("Un contenedor de basura volcado", handle="pepe")
    return store


def _texts(town: Store, typed: str) -> set[str]:
    """The first lines of the cases the case list finds for what was typed."""
    return {s.excerpt for s in town.list_cases(CaseFilter(search=typed, statuses=tuple(Status)))}


def test_accents_and_case_fold(town: Store) -> None:
    found = _texts(town, "farola ")  # trailing space: still a prefix of "farola"
    assert "La FAROLA de la plaza está apagada" in found
    assert "Fárola caída en la calle Real" in found
    assert _texts(town, "FÁROLA") == _texts(town, "farola")
    assert _texts(town, "caida") == {"Fárola caída en la calle Real"}


def test_the_last_word_is_a_prefix(town: Store) -> None:
    assert len(_texts(town, "faro")) == 3
    assert _texts(town, "plaza faroli") == {"Hay farolillos de feria en la plaza"}
    assert _texts(town, "farol plaza") == set()  # only the last word is a prefix


def test_author_handles_are_searched(town: Store) -> None:
    assert _texts(town, "pepe") == {"Un contenedor de basura volcado"}


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_queries_return_normally(town: Store, typed: str) -> None:
    assert isinstance(town.list_cases(CaseFilter(search=typed)), list)
    assert isinstance(town.count_cases(CaseFilter(search=typed)), int)


def test_an_empty_query_finds_nothing_and_is_no_error(town: Store) -> None:
    assert town.list_cases(CaseFilter(search="   ")) == []
    assert town.count_cases(CaseFilter(search="?!")) == 0


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=80))
def test_any_text_is_a_valid_query_or_too_short(town: Store, typed: str) -> None:
    # The only refusal: fewer than three letters in the words.
    with contextlib.suppress(SearchTooShort):
        town.list_cases(CaseFilter(search=typed), limit=5)


@pytest.mark.parametrize("typed", ["a", "ab", " é ", "a b", "@an", "a\x00b", "\u0301", "1 2"])
def test_a_search_under_three_letters_is_refused_by_the_store(town: Store, typed: str) -> None:
    for search in (
        lambda: town.list_cases(CaseFilter(search=typed)),
        lambda: town.count_cases(CaseFilter(search=typed)),
        lambda: town.count_unread(CaseFilter(search=typed)),
    ):
        with pytest.raises(SearchTooShort) as refused:
            search()
        assert refused.value.kind is StoreErrorKind.SEARCH_TOO_SHORT
        assert refused.value.min_letters == 3
        assert "at least 3 letters" in str(refused.value)


def test_three_letters_search() -> None:
    assert to_match_query("a b c") == '"a" "b" "c"'
    assert to_match_query("far") == '"far"*'


def _split_by_sqlite_alone() -> list[str]:
    """Every character Python's Unicode tables keep inside a word and SQLite's tokenizer
    splits a word at (found by indexing each between two letters)."""
    kept = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Co"}
    chars = [
        chr(c)
        for c in range(0x80, 0x110000)
        if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) in kept
    ]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(w, tokenize='{TOKENIZER}', detail=column)")
    conn.executemany(
        "INSERT INTO t(rowid, w) VALUES (?, ?)", [(i, f"qqq{c}zzz") for i, c in enumerate(chars)]
    )
    return [chars[row[0]] for row in conn.execute("SELECT rowid FROM t WHERE t MATCH 'qqq'")]


def test_no_word_typed_becomes_two_words_of_the_index() -> None:
    # The index keeps no places (detail=column): a quoted string of two of its words is an
    # error. Some characters are letters or marks for Python but split words in SQLite.
    splitters = _split_by_sqlite_alone()
    assert "\u0305" in splitters  # COMBINING OVERLINE
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(w, tokenize='{TOKENIZER}', detail=column)")
    conn.execute("INSERT INTO t(rowid, w) VALUES (1, 'farola rota plaza')")
    for char in splitters:
        query = to_match_query(f"farola plaza rota{char}x")
        assert query is not None
        # Raises "phrase queries are not supported" if a quoted string holds two words.
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_a_word_sqlite_splits_finds_posts_holding_its_parts(town: Store) -> None:
    assert index_words("far\u0305ola") == ("far", "ola")
    assert index_words("Zurbarán") == ("Zurbarán",)  # whole: as typed
    assert to_match_query("plaza far\u0305ola") == '"plaza" "far" "ola"*'
    assert _texts(town, "plaza far\u0305ola") == set()
    # Both parts must occur, not side by side.
    assert _texts(town, "plaza\u0305apagada") == {"La FAROLA de la plaza está apagada"}
