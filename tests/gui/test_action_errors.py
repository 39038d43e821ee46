"""A refused action reads in the desk's language, from the error's code and parameters:
every code has its text, and a Spanish desk never shows the English message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from jundesk.app.actions import CASE_MERGED, ActionError, ErrorCode
from jundesk.gui.action_errors import action_error_text
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.xserver import Fault
from tests.gui.conftest import until

MERGED = ActionError(
    "Case 00000001 was merged into case 00000002: act on that case instead.",
    CASE_MERGED,
    case_id="018f0000-0000-7000-8000-000000000001",
    merged_into="018f0000-0000-7000-8000-000000000002",
)

# One error of each code, with the parameters actions.py gives it.
SAMPLE_PARAMS: dict[ErrorCode, dict[str, str]] = {
    ErrorCode.NO_SUCH_CASE: {"case_id": "018f0000-0000-7000-8000-0000000000aa"},
    ErrorCode.CASE_MERGED: dict(MERGED.params),
    ErrorCode.UNKNOWN_PRIORITY: {"priority": "soon"},
    ErrorCode.UNKNOWN_ROLE: {"role": "fire", "roles": "police,lighting,unrouted"},
    ErrorCode.MERGE_INTO_MERGED: {"case_id": "018f0000-0000-7000-8000-0000000000bb"},
    ErrorCode.ALREADY_MERGED: {"case_id": "018f0000-0000-7000-8000-0000000000cc"},
    ErrorCode.PHOTO_REFUSED: {"photo": "farola.bmp"},
    ErrorCode.REPLY_RATE_LIMITED: {"reset_at": "2026-03-02T09:15:00+00:00"},
    ErrorCode.REPLY_REFUSED: {"status": "403"},
    ErrorCode.NO_CHANNEL_ACCOUNT: {"channel": "mastodon"},
}


def sample(code: ErrorCode) -> ActionError:
    return ActionError(f"English message for {code}", code, **SAMPLE_PARAMS.get(code, {}))


@pytest.fixture
def spanish(qapp) -> Iterator[object]:
    install_translators(qapp, "es")
    yield qapp
    remove_translators(qapp)


def test_a_merged_case_is_named_by_its_references() -> None:
    assert action_error_text(MERGED) == (
        "#00000001 was merged into #00000002: act on that case instead."
    )


def test_a_merged_case_in_spanish(spanish) -> None:
    assert action_error_text(MERGED) == (
        "#00000001 se fusionó con #00000002: actúe sobre ese caso."
    )


def test_every_code_has_an_english_text_with_its_parameters_filled(qapp) -> None:
    for code in ErrorCode:
        text = action_error_text(sample(code))
        assert text and not text.startswith("English message"), code
        assert not re.search(r"%\d", text), (code, text)
    assert "#000000aa" in action_error_text(sample(ErrorCode.NO_SUCH_CASE))
    assert "Police, Lighting, Unrouted" in action_error_text(sample(ErrorCode.UNKNOWN_ROLE))
    assert "farola.bmp" in action_error_text(sample(ErrorCode.PHOTO_REFUSED))
    assert action_error_text(sample(ErrorCode.NO_CHANNEL_ACCOUNT)) == (
        "No Mastodon account is connected on this desk."
    )


def test_every_code_has_a_spanish_text(qapp) -> None:
    english = {code: action_error_text(sample(code)) for code in ErrorCode}
    install_translators(qapp, "es")
    try:
        for code in ErrorCode:
            text = action_error_text(sample(code))
            assert text != english[code], f"{code} has no Spanish text"
            assert not re.search(r"%\d", text), (code, text)
        assert "Policía" in action_error_text(sample(ErrorCode.UNKNOWN_ROLE))
        assert "(403)" in action_error_text(sample(ErrorCode.REPLY_REFUSED))
    finally:
        remove_translators(qapp)


@pytest.mark.asyncio
async def test_a_spanish_desk_never_shows_an_action_errors_english_message(
    open_desk: Callable[..., object], qapp
) -> None:
    install_translators(qapp, "es")
    try:
        async with open_desk() as desk:  # type: ignore[attr-defined]
            shown: list[str] = []
            desk.window.commands.failed.connect(shown.append)
            desk.window.commands.reply_failed.connect(lambda _id, reason: shown.append(reason))
            desk.session.settings.reply_undo_seconds = 0
            desk.post("contenedor quemado en la avenida", "marta")
            await desk.poll()
            case_id = desk.session.store.list_cases()[0].case.id
            await desk.select(case_id)

            # A reply X refuses for its rate limit: the reason under the box, in Spanish.
            box = desk.window.ui.caseView.reply_box
            QTest.keyClicks(desk.window.ui.caseTable, "r")
            QTest.keyClicks(box.ui.replyEdit, "Vamos enseguida")
            desk.server.faults.push(
                Fault.rate_limit(reset_in=3600, endpoint="/2/tweets", method="POST")
            )
            QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: box.ui.errorLabel.isVisible(), what="the reason shown")
            reason = box.ui.errorLabel.text()
            assert reason.startswith("No enviada: Se agotó el límite de respuestas de X")
            assert "rate limit" not in reason.lower()

            # An action on a case this desk doesn't have: the message strip, in Spanish.
            desk.window.commands.add_note("018f0000-0000-7000-8000-00000000dead", "nota")
            await until(lambda: len(shown) >= 2, what="the refused note")
            assert shown[-1] == "#0000dead no está en la base de datos de este puesto."
            for text in shown:
                assert "No case" not in text and "rate limit" not in text.lower()
    finally:
        remove_translators(qapp)
