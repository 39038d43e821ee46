# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'assign_dialog.ui'
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
    QDialogButtonBox, QLabel, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_AssignDialog(object):
    def setupUi(self, AssignDialog):
        if not AssignDialog.objectName():
            AssignDialog.setObjectName(u"AssignDialog")
        AssignDialog.resize(400, 160)
        self.dialogLayout = QVBoxLayout(AssignDialog)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.caseLabel = QLabel(AssignDialog)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.caseLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.caseLabel)

        self.assigneeLabel = QLabel(AssignDialog)
        self.assigneeLabel.setObjectName(u"assigneeLabel")

        self.dialogLayout.addWidget(self.assigneeLabel)

        self.assigneeCombo = QComboBox(AssignDialog)
        self.assigneeCombo.setObjectName(u"assigneeCombo")
        self.assigneeCombo.setEditable(True)

        self.dialogLayout.addWidget(self.assigneeCombo)

        self.buttonBox = QDialogButtonBox(AssignDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.assigneeLabel.setBuddy(self.assigneeCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AssignDialog)
        self.buttonBox.accepted.connect(AssignDialog.accept)
        self.buttonBox.rejected.connect(AssignDialog.reject)
    # setupUi

    def retranslateUi(self, AssignDialog):
        AssignDialog.setWindowTitle(QCoreApplication.translate("AssignDialog", u"Assign the case", None))
        self.assigneeLabel.setText(QCoreApplication.translate("AssignDialog", u"Assign to", None))
#if QT_CONFIG(accessibility)
        self.assigneeCombo.setAccessibleName(QCoreApplication.translate("AssignDialog", u"Assignee", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

