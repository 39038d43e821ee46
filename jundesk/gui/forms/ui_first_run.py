# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(620, 480)
        self.dialogLayout = QVBoxLayout(FirstRunDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.pages = QStackedWidget(FirstRunDialog)
        self.pages.setObjectName(u"pages")
        self.welcomePage = QWidget()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setSpacing(10)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.welcomeTitle = QLabel(self.welcomePage)
        self.welcomeTitle.setObjectName(u"welcomeTitle")

        self.welcomeLayout.addWidget(self.welcomeTitle)

        self.welcomeIntro = QLabel(self.welcomePage)
        self.welcomeIntro.setObjectName(u"welcomeIntro")
        self.welcomeIntro.setWordWrap(True)

        self.welcomeLayout.addWidget(self.welcomeIntro)

        self.accountRadio = QRadioButton(self.welcomePage)
        self.accountRadio.setObjectName(u"accountRadio")
        self.accountRadio.setChecked(True)

        self.welcomeLayout.addWidget(self.accountRadio)

        self.accountHint = QLabel(self.welcomePage)
        self.accountHint.setObjectName(u"accountHint")
        self.accountHint.setWordWrap(True)
        self.accountHint.setIndent(24)

        self.welcomeLayout.addWidget(self.accountHint)

        self.demoRadio = QRadioButton(self.welcomePage)
        self.demoRadio.setObjectName(u"demoRadio")

        self.welcomeLayout.addWidget(self.demoRadio)

        self.demoHint = QLabel(self.welcomePage)
        self.demoHint.setObjectName(u"demoHint")
        self.demoHint.setWordWrap(True)
        self.demoHint.setIndent(24)

        self.welcomeLayout.addWidget(self.demoHint)

        self.welcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeSpacer)

        self.pages.addWidget(self.welcomePage)
        self.accountPage = QWidget()
        self.accountPage.setObjectName(u"accountPage")
        self.accountLayout = QVBoxLayout(self.accountPage)
        self.accountLayout.setObjectName(u"accountLayout")
        self.accountIntro = QLabel(self.accountPage)
        self.accountIntro.setObjectName(u"accountIntro")
        self.accountIntro.setWordWrap(True)

        self.accountLayout.addWidget(self.accountIntro)

        self.accountForm = QFormLayout()
        self.accountForm.setObjectName(u"accountForm")
        self.bearerLabel = QLabel(self.accountPage)
        self.bearerLabel.setObjectName(u"bearerLabel")

        self.accountForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.bearerLabel)

        self.bearerEdit = QLineEdit(self.accountPage)
        self.bearerEdit.setObjectName(u"bearerEdit")
        self.bearerEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.accountForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.bearerEdit)

        self.consumerKeyLabel = QLabel(self.accountPage)
        self.consumerKeyLabel.setObjectName(u"consumerKeyLabel")

        self.accountForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.consumerKeyLabel)

        self.consumerKeyEdit = QLineEdit(self.accountPage)
        self.consumerKeyEdit.setObjectName(u"consumerKeyEdit")

        self.accountForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.consumerKeyEdit)

        self.consumerSecretLabel = QLabel(self.accountPage)
        self.consumerSecretLabel.setObjectName(u"consumerSecretLabel")

        self.accountForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.consumerSecretLabel)

        self.consumerSecretEdit = QLineEdit(self.accountPage)
        self.consumerSecretEdit.setObjectName(u"consumerSecretEdit")
        self.consumerSecretEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.accountForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.consumerSecretEdit)

        self.accessTokenLabel = QLabel(self.accountPage)
        self.accessTokenLabel.setObjectName(u"accessTokenLabel")

        self.accountForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.accessTokenLabel)

        self.accessTokenEdit = QLineEdit(self.accountPage)
        self.accessTokenEdit.setObjectName(u"accessTokenEdit")

        self.accountForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.accessTokenEdit)

        self.accessSecretLabel = QLabel(self.accountPage)
        self.accessSecretLabel.setObjectName(u"accessSecretLabel")

        self.accountForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.accessSecretLabel)

        self.accessSecretEdit = QLineEdit(self.accountPage)
        self.accessSecretEdit.setObjectName(u"accessSecretEdit")
        self.accessSecretEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.accountForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.accessSecretEdit)

        self.apiBaseLabel = QLabel(self.accountPage)
        self.apiBaseLabel.setObjectName(u"apiBaseLabel")

        self.accountForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.apiBaseLabel)

        self.apiBaseEdit = QLineEdit(self.accountPage)
        self.apiBaseEdit.setObjectName(u"apiBaseEdit")

        self.accountForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.apiBaseEdit)


        self.accountLayout.addLayout(self.accountForm)

        self.testLayout = QHBoxLayout()
        self.testLayout.setObjectName(u"testLayout")
        self.testButton = QPushButton(self.accountPage)
        self.testButton.setObjectName(u"testButton")

        self.testLayout.addWidget(self.testButton)

        self.testResultLabel = QLabel(self.accountPage)
        self.testResultLabel.setObjectName(u"testResultLabel")
        self.testResultLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.testResultLabel.setWordWrap(True)

        self.testLayout.addWidget(self.testResultLabel)

        self.testSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.testLayout.addItem(self.testSpacer)


        self.accountLayout.addLayout(self.testLayout)

        self.accountSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.accountLayout.addItem(self.accountSpacer)

        self.pages.addWidget(self.accountPage)
        self.deskPage = QWidget()
        self.deskPage.setObjectName(u"deskPage")
        self.deskLayout = QVBoxLayout(self.deskPage)
        self.deskLayout.setObjectName(u"deskLayout")
        self.rolesBox = QGroupBox(self.deskPage)
        self.rolesBox.setObjectName(u"rolesBox")
        self.rolesLayout = QVBoxLayout(self.rolesBox)
        self.rolesLayout.setObjectName(u"rolesLayout")

        self.deskLayout.addWidget(self.rolesBox)

        self.nameLabel = QLabel(self.deskPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.deskLayout.addWidget(self.nameLabel)

        self.nameEdit = QLineEdit(self.deskPage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.deskLayout.addWidget(self.nameEdit)

        self.deskError = QLabel(self.deskPage)
        self.deskError.setObjectName(u"deskError")
        self.deskError.setTextFormat(Qt.TextFormat.PlainText)
        self.deskError.setWordWrap(True)

        self.deskLayout.addWidget(self.deskError)

        self.deskSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.deskLayout.addItem(self.deskSpacer)

        self.pages.addWidget(self.deskPage)

        self.dialogLayout.addWidget(self.pages)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.cancelButton = QPushButton(FirstRunDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.backButton = QPushButton(FirstRunDialog)
        self.backButton.setObjectName(u"backButton")

        self.buttonsLayout.addWidget(self.backButton)

        self.nextButton = QPushButton(FirstRunDialog)
        self.nextButton.setObjectName(u"nextButton")

        self.buttonsLayout.addWidget(self.nextButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.bearerLabel.setBuddy(self.bearerEdit)
        self.consumerKeyLabel.setBuddy(self.consumerKeyEdit)
        self.consumerSecretLabel.setBuddy(self.consumerSecretEdit)
        self.accessTokenLabel.setBuddy(self.accessTokenEdit)
        self.accessSecretLabel.setBuddy(self.accessSecretEdit)
        self.apiBaseLabel.setBuddy(self.apiBaseEdit)
        self.nameLabel.setBuddy(self.nameEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRunDialog)

        self.nextButton.setDefault(True)

    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"Welcome to JunDesk", None))
        self.welcomeTitle.setText(QCoreApplication.translate("FirstRunDialog", u"Welcome to JunDesk", None))
        self.welcomeIntro.setText(QCoreApplication.translate("FirstRunDialog", u"JunDesk reads the posts citizens send to the town's account on X and puts each one in front of the right desk, urgent first. How do you want to start?", None))
        self.accountRadio.setText(QCoreApplication.translate("FirstRunDialog", u"&Connect the town's X account", None))
        self.accountHint.setText(QCoreApplication.translate("FirstRunDialog", u"You need the keys of the town's X developer app. They are kept in this computer's keyring, never in a file.", None))
        self.demoRadio.setText(QCoreApplication.translate("FirstRunDialog", u"Open the &demo: a simulated day in the town of Jun", None))
        self.demoHint.setText(QCoreApplication.translate("FirstRunDialog", u"No account needed: a local copy of X's API and a simulated town post to this desk every few seconds.", None))
        self.accountIntro.setText(QCoreApplication.translate("FirstRunDialog", u"Paste the keys from the town's app on developer.x.com. The bearer token is enough to read; replying needs the API key, its secret, the access token and its secret.", None))
        self.bearerLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Bearer token (reads):", None))
#if QT_CONFIG(accessibility)
        self.bearerEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Bearer token (reads)", None))
#endif // QT_CONFIG(accessibility)
        self.consumerKeyLabel.setText(QCoreApplication.translate("FirstRunDialog", u"API key:", None))
#if QT_CONFIG(accessibility)
        self.consumerKeyEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"API key", None))
