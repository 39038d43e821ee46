# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'complaint_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ComplaintDialog(object):
    def setupUi(self, ComplaintDialog):
        if not ComplaintDialog.objectName():
            ComplaintDialog.setObjectName(u"ComplaintDialog")
        ComplaintDialog.resize(520, 420)
        self.dialogLayout = QVBoxLayout(ComplaintDialog)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ComplaintDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.channelLabel = QLabel(ComplaintDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.dialogLayout.addWidget(self.channelLabel)

        self.channelCombo = QComboBox(ComplaintDialog)
        self.channelCombo.setObjectName(u"channelCombo")

        self.dialogLayout.addWidget(self.channelCombo)

        self.nameLabel = QLabel(ComplaintDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.dialogLayout.addWidget(self.nameLabel)

        self.nameEdit = QLineEdit(ComplaintDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.dialogLayout.addWidget(self.nameEdit)

        self.textLabel = QLabel(ComplaintDialog)
        self.textLabel.setObjectName(u"textLabel")

        self.dialogLayout.addWidget(self.textLabel)

        self.textEdit = QPlainTextEdit(ComplaintDialog)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setTabChangesFocus(True)

        self.dialogLayout.addWidget(self.textEdit)

        self.roleLabel = QLabel(ComplaintDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.dialogLayout.addWidget(self.roleLabel)

        self.roleCombo = QComboBox(ComplaintDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.dialogLayout.addWidget(self.roleCombo)

        self.priorityLabel = QLabel(ComplaintDialog)
        self.priorityLabel.setObjectName(u"priorityLabel")

        self.dialogLayout.addWidget(self.priorityLabel)

        self.priorityCombo = QComboBox(ComplaintDialog)
        self.priorityCombo.setObjectName(u"priorityCombo")

        self.dialogLayout.addWidget(self.priorityCombo)

        self.buttonBox = QDialogButtonBox(ComplaintDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.channelLabel.setBuddy(self.channelCombo)
        self.nameLabel.setBuddy(self.nameEdit)
        self.textLabel.setBuddy(self.textEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.priorityLabel.setBuddy(self.priorityCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ComplaintDialog)
        self.buttonBox.accepted.connect(ComplaintDialog.accept)
        self.buttonBox.rejected.connect(ComplaintDialog.reject)
    # setupUi

    def retranslateUi(self, ComplaintDialog):
        ComplaintDialog.setWindowTitle(QCoreApplication.translate("ComplaintDialog", u"Log a complaint", None))
        self.introLabel.setText(QCoreApplication.translate("ComplaintDialog", u"A citizen came to the desk or called: write down what they reported. It becomes a case like any post.", None))
        self.channelLabel.setText(QCoreApplication.translate("ComplaintDialog", u"How it came in", None))
#if QT_CONFIG(accessibility)
        self.channelCombo.setAccessibleName(QCoreApplication.translate("ComplaintDialog", u"Channel", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("ComplaintDialog", u"Citizen's name (optional)", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("ComplaintDialog", u"Citizen's name", None))
#endif // QT_CONFIG(accessibility)
        self.textLabel.setText(QCoreApplication.translate("ComplaintDialog", u"What they reported", None))
#if QT_CONFIG(accessibility)
        self.textEdit.setAccessibleName(QCoreApplication.translate("ComplaintDialog", u"What they reported", None))
#endif // QT_CONFIG(accessibility)
        self.roleLabel.setText(QCoreApplication.translate("ComplaintDialog", u"Role", None))
#if QT_CONFIG(accessibility)
        self.roleCombo.setAccessibleName(QCoreApplication.translate("ComplaintDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.priorityLabel.setText(QCoreApplication.translate("ComplaintDialog", u"Priority", None))
#if QT_CONFIG(accessibility)
        self.priorityCombo.setAccessibleName(QCoreApplication.translate("ComplaintDialog", u"Priority", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

