"""A post's photo full size, scaled down to fit the screen when it is larger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

SCREEN_SHARE = 0.85  # of the screen's available area, at most


class PhotoViewer(QDialog):
    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(title)
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size() * SCREEN_SHARE if screen else image.size()
        shown = image
        if image.width() > area.width() or image.height() > area.height():
            shown = image.scaled(
                area,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.picture = QLabel(self)
        self.picture.setObjectName("photoPicture")
        self.picture.setAccessibleName(title)
        self.picture.setPixmap(QPixmap.fromImage(shown))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.resize(shown.width() + 4, shown.height() + 4)
