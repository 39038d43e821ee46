# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reroute_dialog.ui'
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
    QDialogButtonBox, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_RerouteDialog(object):
    def setupUi(self, RerouteDialog):
        if not RerouteDialog.objectName():
            RerouteDialog.setObjectName(u"RerouteDialog")
        RerouteDialog.resize(440, 220)
        self.dialogLayout = QVBoxLayout(RerouteDialog)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.caseLabel = QLabel(RerouteDialog)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.caseLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.caseLabel)

        self.roleLabel = QLabel(RerouteDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.dialogLayout.addWidget(self.roleLabel)

        self.roleCombo = QComboBox(RerouteDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.dialogLayout.addWidget(self.roleCombo)

        self.reasonLabel = QLabel(RerouteDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.reasonLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.reasonLabel)

        self.reasonEdit = QLineEdit(RerouteDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.dialogLayout.addWidget(self.reasonEdit)

        self.buttonBox = QDialogButtonBox(RerouteDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.roleLabel.setBuddy(self.roleCombo)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RerouteDialog)
        self.buttonBox.accepted.connect(RerouteDialog.accept)
        self.buttonBox.rejected.connect(RerouteDialog.reject)
    # setupUi

    def retranslateUi(self, RerouteDialog):
        RerouteDialog.setWindowTitle(QCoreApplication.translate("RerouteDialog", u"Re-route the case", None))
        self.roleLabel.setText(QCoreApplication.translate("RerouteDialog", u"Send it to", None))
#if QT_CONFIG(accessibility)
        self.roleCombo.setAccessibleName(QCoreApplication.translate("RerouteDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.reasonLabel.setText(QCoreApplication.translate("RerouteDialog", u"Why (the desk that receives it sees this; triage learns from it)", None))
#if QT_CONFIG(accessibility)
        self.reasonEdit.setAccessibleName(QCoreApplication.translate("RerouteDialog", u"Reason", None))
#endif // QT_CONFIG(accessibility)
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("RerouteDialog", u"e.g. the fountain belongs to the street crew", None))
    # retranslateUi

