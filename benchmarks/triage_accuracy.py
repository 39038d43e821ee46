"""Triage on real citizens' reports and crisis posts it was not tuned on, split by source.

    .venv/bin/python benchmarks/triage_accuracy.py [--data /work/triage-data] [--side report]
        [--rules-only] [--errors N]

The data folder is built by benchmarks/triage_data/prepare.py from the public sources listed
in jundesk/resources/triage/DATA.md; its SPLIT.json names the sources the models were trained
and tuned on ("train") and those only ever scored here ("report"). Prints, per source and
overall: per-role precision/recall/F1 and macro-F1 over the three desks, the share of
other-department reports kept at the front desk (and how often "probably: ..." names the
right department), urgent precision/recall/F1, the calibration table, the learning curve
after 25/50/100/200 corrections, classify throughput on one core, and load time and size.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jundesk.core.model import UNROUTED, Priority  # noqa: E402
from jundesk.paths import RESOURCES  # noqa: E402
from jundesk.triage import Triage  # noqa: E402

DESKS = ("police", "street_cleaning", "lighting")
CURVE = (0, 25, 50, 100, 200)
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def load(data: Path, task: str, side: str) -> dict[str, list[dict[str, Any]]]:
    split = json.loads((data / "SPLIT.json").read_text(encoding="utf-8"))
    sides = ("train", "report", "report_same_city") if side == "all" else (side,)
    out: dict[str, list[dict[str, Any]]] = {}
    for which in sides:
        for source in split[task].get(which, ()):
            path = data / task / f"{source}.jsonl"
            with path.open(encoding="utf-8") as f:
                out[f"{source} [{which}]"] = [json.loads(line) for line in f if line.strip()]
    return out


def truth_role(row: dict[str, Any]) -> str:
    role: str = row["role"]
    return role if role in DESKS else UNROUTED


def prf(pred: list[str], truth: list[str], label: str) -> tuple[float, float, float]:
    tp = sum(p == label and t == label for p, t in zip(pred, truth, strict=True))
    said = sum(p == label for p in pred)
    real = sum(t == label for t in truth)
    precision = tp / said if said else float("nan")
    recall = tp / real if real else float("nan")
    f1 = 2 * tp / (said + real) if said + real else float("nan")
    return precision, recall, f1


def fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.2f}"


def routing_report(triage: Triage, rows: list[dict[str, Any]], errors: int) -> dict[str, Any]:
    verdicts = [triage.classify(r["text"], r.get("lang", "")) for r in rows]
    pred = [v.role for v in verdicts]
    truth = [truth_role(r) for r in rows]
    out: dict[str, Any] = {"n": len(rows), "roles": {}}
    f1s = []
    for desk in DESKS:
        p, r, f = prf(pred, truth, desk)
        out["roles"][desk] = (p, r, f, sum(t == desk for t in truth))
        if f == f and any(t == desk for t in truth):
            f1s.append(f)
    out["macro_f1"] = sum(f1s) / len(f1s) if f1s else float("nan")
    other = [(r, v) for r, v in zip(rows, verdicts, strict=True) if r["role"] not in DESKS]
    kept = sum(v.role == UNROUTED for _, v in other)
    out["other"] = (kept, len(other))
    named = [(r, v) for r, v in other if v.role == UNROUTED and r["role"].startswith("other:")]
    right = sum(v.suggested == r["role"].split(":", 1)[1] for r, v in named)
    out["suggested"] = (right, len(named))
    out["calibration"] = [
        (c, p == t) for c, p, t in zip((v.confidence for v in verdicts), pred, truth, strict=True)
    ]
    if errors:
        shown = 0
        for r, v in zip(rows, verdicts, strict=True):
            if v.role != truth_role(r) and shown < errors:
                shown += 1
                print(
                    f"    want {r['role']:<22} got {v.role:<16} {v.confidence:.2f}"
                    f" {r['text'][:90]!r}"
                )
    return out


def print_routing(name: str, res: dict[str, Any]) -> None:
    kept, other = res["other"]
    right, named = res["suggested"]
    cells = "  ".join(
        f"{d[:6]} P{fmt(p)} R{fmt(r)} F{fmt(f)} (n={n})" for d, (p, r, f, n) in res["roles"].items()
    )
    print(f"  {name}: {res['n']} posts")
    print(f"    {cells}")
    print(
        f"    macro-F1 {fmt(res['macro_f1'])}   other departments kept unrouted "
        f"{kept}/{other} = {fmt(kept / other if other else float('nan'))}   "
        f"'probably' right {right}/{named}"
    )


def print_calibration(pairs: list[tuple[float, bool]]) -> None:
    print("  calibration (confidence of the verdict -> share right):")
    for low, high in BINS:
        inside = [ok for c, ok in pairs if low <= c < high]
        if inside:
            share = sum(inside) / len(inside)
            print(f"    {low:.1f}-{min(high, 1.0):.1f}: {len(inside):5d} posts, {share:.2f} right")


def learning_curve(triage_factory: Any, rows: list[dict[str, Any]], seed: int = 7) -> list[float]:
    """A town re-routes what its desks find misrouted, in arrival order: after N corrections,
    macro-F1 on the second half of the source (which no correction came from)."""
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    half = len(shuffled) // 2
    stream, held = shuffled[:half], shuffled[half:]
    out = []
    for target in CURVE:
        triage = triage_factory()
        made = 0
        for row in stream:
            if made >= target:
                break
            want = truth_role(row)
            if triage.classify(row["text"]).role != want:
                triage.learn(row["text"], want)
                made += 1
        pred = [triage.classify(r["text"]).role for r in held]
        truth = [truth_role(r) for r in held]
        f1s = [prf(pred, truth, d)[2] for d in DESKS if any(t == d for t in truth)]
        out.append(sum(f1s) / len(f1s) if f1s else float("nan"))
    return out


def urgency_report(triage: Triage, rows: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    said = [triage.classify(r["text"], r.get("lang", "")).priority is Priority.URGENT for r in rows]
    real = [bool(r["urgent"]) for r in rows]
    tp = sum(s and t for s, t in zip(said, real, strict=True))
    return tp, sum(said), sum(real), len(rows)


def print_urgency(name: str, tp: int, said: int, real: int, n: int) -> None:
    p = tp / said if said else float("nan")
    r = tp / real if real else float("nan")
    f = 2 * tp / (said + real) if said + real else float("nan")
    print(f"  {name}: {n} posts, {real} urgent   P {fmt(p)}  R {fmt(r)}  F1 {fmt(f)}")


def speed(triage: Triage, texts: list[str]) -> tuple[float, float]:
    """Posts per second of wall time and of this process's CPU time (one core: the CPU
    figure holds when other work shares the machine), best of three."""
    sample = texts[:5000]
    for t in sample[:200]:
        triage.classify(t)
    wall = cpu = 0.0
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        for t in sample:
            triage.classify(t)
        wall = max(wall, len(sample) / (time.perf_counter() - start))
        cpu = max(cpu, len(sample) / max(1e-9, time.process_time() - start_cpu))
    return wall, cpu


def load_figures() -> tuple[float, float, int]:
    """Seconds to load the triage in a fresh interpreter (median of 3), memory its models add,
    and their size on disk."""
    code = (
        "import time; t=time.perf_counter(); from jundesk.triage import Triage; "
        "Triage.from_resources(); print(time.perf_counter()-t)"
    )
    runs = sorted(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(3)
    )
    gc.collect()
    tracemalloc.start()
    Triage.from_resources(models=False)
    without, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()
    tracemalloc.start()
    Triage.from_resources()
    with_models, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    disk = sum(p.stat().st_size for p in (RESOURCES / "triage" / "model").glob("*"))
    return runs[1], (with_models - without) / 1e6, disk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/triage-data"))
    parser.add_argument(
        "--side",
        choices=("report", "report_same_city", "train", "all"),
        default="report",
        help="report: sources never tuned on; report_same_city: a train city's other years",
    )
    parser.add_argument("--rules-only", action="store_true", help="without the models")
    parser.add_argument("--errors", type=int, default=0, help="show N misroutes per source")
    parser.add_argument("--no-curve", action="store_true")
    parser.add_argument("--models", type=Path, help="a folder of models to score instead")
    args = parser.parse_args()

    def factory() -> Triage:
        return Triage.from_resources(models=not args.rules_only, model_folder=args.models)

    triage = factory()
    print(f"Triage {'(rules only)' if args.rules_only else '(rules + models)'}, side: {args.side}")

    print("\nROUTING")
    routing = load(args.data, "routing", args.side)
    everything: list[dict[str, Any]] = []
    calibration: list[tuple[float, bool]] = []
    for name, rows in routing.items():
        res = routing_report(triage, rows, args.errors)
        print_routing(name, res)
        everything.extend(rows)
        calibration.extend(res["calibration"])
    if everything:
        print_routing("ALL", routing_report(triage, everything, 0))
        print_calibration(calibration)
        if not args.no_curve:
            print("  learning curve (macro-F1 on the unseen half after N corrections):")
            for name, rows in routing.items():
                if sum(truth_role(r) in DESKS for r in rows) < 20:
                    continue
                curve = learning_curve(factory, rows)
                cells = "  ".join(f"{n}:{fmt(f)}" for n, f in zip(CURVE, curve, strict=True))
                print(f"    {name}: {cells}")

    print("\nURGENCY")
    urgency = load(args.data, "urgency", args.side)
    totals = [0, 0, 0, 0]
    by_lang: dict[str, list[int]] = {}
    for name, rows in urgency.items():
        figures = urgency_report(triage, rows)
        print_urgency(name, *figures)
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        for row in rows:
            lang = row.get("lang", "")
            acc = by_lang.setdefault(lang, [0, 0, 0, 0])
            for i, v in enumerate(urgency_report(triage, [row])):
                acc[i] += v
    print_urgency("ALL", *totals)
    for lang, figures in sorted(by_lang.items(), key=lambda kv: -kv[1][3])[:4]:
        print_urgency(f"ALL, lang={lang}", *figures)

    print("\nSPEED AND SIZE")
    texts = [r["text"] for rows in routing.values() for r in rows] + [
        r["text"] for rows in urgency.values() for r in rows
    ]
    wall, cpu = speed(triage, texts)
    print(f"  classify: {cpu:,.0f} posts/s of one core's CPU time ({wall:,.0f} by the clock)")
    rules_wall, rules_cpu = speed(Triage.from_resources(models=False), texts)
    print(f"  the rule files alone: {rules_cpu:,.0f} posts/s ({rules_wall:,.0f} by the clock)")
    seconds, megabytes, disk = load_figures()
    print(f"  load (fresh interpreter, median of 3): {seconds:.2f} s")
    print(f"  memory the models add: {megabytes:.1f} MB; on disk: {disk / 1e6:.2f} MB")
    langs = Counter(r.get("lang", "") for rows in routing.values() for r in rows)
    print(f"  routing posts by language: {dict(langs.most_common())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
