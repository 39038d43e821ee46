"""The inboxes on the left: one per role of this desk, Unrouted, Mine, All open and
Resolved, each with how many cases it holds and how many have news this desk has not seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import UNROUTED, Status
from jundesk.gui.display_names import role_name

ROLE_PREFIX = "role:"
UNROUTED_KEY = "unrouted"
MINE_KEY = "mine"
ALL_OPEN_KEY = "all_open"
RESOLVED_KEY = "resolved"

KeyRole = Qt.ItemDataRole.UserRole + 1
QueryRole = Qt.ItemDataRole.UserRole + 2
CountRole = Qt.ItemDataRole.UserRole + 3
UnreadRole = Qt.ItemDataRole.UserRole + 4
IconNameRole = Qt.ItemDataRole.UserRole + 5

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Inbox:
    key: str
    title: str
    query: CaseFilter
    icon: str  # a name in the icon set
    counts_unread: bool = True  # the Resolved inbox's news are not news


def desk_inboxes(roles: tuple[str, ...], person: str) -> list[Inbox]:
    """The inboxes of a desk that handles `roles`, for `person`."""
    inboxes = [
        Inbox(ROLE_PREFIX + role, role_name(role), CaseFilter(roles=(role,)), role)
        for role in roles
    ]
    inboxes.append(
        Inbox(UNROUTED_KEY, role_name(UNROUTED), CaseFilter(roles=(UNROUTED,)), "unrouted")
    )
    # Nobody's name is "": without a name, Mine is empty rather than everything unassigned.
    mine = CaseFilter(assignee=person) if person else CaseFilter(roles=())
    inboxes.append(Inbox(MINE_KEY, QCoreApplication.translate("InboxModel", "Mine"), mine, "mine"))
    inboxes.append(
        Inbox(
            ALL_OPEN_KEY,
            QCoreApplication.translate("InboxModel", "All open"),
            CaseFilter(statuses=Status.open()),
            "all",
        )
    )
    inboxes.append(
        Inbox(
            RESOLVED_KEY,
            QCoreApplication.translate("InboxModel", "Resolved"),
            # Merged duplicates too: every case not open, which the store lists fastest.
            CaseFilter(statuses=Status.done()),
            "resolved",
            False,
        )
    )
    return inboxes


class InboxModel(QAbstractListModel):
    def __init__(self, inboxes: list[Inbox], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inboxes = list(inboxes)
        self._counts: dict[str, tuple[int, int]] = {}

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._inboxes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._inboxes):
            return None
        inbox = self._inboxes[index.row()]
        count, unread = self._counts.get(inbox.key, (-1, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            return inbox.title
        if role == KeyRole:
            return inbox.key
        if role == QueryRole:
            return inbox.query
        if role == CountRole:
            return count
        if role == UnreadRole:
            return unread if inbox.counts_unread else 0
        if role == IconNameRole:
            return inbox.icon
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._describe(inbox, count, unread)
        return None

    def _describe(self, inbox: Inbox, count: int, unread: int) -> str:
        if count < 0:
            return inbox.title
        if inbox.counts_unread:
            return (
                self.tr("%1: %Ln case(s), %3 unread", "", count)
                .replace("%1", inbox.title)
                .replace("%3", QLocale().toString(unread))
            )
        return self.tr("%1: %Ln case(s)", "", count).replace("%1", inbox.title)

    # -- ours ------------------------------------------------------------------------------

    def inbox(self, row: int) -> Inbox:
        return self._inboxes[row]

    def inboxes(self) -> list[Inbox]:
        return list(self._inboxes)

    def row_of(self, key: str) -> int:
        for row, inbox in enumerate(self._inboxes):
            if inbox.key == key:
                return row
        return -1

    def counts(self, key: str) -> tuple[int, int] | None:
        return self._counts.get(key)

    def set_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """(cases, unread) per inbox key; only the rows whose numbers changed repaint."""
        for row, inbox in enumerate(self._inboxes):
            value = counts.get(inbox.key)
            if value is not None and self._counts.get(inbox.key) != value:
                self._counts[inbox.key] = value
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [CountRole, UnreadRole])
