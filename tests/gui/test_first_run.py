"""The first run: connect the town's account (keys to the keyring, "Test connection"
shows the handle, from a worker thread) or choose the demo; roles and name are saved.
Every dialog's exec is patched: nothing waits for a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from jundesk.app.settings import Settings
from jundesk.core.model import UNROUTED
from jundesk.gui import app as gui_app
from jundesk.gui.first_run import ACCOUNT, DESK, FirstRunDialog
from jundesk.xserver import XServer
from tests.conftest import MemoryKeyring
from tests.gui.conftest import until

ROLES = ("police", "street_cleaning", "lighting")


@pytest.mark.asyncio
async def test_connect_the_account_test_it_and_choose_the_desk(
    qtbot: object, xserver: XServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = FirstRunDialog(Settings(), ROLES)
    ui = dialog.ui
    assert ui.accountRadio.isChecked()
    ui.nextButton.click()
    assert ui.pages.currentIndex() == ACCOUNT
    ui.bearerEdit.setText(xserver.bearer_token)
    ui.consumerKeyEdit.setText(xserver.consumer_key)
    ui.consumerSecretEdit.setText(xserver.consumer_secret)
    ui.accessTokenEdit.setText(xserver.access_token)
    ui.accessSecretEdit.setText(xserver.access_token_secret)
    ui.apiBaseEdit.setText(xserver.base_url)
    ui.testButton.click()
    assert not ui.testButton.isEnabled()  # the network runs in a worker thread
    await until(lambda: ui.testButton.isEnabled(), what="the test to answer")
    assert ui.testResultLabel.text() == "Connected as @AytoJun (Ayuntamiento de Jun)"
    ui.nextButton.click()
    assert ui.pages.currentIndex() == DESK
    dialog.role_boxes["police"].setChecked(True)
    dialog.role_boxes["lighting"].setChecked(False)
    dialog.role_boxes["street_cleaning"].setChecked(False)
    ui.nameEdit.setText("")
    ui.nextButton.click()  # Finish: refused without a name
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "name" in ui.deskError.text()
    ui.nameEdit.setText("Manuel")
    ui.nextButton.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert memory_keyring.values[("jundesk", "x:bearer_token")] == xserver.bearer_token
    assert memory_keyring.values[("jundesk", "x:access_token_secret")]
    choice = dialog.choice()
    assert not choice.demo
    assert choice.settings.desk_roles == ["police"]
    assert choice.settings.person == "Manuel"
    assert choice.settings.x_user_id == xserver.town_user_id
    assert choice.credentials is not None and choice.credentials.can_post


@pytest.mark.asyncio
async def test_a_wrong_key_says_why(qtbot: object, xserver: XServer) -> None:
    dialog = FirstRunDialog(Settings(), ROLES)
    ui = dialog.ui
    ui.nextButton.click()
    ui.consumerKeyEdit.setText("nope")
    ui.consumerSecretEdit.setText("nope")
    ui.accessTokenEdit.setText("1-nope")
    ui.accessSecretEdit.setText("nope")
    ui.apiBaseEdit.setText(xserver.base_url)
    ui.testButton.click()
    await until(lambda: ui.testButton.isEnabled())
    assert ui.testResultLabel.text().startswith("Not connected:")


def test_the_demo_choice_and_the_front_desk(qtbot: object) -> None:
    dialog = FirstRunDialog(Settings(person="Lola"), ROLES)
    ui = dialog.ui
    ui.demoRadio.setChecked(True)
    ui.nextButton.click()
    assert ui.pages.currentIndex() == DESK  # no account page for the demo
    dialog.front_desk.setChecked(True)
    assert all(box.isChecked() and not box.isEnabled() for box in dialog.role_boxes.values())
    ui.nextButton.click()
    choice = dialog.choice()
    assert choice.demo and choice.credentials is None
    assert choice.settings.desk_roles == [*ROLES, UNROUTED]
    assert choice.settings.person == "Lola"


@pytest.mark.slow
def test_jundesk_without_an_account_runs_the_first_run_then_the_demo(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, jundesk_home: Path
) -> None:
    started: list[tuple[str, object]] = []

    def fake_exec(self: FirstRunDialog) -> int:
        self.ui.demoRadio.setChecked(True)
        self.ui.nextButton.click()
        self.ui.nameEdit.setText("Lola")
        self.role_boxes["police"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    monkeypatch.setattr(
        gui_app,
        "run_demo",
        lambda options, argv=None, settings=None: started.append(("demo", settings)) or 0,
    )
    monkeypatch.setattr(gui_app, "run_window", lambda *a: started.append(("desk", a)) or 0)
    assert gui_app.run_desk([]) == 0
    assert started[0][0] == "demo"
    saved = Settings.load()
    assert saved.person == "Lola" and "police" in saved.desk_roles


@pytest.mark.slow
def test_jundesk_with_an_account_opens_the_desk_directly(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.values[("jundesk", "x:bearer_token")] = "a-token"
    monkeypatch.setattr(
        FirstRunDialog, "exec", lambda self: pytest.fail("no first run with an account")
    )
    opened: list[object] = []
    monkeypatch.setattr(gui_app, "run_window", lambda app, make: opened.append(make) or 0)
    assert gui_app.run_desk([]) == 0
    assert len(opened) == 1


@pytest.mark.slow
def test_cancelling_the_first_run_quits(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(gui_app, "run_window", lambda *a: pytest.fail("no window"))
    assert gui_app.run_desk([]) == 0
    assert not Settings.path().exists()
