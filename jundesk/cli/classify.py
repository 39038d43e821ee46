"""`jundesk classify`: JSON lines in, one routing verdict a line out, in order."""

from __future__ import annotations

import argparse
import json
import sys

from jundesk.triage import Triage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "classify",
        help='route posts: JSON lines {"text": ...} on stdin, one verdict a line on stdout',
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    triage = Triage.from_resources()
    failures = 0
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"] if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise ValueError('each line needs a "text" string')
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
                },
                ensure_ascii=False,
            )
        )
    sys.stdout.flush()
    return 1 if failures else 0
