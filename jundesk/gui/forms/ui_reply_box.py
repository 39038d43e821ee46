# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reply_box.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ReplyBox(object):
    def setupUi(self, ReplyBox):
        if not ReplyBox.objectName():
            ReplyBox.setObjectName(u"ReplyBox")
        ReplyBox.resize(520, 170)
        self.replyLayout = QVBoxLayout(ReplyBox)
        self.replyLayout.setSpacing(4)
        self.replyLayout.setObjectName(u"replyLayout")
        self.replyLayout.setContentsMargins(0, 0, 0, 0)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.replyLabel = QLabel(ReplyBox)
        self.replyLabel.setObjectName(u"replyLabel")
        self.replyLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.headerLayout.addWidget(self.replyLabel)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.cannedCombo = QComboBox(ReplyBox)
        self.cannedCombo.setObjectName(u"cannedCombo")
        self.cannedCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.headerLayout.addWidget(self.cannedCombo)


        self.replyLayout.addLayout(self.headerLayout)

        self.replyEdit = QPlainTextEdit(ReplyBox)
        self.replyEdit.setObjectName(u"replyEdit")
        self.replyEdit.setMinimumSize(QSize(0, 64))
        self.replyEdit.setMaximumSize(QSize(16777215, 110))
        self.replyEdit.setTabChangesFocus(True)

        self.replyLayout.addWidget(self.replyEdit)

        self.footerLayout = QHBoxLayout()
        self.footerLayout.setObjectName(u"footerLayout")
        self.errorLabel = QLabel(ReplyBox)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setWordWrap(True)

        self.footerLayout.addWidget(self.errorLabel)

        self.footerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.footerLayout.addItem(self.footerSpacer)

        self.counterLabel = QLabel(ReplyBox)
        self.counterLabel.setObjectName(u"counterLabel")
        self.counterLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.footerLayout.addWidget(self.counterLabel)

        self.sendButton = QPushButton(ReplyBox)
        self.sendButton.setObjectName(u"sendButton")

        self.footerLayout.addWidget(self.sendButton)


        self.replyLayout.addLayout(self.footerLayout)

#if QT_CONFIG(shortcut)
        self.replyLabel.setBuddy(self.replyEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReplyBox)
    # setupUi

    def retranslateUi(self, ReplyBox):
        self.replyLabel.setText(QCoreApplication.translate("ReplyBox", u"Public reply", None))
#if QT_CONFIG(accessibility)
        self.cannedCombo.setAccessibleName(QCoreApplication.translate("ReplyBox", u"Canned replies", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.cannedCombo.setToolTip(QCoreApplication.translate("ReplyBox", u"Start from one of the town's canned replies", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.replyEdit.setAccessibleName(QCoreApplication.translate("ReplyBox", u"Reply text", None))
#endif // QT_CONFIG(accessibility)
        self.replyEdit.setPlaceholderText(QCoreApplication.translate("ReplyBox", u"Write a public reply to the citizen (published on X)\u2026", None))
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("ReplyBox", u"Why the reply was not sent", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.counterLabel.setAccessibleName(QCoreApplication.translate("ReplyBox", u"Characters left", None))
#endif // QT_CONFIG(accessibility)
        self.sendButton.setText(QCoreApplication.translate("ReplyBox", u"Send reply", None))
#if QT_CONFIG(tooltip)
        self.sendButton.setToolTip(QCoreApplication.translate("ReplyBox", u"Publish the reply on X (Ctrl+Return)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

