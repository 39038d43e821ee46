"""A storage failure met while acting on a case reads in the desk's language, from its
kind: every kind has its text, and a Spanish desk never shows the English message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jundesk.gui.store_errors import store_error_text
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.store.errors import StoreError, StoreErrorKind
from tests.gui.conftest import until

DB = Path("/srv/jundesk/desk.db")


def failure(kind: StoreErrorKind) -> StoreError:
    return StoreError(kind, f"English message for {kind}", DB)


@pytest.mark.slow
def test_every_kind_has_an_english_and_a_spanish_text(qapp) -> None:
    english = {kind: store_error_text(failure(kind)) for kind in StoreErrorKind}
    for kind, text in english.items():
        assert "%1" not in text and not text.startswith("English message"), kind
        assert str(DB) in text or kind is StoreErrorKind.SEARCH_TOO_SHORT, kind
    install_translators(qapp, "es")
    try:
        for kind in StoreErrorKind:
            text = store_error_text(failure(kind))
            assert text != english[kind], f"{kind} has no Spanish text"
            assert "%1" not in text, (kind, text)
    finally:
        remove_translators(qapp)
    assert store_error_text(StoreError(StoreErrorKind.DISK_FULL, "full")).startswith(
        "The disk holding the database is full"
    )


@pytest.mark.asyncio
async def test_a_spanish_desk_says_a_full_disk_in_spanish(
    open_desk: Callable[..., object], qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_translators(qapp, "es")
    try:
        async with open_desk() as desk:  # type: ignore[attr-defined]
            shown: list[str] = []
            desk.window.commands.failed.connect(shown.append)
            desk.post("farola fundida en la plaza", "jose")
            await desk.poll()
            case_id = desk.session.store.list_cases()[0].case.id

            def full(*_: Any) -> None:
                raise StoreError(StoreErrorKind.DISK_FULL, "The disk ... is full", DB)

            # The disk fills up as the note is written.
            monkeypatch.setattr(desk.session.store, "append_events", full)
            desk.window.commands.add_note(case_id, "llamar al electricista")
            await until(lambda: shown, what="the failure shown")
            assert shown == [
                f"El disco de la base de datos ({DB}) está lleno; no se guardó nada. "
                "Libere espacio en él y vuelva a intentarlo."
            ]
    finally:
        remove_translators(qapp)
