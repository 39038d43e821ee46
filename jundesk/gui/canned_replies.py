"""The town's canned public replies (resources/canned_replies.toml, or the town's own copy in
the config folder), per role and language, with {handle} and {case} filled in for the case."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jundesk.paths import RESOURCES, resource_path

log = logging.getLogger(__name__)

CANNED_FILE = RESOURCES / "canned_replies.toml"
ANY_ROLE = "any"
ACKNOWLEDGE, CLOSING, EMERGENCY, INFO = "acknowledge", "closing", "emergency", "info"
FALLBACK_LANGS = ("es", "en")


@dataclass(frozen=True, slots=True)
class CannedReply:
    role: str
    lang: str
    title: str
    text: str
    kind: str = INFO  # ACKNOWLEDGE, CLOSING (the Resolve dialog offers these), EMERGENCY

    def filled(self, handle: str, case_ref: str) -> str:
        # Plain replacement, not str.format: a brace in a town's text must not break it.
        mention = f"@{handle}" if handle else ""
        return self.text.replace("{handle}", mention).replace("{case}", case_ref).strip()


def load(path: Path | None = None) -> tuple[CannedReply, ...]:
    """The replies in `path`; by default the town's own file if it has one, else ours."""
    return _load(path or resource_path(CANNED_FILE.name))


@cache
def _load(path: Path) -> tuple[CannedReply, ...]:
    try:
        with open(path, "rb") as file:
            raw = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        log.warning("Canned replies unreadable at %s: %s", path, error)
        return ()
    replies = []
    for item in raw.get("reply", []):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            continue
        replies.append(
            CannedReply(
                str(item.get("role", ANY_ROLE)),
                str(item.get("lang", "es")),
                str(item.get("title", item["text"][:30])),
                item["text"],
                str(item.get("kind", INFO)),
            )
        )
    return tuple(replies)


def for_case(
    role: str, lang: str, replies: tuple[CannedReply, ...] | None = None
) -> list[CannedReply]:
    """The replies for a case of `role` written in `lang`: the role's own first, then the
    ones for any role; in Spanish, then English, when the town has none in `lang`."""
    replies = load() if replies is None else replies
    langs = [lang] if any(r.lang == lang for r in replies) else list(FALLBACK_LANGS)
    chosen: list[CannedReply] = []
    for wanted in langs:
        chosen += [r for r in replies if r.lang == wanted and r.role == role]
        chosen += [r for r in replies if r.lang == wanted and r.role == ANY_ROLE]
        if chosen:
            break
    return chosen


def closing_for_case(role: str, lang: str) -> list[CannedReply]:
    """The closing replies (it is done) for a case of `role` written in `lang`."""
    return [r for r in for_case(role, lang) if r.kind == CLOSING]
