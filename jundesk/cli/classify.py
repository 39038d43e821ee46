"""`jundesk classify`: JSON lines in, one routing verdict a line out, in order."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from jundesk.triage import Triage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "classify",
        help='route posts: JSON lines {"text": ...} on stdin, one verdict a line on stdout',
    )
    p.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE",
        help='JSON lines {"text": ..., "role": ...} learned first, as desks\' re-routes are',
    )
    p.set_defaults(run=run)


def read_corrections(path: Path) -> list[tuple[str, str]]:
    """The (text, role) pairs of a corrections file; a bad line stops with its number."""
    pairs: list[tuple[str, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"jundesk classify: can't read {path}: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            item = None
        text = item.get("text") if isinstance(item, dict) else None
        role = item.get("role") if isinstance(item, dict) else None
        if not isinstance(text, str) or not isinstance(role, str) or not role.strip():
            raise SystemExit(
                f'jundesk classify: {path}, line {number}: expected {{"text": ..., "role": ...}}'
            )
        pairs.append((text, role.strip()))
    return pairs


def _lines() -> Iterator[str | UnicodeDecodeError]:
    """stdin's lines, each decoded on its own: a line that isn't UTF-8 comes as its
    error, whatever the terminal's encoding, and the lines after it are still read."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # already text (stdin replaced by a caller)
        yield from sys.stdin
        return
    for data in raw:
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def run(args: argparse.Namespace) -> int:
    triage = Triage.from_resources()
    if args.corrections is not None:
        triage.learn_many(read_corrections(args.corrections))
    failures = 0
    for number, line in enumerate(_lines(), 1):
        try:
            if isinstance(line, UnicodeDecodeError):
                bad = line.object[line.start]
                raise ValueError(f"not UTF-8 text (byte 0x{bad:02x} at byte {line.start + 1})")
            if not line.strip():
                raise ValueError('a blank line, where a {"text": ...} object was expected')
            item = json.loads(line)
            text = item["text"] if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise ValueError('each line needs a "text" string')
        except RecursionError:
            failures += 1
            print(json.dumps({"error": f"line {number}: nested too deeply to be a post"}))
            continue
        except (ValueError, KeyError) as exc:
            # Keep one output line per input line, so callers can zip them.
            failures += 1
            print(json.dumps({"error": f"line {number}: {exc}"}, ensure_ascii=False))
            continue
        lang = item.get("lang", "") if isinstance(item.get("lang", ""), str) else ""
        verdict = triage.classify(text, lang)
        print(
            json.dumps(
                {
                    "role": verdict.role,
                    "priority": verdict.priority.value,
                    "confidence": round(verdict.confidence, 3),
                    "suggested": verdict.suggested,
                },
                ensure_ascii=False,
            )
        )
    sys.stdout.flush()
    return 1 if failures else 0
