"""Where JunDesk finds its bundled resources (rule files, demo scenario, icons)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
