"""An action's refusal in the desk's language: app/actions.py raises ActionError with a
code and parameters; the English message stays for the command line and the log."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jundesk.app.actions import CASE_MERGED, ActionError
from jundesk.gui.display_names import case_ref


def action_error_text(error: ActionError) -> str:
    """What the desk reads for a refused action (the English text for a code not here)."""
    if error.code == CASE_MERGED:
        return (
            QCoreApplication.translate(
                "ActionErrors", "%1 was merged into %2: act on that case instead."
            )
            .replace("%1", case_ref(error.params.get("case_id", "")))
            .replace("%2", case_ref(error.params.get("merged_into", "")))
        )
    return str(error)
