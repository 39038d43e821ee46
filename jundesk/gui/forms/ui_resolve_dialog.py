# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'resolve_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ResolveDialog(object):
    def setupUi(self, ResolveDialog):
        if not ResolveDialog.objectName():
            ResolveDialog.setObjectName(u"ResolveDialog")
        ResolveDialog.resize(540, 420)
        self.dialogLayout = QVBoxLayout(ResolveDialog)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.caseLabel = QLabel(ResolveDialog)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.caseLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.caseLabel)

        self.replyCheck = QCheckBox(ResolveDialog)
        self.replyCheck.setObjectName(u"replyCheck")

        self.dialogLayout.addWidget(self.replyCheck)

        self.cannedCombo = QComboBox(ResolveDialog)
        self.cannedCombo.setObjectName(u"cannedCombo")

        self.dialogLayout.addWidget(self.cannedCombo)

        self.replyEdit = QPlainTextEdit(ResolveDialog)
        self.replyEdit.setObjectName(u"replyEdit")
        self.replyEdit.setTabChangesFocus(True)

        self.dialogLayout.addWidget(self.replyEdit)

        self.counterLabel = QLabel(ResolveDialog)
        self.counterLabel.setObjectName(u"counterLabel")
        self.counterLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.dialogLayout.addWidget(self.counterLabel)

        self.photoLabel = QLabel(ResolveDialog)
        self.photoLabel.setObjectName(u"photoLabel")

        self.dialogLayout.addWidget(self.photoLabel)

        self.photoLayout = QHBoxLayout()
        self.photoLayout.setObjectName(u"photoLayout")
        self.photoEdit = QLineEdit(ResolveDialog)
        self.photoEdit.setObjectName(u"photoEdit")

        self.photoLayout.addWidget(self.photoEdit)

        self.browseButton = QPushButton(ResolveDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.photoLayout.addWidget(self.browseButton)


        self.dialogLayout.addLayout(self.photoLayout)

        self.photoNote = QLabel(ResolveDialog)
        self.photoNote.setObjectName(u"photoNote")
        self.photoNote.setTextFormat(Qt.TextFormat.PlainText)
        self.photoNote.setWordWrap(True)

        self.dialogLayout.addWidget(self.photoNote)

        self.buttonBox = QDialogButtonBox(ResolveDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.photoLabel.setBuddy(self.photoEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ResolveDialog)
        self.buttonBox.accepted.connect(ResolveDialog.accept)
        self.buttonBox.rejected.connect(ResolveDialog.reject)
    # setupUi

    def retranslateUi(self, ResolveDialog):
        ResolveDialog.setWindowTitle(QCoreApplication.translate("ResolveDialog", u"Resolve the case", None))
#if QT_CONFIG(accessibility)
        self.replyCheck.setAccessibleName(QCoreApplication.translate("ResolveDialog", u"Publish a closing reply", None))
#endif // QT_CONFIG(accessibility)
        self.replyCheck.setText(QCoreApplication.translate("ResolveDialog", u"Publish a closing reply where the citizen wrote", None))
#if QT_CONFIG(accessibility)
        self.cannedCombo.setAccessibleName(QCoreApplication.translate("ResolveDialog", u"Canned closing replies", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.cannedCombo.setToolTip(QCoreApplication.translate("ResolveDialog", u"Start from one of the town's closing replies", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.replyEdit.setAccessibleName(QCoreApplication.translate("ResolveDialog", u"Closing reply", None))
#endif // QT_CONFIG(accessibility)
        self.replyEdit.setPlaceholderText(QCoreApplication.translate("ResolveDialog", u"e.g. Fixed, thank you for letting us know!", None))
        self.photoLabel.setText(QCoreApplication.translate("ResolveDialog", u"Photo of the work done (optional)", None))
#if QT_CONFIG(accessibility)
        self.photoEdit.setAccessibleName(QCoreApplication.translate("ResolveDialog", u"Photo of the work done", None))
#endif // QT_CONFIG(accessibility)
        self.photoEdit.setPlaceholderText(QCoreApplication.translate("ResolveDialog", u"No photo", None))
        self.browseButton.setText(QCoreApplication.translate("ResolveDialog", u"Choose photo\u2026", None))
        self.photoNote.setText(QCoreApplication.translate("ResolveDialog", u"The photo is published with the closing reply, so it needs one (JPEG, PNG, GIF or WEBP, at most 5 MB). It is also kept in the case's history.", None))
    # retranslateUi

