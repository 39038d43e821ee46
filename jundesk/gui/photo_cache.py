"""The photos of the posts on show: read on a worker thread, decoded, kept as a thumbnail
for the conversation and full size for the viewer. A photo that can't be read stays a
link."""

from __future__ import annotations

import logging
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from jundesk.intake.photo_fetch import PhotoUnavailable, fetch_photo

log = logging.getLogger(__name__)

THUMBNAIL = QSize(240, 160)
KEPT = 60  # photos kept in memory (the cases a desk goes back and forth between)


class PhotoCache(QObject):
    loaded = Signal(str)  # the photo at this URL can be shown now
    _decoded = Signal(str, object)  # from the worker: URL, QImage or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._thumbnails: dict[str, QImage] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jundesk-photo")
        self._decoded.connect(self._store, Qt.ConnectionType.QueuedConnection)

    def thumbnail(self, url: str) -> QImage | None:
        """The photo's thumbnail if it has been read; else asks for it (loaded follows)."""
        if url in self._thumbnails:
            self._images.move_to_end(url)
            return self._thumbnails[url]
        if url not in self._pending and url not in self._failed:
            self._pending.add(url)
            future = self._pool.submit(self._read, url)
            future.add_done_callback(lambda done, url=url: self._finished(url, done))
        return None

    def image(self, url: str) -> QImage | None:
        return self._images.get(url)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _read(url: str) -> QImage | None:
        try:
            data = fetch_photo(url)
        except PhotoUnavailable as error:
            log.info("Photo not shown: %s", error)
            return None
        image = QImage.fromData(data)
        return None if image.isNull() else image

    def _finished(self, url: str, done: Future[QImage | None]) -> None:
        image = None if done.cancelled() or done.exception() else done.result()
        self._decoded.emit(url, image)

    def _store(self, url: str, image: object) -> None:
        self._pending.discard(url)
        if not isinstance(image, QImage):
            self._failed.add(url)
            return
        self._images[url] = image
        self._thumbnails[url] = image.scaled(
            THUMBNAIL,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        while len(self._images) > KEPT:
            old, _ = self._images.popitem(last=False)
            self._thumbnails.pop(old, None)
        self.loaded.emit(url)
