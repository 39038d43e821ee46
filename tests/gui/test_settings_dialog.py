"""The settings dialog after the first run: the desk's values shown, checked as the
command line checks them, saved, and applied at once (SLA targets, pop-ups, sound)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jundesk.app.settings import Settings
from jundesk.app.sla import SlaTargets
from jundesk.core.model import Priority

pytestmark = pytest.mark.asyncio


async def test_settings_are_shown_checked_saved_and_applied(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(poll_interval=60) as desk:  # type: ignore[attr-defined]
        window = desk.window
        dialog = window.open_settings()
        ui = dialog.ui
        assert dialog.isVisible() and ui.personEdit.text() == "Ana"
        assert ui.popupUrgent.isChecked() and ui.popupHigh.isChecked()
        assert not ui.popupNormal.isChecked()
        table = ui.slaTable
        assert table.item(0, 0).text() == "5"  # every role, urgent: 5 minutes
        police = dialog._sla_roles.index("police")

        # A bad value is refused in place: nothing changes.
        ui.rolesEdit.setText("Police!")
        dialog.accept()
        assert dialog.isVisible() and "lowercase" in ui.errorLabel.text()
        assert ui.tabs.currentIndex() == 0
        ui.rolesEdit.setText("police, lighting, street_cleaning, unrouted")
        ui.hubEdit.setText("postgresql://front:secret@hub/town")
        dialog.accept()
        assert dialog.isVisible() and "keyring" in ui.errorLabel.text()
        assert ui.tabs.currentWidget() is ui.townTab
        ui.hubEdit.setText("")

        ui.personEdit.setText("Lola")
        ui.soundCheck.setChecked(False)
        ui.popupHigh.setChecked(False)
        table.item(police, 0).setText("3")
        dialog.accept()
        assert not dialog.isVisible()
        settings = desk.session.settings
        assert settings.person == "Lola" and settings.notification_sound is False
        assert settings.popup_priorities == ["urgent"]
        assert (
            SlaTargets.from_settings(settings.sla_minutes)
            .target("police", Priority.URGENT)
            .total_seconds()
            == 180
        )
        # Applied at once: the list's timers and the escalation count against 3 minutes.
        assert window.cases.sla.target("police", Priority.URGENT).total_seconds() == 180
        assert window.duty.escalation.targets.target("police", Priority.URGENT).seconds == 180
        saved = Settings.load(Settings.path())
        assert saved.person == "Lola" and saved.sla_minutes["police"]["urgent"] == 3
