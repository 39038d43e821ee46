"""The Designer forms in ui/ are the source: their generated Python must be current."""

from __future__ import annotations

import pytest

from jundesk.gui.forms.compile import generated_path, stale_forms, ui_files


@pytest.mark.slow
def test_every_form_is_compiled_and_current() -> None:
    forms = ui_files()
    assert forms, "no .ui files found"
    assert all(generated_path(ui).exists() for ui in forms)
    stale = [ui.name for ui in stale_forms()]
    assert stale == [], f"run: python -m jundesk.gui.forms.compile ({stale})"
