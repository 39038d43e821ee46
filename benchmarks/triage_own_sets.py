"""Triage on the project's own labelled sets (default: the held-out one), and the town simulator.

Usage: python benchmarks/triage_own_sets.py [posts.jsonl ...] [--errors] [--town] [--no-typos]

--town also scores the town simulator's day (jundesk/xserver/town.py, seeds 1-3): its root
reports, leaving out "witness" posts that carry no content of their own. --no-typos matches
words as written only, without reading misspellings (the baseline for data/eval_typos.jsonl).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "triage" / "data"
# Runnable from a checkout without installing the package.
sys.path.insert(0, str(ROOT))

from jundesk.core.model import Priority  # noqa: E402
from jundesk.triage import Triage  # noqa: E402


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def report(triage: Triage, path: Path, show_errors: bool) -> None:
    posts = load(path)
    verdicts = [triage.classify(post["text"]) for post in posts]
    roles = sorted({p["role"] for p in posts} | {v.role for v in verdicts})
    confusion = {(want, got): 0 for want in roles for got in roles}
    for post, verdict in zip(posts, verdicts, strict=True):
        confusion[post["role"], verdict.role] += 1
    right = sum(p["role"] == v.role for p, v in zip(posts, verdicts, strict=True))
    prio_right = sum(p["priority"] == v.priority for p, v in zip(posts, verdicts, strict=True))
    want_urgent = [v.priority is Priority.URGENT for v in verdicts]
    urgent_truth = [p["priority"] == "urgent" for p in posts]
    hits = sum(t and g for t, g in zip(urgent_truth, want_urgent, strict=True))
    recall = hits / max(1, sum(urgent_truth))
    precision = hits / max(1, sum(want_urgent))

    print(f"\n{path.name}: {len(posts)} posts")
    print(f"  role accuracy      {right / len(posts):.3f} ({right}/{len(posts)})")
    print(f"  priority accuracy  {prio_right / len(posts):.3f}")
    print(f"  urgent recall      {recall:.3f}   precision {precision:.3f}")
    width = max(len(r) for r in roles) + 2
    print("  confusion (rows: expected, columns: got)")
    print("  " + " " * width + "".join(r[:9].rjust(10) for r in roles))
    for want in roles:
        cells = "".join(str(confusion[want, got]).rjust(10) for got in roles)
        print("  " + want.ljust(width) + cells)
    if show_errors:
        for post, verdict in zip(posts, verdicts, strict=True):
            if post["role"] != verdict.role or post["priority"] != verdict.priority:
                print(
                    f"  want {post['role']}/{post['priority']} got "
                    f"{verdict.role}/{verdict.priority} {verdict.confidence:.2f} "
                    f"{list(verdict.matched)}: {post['text']}"
                )


def town_report(triage: Triage, show_errors: bool, seeds: tuple[int, ...] = (1, 2, 3)) -> None:
    from jundesk.xserver.town import TownDay

    total = right = urgent = urgent_hits = 0
    for seed in seeds:
        for post in TownDay(seed=seed, posts=300).schedule:
            if post.reply_to is not None or post.kind == "witness":
                continue
            verdict = triage.classify(post.text, post.lang)
            total += 1
            right += verdict.role == post.expected.role
            if post.expected.priority == "urgent":
                urgent += 1
                urgent_hits += verdict.priority is Priority.URGENT
            wrong_urgency = (post.expected.priority == "urgent") != (
                verdict.priority is Priority.URGENT
            )
            if show_errors and (verdict.role != post.expected.role or wrong_urgency):
                print(
                    f"  [{seed}] {post.category}: want {post.expected.role}/"
                    f"{post.expected.priority} got {verdict.role}/{verdict.priority} "
                    f"{list(verdict.matched)}: {post.text}"
                )
    print(f"\ntown simulator, seeds {seeds}: {total} root reports (no witnesses)")
    print(f"  role accuracy      {right / max(1, total):.3f} ({right}/{total})")
    print(f"  urgent recall      {urgent_hits / max(1, urgent):.3f} ({urgent_hits}/{urgent})")


def throughput(triage: Triage, texts: list[str], seconds: float = 2.0) -> float:
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            triage.classify(text)
        count += len(texts)
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, default=[DATA / "heldout.jsonl"])
    parser.add_argument("--errors", action="store_true", help="list every wrong verdict")
    parser.add_argument("--town", action="store_true", help="also score the town simulator")
    parser.add_argument(
        "--no-typos", action="store_true", help="do not read words as misspellings of terms"
    )
    args = parser.parse_args(argv)
    triage = Triage.from_resources(typos=not args.no_typos)
    texts: list[str] = []
    for path in args.files:
        report(triage, path, args.errors)
        texts.extend(post["text"] for post in load(path))
    if args.town:
        town_report(triage, args.errors)
    print(f"\nclassify throughput: {throughput(triage, texts):,.0f} posts/s (single core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
