"""The PySide6 desk console; the only layer that imports Qt."""
