"""A case's history: every event (who did what, when), oldest first, as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from jundesk.core.display_text import one_line
from jundesk.core.model import Event, EventKind, Priority
from jundesk.gui.display_names import event_name, local_time, priority_name, role_name
from jundesk.gui.duty_watch import duty_note_text

COL_TIME, COL_WHO, COL_WHAT, COL_DETAIL = range(4)
HEADERS = ("When", "Who", "What", "Details")

EventRole = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class EventHistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: tuple[Event, ...] = ()
        self._withheld = False

    def set_events(self, events: Sequence[Event], *, withheld: bool = False) -> None:
        """The case's events; `withheld`: the case has private posts this desk may not read
        (core/private_posts.py), so triage's words and the replies' text are left out."""
        self.beginResetModel()
        self._events = tuple(events)
        self._withheld = withheld
        self.endResetModel()

    def events(self) -> tuple[Event, ...]:
        return self._events

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == EventRole:
            return event
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == COL_TIME:
            return local_time(event.at)
        if column == COL_WHO:
            return one_line(str(event.actor))
        if column == COL_WHAT:
            return event_name(event.kind)
        if column == COL_DETAIL:
            return self.detail(event)
        return None

    def _words(self, words: object) -> str:
        """ " — words: a, b" for the words a verdict kept, plain and short."""
        if not isinstance(words, list) or not words:
            return ""
        shown = ", ".join(one_line(str(w), 40) for w in words[:6])
        return " — " + self.tr("words: %1").replace("%1", shown)

    def _why(self, payload: Mapping[str, Any]) -> str:
        """Why triage chose this role: its sureness, the rule and model words, and for the
        front desk the department the post probably belongs to."""
        if "confidence" not in payload or payload.get("reason"):
            return ""
        parts: list[str] = []
        confidence = payload.get("confidence")
        if isinstance(confidence, int | float):
            parts.append(self.tr("%1% sure").replace("%1", str(round(confidence * 100))))
        words = [w for w in payload.get("words", []) or [] if isinstance(w, str)]
        model = [w for w in payload.get("model_words", []) or [] if isinstance(w, str)]
        if words:
            parts.append(self.tr("rule words: %1").replace("%1", one_line(", ".join(words[:6]))))
        if model:
            shown = one_line(", ".join(model[:4]))
            parts.append(self.tr("the model's words: %1").replace("%1", shown))
        suggested = payload.get("suggested")
        if isinstance(suggested, str) and suggested:
            parts.append(self.tr("probably: %1").replace("%1", role_name(suggested)))
        return " — " + "; ".join(parts) if parts else ""

    def _missed(self, p: Mapping[str, Any]) -> str:
        minutes = str(p.get("minutes", ""))
        texts = {
            "ack": self.tr("not acknowledged within %1 min"),
            "reply": self.tr("no public reply within %1 min"),
            "resolve": self.tr("not resolved within %1 min of working time"),
        }
        text = texts.get(str(p.get("target", "")))
        return "" if text is None else text.replace("%1", minutes)

    def detail(self, event: Event) -> str:
        """What changed, in words; post and note text stays plain and on one line."""
        p = event.payload
        kind = event.kind
        if kind in (EventKind.ROUTED, EventKind.REROUTED):
            text = role_name(str(p.get("role", "")))
            if kind is EventKind.REROUTED and p.get("previous"):
                text = (
                    self.tr("%1 → %2")
                    .replace("%1", role_name(str(p["previous"])))
                    .replace("%2", text)
                )
            if p.get("reason"):
                text += " — " + one_line(str(p["reason"]))
            return text + ("" if self._withheld else self._why(p))
        if kind is EventKind.PRIORITISED:
            try:
                text = priority_name(Priority(str(p.get("priority"))))
            except ValueError:
                return ""
            return text + ("" if self._withheld else self._words(p.get("words")))
        if kind is EventKind.REOPENED and p.get("reason") == "follow_up":
            return self.tr("the citizen wrote that the problem is back")
        if kind is EventKind.POST_ADDED and p.get("follow_up") == "thanks":
            return self.tr("the citizen thanks the town (the case stays resolved)")
        if kind is EventKind.ASSIGNED:
            return one_line(str(p.get("assignee", ""))) or self.tr("nobody")
        if kind is EventKind.NOTED and (duty := duty_note_text(p)) is not None:
            return duty  # the duty policy's own mark, in the desk's language
        if kind is EventKind.REPLIED and self._withheld:
            return self.tr("a private reply")
        if kind in (EventKind.NOTED, EventKind.REPLIED):
            return one_line(str(p.get("text", "")), 200)
        if kind is EventKind.RESOLVED and p.get("photo"):
            return self.tr("photo: %1").replace("%1", one_line(str(p["photo"])))
        if kind in (EventKind.REOPENED, EventKind.REJECTED) and p.get("reason"):
            return one_line(str(p["reason"]))
        if kind is EventKind.MERGED:
            return self.tr("into #%1").replace("%1", str(p.get("into", ""))[-8:])
        if kind is EventKind.TARGET_MISSED:
            return self._missed(p)
        if kind is EventKind.ABSORBED:
            return self.tr("from #%1").replace("%1", str(p.get("source_case", ""))[-8:])
        return ""
