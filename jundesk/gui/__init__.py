"""The PySide6 desk console; the only layer that imports Qt."""

from jundesk.gui import pyside_fixes as _pyside_fixes  # noqa: F401  (first: see the module)
