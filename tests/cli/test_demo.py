"""The headless demo runs a simulated day through the whole engine and ends by itself;
it takes the window's arguments and shows the chosen desk's cases."""

from __future__ import annotations

import re

import pytest

from jundesk.cli.main import main


@pytest.mark.slow
def test_headless_demo_prints_routed_cases_and_a_summary(capsys) -> None:
    code = main(["demo", "--headless", "--posts", "25", "--speed", "20000", "--interval", "0.2"])
    out = capsys.readouterr().out
    assert code == 0
    routed = [
        line
        for line in out.splitlines()
        if re.search(r" (urgent|high|normal|low) +(police|street_cleaning|lighting|unrouted)", line)
    ]
    assert len(routed) >= 10
    summary = out.strip().splitlines()[-1]
    found = re.search(r"(\d+) cases: .* routed as the town would: (\d+)/(\d+)", summary)
    assert found, summary
    assert int(found.group(1)) == len(routed)
    assert int(found.group(2)) >= 0.7 * int(found.group(3))


@pytest.mark.slow
def test_headless_demo_shows_the_chosen_desks_day(capsys) -> None:
    fast = ["--posts", "40", "--speed", "20000", "--interval", "0.2", "--seed", "3"]
    code = main(["demo", "--headless", "--desk", "police", "--preload", "5", *fast])
    out = capsys.readouterr().out
    assert code == 0
    assert "as the police officer sees it (police)" in out.splitlines()[0]
    cases = [line for line in out.splitlines() if re.search(r" (urgent|high|normal|low) ", line)]
    assert cases and all(re.search(r" (urgent|high|normal|low) +police ", c) for c in cases)
    ids = {re.search(r" ([0-9a-f]{8}) ", c).group(1) for c in cases}  # type: ignore[union-attr]
    followups = [line.split()[0] for line in out.splitlines() if "+ a follow-up" in line]
    assert set(followups) <= ids  # only this desk's cases
    found = re.search(r"(\d+) cases: (\d+) police;", out.strip().splitlines()[-1])
    assert found and int(found.group(1)) == int(found.group(2)) == len(cases)


@pytest.mark.slow
def test_headless_demo_stops_after_n_cases(capsys) -> None:
    """A check of the install: the preloaded posts give the cases, the day isn't waited for.
    At real-time speed no post of the day comes before the first polls, so the cases shown
    are preloaded ones."""
    code = main(["demo", "--headless", "--quit-after", "2", "--preload", "6", "--speed", "1"])
    out = capsys.readouterr().out
    assert code == 0
    shown = int(out.strip().splitlines()[-1].split()[0])
    assert 2 <= shown <= 6
