"""The case on the right: what it is (priority, status, role, who has it, how old), the
whole conversation, the internal notes, the history of events, the actions and the reply.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QHeaderView, QMenu, QToolButton, QWidget

from jundesk.core.channel_text import X
from jundesk.core.display_text import one_line, without_leading_mentions
from jundesk.core.private_posts import shows_private
from jundesk.gui.case_detail import CaseDetail
from jundesk.gui.conversation_document import (
    DocumentLink,
    Rendered,
    render_conversation,
    render_notes,
)
from jundesk.gui.display_names import age_of, case_ref, priority_name, role_name, status_name
from jundesk.gui.event_history_model import (
    COL_DETAIL,
    COL_TIME,
    COL_WHAT,
    COL_WHO,
    EventHistoryModel,
)
from jundesk.gui.forms.ui_case_view import Ui_CaseView
from jundesk.gui.photo_cache import PhotoCache
from jundesk.gui.photo_viewer import PhotoViewer
from jundesk.gui.priority_badge import badge_style_sheet

OPENABLE_SCHEMES = ("http", "https")
NOTE_DRAFT_DELAY_MS = 400
TITLE_LINES = 2


def open_link(url: str) -> bool:
    """Open a link from a post in the system browser, only for http(s) links."""
    target = QUrl(url)
    if target.scheme().lower() not in OPENABLE_SCHEMES or not target.isValid():
        return False
    return QDesktopServices.openUrl(target)


class CaseView(QWidget):
    note_requested = Signal(str, str)  # case id, text
    note_draft_changed = Signal(str, str)  # case id, text
    link_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseView()
        self.ui.setupUi(self)
        self.detail: CaseDetail | None = None
        # The desk's roles as configured: whose private posts it reads (none until told).
        self.desk_roles: frozenset[str] = frozenset()
        self._search = ""
        self._rendered = Rendered()
        self.history = EventHistoryModel(self)
        view = self.ui.historyView
        view.setModel(self.history)
        header = view.horizontalHeader()
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.links_menu = QMenu(self)
        self.ui.linksButton.setMenu(self.links_menu)
        conversation = self.ui.conversationText
        conversation.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        conversation.customContextMenuRequested.connect(self._conversation_menu)
        # Photos: thumbnails in the conversation once read; a click opens one full size.
        self.photos = PhotoCache(self)
        self.photos.loaded.connect(self._photo_loaded)
        conversation.viewport().installEventFilter(self)
        self.photo_viewer: PhotoViewer | None = None
        self.ui.addNoteButton.clicked.connect(self._add_note)
        add_note = QShortcut(QKeySequence("Ctrl+Return"), self.ui.noteEdit)
        add_note.setContext(Qt.ShortcutContext.WidgetShortcut)
        add_note.activated.connect(self._add_note)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DRAFT_DELAY_MS)
        self._note_timer.timeout.connect(self._save_note_draft)
        self._loading_note = False
        self.ui.noteEdit.textChanged.connect(self._note_typed)
        quiet = self.palette()
        quiet.setColor(
            QPalette.ColorRole.WindowText, quiet.color(QPalette.ColorRole.PlaceholderText)
        )
        for label in (self.ui.ageLabel, self.ui.refLabel, self.ui.assigneeLabel):
            label.setPalette(quiet)
        self.ui.assigneeLabel.setMinimumWidth(1)  # gives way on a narrow pane; role never
        title_font = self.ui.titleLabel.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        # The title always takes two lines, so the buttons below never move with it.
        self._title = ""
        lines = QFontMetrics(title_font).lineSpacing() * TITLE_LINES
        self.ui.titleLabel.setFixedHeight(lines + 2)
        self.ui.stack.setCurrentWidget(self.ui.emptyPage)

    @property
    def reply_box(self):  # type: ignore[no-untyped-def]
        return self.ui.replyBox

    @property
    def case_id(self) -> str:
        return self.detail.case.id if self.detail else ""

    def set_desk_roles(self, roles: Iterable[str]) -> None:
        """The desk's roles as configured: the private posts of cases of these roles show,
        the others show where and when they were written, and nothing else."""
        self.desk_roles = frozenset(roles)
        if self.detail is not None:
            self.show_detail(self.detail, self._search)

    def withheld(self, detail: CaseDetail) -> set[str]:
        """Ids of the case's private posts this desk may not read."""
        if shows_private(self.desk_roles, detail.case.role):
            return set()
        return {p.id for p in detail.posts if p.private}

    def bind_actions(self, actions: dict[str, QAction], priority_menu: QMenu) -> None:
        """Give each button its action: one action, one shortcut, menu and button alike.

        The main steps show their words; the others are icons with tooltips, and buttons
        that don't apply to the case hide, so the row fits a 1366-pixel screen.
        """
        worded: dict[str, QToolButton] = {
            "acknowledge": self.ui.acknowledgeButton,
            "take": self.ui.takeButton,
            "resolve": self.ui.resolveButton,
            "reopen": self.ui.reopenButton,
        }
        iconic: dict[str, QToolButton] = {
            "assign": self.ui.assignButton,
            "reroute": self.ui.rerouteButton,
            "merge": self.ui.mergeButton,
        }
        for name, button in {**worded, **iconic}.items():
            action = actions[name]
            button.setDefaultAction(action)
            button.setAutoRaise(False)
            button.setAccessibleName(action.text().replace("&", ""))
            style = Qt.ToolButtonStyle
            button.setToolButtonStyle(
                style.ToolButtonTextBesideIcon if name in worded else style.ToolButtonIconOnly
            )
            if name in ("acknowledge", "reopen", "merge", "take"):
                action.changed.connect(
                    lambda button=button, action=action: button.setVisible(action.isEnabled())
                )
                button.setVisible(action.isEnabled())
        self.ui.priorityButton.setMenu(priority_menu)
        self.ui.priorityButton.setIcon(priority_menu.menuAction().icon())
        self.ui.priorityButton.setToolTip(self.tr("Change the priority (keys 1 to 4)"))
        self.ui.priorityButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    # -- showing a case ------------------------------------------------------------------

    def clear(self) -> None:
        self.flush_drafts()
        self.detail = None
        self.history.set_events(())
        self.ui.stack.setCurrentWidget(self.ui.emptyPage)

    def show_detail(self, detail: CaseDetail, search: str = "") -> None:
        same_case = self.detail is not None and self.detail.case.id == detail.case.id
        if not same_case:
            self.flush_drafts()
        self.detail = detail
        self._search = search
        case = detail.case
        ui = self.ui
        ui.stack.setCurrentWidget(ui.casePage)
        withheld = self.withheld(detail)
        first = detail.citizen_posts[0] if detail.citizen_posts else None
        if first is not None and first.id in withheld:
            self._title = self.tr("Private message")
        else:
            title = one_line(without_leading_mentions(detail.title), 240)
            self._title = title or self.tr("(no text)")
        self._fit_title()
        if not same_case:
            # Another case opens on its conversation, never on the last one's History.
            ui.tabs.setCurrentWidget(ui.conversationTab)
        ui.priorityBadge.setText(priority_name(case.priority))
        ui.priorityBadge.setStyleSheet(badge_style_sheet(case.priority, self.palette()))
        ui.statusLabel.setText(status_name(case.status))
        ui.roleLabel.setText(role_name(case.role))
        ui.assigneeLabel.setText(
            self.tr("Assigned to %1").replace("%1", one_line(case.assignee))
            if case.assignee
            else self.tr("Unassigned")
        )
        ui.refLabel.setText(case_ref(case.id))
        # Status and role are read whole ("Limpieza viaria"); who has it gives way when the
        # pane is narrow.
        for label in (ui.statusLabel, ui.roleLabel):
            label.setMinimumWidth(label.sizeHint().width())
        self.tick()
        conversation = ui.conversationText
        scroll = conversation.verticalScrollBar().value() if same_case else None
        self._rendered = render_conversation(
            conversation,
            detail.posts,
            self.palette(),
            search,
            self.photos,
            withheld,
            role_name(case.role),
        )
        if scroll is not None:
            conversation.verticalScrollBar().setValue(scroll)
        render_notes(ui.notesText, detail.notes, self.palette())
        ui.tabs.setTabText(
            ui.tabs.indexOf(ui.conversationTab),
            self.tr("Conversation (%1)").replace("%1", str(len(detail.posts))),
        )
        ui.tabs.setTabText(
            ui.tabs.indexOf(ui.notesTab),
            self.tr("Notes (%1)").replace("%1", str(len(detail.notes))),
        )
        self.history.set_events(detail.events, withheld=bool(withheld))
        self.ui.historyView.resizeRowsToContents()
        if not same_case:
            self._loading_note = True
            ui.noteEdit.setPlainText(detail.note_draft.text if detail.note_draft else "")
            self._loading_note = False
        self._fill_links(self._rendered.links)
        target = detail.answerable
        hidden = target is not None and target.id in withheld
        handle = target.author_handle if target and not hidden else ""
        draft = detail.reply_draft
        self.reply_box.set_case(
            case.id,
            role=case.role,
            lang=detail.lang,
            handle=handle,
            can_reply=target is not None and not hidden,
            why_not=(
                self.tr("A private message: the desks of %1 answer it.").replace(
                    "%1", role_name(case.role)
                )
                if hidden
                else ""
            ),
            channel=target.source if target is not None else X,
            private=target is not None and target.private,
            draft_text=draft.text if draft else "",
            draft_error=draft.error if draft else "",
        )

    def _fit_title(self) -> None:
        """The title on its two lines, cut with "…" when it needs more."""
        label = self.ui.titleLabel
        width = max(1, label.contentsRect().width())
        metrics = QFontMetrics(label.font())
        room = metrics.lineSpacing() * TITLE_LINES

        def fits(text: str) -> bool:
            flags = int(Qt.TextFlag.TextWordWrap)
            return metrics.boundingRect(0, 0, width, 10 * room, flags, text).height() <= room

        text = self._title
        if not fits(text):
            low, high = 0, len(text)
            while low < high:  # the longest start of the title that fits with the "…"
                middle = (low + high + 1) // 2
                if fits(text[:middle].rstrip() + "…"):
                    low = middle
                else:
                    high = middle - 1
            text = text[:low].rstrip() + "…"
        label.setText(text)  # plain text (the form says so): the whole post is below

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._title:
            self._fit_title()

    def tick(self) -> None:
        if self.detail is not None:
            created = self.detail.case.created_at
            self.ui.ageLabel.setText(self.tr("%1 old").replace("%1", age_of(created)))

    def matches(self) -> list[tuple[int, int]]:
        return list(self._rendered.matches)

    def links(self) -> list[DocumentLink]:
        return list(self._rendered.links)

    # -- links -------------------------------------------------------------------------------

    def _fill_links(self, links: Iterable[DocumentLink]) -> None:
        self.links_menu.clear()
        seen: set[str] = set()
        for link in links:
            if link.url in seen:
                continue
            seen.add(link.url)
            action = self.links_menu.addAction(self.tr("Open %1").replace("%1", link.text))
            action.triggered.connect(lambda _=False, url=link.url: self.open(url))
        self.ui.linksButton.setEnabled(bool(seen))
        self.ui.linksButton.setText(self.tr("Links (%1)").replace("%1", str(len(seen))))

    def show_links_menu(self) -> None:
        if self.links_menu.actions():
            button = self.ui.linksButton
            self.links_menu.popup(button.mapToGlobal(QPoint(0, button.height())))

    def open(self, url: str) -> None:
        if open_link(url):
            self.link_opened.emit(url)

    def link_at(self, position: int) -> DocumentLink | None:
        return next((k for k in self._rendered.links if k.start <= position < k.end), None)

    def _conversation_menu(self, point: QPoint) -> None:
        conversation = self.ui.conversationText
        menu = conversation.createStandardContextMenu(point)
        link = self.link_at(conversation.cursorForPosition(point).position())
        if link is not None:
            open_action = QAction(
                self.tr("Open link in browser: %1").replace("%1", link.text), menu
            )
            open_action.triggered.connect(lambda: self.open(link.url))
            copy_action = QAction(self.tr("Copy link"), menu)
            copy_action.triggered.connect(lambda: QGuiApplication.clipboard().setText(link.url))
            actions = menu.actions()
            if actions:
                menu.insertActions(actions[0], [open_action, copy_action])
                menu.insertSeparator(actions[0])
            else:
                menu.addActions([open_action, copy_action])
        menu.popup(conversation.viewport().mapToGlobal(point))

    # -- photos ------------------------------------------------------------------------------

    def _photo_loaded(self, url: str) -> None:
        detail = self.detail
        if detail is not None and any(url in post.media for post in detail.posts):
            self.show_detail(detail, self._search)  # the same case: its place is kept

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        conversation = self.ui.conversationText
        if (
            watched is conversation.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            position = conversation.cursorForPosition(event.position().toPoint()).position()
            photo = self._rendered.photo_at(position)
            if photo is not None:
                self.open_photo(photo.url)
                return True
        return super().eventFilter(watched, event)

    def open_photo(self, url: str) -> PhotoViewer | None:
        image = self.photos.image(url)
        if image is None:
            return None
        who = ""
        if self.detail is not None:
            post = next((p for p in self.detail.posts if url in p.media), None)
            if post is not None and post.author_handle:
                who = "@" + one_line(post.author_handle)
        title = self.tr("Photo from %1").replace("%1", who) if who else self.tr("Photo")
        if self.photo_viewer is not None:
            self.photo_viewer.close()
        self.photo_viewer = PhotoViewer(image, title, self)
        self.photo_viewer.open()
        return self.photo_viewer

    # -- notes -------------------------------------------------------------------------------

    def focus_note(self) -> None:
        self.ui.tabs.setCurrentWidget(self.ui.notesTab)
        self.ui.noteEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _add_note(self) -> None:
        text = self.ui.noteEdit.toPlainText().strip()
        if text and self.detail is not None:
            # The note is on its way: the box empties now, so the note never shows beside its
            # own text still in the box. Its saved draft stays until the note is stored, and a
            # refused note comes back to the box (note_refused).
            self._note_timer.stop()
            self._loading_note = True
            self.ui.noteEdit.clear()
            self._loading_note = False
            self.note_requested.emit(self.detail.case.id, text)

    def note_refused(self, case_id: str, text: str) -> None:
        """A note that could not be stored: its text goes back to an empty box."""
        if self.detail is None or self.detail.case.id != case_id:
            return  # another case is on show: the text waits as that case's draft
        if not self.ui.noteEdit.toPlainText().strip():
            self._loading_note = True
            self.ui.noteEdit.setPlainText(text)
            self._loading_note = False

    def _note_typed(self) -> None:
        if not self._loading_note and self.detail is not None:
            self._note_timer.start()

    def _save_note_draft(self) -> None:
        if self.detail is not None:
            self.note_draft_changed.emit(self.detail.case.id, self.ui.noteEdit.toPlainText())

    def flush_drafts(self) -> None:
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note_draft()
        self.reply_box.flush_draft()
