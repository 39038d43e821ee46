"""What a citizen writes is plain text everywhere: markup, links and bidi overrides in a
post show literally and can do nothing; links open only from an explicit menu."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextFormat

from jundesk.gui.case_list_model import COL_TEXT
from tests.gui.conftest import until

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]  # whole windows

HOSTILE = (
    '<b>x</b> <a href="https://evil.example/steal">pincha</a> <img src="file:///etc/passwd"> '
    "factura\u202egpj.exe y https://jun.es/avisos"
)


async def test_markup_in_a_post_shows_literally_everywhere(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.server.add_post(
            "troll", f"@{desk.server.town_handle} {HOSTILE}", author_name="<i>Troll</i>"
        )
        await desk.poll()
        await until(lambda: desk.window.cases.rowCount() == 1)
        summary = desk.session.store.list_cases()[0]
        await desk.select(summary.case.id)
        window = desk.window

        row_text = str(window.cases.index(0, COL_TEXT).data())
        assert "<b>x</b>" in row_text and "<img src=" in row_text
        assert "\u202e" not in row_text and "[U+202E]" in row_text

        view = window.ui.caseView
        shown = view.ui.conversationText.toPlainText()
        assert '<b>x</b> <a href="https://evil.example/steal">pincha</a>' in shown
        assert '<img src="file:///etc/passwd">' in shown
        assert "factura[U+202E]gpj.exe" in shown
        assert "<i>Troll</i>" in shown
        document = view.ui.conversationText.document()
        # Nothing became an anchor or an image: the text went in as text.
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                assert not fmt.isAnchor()
                assert fmt.objectType() != QTextFormat.ObjectTypes.ImageObject
                it += 1
            block = block.next()
        assert view.ui.titleLabel.textFormat() == Qt.TextFormat.PlainText
        assert "<b>x</b>" in view.ui.titleLabel.text()

        # Links show in full and open only from the explicit menu, in the browser.
        opened: list[str] = []
        monkeypatch.setattr(
            QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
        )
        links = [link.url for link in view.links()]
        assert "https://jun.es/avisos" in links
        assert "https://jun.es/avisos" in shown
        assert opened == []
        view.links_menu.actions()[links.index("https://jun.es/avisos")].trigger()
        assert opened == ["https://jun.es/avisos"]
        # Only web links open; nothing else a post could name.
        view.open("file:///etc/passwd")
        view.open("javascript:alert(1)")
        assert opened == ["https://jun.es/avisos"]


async def test_a_link_opens_from_the_conversation_context_menu(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.post("mirad https://jun.es/fotos/farola.jpg la farola rota", "luz")
        await desk.poll()
        await until(lambda: desk.window.cases.rowCount() == 1)
        await desk.select(desk.session.store.list_cases()[0].case.id)
        view = desk.window.ui.caseView
        link = view.links()[0]
        assert view.link_at(link.start + 3) == link
        assert view.link_at(0) is None
        opened: list[QUrl] = []
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
        view.open(link.url)
        assert [u.toString() for u in opened] == ["https://jun.es/fotos/farola.jpg"]
