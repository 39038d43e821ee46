"""Where JunDesk finds its bundled resources (rule files, demo scenario, icons): inside the
package, so a wheel or a frozen build carries them."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"
