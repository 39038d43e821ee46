"""Everything the case view shows about one case, read in one trip to a reader thread."""

from __future__ import annotations

from dataclasses import dataclass

from jundesk.core.model import Case, CaseSummary, Event, EventKind, Post
from jundesk.store.records import DraftRecord
from jundesk.store.repository import Store

REPLY_DRAFT = "reply"
NOTE_DRAFT = "note"
MANUAL_SOURCE = "manual"


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    posts: tuple[Post, ...]
    events: tuple[Event, ...]
    reply_draft: DraftRecord | None
    note_draft: DraftRecord | None

    @property
    def notes(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind is EventKind.NOTED)

    @property
    def citizen_posts(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if not p.is_own)

    @property
    def answerable(self) -> Post | None:
        """The post a public reply answers: the citizen's latest one that came from X."""
        return next(
            (p for p in reversed(self.posts) if not p.is_own and p.source != MANUAL_SOURCE),
            None,
        )

    @property
    def title(self) -> str:
        first = self.citizen_posts[0] if self.citizen_posts else None
        return first.text if first else ""

    @property
    def author_handle(self) -> str:
        """Who reported the case: the author of its first citizen post."""
        first = self.citizen_posts[0] if self.citizen_posts else None
        return first.author_handle if first else ""

    @property
    def summary(self) -> CaseSummary:
        """The case as a list row shows it (for dialogs and messages)."""
        return CaseSummary(self.case, self.author_handle, self.title)

    @property
    def lang(self) -> str:
        first = self.citizen_posts[0] if self.citizen_posts else None
        return first.lang if first and first.lang else ""


def read_case_detail(store: Store, case_id: str) -> CaseDetail | None:
    case = store.get_case(case_id)
    if case is None:
        return None
    return CaseDetail(
        case,
        tuple(store.case_posts(case_id)),
        tuple(store.case_events(case_id)),
        store.get_draft(case_id, REPLY_DRAFT),
        store.get_draft(case_id, NOTE_DRAFT),
    )
