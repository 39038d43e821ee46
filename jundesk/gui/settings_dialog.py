"""The desk's settings after the first run: its name, roles, the person, the X account
(with "Test connection"), the channels it reads (channel_settings.py: their secrets go to
the keyring), the town's hub, the poll interval, the monthly read budget, the
language, notifications and sounds, and the SLA targets. Every value goes through
jundesk.app.setting_values, as `jundesk settings set` does, so both refuse the same."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidgetItem, QWidget

from jundesk.app import setting_values
from jundesk.app.secrets import SecretsUnavailable, save_channel_secrets
from jundesk.app.setting_values import SettingError
from jundesk.app.settings import Settings
from jundesk.app.sla import ANY_ROLE, SlaTargets
from jundesk.core.model import UNROUTED, Priority
from jundesk.gui.channel_settings import ChannelSettingsPane
from jundesk.gui.display_names import priority_name, role_name
from jundesk.gui.first_run import ConnectionTester
from jundesk.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from jundesk.intake.x_credentials import XCredentials


class SettingsDialog(QDialog):
    """Edits a copy of the settings; on OK, `settings` holds the accepted ones and
    `applied(settings)` is emitted (the caller saves and applies them)."""

    applied = Signal(object)  # Settings

    def __init__(
        self,
        settings: Settings,
        credentials: XCredentials | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.original = settings
        self.settings = settings
        self.credentials = credentials or XCredentials()
        self.tester = ConnectionTester(self)
        self.tester.finished.connect(self._tested)
        ui = self.ui
        ui.languageCombo.addItem(self.tr("System language"), "")
        ui.languageCombo.addItem("Español", "es")
        ui.languageCombo.addItem("English", "en")
        self._priority_boxes = {
            Priority.URGENT: ui.popupUrgent,
            Priority.HIGH: ui.popupHigh,
            Priority.NORMAL: ui.popupNormal,
            Priority.LOW: ui.popupLow,
        }
        for priority, box in self._priority_boxes.items():
            box.setText(priority_name(priority))
        ui.testButton.clicked.connect(self.test_connection)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        ui.errorLabel.hide()
        # Channels: after the X account's tab, built from what each channel module needs.
        self.channels = ChannelSettingsPane(settings, self)
        ui.tabs.insertTab(ui.tabs.indexOf(ui.accountTab) + 1, self.channels, self.tr("Channels"))
        self._fill(settings)

    # -- showing -------------------------------------------------------------------------

    def _fill(self, s: Settings) -> None:
        ui = self.ui
        ui.deskNameEdit.setText(s.desk_name)
        ui.personEdit.setText(s.person)
        ui.rolesEdit.setText(", ".join(s.desk_roles))
        ui.languageCombo.setCurrentIndex(max(0, ui.languageCombo.findData(s.language)))
        ui.apiBaseEdit.setText(s.x_api_base)
        ui.pollSpin.setValue(s.poll_interval)
        ui.budgetSpin.setValue(s.monthly_read_budget)
        ui.hubEdit.setText(s.hub_url)
        ui.soundCheck.setChecked(s.notification_sound)
        for priority, box in self._priority_boxes.items():
            box.setChecked(priority.value in s.popup_priorities)
        ui.repeatSpin.setValue(int(s.escalation_sound_interval))
        self._fill_sla(s)

    def _fill_sla(self, s: Settings) -> None:
        table = self.ui.slaTable
        targets = SlaTargets.from_settings(s.sla_minutes)
        roles = [ANY_ROLE, *(r for r in s.desk_roles if r != UNROUTED)]
        priorities = list(Priority)
        table.setRowCount(len(roles))
        table.setColumnCount(len(priorities))
        table.setHorizontalHeaderLabels([priority_name(p) for p in priorities])
        table.setVerticalHeaderLabels(
            [self.tr("Every role") if r == ANY_ROLE else role_name(r) for r in roles]
        )
        self._sla_roles = roles
        for row, role in enumerate(roles):
            for column, priority in enumerate(priorities):
                minutes = int(targets.target(role, priority).total_seconds() // 60)
                table.setItem(row, column, QTableWidgetItem(str(minutes)))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    # -- the X account -------------------------------------------------------------------

    def test_connection(self) -> None:
        self.ui.testButton.setEnabled(False)
        self.ui.testResultLabel.setText(self.tr("Asking X…"))
        self.tester.start(self.credentials, self.ui.apiBaseEdit.text().strip())

    def _tested(self, ok: bool, message: str, _user_id: str) -> None:
        self.ui.testButton.setEnabled(True)
        if ok:
            self.ui.testResultLabel.setText(self.tr("Connected as %1").replace("%1", message))
        else:
            self.ui.testResultLabel.setText(self.tr("Not connected: %1").replace("%1", message))

    # -- saving ----------------------------------------------------------------------------

    def values(self) -> list[tuple[str, str]]:
        """(key, text) for every setting shown, as `jundesk settings set` takes them."""
        ui = self.ui
        loud = [p.value for p, box in self._priority_boxes.items() if box.isChecked()]
        found = [
            ("desk_name", ui.deskNameEdit.text()),
            ("person", ui.personEdit.text()),
            ("desk_roles", ui.rolesEdit.text()),
            ("language", str(ui.languageCombo.currentData() or "")),
            ("x_api_base", ui.apiBaseEdit.text()),
            ("poll_interval", str(ui.pollSpin.value())),
            ("monthly_read_budget", str(ui.budgetSpin.value())),
            ("hub_url", ui.hubEdit.text()),
            ("notification_sound", "yes" if ui.soundCheck.isChecked() else "no"),
            ("popup_priorities", ", ".join(loud)),
            ("escalation_sound_interval", str(ui.repeatSpin.value())),
        ]
        table = ui.slaTable
        for row, role in enumerate(self._sla_roles):
            for column, priority in enumerate(Priority):
                item = table.item(row, column)
                found.append((f"sla.{role}.{priority.value}", item.text() if item else ""))
        return found

    def accept(self) -> None:
        edited = replace(self.original, sla_minutes=dict(self.original.sla_minutes))
        for key, text in self.values():
            try:
                setting_values.set_value(edited, key, text)
            except SettingError as error:
                self._refuse(key, error)
                return
        chosen = self.channels.channels()
        if not chosen:
            self._show_error(self.tr("Choose at least one channel to read."))
            self.ui.tabs.setCurrentWidget(self.channels)
            return
        edited.channels = chosen
        edited.channel_settings = self.channels.channel_settings(self.original.channel_settings)
        try:
            for channel, values in self.channels.typed_secrets().items():
                save_channel_secrets(channel, values)
        except SecretsUnavailable as error:
            # Nothing typed is lost: the fields keep it until the keyring works or the
            # dialog is closed.
            self._show_error(
                self.tr("The secrets could not go to the keyring: %1").replace("%1", str(error))
            )
            self.ui.tabs.setCurrentWidget(self.channels)
            return
        self.channels.forget_typed()
        self.settings = edited
        self.applied.emit(edited)
        super().accept()

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()

    def _refuse(self, key: str, error: SettingError) -> None:
        """Say what is wrong in the desk's language, and go to the field."""
        params = error.params
        messages = {
            "no_roles": self.tr("A desk needs at least one role."),
            "bad_role": self.tr(
                "Role names are lowercase words joined by _ (police, street_cleaning): %1"
            ).replace("%1", params.get("value", "")),
            "bad_url": self.tr("This is not an address JunDesk can use: %1").replace(
                "%1", params.get("value", "")
            ),
            "password_in_url": self.tr(
                "The hub address holds a password: passwords go to the keyring "
                "('jundesk hub join'), never into the settings."
            ),
            "not_a_whole_number": self.tr("SLA targets are whole minutes: %1").replace(
                "%1", params.get("value", "")
            ),
            "not_a_number": self.tr("SLA targets are whole minutes: %1").replace(
                "%1", params.get("value", "")
            ),
            "out_of_range": self.tr("%1 is out of range (%2 to %3).")
            .replace("%1", params.get("value", ""))
            .replace("%2", params.get("low", ""))
            .replace("%3", params.get("high", "")),
        }
        text = messages.get(error.code) or self.tr("This value is not accepted: %1").replace(
            "%1", key
        )
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()
        ui = self.ui
        tabs = {
            "desk_roles": (ui.deskTab, ui.rolesEdit),
            "x_api_base": (ui.accountTab, ui.apiBaseEdit),
            "hub_url": (ui.townTab, ui.hubEdit),
        }
        sla_tab = ui.notifyTab  # the targets' table
        page, field = tabs.get(key, (sla_tab if key.startswith("sla.") else ui.deskTab, None))
        ui.tabs.setCurrentWidget(page)
        if field is not None:
            field.setFocus()
