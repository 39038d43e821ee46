# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QTabWidget,
    QTableView, QTextEdit, QToolButton, QVBoxLayout,
    QWidget)

from jundesk.gui.reply_box import ReplyBox

class Ui_CaseView(object):
    def setupUi(self, CaseView):
        if not CaseView.objectName():
            CaseView.setObjectName(u"CaseView")
        CaseView.resize(560, 640)
        self.outerLayout = QVBoxLayout(CaseView)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(CaseView)
        self.stack.setObjectName(u"stack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.stack.addWidget(self.emptyPage)
        self.casePage = QWidget()
        self.casePage.setObjectName(u"casePage")
        self.caseLayout = QVBoxLayout(self.casePage)
        self.caseLayout.setSpacing(8)
        self.caseLayout.setObjectName(u"caseLayout")
        self.caseLayout.setContentsMargins(8, 10, 10, 8)
        self.titleLabel = QLabel(self.casePage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.caseLayout.addWidget(self.titleLabel)

        self.metaLayout = QHBoxLayout()
        self.metaLayout.setSpacing(10)
        self.metaLayout.setObjectName(u"metaLayout")
        self.priorityBadge = QLabel(self.casePage)
        self.priorityBadge.setObjectName(u"priorityBadge")
        self.priorityBadge.setTextFormat(Qt.TextFormat.PlainText)

        self.metaLayout.addWidget(self.priorityBadge)

        self.statusLabel = QLabel(self.casePage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.metaLayout.addWidget(self.statusLabel)

        self.roleLabel = QLabel(self.casePage)
        self.roleLabel.setObjectName(u"roleLabel")
        self.roleLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.metaLayout.addWidget(self.roleLabel)

        self.assigneeLabel = QLabel(self.casePage)
        self.assigneeLabel.setObjectName(u"assigneeLabel")
        self.assigneeLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.metaLayout.addWidget(self.assigneeLabel)

        self.ageLabel = QLabel(self.casePage)
        self.ageLabel.setObjectName(u"ageLabel")
        self.ageLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.metaLayout.addWidget(self.ageLabel)

        self.metaSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.metaLayout.addItem(self.metaSpacer)

        self.refLabel = QLabel(self.casePage)
        self.refLabel.setObjectName(u"refLabel")
        self.refLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.refLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.metaLayout.addWidget(self.refLabel)


        self.caseLayout.addLayout(self.metaLayout)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setSpacing(4)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.acknowledgeButton = QToolButton(self.casePage)
        self.acknowledgeButton.setObjectName(u"acknowledgeButton")

        self.actionsLayout.addWidget(self.acknowledgeButton)

        self.takeButton = QToolButton(self.casePage)
        self.takeButton.setObjectName(u"takeButton")

        self.actionsLayout.addWidget(self.takeButton)

        self.assignButton = QToolButton(self.casePage)
        self.assignButton.setObjectName(u"assignButton")

        self.actionsLayout.addWidget(self.assignButton)

        self.rerouteButton = QToolButton(self.casePage)
        self.rerouteButton.setObjectName(u"rerouteButton")

        self.actionsLayout.addWidget(self.rerouteButton)

        self.priorityButton = QToolButton(self.casePage)
        self.priorityButton.setObjectName(u"priorityButton")
        self.priorityButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.actionsLayout.addWidget(self.priorityButton)

        self.resolveButton = QToolButton(self.casePage)
        self.resolveButton.setObjectName(u"resolveButton")

        self.actionsLayout.addWidget(self.resolveButton)

        self.reopenButton = QToolButton(self.casePage)
        self.reopenButton.setObjectName(u"reopenButton")

        self.actionsLayout.addWidget(self.reopenButton)

        self.mergeButton = QToolButton(self.casePage)
        self.mergeButton.setObjectName(u"mergeButton")

        self.actionsLayout.addWidget(self.mergeButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.linksButton = QToolButton(self.casePage)
        self.linksButton.setObjectName(u"linksButton")
        self.linksButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.actionsLayout.addWidget(self.linksButton)


        self.caseLayout.addLayout(self.actionsLayout)

        self.tabs = QTabWidget(self.casePage)
        self.tabs.setObjectName(u"tabs")
        self.conversationTab = QWidget()
        self.conversationTab.setObjectName(u"conversationTab")
        self.conversationLayout = QVBoxLayout(self.conversationTab)
        self.conversationLayout.setObjectName(u"conversationLayout")
        self.conversationLayout.setContentsMargins(0, 0, 0, 0)
        self.conversationText = QTextEdit(self.conversationTab)
        self.conversationText.setObjectName(u"conversationText")
        self.conversationText.setFrameShape(QFrame.Shape.NoFrame)
        self.conversationText.setReadOnly(True)
        self.conversationText.setAcceptRichText(False)
        self.conversationText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.conversationLayout.addWidget(self.conversationText)

        self.tabs.addTab(self.conversationTab, "")
        self.notesTab = QWidget()
        self.notesTab.setObjectName(u"notesTab")
        self.notesLayout = QVBoxLayout(self.notesTab)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notesText = QTextEdit(self.notesTab)
        self.notesText.setObjectName(u"notesText")
        self.notesText.setReadOnly(True)
        self.notesText.setAcceptRichText(False)

        self.notesLayout.addWidget(self.notesText)

        self.noteInputLayout = QHBoxLayout()
        self.noteInputLayout.setObjectName(u"noteInputLayout")
        self.noteEdit = QPlainTextEdit(self.notesTab)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 72))
        self.noteEdit.setTabChangesFocus(True)

        self.noteInputLayout.addWidget(self.noteEdit)

        self.addNoteButton = QPushButton(self.notesTab)
        self.addNoteButton.setObjectName(u"addNoteButton")

        self.noteInputLayout.addWidget(self.addNoteButton)


        self.notesLayout.addLayout(self.noteInputLayout)

        self.tabs.addTab(self.notesTab, "")
        self.historyTab = QWidget()
        self.historyTab.setObjectName(u"historyTab")
        self.historyLayout = QVBoxLayout(self.historyTab)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyLayout.setContentsMargins(0, 0, 0, 0)
        self.historyView = QTableView(self.historyTab)
        self.historyView.setObjectName(u"historyView")
        self.historyView.setFrameShape(QFrame.Shape.NoFrame)
        self.historyView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyView.setAlternatingRowColors(True)
        self.historyView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.historyView.setWordWrap(True)
        self.historyView.horizontalHeader().setStretchLastSection(True)
        self.historyView.verticalHeader().setVisible(False)

        self.historyLayout.addWidget(self.historyView)

        self.tabs.addTab(self.historyTab, "")

        self.caseLayout.addWidget(self.tabs)

        self.replyBox = ReplyBox(self.casePage)
        self.replyBox.setObjectName(u"replyBox")

        self.caseLayout.addWidget(self.replyBox)

        self.stack.addWidget(self.casePage)

        self.outerLayout.addWidget(self.stack)


        self.retranslateUi(CaseView)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, CaseView):
        self.emptyLabel.setText(QCoreApplication.translate("CaseView", u"Select a case in the list (or press J) to see its conversation, notes and history.", None))
#if QT_CONFIG(accessibility)
        self.titleLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Case title", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.priorityBadge.setAccessibleName(QCoreApplication.translate("CaseView", u"Priority", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.roleLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Role", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.assigneeLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Assignee", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.ageLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Age", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.refLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Case reference", None))
#endif // QT_CONFIG(accessibility)
        self.priorityButton.setText(QCoreApplication.translate("CaseView", u"Priority", None))
#if QT_CONFIG(accessibility)
        self.priorityButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Change priority", None))
#endif // QT_CONFIG(accessibility)
        self.linksButton.setText(QCoreApplication.translate("CaseView", u"Links", None))
#if QT_CONFIG(accessibility)
        self.linksButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Links in this case", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("CaseView", u"Case details", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.conversationText.setAccessibleName(QCoreApplication.translate("CaseView", u"Conversation", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.conversationTab), QCoreApplication.translate("CaseView", u"Conversation", None))
#if QT_CONFIG(accessibility)
        self.notesText.setAccessibleName(QCoreApplication.translate("CaseView", u"Internal notes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("CaseView", u"New internal note", None))
#endif // QT_CONFIG(accessibility)
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("CaseView", u"A note for the town's desks (not published)\u2026", None))
        self.addNoteButton.setText(QCoreApplication.translate("CaseView", u"Add note", None))
#if QT_CONFIG(tooltip)
        self.addNoteButton.setToolTip(QCoreApplication.translate("CaseView", u"Add the note (Ctrl+Return)", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.notesTab), QCoreApplication.translate("CaseView", u"Notes", None))
#if QT_CONFIG(accessibility)
        self.historyView.setAccessibleName(QCoreApplication.translate("CaseView", u"History of the case", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.historyTab), QCoreApplication.translate("CaseView", u"History", None))
#if QT_CONFIG(accessibility)
        self.replyBox.setAccessibleName(QCoreApplication.translate("CaseView", u"Public reply", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

