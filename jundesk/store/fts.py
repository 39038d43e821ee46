"""Full-text search over posts: the FTS5 DDL, and turning what a user types into a query.

FTS5 has no ORM support, so the index is an external-content table over `posts`. New posts
are indexed by `insert_posts`, one statement per batch; edits and deletions by triggers.
Batch migrations recreate `posts` and drop its triggers: call `create_triggers` after any
batch operation on `posts`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from jundesk.core.text_match import MIN_SEARCH_LETTERS, enough_letters, search_words
from jundesk.store.bulk import insert_sql
from jundesk.store.errors import SearchTooShort
from jundesk.store.row_mapping import POST_COLUMNS

FTS_TABLE = "posts_fts"

TOKENIZER = "unicode61 remove_diacritics 2"

# Which posts hold a word, and in which of the three columns, nothing more: no column
# sizes (columnsize=0), which serve only ranking by relevance, and no places of the words
# in the posts (detail=column), which serve only phrases and NEAR. Matches are ordered by
# urgency and time, and a search is words that must all occur (to_match_query), each one
# word of the index. Without the columns too (detail=none) the index was 60 bytes a post
# smaller, but a prefix, which every search ends with, took three to four times as long
# on a million posts (8 ms for the newest 2,000 of "plaza*" against 2).
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE posts_fts USING fts5("
    "text, author_handle, author_name, content='posts', content_rowid='pk', "
    f"tokenize='{TOKENIZER}', columnsize=0, detail=column)"
)

# No trigger indexes new posts: FTS5 fed one row at a time from a trigger indexed 100,000
# posts at 28,000/s, fed a batch by one INSERT ... SELECT at 95,000/s (plain sqlite3).
TRIGGERS: dict[str, str] = {
    "posts_fts_ad": (
        "CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN "
        "INSERT INTO posts_fts(posts_fts, rowid, text, author_handle, author_name) "
        "VALUES ('delete', old.pk, old.text, old.author_handle, old.author_name); END"
    ),
    # Only the indexed columns: linking a post to a case must not re-index its text.
    "posts_fts_au": (
        "CREATE TRIGGER posts_fts_au AFTER UPDATE OF text, author_handle, author_name "
        "ON posts BEGIN "
        "INSERT INTO posts_fts(posts_fts, rowid, text, author_handle, author_name) "
        "VALUES ('delete', old.pk, old.text, old.author_handle, old.author_name); "
        "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
        "VALUES (new.pk, new.text, new.author_handle, new.author_name); END"
    ),
}

REBUILD = "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')"

_INDEX_AFTER = (
    "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
    "SELECT pk, text, author_handle, author_name FROM posts WHERE pk > ?"
)


_INSERT_POST = insert_sql("posts", POST_COLUMNS)


def insert_posts(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> range:
    """INSERT rows (row_mapping.post_values) into `posts` and index their words: the only
    way posts are stored. Returns the rowids the rows were given, in their order.

    Run inside the write transaction (nobody else adds posts meanwhile): the new rows are
    those above the highest rowid before them, numbered in turn as SQLite does.
    """
    top = int(conn.exec_driver_sql("SELECT coalesce(max(pk), 0) FROM posts").scalar_one())
    if not rows:
        return range(top + 1, top + 1)
    conn.exec_driver_sql(_INSERT_POST, list(rows))
    conn.exec_driver_sql(_INDEX_AFTER, (top,))
    return range(top + 1, top + 1 + len(rows))


def is_fts_name(name: str | None) -> bool:
    """True for posts_fts and its shadow tables, which autogenerate must not touch."""
    return bool(name) and str(name).startswith(FTS_TABLE)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's include_name filter: autogenerate skips the raw-DDL FTS tables."""
    return not (type_ == "table" and is_fts_name(name))


def create_triggers(execute: Callable[[str], object]) -> None:
    """(Re)create the triggers that keep posts_fts in step with posts."""
    for name, ddl in TRIGGERS.items():
        execute(f"DROP TRIGGER IF EXISTS {name}")
        execute(ddl)


# A pasted page is not a search: the first words narrow the results enough.
MAX_TOKENS = 64
MAX_TOKEN_CHARS = 128
# The shortest last word taken as a prefix: a one- or two-letter prefix matches most of
# the index and the search walks all of it.
MIN_PREFIX_LETTERS = 3


def to_match_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression for anything a user types, or None when nothing is left.

    Every word becomes a quoted string (so no FTS syntax survives), words are ANDed, and
    the last one is a prefix so results follow the typing, once it has MIN_PREFIX_LETTERS
    (a one-letter prefix stands for thousands of words). Operators typed as words (AND,
    OR, NOT, NEAR in capitals) are dropped. Raises SearchTooShort when the words hold
    fewer than MIN_SEARCH_LETTERS letters in all.
    """
    words = [w[:MAX_TOKEN_CHARS] for w in search_words(user_text, MAX_TOKENS)]
    if not words:
        return None
    if not enough_letters(words):
        raise SearchTooShort(MIN_SEARCH_LETTERS)
    tokens = [token for word in words for token in index_words(word)]
    if not tokens:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    if len(tokens[-1]) >= MIN_PREFIX_LETTERS:
        quoted[-1] += "*"
    return " ".join(quoted)


def index_words(word: str) -> tuple[str, ...]:
    """The words of the index that `word` (one of `search_words`) is.

    The index keeps no places (detail=column), so a quoted string of two of its words is
    an error, not a phrase. Python's Unicode tables and SQLite's (Unicode 6.1) agree on
    ASCII, but some 1,600 characters, mostly combining marks such as U+0305, are part
    of a word for Python and split one for SQLite: a word with anything beyond ASCII is
    split by SQLite's own tokenizer. Its words (folded, as the index keeps them) must
    then all occur, not side by side; a word SQLite keeps whole stays as typed.
    """
    if word.isascii():
        return (word,)
    return _split_by_sqlite(word)


_SPLITTER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _splitter() -> sqlite3.Connection:
    """An in-memory index with the posts' tokenizer, and its list of word occurrences."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(word, tokenize='{TOKENIZER}')")
    conn.execute("CREATE VIRTUAL TABLE w_words USING fts5vocab(w, instance)")
    return conn


@lru_cache(maxsize=4096)
def _split_by_sqlite(word: str) -> tuple[str, ...]:
    with _SPLITTER_LOCK:
        conn = _splitter()
        with conn:
            conn.execute("INSERT INTO w(rowid, word) VALUES (1, ?)", (word,))
            words = conn.execute("SELECT term FROM w_words ORDER BY offset").fetchall()
            conn.execute("DELETE FROM w")
    if len(words) == 1:
        return (word,)
    return tuple(str(row[0]) for row in words)
