"""An action's refusal in the desk's language: app/actions.py raises ActionError with a
code and parameters; every text the desk reads for one is here. The English message of
the error stays for the command line and the log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from jundesk.app.actions import ActionError, ErrorCode
from jundesk.gui.display_names import case_ref, channel_name, role_name
from jundesk.gui.tray import short_local_time


def _texts() -> dict[ErrorCode, str]:
    """Each code's text; %1, %2 are its parameters (see _arguments)."""
    return {
        ErrorCode.NO_SUCH_CASE: QCoreApplication.translate(
            "ActionErrors", "%1 is not in this desk's database."
        ),
        ErrorCode.CASE_MERGED: QCoreApplication.translate(
            "ActionErrors", "%1 was merged into %2: act on that case instead."
        ),
        ErrorCode.NO_PERSON: QCoreApplication.translate(
            "ActionErrors", "Set your name in the settings to take cases."
        ),
        ErrorCode.UNKNOWN_PRIORITY: QCoreApplication.translate(
            "ActionErrors", "Unknown priority “%1”: choose urgent, high, normal or low."
        ),
        ErrorCode.UNKNOWN_ROLE: QCoreApplication.translate(
            "ActionErrors", "Unknown role “%1”: the town's roles are %2."
        ),
        ErrorCode.EMPTY_NOTE: QCoreApplication.translate(
            "ActionErrors", "An empty note says nothing: write the note first."
        ),
        ErrorCode.EMPTY_REPLY: QCoreApplication.translate(
            "ActionErrors", "The reply is empty: write it first."
        ),
        ErrorCode.EMPTY_COMPLAINT: QCoreApplication.translate(
            "ActionErrors", "Write what the citizen reported first."
        ),
        ErrorCode.PHOTO_WITHOUT_REPLY: QCoreApplication.translate(
            "ActionErrors",
            "A photo goes out with the closing reply: write the reply, or remove the photo.",
        ),
        ErrorCode.NOTHING_TO_MERGE: QCoreApplication.translate(
            "ActionErrors", "Choose at least one other case to merge into this one."
        ),
        ErrorCode.MERGE_INTO_MERGED: QCoreApplication.translate(
            "ActionErrors", "%1 was itself merged: merge into the case it went to."
        ),
        ErrorCode.ALREADY_MERGED: QCoreApplication.translate(
            "ActionErrors", "%1 was already merged."
        ),
        ErrorCode.NO_POST_TO_ANSWER: QCoreApplication.translate(
            "ActionErrors",
            "This case has no post to answer in public (it was logged at the desk).",
        ),
        ErrorCode.NO_X_ACCOUNT: QCoreApplication.translate(
            "ActionErrors", "No X account is connected on this desk."
        ),
        ErrorCode.NO_CHANNEL_ACCOUNT: QCoreApplication.translate(
            "ActionErrors", "No %1 account is connected on this desk."
        ),
        ErrorCode.PHOTO_REFUSED: QCoreApplication.translate(
            "ActionErrors",
            "The photo %1 can't go to X: it must be a readable JPEG, PNG, GIF or WEBP "
            "picture of at most 5 MB.",
        ),
        ErrorCode.REPLY_RATE_LIMITED: QCoreApplication.translate(
            "ActionErrors", "X's rate limit for replies is used up: try again after %1."
        ),
        ErrorCode.REPLY_REFUSED: QCoreApplication.translate(
            "ActionErrors", "X refused the reply (%1): check the account's permissions."
        ),
        ErrorCode.REPLY_UNREACHABLE: QCoreApplication.translate(
            "ActionErrors", "X could not be reached: try again in a moment."
        ),
        ErrorCode.REPLY_FAILED: QCoreApplication.translate(
            "ActionErrors", "X did not take the reply: try again later."
        ),
    }


def _when(value: str) -> str:
    try:
        return short_local_time(datetime.fromisoformat(value))
    except ValueError:
        return QCoreApplication.translate("ActionErrors", "a while")


def _arguments(code: ErrorCode, params: Mapping[str, str]) -> list[str]:
    """The parameters of `code` as the desk reads them, in the order of %1, %2."""
    get = params.get
    if code is ErrorCode.CASE_MERGED:
        return [case_ref(get("case_id", "")), case_ref(get("merged_into", ""))]
    if code in (ErrorCode.NO_SUCH_CASE, ErrorCode.MERGE_INTO_MERGED, ErrorCode.ALREADY_MERGED):
        return [case_ref(get("case_id", ""))]
    if code is ErrorCode.UNKNOWN_PRIORITY:
        return [get("priority", "")]
    if code is ErrorCode.UNKNOWN_ROLE:
        roles = [role_name(r) for r in get("roles", "").split(",") if r]
        return [get("role", ""), ", ".join(roles)]
    if code is ErrorCode.NO_CHANNEL_ACCOUNT:
        return [channel_name(get("channel", ""))]
    if code is ErrorCode.PHOTO_REFUSED:
        return [get("photo", "")]
    if code is ErrorCode.REPLY_RATE_LIMITED:
        return [_when(get("reset_at", ""))]
    if code is ErrorCode.REPLY_REFUSED:
        return [get("status", "") or "?"]
    return []


def action_error_text(error: ActionError) -> str:
    """What the desk reads for a refused action, in its language."""
    text = _texts()[error.code]
    for number, value in enumerate(_arguments(error.code, error.params), start=1):
        text = text.replace(f"%{number}", value)
    return text
