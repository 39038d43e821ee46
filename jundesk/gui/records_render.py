"""`jundesk report --format png|pdf`: the Records view drawn off screen, without a display
or a window, for a query given on the command line (the report CLI's RENDERERS)."""

from __future__ import annotations

import os
from pathlib import Path

from jundesk.app.records import RecordQuery, Records
from jundesk.core.model import DEFAULT_ROLES


def _view(records: Records, query: RecordQuery, language: str):  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jundesk.gui.records_snapshot import read_snapshot
    from jundesk.gui.records_view import RecordsView
    from jundesk.gui.translations import install_translators

    app = QApplication.instance() or QApplication(["jundesk-report"])
    install_translators(app, language)
    roles = query.roles or DEFAULT_ROLES
    view = RecordsView(records, roles, town=not query.roles)
    view.show_snapshot(read_snapshot(records, query))
    return view


def render_png(records: Records, query: RecordQuery, path: Path, language: str) -> None:
    view = _view(records, query, language)
    if not view.export_png(path):
        raise OSError(f"could not write {path}")
    view.deleteLater()


def render_pdf(records: Records, query: RecordQuery, path: Path, language: str) -> None:
    view = _view(records, query, language)
    if not view.export_pdf(path):
        raise OSError(f"could not write {path}")
    view.deleteLater()
