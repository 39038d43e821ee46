"""The baseline the store's figures are printed beside: plain sqlite3, a posts table and its
FTS5 index (external content, the store's tokenizer), nothing else.

Shared by benchmarks/search_million.py and benchmarks/store_throughput.py so both compare
against the very same thing.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from jundesk.core.model import Post

SCHEMA = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "CREATE TABLE IF NOT EXISTS posts (pk INTEGER PRIMARY KEY, source_id TEXT UNIQUE, "
    "author_handle TEXT, author_name TEXT, text TEXT, created_at INTEGER)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts USING fts5(text, author_handle, "
    "author_name, content='posts', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS posts_ai AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
    "VALUES (new.pk, new.text, new.author_handle, new.author_name); END",
)
TOP = (
    "SELECT posts.* FROM posts WHERE pk IN (SELECT rowid FROM posts_fts "
    "WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT 200) ORDER BY pk DESC"
)


def open_plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in SCHEMA:
        conn.execute(statement)
    return conn


def insert_posts(conn: sqlite3.Connection, posts: Sequence[Post]) -> float:
    """Store the posts in one transaction; returns the seconds it took (rows made first)."""
    rows = [
        (
            p.source_id,
            p.author_handle,
            p.author_name,
            p.text,
            int(p.created_at.timestamp() * 1_000_000),
        )
        for p in posts
    ]
    began = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO posts (source_id, author_handle, author_name, text, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    return time.perf_counter() - began


def file_bytes(path: Path) -> int:
    """The file's size with its WAL checkpointed into it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size
