"""The public reply: canned replies for the case's role and language, a counter that
counts as the channel of the post being answered counts (core/channel_text.py: X's
weighted 280, Mastodon's 500, Bluesky's 300 graphemes, Telegram's 4096), a draft that is
saved as it is typed and kept, with the reason, when sending fails; and, once sent, a few
seconds to undo before it goes out. The box says which channel it answers on."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from jundesk.core.channel_text import TELEGRAM, X, as_sent, reply_fits, reply_remaining
from jundesk.gui import canned_replies
from jundesk.gui.display_names import case_ref, channel_name
from jundesk.gui.forms.ui_reply_box import Ui_ReplyBox
from jundesk.gui.reply_delay import PendingReplies
from jundesk.gui.theme import colour

DRAFT_DELAY_MS = 400  # save this long after the last keystroke
COUNTDOWN_MS = 250  # the "publishing in N s" line moves on this often


class PublishStrip(QFrame):
    """ "Publishing as @town to @citizen… 5 s" and an Undo button, while a reply waits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel(self)
        self.label.setObjectName("publishLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.undo_button.setObjectName("undoPublishButton")
        self.undo_button.setAccessibleName(self.tr("Undo: keep the reply as a draft"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self.hide()


class ReplyBox(QWidget):
    send_requested = Signal(str, str)  # case id, text
    draft_changed = Signal(str, str)  # case id, text: save it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReplyBox()
        self.ui.setupUi(self)
        self._case_id = ""
        self._handle = ""
        self._channel = X  # the channel of the post the reply answers
        self._private = False  # ... a private one: the answer goes back privately
        self._account = ""
        self._pending: PendingReplies | None = None
        self._busy_cases: set[str] = set()  # replies waiting or on their way to X
        self.strip = PublishStrip(self)
        self.strip.undo_button.clicked.connect(self.undo)
        self.layout().insertWidget(2, self.strip)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_MS)
        self._countdown.timeout.connect(self._show_pending)
        self._canned: list[canned_replies.CannedReply] = []
        self._loading = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self.ui.replyEdit.textChanged.connect(self._typed)
        self.ui.sendButton.clicked.connect(self._send)
        self.ui.cannedCombo.activated.connect(self._use_canned)
        send = QShortcut(QKeySequence("Ctrl+Return"), self.ui.replyEdit)
        send.setContext(Qt.ShortcutContext.WidgetShortcut)
        send.activated.connect(self._send)
        self.ui.errorLabel.hide()
        # "Public reply to @aytojun.bsky.social on Bluesky" may need two lines on a narrow
        # pane: the canned replies keep their room.
        self.ui.replyLabel.setWordWrap(True)
        self.ui.headerLayout.setStretchFactor(self.ui.replyLabel, 1)
        self._update_counter()

    def attach_pending(self, pending: PendingReplies, account_handle: str) -> None:
        """Where sent replies wait before they go to X, and the town account's @handle."""
        self._pending = pending
        self._account = account_handle
        pending.changed.connect(self._pending_changed)

    # -- the case ------------------------------------------------------------------------

    @property
    def case_id(self) -> str:
        return self._case_id

    @property
    def channel(self) -> str:
        """The channel the reply goes out on: the answered post's."""
        return self._channel

    def set_case(
        self,
        case_id: str,
        *,
        role: str,
        lang: str,
        handle: str,
        can_reply: bool,
        channel: str = X,
        private: bool = False,
        why_not: str = "",
        draft_text: str = "",
        draft_error: str = "",
    ) -> None:
        """Show the reply box for a case, with its saved draft (a draft of the previous
        case is saved first). `channel`: where the answered post was written, and where
        the reply goes (`private`: it was a private message, and so is the answer).
        `why_not`: why this desk can't reply, when it can't (a walk-in's case otherwise)."""
        if case_id == self._case_id:
            # The same case again (a new post came): the text stays as typed, and the
            # reply now answers the newest post, on its channel.
            self._handle, self._channel, self._private = handle, channel, private
            self._show_channel()
            if not can_reply:
                self.show_failure(why_not or self._no_post())
            elif not self.isEnabled():  # it can now: the reason no longer holds
                self.show_failure(draft_error)
            self.setEnabled(can_reply)
            self._update_counter()
            return
        self.flush_draft()
        self._case_id = case_id
        self._handle = handle
        self._channel = channel
        self._private = private
        self._loading = True
        self.ui.replyEdit.setPlainText(draft_text)
        self._loading = False
        self._show_channel()
        self._canned = canned_replies.for_case(role, lang)
        combo = self.ui.cannedCombo
        combo.clear()
        combo.addItem(self.tr("Canned replies…"))
        for reply in self._canned:
            combo.addItem(reply.title)
        self.setEnabled(can_reply)
        self.set_busy(case_id in self._busy_cases)
        self._show_pending()
        if not can_reply:
            self.show_failure(why_not or self._no_post())
        else:
            self.show_failure(draft_error)
        self._update_counter()

    def _no_post(self) -> str:
        return self.tr("This case was logged at the desk: there is no post to answer online.")

    def _show_channel(self) -> None:
        """The heading, the editor's hint and the button's tip name the reply's channel."""
        where = channel_name(self._channel)
        self.ui.replyLabel.setText(self.heading())
        self.ui.replyLabel.setAccessibleName(self.heading())
        if self._private:
            hint = self.tr("Write a private reply to the citizen (sent on %1)…")
        else:
            hint = self.tr("Write a public reply to the citizen (published on %1)…")
        self.ui.replyEdit.setPlaceholderText(hint.replace("%1", where))
        self.ui.sendButton.setToolTip(
            self.tr("Send the reply on %1 (Ctrl+Return)").replace("%1", where)
        )

    def heading(self) -> str:
        """What the box answers, and on which channel: "Public reply to @ana on Mastodon"."""
        where = channel_name(self._channel)
        if not self._handle:
            return self.tr("Reply on %1").replace("%1", where)
        if self._private:
            line = self.tr("Private reply to @%1 on %2")
        else:
            line = self.tr("Public reply to @%1 on %2")
        return line.replace("%1", self._handle).replace("%2", where)

    def text(self) -> str:
        return self.ui.replyEdit.toPlainText()

    def set_text(self, text: str) -> None:
        self.ui.replyEdit.setPlainText(text)

    def focus_editor(self) -> None:
        self.ui.replyEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- sending -------------------------------------------------------------------------

    def _send(self) -> None:
        text = self.text().strip()
        if not text or not self._case_id or not self._fits(text):
            return
        self.flush_draft()
        self._busy_cases.add(self._case_id)
        self.set_busy(True)
        self.send_requested.emit(self._case_id, text)

    def undo(self) -> None:
        """Take back the reply waiting for this case: its text stays, as the draft."""
        if self._pending is None or self._pending.undo(self._case_id) is None:
            return
        self._busy_cases.discard(self._case_id)
        self.set_busy(False)
        self.focus_editor()

    def _pending_changed(self, case_id: str) -> None:
        if case_id == self._case_id:
            self._show_pending()

    def _show_pending(self) -> None:
        text = self._pending.text(self._case_id) if self._pending else None
        if text is None:
            self._countdown.stop()
            self.strip.hide()
            return
        assert self._pending is not None
        citizen = "@" + self._handle if self._handle else self.tr("the citizen")
        left = str(self._pending.seconds_left(self._case_id))
        if self._private:  # a private message is answered privately, not published
            line = self.tr("Sending privately on %1 to %2… %3 s")
            line = line.replace("%1", channel_name(self._channel))
        elif self._channel != X:  # the town's handle there is the channel's own
            line = self.tr("Publishing on %1 to %2… %3 s")
            line = line.replace("%1", channel_name(self._channel))
        elif self._account:
            line = self.tr("Publishing as @%1 to %2… %3 s")
            line = line.replace("%1", self._account)
        else:
            line = self.tr("Publishing as the town's account to %2… %3 s")
        self.strip.label.setText(line.replace("%2", citizen).replace("%3", left))
        self.strip.show()
        if not self._countdown.isActive():
            self._countdown.start()

    def set_busy(self, busy: bool) -> None:
        self.ui.sendButton.setEnabled(not busy and self._sendable())
        self.ui.replyEdit.setReadOnly(busy)
        self.ui.sendButton.setText(self.tr("Sending…") if busy else self.tr("Send reply"))

    def sent(self, case_id: str) -> None:
        """The reply went out: the box empties (the draft was removed by the caller)."""
        self._busy_cases.discard(case_id)
        if case_id == self._case_id:
            self.set_busy(False)
            self._draft_timer.stop()
            self._loading = True
            self.ui.replyEdit.clear()
            self._loading = False
            self.show_failure("")
            self._update_counter()

    def failed(self, case_id: str, reason: str) -> None:
        """The reply did not go out: the text stays, with why."""
        self._busy_cases.discard(case_id)
        if case_id == self._case_id:
            self.set_busy(False)
            self.show_failure(reason)

    def show_failure(self, reason: str) -> None:
        label = self.ui.errorLabel
        if not reason:
            label.clear()
            label.hide()
            return
        label.setText(reason)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour("urgent"))
        label.setPalette(palette)
        label.show()

    # -- typing ----------------------------------------------------------------------------

    def _typed(self) -> None:
        self._update_counter()
        if not self._loading and self._case_id:
            self._draft_timer.start()

    def flush_draft(self) -> None:
        """Save the draft now if typing is waiting to be saved."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft()

    def _save_draft(self) -> None:
        if self._case_id:
            self.draft_changed.emit(self._case_id, self.text())

    def _use_canned(self, row: int) -> None:
        if row <= 0 or row > len(self._canned):
            return
        # A Telegram answer goes to the citizen's chat, quoting the message: no @mention.
        handle = "" if self._channel == TELEGRAM else self._handle
        text = self._canned[row - 1].filled(handle, case_ref(self._case_id))
        editor = self.ui.replyEdit
        if editor.toPlainText().strip():
            editor.textCursor().insertText(text)
        else:
            editor.setPlainText(text)
        self.ui.cannedCombo.setCurrentIndex(0)
        editor.setFocus()

    def _sendable(self) -> bool:
        text = self.text()
        return bool(text.strip()) and self._fits(text)

    def _fits(self, text: str) -> bool:
        """Within the channel's length as the channel will send it (Mastodon adds the
        author's @address)."""
        return reply_fits(self._channel, as_sent(self._channel, text, self._handle))

    def _update_counter(self) -> None:
        left = reply_remaining(self._channel, as_sent(self._channel, self.text(), self._handle))
        label = self.ui.counterLabel
        label.setText(str(left))
        label.setToolTip(
            self.tr("Characters left, counted as %1 counts them").replace(
                "%1", channel_name(self._channel)
            )
        )
        label.setAccessibleDescription(self.tr("%1 characters left").replace("%1", str(left)))
        palette = self.palette()
        if left < 0:
            palette.setColor(QPalette.ColorRole.WindowText, colour("urgent"))
        label.setPalette(palette)
        self.ui.sendButton.setEnabled(self._sendable() and not self.ui.replyEdit.isReadOnly())
