"""The settings dialog's Channels tab: which channels this desk reads and answers on, and
each channel's plain settings (a server's address, the town's account). A channel's
secrets (tokens, app passwords) are typed here and go straight to the OS keyring on Save:
the field never shows a stored secret back, it only says whether one is kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jundesk.app.secrets import SecretsUnavailable, load_channel_secrets
from jundesk.app.settings import Settings
from jundesk.gui.display_names import channel_name
from jundesk.intake.channels import CHANNELS, ChannelModule, X, channel_module
from jundesk.intake.source import Refused


def field_label(field: str) -> str:
    """A channel field as the desk reads it; a field JunDesk has no words for reads as its
    name."""
    names = {
        "api_base_url": QCoreApplication.translate("ChannelSettings", "Server address"),
        "api_base": QCoreApplication.translate("ChannelSettings", "Bot API address"),
        "service": QCoreApplication.translate("ChannelSettings", "Server address"),
        "media_base": QCoreApplication.translate("ChannelSettings", "Photos address"),
        "handle": QCoreApplication.translate("ChannelSettings", "Town account"),
        "announce_chat": QCoreApplication.translate(
            "ChannelSettings", "Town's announcement channel"
        ),
        "long_poll": QCoreApplication.translate("ChannelSettings", "Wait for messages (seconds)"),
        "access_token": QCoreApplication.translate("ChannelSettings", "Access token"),
        "app_password": QCoreApplication.translate("ChannelSettings", "App password"),
        "bot_token": QCoreApplication.translate("ChannelSettings", "Bot token"),
    }
    return names.get(field) or field.replace("_", " ").capitalize()


class ChannelSettingsPane(QWidget):
    """One box per channel: checked, the desk reads it; inside, its fields."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        modules: Callable[[str], ChannelModule] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("channelSettings")
        self.boxes: dict[str, QGroupBox] = {}
        self.plain: dict[str, dict[str, QLineEdit]] = {}
        self.secret_edits: dict[str, dict[str, QLineEdit]] = {}
        self.unavailable: dict[str, str] = {}  # channel -> why it can't be set up here
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget(scroll)
        layout = QVBoxLayout(inner)
        hint = QLabel(
            self.tr(
                "The channels this desk reads and answers on. Tokens and passwords go to this "
                "computer's keyring when you save: they are never shown here again; leave one "
                "empty to keep the one stored."
            ),
            inner,
        )
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        for channel in CHANNELS:
            layout.addWidget(self._box(channel, settings, modules or channel_module, inner))
        layout.addStretch(1)
        scroll.setWidget(inner)

    def _box(
        self,
        channel: str,
        settings: Settings,
        modules: Callable[[str], ChannelModule],
        parent: QWidget,
    ) -> QGroupBox:
        box = QGroupBox(channel_name(channel), parent)
        box.setObjectName(f"channelBox_{channel}")
        box.setCheckable(True)
        box.setChecked(channel in settings.channels)
        box.setAccessibleName(self.tr("Read and answer on %1").replace("%1", channel_name(channel)))
        self.boxes[channel] = box
        form = QFormLayout(box)
        if channel == X:
            note = QLabel(self.tr("Its keys and address are on the X account tab."), box)
            note.setWordWrap(True)
            form.addRow(note)
            return box
        try:
            module = modules(channel)
        except Refused as error:
            self.unavailable[channel] = str(error)
            note = QLabel(
                self.tr("Not available in this JunDesk: %1").replace("%1", str(error)), box
            )
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(note)
            return box
        stored = settings.channel_settings.get(channel, {})
        self.plain[channel] = {}
        for field in module.setting_fields:
            edit = QLineEdit(stored.get(field, ""), box)
            edit.setObjectName(f"{channel}_{field}")
            form.addRow(field_label(field), edit)
            self.plain[channel][field] = edit
        try:
            kept = load_channel_secrets(channel, module.secret_fields)
        except SecretsUnavailable:
            kept = {}
        self.secret_edits[channel] = {}
        for field in module.secret_fields:
            edit = QLineEdit(box)
            edit.setObjectName(f"{channel}_{field}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(
                self.tr("kept in the keyring: type to replace it")
                if kept.get(field)
                else self.tr("not set")
            )
            form.addRow(field_label(field), edit)
            self.secret_edits[channel][field] = edit
        kept.clear()  # never held longer than needed to say whether one is kept
        return box

    # -- what was chosen --------------------------------------------------------------------

    def channels(self) -> list[str]:
        """The channels ticked, in the order desks list them."""
        return [c for c, box in self.boxes.items() if box.isChecked()]

    def channel_settings(
        self, before: Mapping[str, Mapping[str, str]]
    ) -> dict[str, dict[str, str]]:
        """Each channel's plain settings as typed, over those it had (a value this dialog
        doesn't show is kept)."""
        merged = {channel: dict(values) for channel, values in before.items()}
        for channel, edits in self.plain.items():
            values = merged.get(channel, {})
            for field, edit in edits.items():
                text = edit.text().strip()
                if text or field in values:  # a field never set and left empty stays unset
                    values[field] = text
            if values:
                merged[channel] = values
        return merged

    def typed_secrets(self) -> dict[str, dict[str, str]]:
        """The secrets typed, by channel and field (those left empty keep the stored one)."""
        typed: dict[str, dict[str, str]] = {}
        for channel, edits in self.secret_edits.items():
            for field, edit in edits.items():
                if edit.text().strip():
                    typed.setdefault(channel, {})[field] = edit.text().strip()
        return typed

    def forget_typed(self) -> None:
        """Empty the secret fields (after they went to the keyring)."""
        for edits in self.secret_edits.values():
            for edit in edits.values():
                edit.clear()
