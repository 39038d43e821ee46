"""A post's photo shows in the conversation as a thumbnail, and opens full size on a
click; a photo that can't be read stays a link."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from jundesk.gui.photo_cache import THUMBNAIL
from tests.gui.conftest import Desk, until

pytestmark = pytest.mark.asyncio


async def ingest_with_photo(desk: Desk) -> str:
    before = {s.case.id for s in desk.session.store.list_cases(limit=1000)}
    desk.server.add_post(
        "vecina", f"@{desk.server.town_handle} la farola de la calle Real esta rota", media=1
    )
    await desk.poll()
    after = desk.session.store.list_cases(limit=1000)
    return next(s.case.id for s in after if s.case.id not in before)


async def test_photos_show_as_thumbnails_and_open_full_size(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest_with_photo(desk)
        await desk.select(case_id)
        view = desk.window.ui.caseView
        await until(lambda: view._rendered.photos, what="the photo's thumbnail")
        photo = view._rendered.photos[0]
        thumbnail = view.photos.thumbnail(photo.url)
        full = view.photos.image(photo.url)
        assert thumbnail is not None and full is not None
        assert thumbnail.width() <= THUMBNAIL.width() and thumbnail.height() <= THUMBNAIL.height()
        assert "Photo: " not in view.ui.conversationText.toPlainText()

        conversation = view.ui.conversationText
        cursor = conversation.textCursor()
        cursor.setPosition(photo.position)
        spot = conversation.cursorRect(cursor).center() + QPoint(4, 0)
        QTest.mouseClick(conversation.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        viewer = view.photo_viewer
        assert viewer is not None and viewer.isVisible()
        assert viewer.picture.pixmap().size() == full.size()
        assert "@vecina" in viewer.windowTitle()
        viewer.close()


async def test_a_photo_that_cannot_be_read_stays_a_link(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest_with_photo(desk)
        desk.server.stop()  # nobody answers for the photo now
        await desk.select(case_id)
        view = desk.window.ui.caseView
        url = next(p for p in desk.window.current_detail().posts if p.media).media[0]  # type: ignore[union-attr]
        await until(lambda: url in view.photos._failed, what="the photo given up")
        assert view._rendered.photos == []
        assert "Photo: " in view.ui.conversationText.toPlainText()
