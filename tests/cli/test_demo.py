"""The headless demo runs a simulated day through the whole engine and ends by itself."""

from __future__ import annotations

import re

from jundesk.cli.main import main


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
