"""Start to painted demo window, offscreen: the frozen program (dist/jundesk/jundesk from
packaging/build.sh) beside the pip-installed one (this virtualenv's `jundesk`), the median
of a few runs each. Each run is `jundesk demo --quit-after 1`, which prints the moment its
case list was first painted; the figure is that moment minus the moment the process was
started.

    .venv/bin/python benchmarks/start_time.py [--runs 3] [--frozen dist/jundesk/jundesk]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAINTED = "jundesk demo: painted at "


def start_to_paint(command: list[str]) -> float:
    home = tempfile.mkdtemp(prefix="jundesk-start-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JUNDESK_HOME": home}
    try:
        started = time.time()
        done = subprocess.run(
            [*command, "demo", "--quit-after", "1"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=home,
        )
        if done.returncode != 0:
            raise SystemExit(f"{command}: exit {done.returncode}\n{done.stdout}{done.stderr}")
        painted = next(
            float(line[len(PAINTED) :]) for line in done.stdout.splitlines() if PAINTED in line
        )
        return painted - started
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "jundesk" / "jundesk")
    parser.add_argument("--installed", type=Path, default=Path(sys.executable).parent / "jundesk")
    args = parser.parse_args()
    programs = {"pip-installed": [str(args.installed)], "frozen": [str(args.frozen)]}
    results: dict[str, list[float]] = {name: [] for name in programs}
    start_to_paint(programs["pip-installed"])  # warm the disk cache for both alike
    start_to_paint(programs["frozen"])
    for _ in range(args.runs):
        for name, command in programs.items():  # interleaved: the machine's load hits both
            results[name].append(start_to_paint(command))
    print(f"start to painted demo window, offscreen, median of {args.runs}:")
    for name, values in results.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:<14} {statistics.median(values):.2f} s   ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
