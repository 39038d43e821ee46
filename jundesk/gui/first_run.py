"""The first run: connect the town's X account (its keys go to the keyring; "Test
connection" shows the account's handle) or open the demo; then this desk's roles and the
name of the person at it, saved in the settings."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QWidget

from jundesk.app.secrets import SecretsUnavailable, save_x_credentials
from jundesk.app.settings import Settings
from jundesk.core.model import UNROUTED
from jundesk.gui.display_names import role_name
from jundesk.gui.forms.ui_first_run import Ui_FirstRunDialog
from jundesk.intake.source import IntakeError
from jundesk.intake.x_credentials import XCredentials

WELCOME, ACCOUNT, DESK = range(3)


@dataclass(frozen=True)
class FirstRunChoice:
    demo: bool
    settings: Settings
    credentials: XCredentials | None


class ConnectionTester(QObject):
    """Looks the town account up on a worker thread; the answer comes back as a signal
    (queued to the GUI thread), so the dialog never waits on the network."""

    finished = Signal(bool, str, str)  # ok, message (the handle, or what went wrong), user id

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: threading.Thread | None = None

    def start(self, credentials: XCredentials, api_base: str) -> None:
        self.worker = threading.Thread(
            target=self._work, args=(credentials, api_base), name="x-account-test", daemon=True
        )
        self.worker.start()

    def _work(self, credentials: XCredentials, api_base: str) -> None:
        from jundesk.intake.x_source import XSource  # tweepy: only when testing the account

        try:
            source = XSource(credentials, api_base=api_base or None)
            user_id, username, name = source.account()
        except IntakeError as error:
            self.finished.emit(False, str(error), "")
        except Exception as error:  # a bad address, say: tell the desk, don't crash
            self.finished.emit(False, f"{type(error).__name__}: {error}", "")
        else:
            self.finished.emit(True, f"@{username} ({name})", user_id)


class FirstRunDialog(QDialog):
    def __init__(
        self, settings: Settings, roles: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        self.settings = settings
        self.roles = roles
        self.user_id = settings.x_user_id
        self.tester = ConnectionTester(self)
        self.tester.finished.connect(self._tested)
        title = self.ui.welcomeTitle.font()
        title.setPointSizeF(title.pointSizeF() * 1.5)
        title.setBold(True)
        self.ui.welcomeTitle.setFont(title)
        self.role_boxes: dict[str, QCheckBox] = {}
        layout = self.ui.rolesLayout
        for role in roles:
            box = QCheckBox(role_name(role), self.ui.rolesBox)
            box.setChecked(role in settings.desk_roles)
            layout.addWidget(box)
            self.role_boxes[role] = box
        self.front_desk = QCheckBox(
            self.tr("Front desk: every role, and what no rule could route"), self.ui.rolesBox
        )
        self.front_desk.toggled.connect(self._front_desk_toggled)
        self.front_desk.setChecked(UNROUTED in settings.desk_roles)
        layout.addWidget(self.front_desk)
        self.ui.nameEdit.setText(settings.person)
        self.ui.apiBaseEdit.setText(settings.x_api_base)
        self.ui.nextButton.clicked.connect(self._next)
        self.ui.backButton.clicked.connect(self._back)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.testButton.clicked.connect(self.test_connection)
        self._go(WELCOME)

    # -- pages -----------------------------------------------------------------------------

    @property
    def demo(self) -> bool:
        return self.ui.demoRadio.isChecked()

    def _go(self, page: int) -> None:
        self.ui.pages.setCurrentIndex(page)
        self.ui.backButton.setEnabled(page != WELCOME)
        self.ui.nextButton.setText(self.tr("&Finish") if page == DESK else self.tr("&Next >"))
        self.ui.deskError.clear()

    def _next(self) -> None:
        page = self.ui.pages.currentIndex()
        if page == WELCOME:
            self._go(DESK if self.demo else ACCOUNT)
        elif page == ACCOUNT:
            if not self.credentials().can_read:
                self.ui.testResultLabel.setText(
                    self.tr("Paste at least the bearer token, or the four user keys.")
                )
                return
            self._go(DESK)
        else:
            self.accept()

    def _back(self) -> None:
        page = self.ui.pages.currentIndex()
        self._go(WELCOME if page == ACCOUNT or (page == DESK and self.demo) else ACCOUNT)

    def _front_desk_toggled(self, on: bool) -> None:
        for box in self.role_boxes.values():
            if on:
                box.setChecked(True)
            box.setEnabled(not on)

    # -- the account -----------------------------------------------------------------------

    def credentials(self) -> XCredentials:
        ui = self.ui
        return XCredentials(
            bearer_token=ui.bearerEdit.text().strip(),
            consumer_key=ui.consumerKeyEdit.text().strip(),
            consumer_secret=ui.consumerSecretEdit.text().strip(),
            access_token=ui.accessTokenEdit.text().strip(),
            access_token_secret=ui.accessSecretEdit.text().strip(),
            user_id=self.user_id,
        )

    def test_connection(self) -> None:
        self.ui.testButton.setEnabled(False)
        self.ui.testResultLabel.setText(self.tr("Asking X…"))
        self.tester.start(self.credentials(), self.ui.apiBaseEdit.text().strip())

    def _tested(self, ok: bool, message: str, user_id: str) -> None:
        self.ui.testButton.setEnabled(True)
        if ok:
            self.user_id = user_id
            self.ui.testResultLabel.setText(self.tr("Connected as %1").replace("%1", message))
        else:
            self.ui.testResultLabel.setText(self.tr("Not connected: %1").replace("%1", message))

    # -- finishing ---------------------------------------------------------------------------

    def chosen_roles(self) -> list[str]:
        if self.front_desk.isChecked():
            return [*self.roles, UNROUTED]
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def accept(self) -> None:
        roles = self.chosen_roles()
        name = self.ui.nameEdit.text().strip()
        if not roles:
            self.ui.deskError.setText(self.tr("Choose at least one role for this desk."))
            return
        if not name:
            self.ui.deskError.setText(
                self.tr("Your name is needed: the history shows who did what.")
            )
            return
        if not self.demo:
            try:
                save_x_credentials(self.credentials())
            except SecretsUnavailable as error:
                self._go(ACCOUNT)
                self.ui.testResultLabel.setText(str(error))
                return
        super().accept()

    def choice(self) -> FirstRunChoice:
        settings = replace(
            self.settings,
            desk_roles=self.chosen_roles(),
            person=self.ui.nameEdit.text().strip(),
        )
        if self.demo:
            return FirstRunChoice(True, settings, None)
        settings = replace(
            settings, x_api_base=self.ui.apiBaseEdit.text().strip(), x_user_id=self.user_id
        )
        return FirstRunChoice(False, settings, self.credentials())

    def run(self) -> FirstRunChoice | None:
        """Ask; the settings are saved when the desk finishes (not when it cancels)."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = self.choice()
        choice.settings.save()
        return choice
