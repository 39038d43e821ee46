"""Python generated from the Designer forms in ui/*.ui (never edit by hand).

Regenerate with `python -m jundesk.gui.forms.compile`; tests/gui/test_forms.py fails when
a form changed and its Python was not regenerated.
"""
