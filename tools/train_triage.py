"""Train JunDesk's routing and urgency models on real, labelled posts and write them as plain
JSON package data (jundesk/resources/triage/model/). A development tool: it needs
scikit-learn (`pip install -e '.[train]'`), which JunDesk itself never imports.

    .venv/bin/python tools/train_triage.py [--data /work/triage-data] [--check]

The data folder is made by benchmarks/triage_data/prepare.py from public sources listed in
jundesk/resources/triage/DATA.md; its SPLIT.json says which sources may be trained and tuned
on ("train"). The "report" sources are never read here: benchmarks/triage_accuracy.py
scores them. Every choice below (regularisation, the weight of the rule files, the
temperature, the thresholds) is fitted on the train sources alone, by leaving one source
out at a time (or by folds, within a lone source).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jundesk.core.model import UNROUTED  # noqa: E402
from jundesk.triage import Triage  # noqa: E402
from jundesk.triage.blend import BlendWeights, blend  # noqa: E402
from jundesk.triage.classifier import ROUTING_MODEL, URGENCY_MODEL  # noqa: E402
from jundesk.triage.features import extract, unique  # noqa: E402
from jundesk.triage.normalize import tokens  # noqa: E402

OUT = ROOT / "jundesk" / "resources" / "triage" / "model"
DEFAULT_DATA = Path("/work/triage-data")
# Weights smaller than this are dropped from the shipped file: they change no verdict and
# would only make it bigger and slower to load.
PRUNE = 0.05
FOLDS = 5


def load_rows(data: Path, task: str, side: str) -> list[dict[str, Any]]:
    split = json.loads((data / "SPLIT.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for source in split[task][side]:
        with (data / task / f"{source}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    row["source"] = source
                    rows.append(row)
    return rows


def department(role: str) -> str:
    """A data set's role label as a model class: desks keep their names, other departments
    lose the `other:` prefix (roads, parks...)."""
    return role.split(":", 1)[1] if role.startswith("other:") else role


class Vocabulary:
    def __init__(self, docs: list[list[str]], min_count: int) -> None:
        counts = Counter(f for doc in docs for f in doc)
        self.names = sorted(f for f, c in counts.items() if c >= min_count)
        self.index = {f: i for i, f in enumerate(self.names)}

    def matrix(self, docs: list[list[str]]) -> csr_matrix:
        indptr, indices = [0], []
        for doc in docs:
            cols = sorted({self.index[f] for f in doc if f in self.index})
            indices.extend(cols)
            indptr.append(len(indices))
        values = np.ones(len(indices), dtype=np.float64)
        return csr_matrix((values, indices, indptr), shape=(len(docs), len(self.names)))


def sample_weights(sources: list[str], labels: list[str], class_power: float) -> np.ndarray:
    """Each source weighs the same in all (a big city must not drown a small one), and rare
    classes count a little more (class_power 0: not at all; 1: fully balanced)."""
    per_source = Counter(sources)
    per_class = Counter(labels)
    total = len(labels)
    w = np.array(
        [
            (total / (len(per_source) * per_source[s]))
            * (total / (len(per_class) * per_class[c])) ** class_power
            for s, c in zip(sources, labels, strict=True)
        ]
    )
    return w / w.mean()


def folds(sources: list[str], count: int = FOLDS) -> list[np.ndarray]:
    """Test masks: whole sources per fold when there are several (a fold's sources are
    never trained on for it: the shift to a town the model never saw is what is measured),
    else interleaved folds (with two sources in two languages, leaving one out would only
    measure that the model reads no Spanish from English)."""
    names = sorted(set(sources))
    src = np.array(sources)
    if len(names) >= 3:
        groups = [names[k :: min(count, len(names))] for k in range(min(count, len(names)))]
        return [np.isin(src, group) for group in groups]
    idx = np.arange(len(sources))
    return [idx % count == k for k in range(count)]


def fit(x: csr_matrix, y: list[str], w: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    model.fit(x, y, sample_weight=w)
    return model


def out_of_fold_logits(
    x: csr_matrix, y: list[str], w: np.ndarray, masks: list[np.ndarray], c: float
) -> tuple[np.ndarray, list[str]]:
    classes = sorted(set(y))
    logits = np.zeros((len(y), len(classes)))
    ya = np.array(y)
    for mask in masks:
        model = fit(x[~mask], list(ya[~mask]), w[~mask], c)
        scores = model.decision_function(x[mask])
        if scores.ndim == 1:  # binary: sklearn gives the second class's margin
            scores = np.column_stack([np.zeros_like(scores), scores])
        # A class the fold's sources never had stands where "none of these" stands, as a
        # town's own role does in blend(): only the rule words can lift it.
        names = list(model.classes_)
        floor = scores[:, names.index("misc")] if "misc" in names else scores.min(axis=1)
        full = np.repeat(floor[:, None], len(classes), axis=1)
        for j, name in enumerate(names):
            full[:, classes.index(name)] = scores[:, j]
        logits[mask] = full
    return logits, classes


def export(
    model: LogisticRegression, vocab: Vocabulary, temperature: float, about: dict[str, Any]
) -> dict[str, Any]:
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    intercept = model.intercept_
    if len(classes) == 2:  # binary: class 1's margin; class 0 stays at 0
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    weights: dict[str, list[list[float]]] = {}
    for j, name in enumerate(vocab.names):
        row = [[i, round(float(coef[i, j]), 3)] for i in range(len(classes))]
        row = [pair for pair in row if abs(pair[1]) >= PRUNE]
        if row:
            weights[name] = row
    return {
        "format": 1,
        "classes": classes,
        "intercept": [round(float(v), 4) for v in intercept],
        "temperature": round(temperature, 4),
        "weights": weights,
        "about": about,
    }


def write(data: dict[str, Any], name: str, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / (name + ".gz")
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # mtime=0: the same model gives the same bytes, so git sees no change when none was made.
    path.write_bytes(gzip.compress(raw.encode("utf-8"), mtime=0))
    return path


def nll(probabilities: list[dict[str, float]], truth: list[str]) -> float:
    return -sum(
        math.log(max(p.get(t, 0.0), 1e-9)) for p, t in zip(probabilities, truth, strict=True)
    )


def macro_f1(pred: list[str], truth: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(p == label and t == label for p, t in zip(pred, truth, strict=True))
        fp = sum(p == label and t != label for p, t in zip(pred, truth, strict=True))
        fn = sum(p != label and t == label for p, t in zip(pred, truth, strict=True))
        scores.append(2 * tp / max(1, 2 * tp + fp + fn))
    return sum(scores) / len(scores)


def train_routing(data: Path, triage: Triage) -> dict[str, Any]:
    rows = load_rows(data, "routing", "train")
    texts = [r["text"] for r in rows]
    labels = [department(r["role"]) for r in rows]
    sources = [r["source"] for r in rows]
    docs = [unique(extract(tokens(t))) for t in texts]
    rule_scores = [triage.rule_scores(t) for t in texts]
    vocab = Vocabulary(docs, min_count=2)
    known = [sum(1 for f in doc if f.startswith("w:") and f in vocab.index) for doc in docs]
    x = vocab.matrix(docs)
    masks = folds(sources)
    print(
        f"routing: {len(rows)} posts from {len(set(sources))} sources, {len(vocab.names)} features"
    )
    print("  classes:", dict(Counter(labels).most_common()))

    desks = triage.roles
    classes_count = len(set(labels))
    # How much one unit of rule-file score counts: a score of 1 (the rules' own routing
    # threshold) lifts a role from "the model knows nothing" (1 in K) to even odds. It is
    # set by that meaning, not fitted: the training cities can't show where the model is
    # blind (a town's noise complaints, lost pets, vandalism), which is where the rules
    # must still decide.
    rule_weight = round(math.log(classes_count), 2)
    class_power = 1.0  # balanced: a training city's mix of reports says nothing of a town's
    w = sample_weights(sources, labels, class_power)
    best: tuple[float, float, float] | None = None
    for c in (0.5, 2.0):
        logits, classes = out_of_fold_logits(x, labels, w, masks, c)
        # The model's temperature is fitted on its own scores (blend() adds the rules on
        # that calibrated scale).
        model_only = [dict(zip(classes, row, strict=True)) for row in logits]
        temperature = fit_temperature(model_only, labels)
        weights = BlendWeights(rule_weight, 0.0, temperature)
        probs = [
            blend(classes, list(row), rs, {}, weights, k)
            for row, rs, k in zip(logits, rule_scores, known, strict=True)
        ]
        pred = [decide(p, desks, 0.5) for p in probs]
        truth = [t if t in desks else UNROUTED for t in labels]
        f1 = macro_f1(pred, truth, desks)
        print(f"  C={c} rules={rule_weight} T={temperature:.2f} macro-F1={f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, temperature)
    assert best is not None
    _, c, temperature = best
    threshold = 0.5
    model = fit(x, labels, w, c)
    about = {
        "task": "routing",
        "rule_weight": rule_weight,
        # The desks' corrections score on the rule files' scale (learner.py was built to
        # it) and count twice as much: they are the town's own answer about its own posts.
        "learned_weight": 2 * rule_weight,
        "min_confidence": threshold,
        "C": c,
        "class_power": class_power,
        "trained_on": sorted(set(sources)),
        "posts": len(rows),
        "trained": time.strftime("%Y-%m-%d"),
    }
    print(f"  chosen: {about}")
    return export(model, vocab, temperature, about)


def fit_temperature(logs: list[dict[str, float]], truth: list[str]) -> float:
    best_t, best_loss = 1.0, float("inf")
    for t in [x / 20 for x in range(8, 80)]:
        loss = nll([soften_logs(lg, t) for lg in logs], truth)
        if loss < best_loss:
            best_t, best_loss = t, loss
    return best_t


def soften_logs(logs: dict[str, float], temperature: float) -> dict[str, float]:
    top = max(logs.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in logs.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def decide(p: dict[str, float], desks: tuple[str, ...], threshold: float) -> str:
    best = max(p.items(), key=lambda item: (item[1], item[0]))
    return best[0] if best[0] in desks and best[1] >= threshold else UNROUTED


# Citizens' reports to a city's non-emergency service (311, "avisos"): the channel itself
# says they are no emergency, and they teach the model a town's everyday words ("a dead
# pigeon", "cars parked in the fire lane") that disaster chatter never shows it.
NON_EMERGENCY_SAMPLE = 3000
# The share of those everyday reports the urgency model may raise as urgent on its own.
MAX_FALSE_ALARMS = 0.02


def non_emergency_rows(data: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in load_rows(data, "routing", "train"):
        out.append({**row, "urgent": False, "source": "non-emergency:" + row["source"]})
    by_source: dict[str, list[dict[str, Any]]] = {}
    for row in out:
        by_source.setdefault(row["source"], []).append(row)
    sample: list[dict[str, Any]] = []
    for source in sorted(by_source):
        rows = by_source[source]
        step = max(1, len(rows) // NON_EMERGENCY_SAMPLE)
        sample.extend(rows[::step][:NON_EMERGENCY_SAMPLE])
    return sample


def train_urgency(data: Path, triage: Triage) -> dict[str, Any]:
    rows = load_rows(data, "urgency", "train") + non_emergency_rows(data)
    labels = ["urgent" if r["urgent"] else "no" for r in rows]
    sources = [r["source"] for r in rows]
    cues = [triage.cue_features(r["text"], r.get("lang", "")) for r in rows]
    # Where the rule file's urgent words fire, they decide (see Triage._urgent).
    by_rules = np.array(["r:urgent" in c for c in cues])
    docs = [unique(extract(tokens(r["text"]))) + c for r, c in zip(rows, cues, strict=True)]
    vocab = Vocabulary(docs, min_count=2)
    x = vocab.matrix(docs)
    masks = folds(sources)
    print(f"urgency: {len(rows)} posts, {len(set(sources))} sources, {len(vocab.names)} features")
    print("  classes:", dict(Counter(labels)))
    truth = np.array([lab == "urgent" for lab in labels])
    rule_tp = int((by_rules & truth).sum())
    print(
        f"  rules alone: precision {rule_tp / max(1, by_rules.sum()):.3f}"
        f" recall {rule_tp / max(1, truth.sum()):.3f}"
    )
    cuts = [x / 100 for x in range(5, 91, 1)]
    everyday = np.array([s.startswith("non-emergency:") for s in sources])
    best: tuple[float, float, float, float, float] | None = None
    for class_power in (0.5, 1.0):
        w = sample_weights(sources, labels, class_power)
        for c in (0.25, 1.0):
            logits, classes = out_of_fold_logits(x, labels, w, masks, c)
            margin = logits[:, classes.index("urgent")] - logits[:, classes.index("no")]
            temperature = fit_binary_temperature(margin, truth)
            p = 1 / (1 + np.exp(-margin / temperature))
            for cut in cuts:
                # The rule file's urgent words decide where they fire (they were written
                # for a neighbour's report, where "fuego" is an alarm); the model adds the
                # posts they miss: as many of the crisis posts' urgent ones as it can, while
                # raising at most MAX_FALSE_ALARMS of a town's everyday reports.
                added = (p >= cut) & ~by_rules
                if added[everyday].mean() > MAX_FALSE_ALARMS:
                    continue
                said = (added | by_rules)[~everyday]
                real = truth[~everyday]
                tp = int((said & real).sum())
                precision = tp / max(1, said.sum())
                recall = tp / max(1, real.sum())
                f1 = 2 * precision * recall / max(1e-9, precision + recall)
                if best is None or f1 > best[0]:
                    best = (f1, class_power, c, temperature, cut)
            found = f"{best[0]:.3f} at {best[4]}" if best else "none yet"
            print(f"  power={class_power} C={c} T={temperature:.2f} best F1 so far {found}")
    assert best is not None
    f1, class_power, c, temperature, cut = best
    model = fit(x, labels, sample_weights(sources, labels, class_power), c)
    about = {
        "task": "urgency",
        "threshold": cut,
        "C": c,
        "class_power": class_power,
        "out_of_fold_f1": round(float(f1), 3),
        "trained_on": sorted(set(sources)),
        "posts": len(rows),
        "trained": time.strftime("%Y-%m-%d"),
    }
    print(f"  chosen: {about}")
    return export(model, vocab, temperature, about)


def fit_binary_temperature(margin: np.ndarray, truth: np.ndarray) -> float:
    best_t, best_loss = 1.0, float("inf")
    for t in [x / 20 for x in range(8, 80)]:
        p = np.clip(1 / (1 + np.exp(-margin / t)), 1e-9, 1 - 1e-9)
        loss = -float(np.sum(np.where(truth, np.log(p), np.log(1 - p))))
        if loss < best_loss:
            best_t, best_loss = t, loss
    return best_t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=("routing", "urgency"))
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = parser.parse_args()
    rules_only = Triage.from_resources(models=False)
    if args.only in (None, "routing"):
        path = write(train_routing(args.data, rules_only), ROUTING_MODEL, args.out)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    if args.only in (None, "urgency"):
        path = write(train_urgency(args.data, rules_only), URGENCY_MODEL, args.out)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
