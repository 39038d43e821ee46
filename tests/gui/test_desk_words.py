"""The desk's words: canned replies as complete in every language, closing replies in the
Resolve dialog, Spanish plurals and labels, and inbox names never cut."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, Case, CaseSummary
from jundesk.gui import canned_replies
from jundesk.gui.canned_replies import ACKNOWLEDGE, CLOSING, EMERGENCY
from jundesk.gui.case_dialogs import ResolveDialog
from jundesk.gui.display_names import case_ref
from jundesk.gui.inbox_model import RESOLVED_KEY
from jundesk.gui.translations import install_translators, remove_translators

LANGS = ("es", "en", "fr", "ca")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", DEFAULT_ROLES)
def test_every_role_and_language_has_the_same_kinds_of_reply(role: str, lang: str) -> None:
    replies = canned_replies.for_case(role, lang)
    assert {r.lang for r in replies} == {lang}
    kinds = {r.kind for r in replies}
    assert {ACKNOWLEDGE, CLOSING, EMERGENCY} <= kinds, (role, lang, kinds)
    assert all("112" in r.text for r in replies if r.kind == EMERGENCY)


def test_the_resolve_dialog_offers_the_closing_replies(qtbot: object) -> None:
    case = Case(
        "01a2b3c4-0000-7000-8000-00000000abcd", role="lighting", created_at=datetime.now(UTC)
    )
    dialog = ResolveDialog(CaseSummary(case, "luis", "farola apagada"), True, lang="fr")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert "@luis" in dialog.ui.caseLabel.text()
    combo = dialog.ui.cannedCombo
    titles = [combo.itemText(i) for i in range(1, combo.count())]
    assert titles and "Lampadaire réparé" in titles
    combo.activated.emit(titles.index("Lampadaire réparé") + 1)
    assert dialog.ui.replyCheck.isChecked()
    text = dialog.ui.replyEdit.toPlainText()
    assert text.startswith("@luis ") and case_ref(case.id) in text


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[QApplication]:
    install_translators(qapp, "es")
    yield qapp
    remove_translators(qapp)


@pytest.mark.slow
def test_spanish_inboxes_and_counts_read_well(spanish: QApplication, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from jundesk.gui.main_window import MainWindow
    from jundesk.gui.session import DeskSession

    session = DeskSession(tmp_path / "desk.db", Settings(person="Ana", desk_roles=["unrouted"]))
    try:
        window = MainWindow(session)
        qtbot.addWidget(window)
        inboxes = window.inboxes
        resolved = inboxes.inbox(inboxes.row_of(RESOLVED_KEY))
        assert resolved.title == "Resueltos"
        for total, words in ((1, "1 caso"), (2, "2 casos"), (100_000, "100.000 casos")):
            window.cases._total = total
            assert window._list_title().endswith(words)
        # Every inbox's name fits beside its counts: the pane is as wide as the widest needs.
        hint = window.ui.inboxList.sizeHintForColumn(0)
        assert window.ui.inboxPane.minimumWidth() >= hint
        widest = max(
            window.ui.inboxList.fontMetrics().horizontalAdvance(inboxes.inbox(r).title)
            for r in range(inboxes.rowCount())
        )
        assert hint > widest + 90  # icon, unread pill and count beside the name
    finally:
        session.close()


def test_counts_are_written_as_the_desks_language_writes_them(qapp: QApplication) -> None:
    from jundesk.gui.inbox_model import InboxModel

    try:
        for lang, words in (("es", "Todos: 100.000 casos"), ("en", "All: 100,000 cases")):
            install_translators(qapp, lang)
            title = "Todos" if lang == "es" else "All"
            text = InboxModel.tr("%1: %Ln case(s)", "", 100_000).replace("%1", title)
            assert text == words
    finally:
        remove_translators(qapp)
