"""A guard against reference-count bugs of PySide6 6.12.0 that abort Python 3.11.

Under Python 3.11, PySide6 6.12.0 hands back `None`, `True` and `False` without owning a
reference to them: every `signal.emit()` takes a reference from `True`, every call of a
void method (`setText`, `setVisible`, `processEvents`...) or a model's `data()` that
returns None takes one from `None`. A desk runs out of them within minutes and Python
aborts ("Fatal Python error: bool_dealloc" / "none_dealloc"). From Python 3.12 these
singletons are immortal and the bug is harmless; here we make them immortal by hand,
once, when (and only when) a probe sees references leaking.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# Enough references for a billion leaks a second for years: the count can't reach zero.
_SPARE_REFERENCES = 1 << 40
_SINGLETONS = (None, True, False)


class _Probe(QObject):
    ping = Signal()


def leaking_singletons() -> list[object]:
    """The singletons that emitting a signal or calling a void method takes references from."""
    probe = _Probe()
    before = [sys.getrefcount(s) for s in _SINGLETONS]
    for _ in range(8):
        probe.ping.emit()
        probe.setObjectName("probe")
    after = [sys.getrefcount(s) for s in _SINGLETONS]
    return [s for s, b, a in zip(_SINGLETONS, before, after, strict=True) if a < b]


def make_immortal(singleton: object) -> None:
    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(singleton)).value += _SPARE_REFERENCES


def apply() -> bool:
    """Apply the guard where it is needed; True when it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not leaking_singletons():
        return False
    # A leak seen on one singleton is the same bug on all three: guard them all.
    for singleton in _SINGLETONS:
        make_immortal(singleton)
    log.info("PySide6 leaks references to None/True/False: made them immortal")
    return True


applied = apply()
