# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'search_bar.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QHBoxLayout,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_SearchBar(object):
    def setupUi(self, SearchBar):
        if not SearchBar.objectName():
            SearchBar.setObjectName(u"SearchBar")
        SearchBar.resize(640, 72)
        self.searchLayout = QVBoxLayout(SearchBar)
        self.searchLayout.setSpacing(4)
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLayout.setContentsMargins(0, 0, 0, 0)
        self.searchEdit = QLineEdit(SearchBar)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setSpacing(4)
        self.filterLayout.setObjectName(u"filterLayout")
        self.statusCombo = QComboBox(SearchBar)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterLayout.addWidget(self.statusCombo)

        self.priorityCombo = QComboBox(SearchBar)
        self.priorityCombo.setObjectName(u"priorityCombo")

        self.filterLayout.addWidget(self.priorityCombo)

        self.roleCombo = QComboBox(SearchBar)
        self.roleCombo.setObjectName(u"roleCombo")

        self.filterLayout.addWidget(self.roleCombo)

        self.dateCombo = QComboBox(SearchBar)
        self.dateCombo.setObjectName(u"dateCombo")

        self.filterLayout.addWidget(self.dateCombo)

        self.fromDate = QDateEdit(SearchBar)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.fromDate)

        self.toDate = QDateEdit(SearchBar)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.toDate)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer)


        self.searchLayout.addLayout(self.filterLayout)


        self.retranslateUi(SearchBar)
    # setupUi

    def retranslateUi(self, SearchBar):
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("SearchBar", u"Search all cases", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("SearchBar", u"Search all cases: words, @handles (3 letters or more)", None))
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleName(QCoreApplication.translate("SearchBar", u"Filter by status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.priorityCombo.setAccessibleName(QCoreApplication.translate("SearchBar", u"Filter by priority", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.roleCombo.setAccessibleName(QCoreApplication.translate("SearchBar", u"Filter by role", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.dateCombo.setAccessibleName(QCoreApplication.translate("SearchBar", u"Filter by date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.fromDate.setAccessibleName(QCoreApplication.translate("SearchBar", u"From date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.toDate.setAccessibleName(QCoreApplication.translate("SearchBar", u"To date", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

