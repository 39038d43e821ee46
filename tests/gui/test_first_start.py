"""First start on a fresh PC: no keyring (keyring's fail backend) is said with what to
install, never a traceback; no sound device and no emoji font are fine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from jundesk.app.settings import Settings
from jundesk.gui import app as gui_app
from jundesk.gui.first_run import ACCOUNT, FirstRunDialog
from jundesk.gui.notifier import NEW, URGENT, SoundPlayer
from jundesk.paths import RESOURCES

INSTALL_HINT = "apt install gnome-keyring"


@pytest.mark.slow
def test_the_first_run_says_what_to_install(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, jundesk_home: Path, no_keyring: None
) -> None:
    shown: list[str] = []

    def fake_exec(self: FirstRunDialog) -> int:
        shown.append(self.ui.accountHint.text())
        # The person fills in a key anyway and finishes: the keyring refuses it.
        self.ui.accountRadio.setChecked(True)
        self.ui.nextButton.click()
        self.ui.bearerEdit.setText("a-token")
        self.ui.nextButton.click()
        self.ui.nameEdit.setText("Lola")
        self.role_boxes["police"].setChecked(True)
        self.ui.nextButton.click()
        shown.append(self.ui.testResultLabel.text())
        assert self.ui.pages.currentIndex() == ACCOUNT
        assert self.result() != QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    assert gui_app.run_desk([]) == 0
    assert len(shown) == 2
    assert all(INSTALL_HINT in text for text in shown), shown
    assert Settings.load().person == ""  # nothing half-saved


def test_no_sound_device_is_fine(qtbot: object, tmp_path: Path) -> None:
    # Offscreen tests run without a sound server; a missing sound file is no worse.
    player = SoundPlayer(RESOURCES / "sounds")
    for kind in (NEW, URGENT):
        player.play(kind)
    assert SoundPlayer(tmp_path).play(NEW) in (True, False)


def test_a_post_with_emoji_shows_without_an_emoji_font(tmp_path: Path) -> None:
    # A fontconfig that knows one text font only, as on a bare PC: the emoji are drawn as
    # boxes, the rest of the post as usual, and nothing fails.
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs fonts-dejavu-core")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{dejavu}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "from PySide6.QtGui import QFontDatabase\n"
        "app = QApplication([])\n"
        "assert not any('emoji' in f.lower() for f in QFontDatabase.families())\n"
        "from jundesk.core.display_text import visible\n"
        "label = QLabel(visible('\U0001f6a8 farola caída \U0001f525 en la calle Real'))\n"
        "label.show(); app.processEvents()\n"
        "assert not label.grab().isNull()\n"
        "print('painted')\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "painted" in done.stdout
