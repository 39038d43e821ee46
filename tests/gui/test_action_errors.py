"""A refused action reads in the desk's language, from the error's code and parameters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jundesk.app.actions import CASE_MERGED, ActionError
from jundesk.gui.action_errors import action_error_text
from jundesk.gui.translations import install_translators, remove_translators

MERGED = ActionError(
    "Case 00000001 was merged into case 00000002: act on that case instead.",
    CASE_MERGED,
    case_id="018f0000-0000-7000-8000-000000000001",
    merged_into="018f0000-0000-7000-8000-000000000002",
)


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


def test_an_error_without_a_code_keeps_its_text() -> None:
    assert action_error_text(ActionError("The reply is empty.")) == "The reply is empty."
