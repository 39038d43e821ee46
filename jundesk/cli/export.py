"""`jundesk export`: every case with its posts, as JSON lines or CSV, text as received."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from jundesk.cli.common import add_db_option, case_json, database, iso
from jundesk.core.model import Post
from jundesk.store.repository import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="export every case with its posts")
    add_db_option(p)
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(run=run)


def post_json(post: Post) -> dict[str, Any]:
    return {
        "source": post.source,
        "source_id": post.source_id,
        "author_handle": post.author_handle,
        "text": post.text,
        "created_at": iso(post.created_at),
        "is_own": post.is_own,
        "private": post.private,
    }


CSV_COLUMNS = (
    "id",
    "role",
    "priority",
    "status",
    "assignee",
    "created_at",
    "acknowledged_at",
    "first_reply_at",
    "resolved_at",
    "merged_into",
    "posts",
)


def run(args: argparse.Namespace) -> int:
    store = Store(database(args), read_only=True)
    out = sys.stdout
    try:
        writer = csv.writer(out) if args.format == "csv" else None
        if writer:
            writer.writerow(CSV_COLUMNS)
        for case, posts in store.iter_cases_for_export():
            row = case_json(case)
            row["posts"] = [post_json(p) for p in posts]
            if writer:
                # The posts stay JSON inside the cell: no text is lost or reshaped.
                row["posts"] = json.dumps(row["posts"], ensure_ascii=False)
                writer.writerow([row[c] if row[c] is not None else "" for c in CSV_COLUMNS])
            else:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        store.close()
    out.flush()
    return 0
