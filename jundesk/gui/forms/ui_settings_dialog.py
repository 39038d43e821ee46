# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
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
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpinBox, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(620, 480)
        self.dialogLayout = QVBoxLayout(SettingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.tabs = QTabWidget(SettingsDialog)
        self.tabs.setObjectName(u"tabs")
        self.deskTab = QWidget()
        self.deskTab.setObjectName(u"deskTab")
        self.deskForm = QFormLayout(self.deskTab)
        self.deskForm.setObjectName(u"deskForm")
        self.deskNameLabel = QLabel(self.deskTab)
        self.deskNameLabel.setObjectName(u"deskNameLabel")

        self.deskForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.deskNameLabel)

        self.deskNameEdit = QLineEdit(self.deskTab)
        self.deskNameEdit.setObjectName(u"deskNameEdit")

        self.deskForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.deskNameEdit)

        self.personLabel = QLabel(self.deskTab)
        self.personLabel.setObjectName(u"personLabel")

        self.deskForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.personLabel)

        self.personEdit = QLineEdit(self.deskTab)
        self.personEdit.setObjectName(u"personEdit")

        self.deskForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.personEdit)

        self.rolesLabel = QLabel(self.deskTab)
        self.rolesLabel.setObjectName(u"rolesLabel")

        self.deskForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.rolesLabel)

        self.rolesEdit = QLineEdit(self.deskTab)
        self.rolesEdit.setObjectName(u"rolesEdit")

        self.deskForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.rolesEdit)

        self.languageLabel = QLabel(self.deskTab)
        self.languageLabel.setObjectName(u"languageLabel")

        self.deskForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(self.deskTab)
        self.languageCombo.setObjectName(u"languageCombo")

        self.deskForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.restartHint = QLabel(self.deskTab)
        self.restartHint.setObjectName(u"restartHint")
        self.restartHint.setWordWrap(True)
        self.restartHint.setTextFormat(Qt.TextFormat.PlainText)

        self.deskForm.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.restartHint)

        self.tabs.addTab(self.deskTab, "")
        self.accountTab = QWidget()
        self.accountTab.setObjectName(u"accountTab")
        self.accountForm = QFormLayout(self.accountTab)
        self.accountForm.setObjectName(u"accountForm")
        self.apiBaseLabel = QLabel(self.accountTab)
        self.apiBaseLabel.setObjectName(u"apiBaseLabel")

        self.accountForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.apiBaseLabel)

        self.apiBaseEdit = QLineEdit(self.accountTab)
        self.apiBaseEdit.setObjectName(u"apiBaseEdit")

        self.accountForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.apiBaseEdit)

        self.pollLabel = QLabel(self.accountTab)
        self.pollLabel.setObjectName(u"pollLabel")

        self.accountForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pollLabel)

        self.pollSpin = QDoubleSpinBox(self.accountTab)
        self.pollSpin.setObjectName(u"pollSpin")
        self.pollSpin.setDecimals(0)
        self.pollSpin.setMinimum(2.000000000000000)
        self.pollSpin.setMaximum(3600.000000000000000)

        self.accountForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.pollSpin)

        self.budgetLabel = QLabel(self.accountTab)
        self.budgetLabel.setObjectName(u"budgetLabel")

        self.accountForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.budgetLabel)

        self.budgetSpin = QSpinBox(self.accountTab)
        self.budgetSpin.setObjectName(u"budgetSpin")
        self.budgetSpin.setMinimum(0)
        self.budgetSpin.setMaximum(10000000)

        self.accountForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.budgetSpin)

        self.testButton = QPushButton(self.accountTab)
        self.testButton.setObjectName(u"testButton")

        self.accountForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.testButton)

        self.testResultLabel = QLabel(self.accountTab)
        self.testResultLabel.setObjectName(u"testResultLabel")
        self.testResultLabel.setWordWrap(True)
        self.testResultLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.accountForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.testResultLabel)

        self.tabs.addTab(self.accountTab, "")
        self.townTab = QWidget()
        self.townTab.setObjectName(u"townTab")
        self.townForm = QFormLayout(self.townTab)
        self.townForm.setObjectName(u"townForm")
        self.hubLabel = QLabel(self.townTab)
        self.hubLabel.setObjectName(u"hubLabel")

        self.townForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.hubLabel)

        self.hubEdit = QLineEdit(self.townTab)
        self.hubEdit.setObjectName(u"hubEdit")

        self.townForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.hubEdit)

        self.hubHint = QLabel(self.townTab)
        self.hubHint.setObjectName(u"hubHint")
        self.hubHint.setWordWrap(True)
        self.hubHint.setTextFormat(Qt.TextFormat.PlainText)

        self.townForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.hubHint)

        self.tabs.addTab(self.townTab, "")
        self.notifyTab = QWidget()
        self.notifyTab.setObjectName(u"notifyTab")
        self.notifyLayout = QVBoxLayout(self.notifyTab)
        self.notifyLayout.setObjectName(u"notifyLayout")
        self.soundCheck = QCheckBox(self.notifyTab)
        self.soundCheck.setObjectName(u"soundCheck")

        self.notifyLayout.addWidget(self.soundCheck)

        self.popupLabel = QLabel(self.notifyTab)
        self.popupLabel.setObjectName(u"popupLabel")

        self.notifyLayout.addWidget(self.popupLabel)

        self.popupLayout = QHBoxLayout()
        self.popupLayout.setObjectName(u"popupLayout")
        self.popupUrgent = QCheckBox(self.notifyTab)
        self.popupUrgent.setObjectName(u"popupUrgent")

        self.popupLayout.addWidget(self.popupUrgent)

        self.popupHigh = QCheckBox(self.notifyTab)
        self.popupHigh.setObjectName(u"popupHigh")

        self.popupLayout.addWidget(self.popupHigh)

        self.popupNormal = QCheckBox(self.notifyTab)
        self.popupNormal.setObjectName(u"popupNormal")

        self.popupLayout.addWidget(self.popupNormal)

        self.popupLow = QCheckBox(self.notifyTab)
        self.popupLow.setObjectName(u"popupLow")

        self.popupLayout.addWidget(self.popupLow)


        self.notifyLayout.addLayout(self.popupLayout)

        self.repeatForm = QFormLayout()
        self.repeatForm.setObjectName(u"repeatForm")
        self.repeatLabel = QLabel(self.notifyTab)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.repeatForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatSpin = QSpinBox(self.notifyTab)
        self.repeatSpin.setObjectName(u"repeatSpin")
        self.repeatSpin.setMinimum(15)
        self.repeatSpin.setMaximum(3600)

        self.repeatForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.repeatSpin)


        self.notifyLayout.addLayout(self.repeatForm)

        self.slaLabel = QLabel(self.notifyTab)
        self.slaLabel.setObjectName(u"slaLabel")

        self.notifyLayout.addWidget(self.slaLabel)

        self.slaTable = QTableWidget(self.notifyTab)
        self.slaTable.setObjectName(u"slaTable")

        self.notifyLayout.addWidget(self.slaTable)

        self.tabs.addTab(self.notifyTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.deskNameLabel.setBuddy(self.deskNameEdit)
        self.personLabel.setBuddy(self.personEdit)
        self.rolesLabel.setBuddy(self.rolesEdit)
        self.languageLabel.setBuddy(self.languageCombo)
        self.apiBaseLabel.setBuddy(self.apiBaseEdit)
        self.pollLabel.setBuddy(self.pollSpin)
        self.budgetLabel.setBuddy(self.budgetSpin)
        self.hubLabel.setBuddy(self.hubEdit)
        self.repeatLabel.setBuddy(self.repeatSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.deskNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"Desk name", None))
        self.deskNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. police station", None))
        self.personLabel.setText(QCoreApplication.translate("SettingsDialog", u"Person", None))
        self.personEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"who works here", None))
        self.rolesLabel.setText(QCoreApplication.translate("SettingsDialog", u"Roles", None))
        self.rolesEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"police, street_cleaning", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"Language", None))
        self.restartHint.setText(QCoreApplication.translate("SettingsDialog", u"Roles, the account, the hub and the poll interval take effect when JunDesk starts again.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.deskTab), QCoreApplication.translate("SettingsDialog", u"Desk", None))
        self.apiBaseLabel.setText(QCoreApplication.translate("SettingsDialog", u"API address", None))
        self.apiBaseEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"empty: X's own", None))
        self.pollLabel.setText(QCoreApplication.translate("SettingsDialog", u"Poll every", None))
        self.pollSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" s", None))
        self.budgetLabel.setText(QCoreApplication.translate("SettingsDialog", u"Monthly read budget", None))
        self.budgetSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" posts", None))
        self.testButton.setText(QCoreApplication.translate("SettingsDialog", u"Test connection", None))
        self.testResultLabel.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.accountTab), QCoreApplication.translate("SettingsDialog", u"X account", None))
        self.hubLabel.setText(QCoreApplication.translate("SettingsDialog", u"Hub address", None))
        self.hubEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"postgresql://desk@hub/town; empty: this desk alone", None))
        self.hubHint.setText(QCoreApplication.translate("SettingsDialog", u"The hub's password stays in the keyring ('jundesk hub join'), never here.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.townTab), QCoreApplication.translate("SettingsDialog", u"Town hub", None))
        self.soundCheck.setText(QCoreApplication.translate("SettingsDialog", u"Play a sound with notifications", None))
        self.popupLabel.setText(QCoreApplication.translate("SettingsDialog", u"Pop up for these priorities of my roles:", None))
        self.popupUrgent.setText(QCoreApplication.translate("SettingsDialog", u"Urgent", None))
        self.popupHigh.setText(QCoreApplication.translate("SettingsDialog", u"High", None))
        self.popupNormal.setText(QCoreApplication.translate("SettingsDialog", u"Normal", None))
        self.popupLow.setText(QCoreApplication.translate("SettingsDialog", u"Low", None))
        self.repeatLabel.setText(QCoreApplication.translate("SettingsDialog", u"Repeat the escalation sound every", None))
        self.repeatSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" s", None))
        self.slaLabel.setText(QCoreApplication.translate("SettingsDialog", u"Minutes to acknowledge (SLA targets); an urgent case past its target escalates:", None))
        self.tabs.setTabText(self.tabs.indexOf(self.notifyTab), QCoreApplication.translate("SettingsDialog", u"Notifications", None))
        self.errorLabel.setText("")
    # retranslateUi