#endif // QT_CONFIG(accessibility)
        self.consumerSecretLabel.setText(QCoreApplication.translate("FirstRunDialog", u"API key secret:", None))
#if QT_CONFIG(accessibility)
        self.consumerSecretEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"API key secret", None))
#endif // QT_CONFIG(accessibility)
        self.accessTokenLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Access token:", None))
#if QT_CONFIG(accessibility)
        self.accessTokenEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Access token", None))
#endif // QT_CONFIG(accessibility)
        self.accessSecretLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Access token secret:", None))
#if QT_CONFIG(accessibility)
        self.accessSecretEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Access token secret", None))
#endif // QT_CONFIG(accessibility)
        self.apiBaseLabel.setText(QCoreApplication.translate("FirstRunDialog", u"API address:", None))
#if QT_CONFIG(accessibility)
        self.apiBaseEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"API address", None))
#endif // QT_CONFIG(accessibility)
        self.apiBaseEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"Leave empty to use X's own API", None))
        self.testButton.setText(QCoreApplication.translate("FirstRunDialog", u"&Test connection", None))
#if QT_CONFIG(accessibility)
        self.testResultLabel.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Connection test result", None))
#endif // QT_CONFIG(accessibility)
        self.rolesBox.setTitle(QCoreApplication.translate("FirstRunDialog", u"This desk handles", None))
#if QT_CONFIG(accessibility)
        self.rolesBox.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"This desk handles", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Your &name (shown in the history of what you do)", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.cancelButton.setText(QCoreApplication.translate("FirstRunDialog", u"Cancel", None))
        self.backButton.setText(QCoreApplication.translate("FirstRunDialog", u"< &Back", None))
        self.nextButton.setText(QCoreApplication.translate("FirstRunDialog", u"&Next >", None))
    # retranslateUi

