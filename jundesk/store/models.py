"""The SQLite schema as SQLAlchemy 2 typed models (the FTS5 table lives in fts.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Computed,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from jundesk.core.model import EventKind, Status
from jundesk.store.case_codes import StatusCode
from jundesk.store.column_types import (
    ID_PREFIX_SQL,
    JSONText,
    SourceIdBytes,
    Thousandths,
    UTCTimestamp,
    UUIDBytes,
)
from jundesk.store.desk_codes import DeskCode
from jundesk.store.event_kinds import EventKindCode, kind_sql
from jundesk.store.payload_codes import PayloadText

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PostRow(Base):
    """A post as received; the cases it is in are its case_posts links (post_cases.py)."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        # The replies of each conversation (cases_for_conversations): a thread's root, whose
        # conversation is its own id (stored as "": row_mapping.conversation_to_stored),
        # is found by that id in the unique index instead.
        Index(
            "ix_posts_source_conversation",
            "source",
            "conversation_id",
            sqlite_where=text("conversation_id != ''"),
        ),
        # The private posts' rowids (few): which of a search's matches are private.
        Index("ix_posts_private", "pk", sqlite_where=text("private = 1")),
        # Posts are found by id through their ids' first bytes, as events are (see
        # EventRow): store/column_types.id_among.
        Index("ix_posts_id_prefix", text(ID_PREFIX_SQL)),
    )

    # The rowid: posts_fts (external content) points at it.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 16 bytes (column_types.UUIDBytes), in the row and in its unique index.
    id: Mapped[str] = mapped_column(UUIDBytes)
    source: Mapped[str] = mapped_column(String)
    # An X or Mastodon id as its number's 8 bytes (column_types.SourceIdBytes), in the row
    # and in the (source, source_id) index; so are conversation_id and in_reply_to_id.
    source_id: Mapped[str] = mapped_column(SourceIdBytes)
    author_id: Mapped[str] = mapped_column(String)
    author_handle: Mapped[str] = mapped_column(String)
    author_name: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(UTCTimestamp)
    # When it reached JunDesk, as microseconds after created_at (row_mapping.py): seconds
    # or minutes after it, nearly always, in three or four bytes, not a time's eight.
    received_after: Mapped[int] = mapped_column(Integer)
    # "" for a thread's root, whose conversation is its own source id: see
    # row_mapping.conversation_to_stored. Raw SQL compares stored values.
    conversation_id: Mapped[str] = mapped_column(SourceIdBytes)
    in_reply_to_id: Mapped[str] = mapped_column(SourceIdBytes)
    media: Mapped[list[str]] = mapped_column(JSONText)
    place: Mapped[str] = mapped_column(String)
    is_own: Mapped[bool] = mapped_column(Boolean)
    raw: Mapped[str] = mapped_column(Text)
    # Sent to the town alone (Post.private); 0 for every post stored before channels had it.
    private: Mapped[bool] = mapped_column(Boolean, server_default="0")
    # The hub's sequence number of a post pulled from it; -1: the hub refused it. What this
    # desk has pushed is a cursor (push_cursor.py), not a mark here.
    hub_seq: Mapped[int | None] = mapped_column(Integer)


class CaseRow(Base):
    """The projection of a case: the fold of its events, kept for fast listing."""

    __tablename__ = "cases"
    __table_args__ = (
        # "Open cases of role X, urgent first then oldest", and the same across roles. Ties
        # are broken by the rowid, which every index ends with (not the 16-byte id).
        # The open cases alone: they grow with the work at hand, not with the town's
        # history (nine in ten cases are closed). A query uses them only when it says
        # "is_open = 1" as written here (case_filters.py); is_open, always 1 in them, is
        # the equality that lets SQLite read them in list order and count from them alone.
        Index(
            "ix_cases_role_open_rank",
            "role",
            "is_open",
            "priority_rank",
            "created_at",
            sqlite_where=text("is_open = 1"),
        ),
        Index(
            "ix_cases_open_rank",
            "is_open",
            "priority_rank",
            "created_at",
            sqlite_where=text("is_open = 1"),
        ),
        Index("ix_cases_status_rank", "status", "priority_rank", "created_at"),
        # Only assigned cases: most are nobody's, and "my cases" names someone.
        Index(
            "ix_cases_assignee_open_rank",
            "assignee",
            "is_open",
            "priority_rank",
            "created_at",
            sqlite_where=text("assignee != ''"),
        ),
        # The same over every status: lists of every case, and of the closed ones (most of
        # them), read in order with the other filters checked on the way.
        Index("ix_cases_rank", "priority_rank", "created_at"),
        # Export order and date ranges.
        Index("ix_cases_created", "created_at"),
        # What arrived while a desk was off duty.
        Index("ix_cases_arrived", "arrived_at"),
        # The open cases alone, by rowid, with what an inbox filters and sorts on: a word
        # search probes it for its matches' cases (case_filters.OPEN_SEARCH_INDEX). It
        # grows with the open cases, not with the town's history.
        Index(
            "ix_cases_open_search",
            "pk",
            "role",
            "priority_rank",
            "created_at",
            "is_open",  # always 1 here, but then the index covers the query's condition
            sqlite_where=text("is_open = 1"),
        ),
    )

    # The rowid: list order's last key, and small in every index (the id is 16 bytes).
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 16 bytes (column_types.UUIDBytes), in the row and its unique index; case_seen names
    # cases as it does. merged_into, rarely set, stays text.
    id: Mapped[str] = mapped_column(UUIDBytes, unique=True)
    role: Mapped[str] = mapped_column(String)
    # "" when priority_rank names it, as it always does for the cases JunDesk writes
    # (case_codes.priority_to_stored); raw SQL reads it through case_codes.priority_sql.
    priority: Mapped[str] = mapped_column(String)
    priority_rank: Mapped[int] = mapped_column(Integer)
    # A small number (case_codes.StatusCode): none or one byte, in the row and in
    # ix_cases_status_rank. Raw SQL names statuses through case_codes.status_sql.
    status: Mapped[Status] = mapped_column(StatusCode)
    is_open: Mapped[bool] = mapped_column(Boolean)
    assignee: Mapped[str] = mapped_column(String)
    location: Mapped[str] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(UTCTimestamp)
    updated_at: Mapped[datetime | None] = mapped_column(UTCTimestamp)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCTimestamp)
    first_reply_at: Mapped[datetime | None] = mapped_column(UTCTimestamp)
    # How long before updated_at it was resolved, in microseconds: 0, in no byte, when its
    # resolution was its last change, as it is for most of a town's cases
    # (case_codes.resolved_to_stored). Raw SQL reads the time through case_codes.resolved_sql.
    resolved_at: Mapped[int | None] = mapped_column(Integer)
    merged_into: Mapped[str] = mapped_column(String)
    notes: Mapped[int] = mapped_column(Integer)
    replies: Mapped[int] = mapped_column(Integer)
    # As thousandths, an integer of a byte or two (column_types.Thousandths).
    confidence: Mapped[float] = mapped_column(Thousandths)
    # The id of its latest event in fold order, as 16 bytes like the event's own
    # (column_types.UUIDBytes); case_seen's marks are compared with it.
    last_event_id: Mapped[str] = mapped_column(UUIDBytes)
    # When the first post was ingested (the town's clock), not when it was written.
    arrived_at: Mapped[datetime | None] = mapped_column(UTCTimestamp)


class CasePostRow(Base):
    __tablename__ = "case_posts"
    # Keyed by the case's and the post's rowids (not their 36-character ids): a link is a
    # dozen bytes, and ix_case_posts_post_pk takes a word search from posts_fts's rowids
    # to the cases' rowids without reading a row or comparing a text id.
    __table_args__ = ({"sqlite_with_rowid": False},)

    case_pk: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("cases.pk", deferrable=True, initially="DEFERRED"),
        primary_key=True,
    )
    # The post's rowid (posts.pk, which posts_fts gives back).
    post_pk: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("posts.pk", deferrable=True, initially="DEFERRED"),
        primary_key=True,
        index=True,
    )
    position: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        # A case's events, by the case's rowid (two integers an entry, not a text id): a
        # case has a handful, sorted in fold order.
        Index("ix_events_case_pk", "case_pk"),
        # Only the corrections triage learns from: a tiny index, not one over every event.
        Index(
            "ix_events_rerouted",
            "seq",
            sqlite_where=text(f"kind = {kind_sql(EventKind.REROUTED)}"),
        ),
        # Events are found by id through their ids' first bytes (column_types.ID_PREFIX):
        # a UUIDv7's millisecond and its place in it, which tell a desk's events apart,
        # in half an entry. An id's few namesakes there are told apart in the row.
        Index("ix_events_id_prefix", text(ID_PREFIX_SQL)),
    )

    # Local append order, the push order (push_cursor.py); the rowid, so no index of its own.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # 16 bytes (column_types.UUIDBytes). Unique: an event is stored once, as the unit of
    # work looks it up before storing it (projection.py); its index holds only a prefix.
    id: Mapped[str] = mapped_column(UUIDBytes)
    # Its number (event_kinds.py).
    kind: Mapped[EventKind] = mapped_column(EventKindCode)
    # JunDesk's own actors (intake, triage, ...) as one character (desk_codes.py).
    actor_desk: Mapped[str] = mapped_column(DeskCode)
    actor_person: Mapped[str] = mapped_column(String)
    at: Mapped[datetime] = mapped_column(UTCTimestamp)
    # Intake's three events a post keep their keys as numbers (payload_codes.py).
    payload: Mapped[dict[str, Any]] = mapped_column(PayloadText)
    # Where it was made: "hub" when pulled from the town's hub; NULL (no bytes in the row)
    # for the events made on this desk, almost every row.
    origin: Mapped[str | None] = mapped_column(String)
    # The hub's sequence number of an event pulled from it (or of this desk's own, pulled
    # back); -1: the hub refused it. What this desk has pushed is a cursor
    # (push_cursor.py), not a mark here.
    hub_seq: Mapped[int | None] = mapped_column(Integer)
    # The case's rowid: an event is stored after its case's row. Its case's id (which the
    # hub names cases by) is read from that row, not repeated in each event's.
    case_pk: Mapped[int] = mapped_column(
        Integer, ForeignKey("cases.pk", deferrable=True, initially="DEFERRED")
    )


class IntakeCursorRow(Base):
    __tablename__ = "intake_cursors"

    source: Mapped[str] = mapped_column(String, primary_key=True)
    key: Mapped[str] = mapped_column(String, primary_key=True)
    since_id: Mapped[str] = mapped_column(String)
    sweep_top: Mapped[str] = mapped_column(String)
    sweep_bottom: Mapped[str] = mapped_column(String)
    updated_at: Mapped[datetime] = mapped_column(UTCTimestamp)


class ReadUsageRow(Base):
    """Posts read from a source per calendar month (UTC): X bills each read."""

    __tablename__ = "read_usage"

    month: Mapped[str] = mapped_column(String, primary_key=True)  # "YYYY-MM"
    source: Mapped[str] = mapped_column(String, primary_key=True)
    reads: Mapped[int] = mapped_column(Integer)


class SyncStateRow(Base):
    """Small named values of the replication with the town's hub (cursors, last contact)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)


class HeldEventRow(Base):
    """Events pulled from the hub whose kind this version doesn't know (a newer desk made
    them): kept as received, never folded, until an upgraded JunDesk can read them."""

    __tablename__ = "sync_held_events"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    hub_seq: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    body: Mapped[dict[str, Any]] = mapped_column(JSONText)


class BlockedPostRow(Base):
    """A blocked post's original (erasure, retention, X's compliance), kept for the auditor
    until `destroy_after`, then destroyed; the post's own row holds no personal data."""

    __tablename__ = "blocked_posts"
    __table_args__ = (Index("ix_blocked_posts_destroy_after", "destroy_after"),)

    # Stored as posts.id is (UUIDBytes): the blocked posts are left out by comparing the two.
    post_id: Mapped[str] = mapped_column(UUIDBytes, primary_key=True)
    case_id: Mapped[str] = mapped_column(String)
    event_id: Mapped[str] = mapped_column(String)  # the REDACTED event that blocked it
    reason: Mapped[str] = mapped_column(String)
    author_handle: Mapped[str] = mapped_column(String)  # for access requests until destroyed
    blocked_at: Mapped[datetime] = mapped_column(UTCTimestamp)
    destroy_after: Mapped[datetime] = mapped_column(UTCTimestamp)
    # The post as it was (its row's columns), JSON; "" once destroyed.
    original: Mapped[str] = mapped_column(Text)


POSTS = cast(Table, PostRow.__table__)
CASES = cast(Table, CaseRow.__table__)
CASE_POSTS = cast(Table, CasePostRow.__table__)
EVENTS = cast(Table, EventRow.__table__)
INTAKE_CURSORS = cast(Table, IntakeCursorRow.__table__)
READ_USAGE = cast(Table, ReadUsageRow.__table__)
SYNC_STATE = cast(Table, SyncStateRow.__table__)
HELD_EVENTS = cast(Table, HeldEventRow.__table__)
BLOCKED_POSTS = cast(Table, BlockedPostRow.__table__)


# -- desk-local: what this desk's console keeps for itself (never synced to the hub) --------


class DraftRow(Base):
    """Text a person typed and has not sent yet (a reply, a note), kept across restarts."""

    __tablename__ = "drafts"

    case_id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, primary_key=True)  # "reply" | "note"
    text: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(String)  # why sending failed; "" while typing
    updated_at: Mapped[datetime] = mapped_column(UTCTimestamp)


class CaseSeenRow(Base):
    """The last event of a case this desk has looked at: anything newer is unread."""

    __tablename__ = "case_seen"

    # Stored as cases.id is, which it is joined with (count_unread).
    case_id: Mapped[str] = mapped_column(UUIDBytes, primary_key=True)
    # Stored as cases.last_event_id is, which it is compared with (column_types.id_before):
    # 16 bytes, or the text of an id that is no canonical UUID.
    last_event_id: Mapped[str] = mapped_column(UUIDBytes)
    seen_at: Mapped[datetime] = mapped_column(UTCTimestamp)


DRAFTS = cast(Table, DraftRow.__table__)
CASE_SEEN = cast(Table, CaseSeenRow.__table__)


# -- the town's record (measures.py): derived from cases and events, never synced ------------

# A case's resolution in its measures: the time it finished, unless it was rejected (a
# rejected case finishes unresolved).
RESOLVED_MEASURE = "CASE WHEN rejected = 0 THEN finished_at END"


class CaseMeasureRow(Base):
    """One case's measures, kept in step with its events: when it arrived, was first
    acknowledged, answered in public, resolved or otherwise finished (microseconds, UTC),
    and the same moments on the working clock of its role (`*_w`: working microseconds
    since the calendar's origin, so a difference is a duration in working time). Keyed
    by its case's rowid (cases.pk): the row's rowid is the case's, and a reader takes the
    case's id and status from `cases`."""

    __tablename__ = "case_measures"
    __table_args__ = (
        # Arrival ranges, and a role's cases in them: the role is read from each entry
        # (a town has a handful of roles), so no second index starts with the role.
        Index("ix_case_measures_arrived", "arrived_at", "role"),
        Index("ix_case_measures_finished", "finished_at", "arrived_at", "role"),
    )

    case_pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String)
    priority: Mapped[str] = mapped_column(String)
    is_open: Mapped[bool] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String)  # the first post's source: x, manual, ...
    desk: Mapped[str] = mapped_column(String)  # who resolved it, else who first took it
    person: Mapped[str] = mapped_column(String)
    arrived_at: Mapped[int] = mapped_column(Integer)
    acked_at: Mapped[int | None] = mapped_column(Integer)
    replied_at: Mapped[int | None] = mapped_column(Integer)
    # The time finished_at holds, unless the case was rejected: computed when read, never
    # stored (a resolved case's time is in the row once, not twice).
    resolved_at: Mapped[int | None] = mapped_column(
        Integer, Computed(RESOLVED_MEASURE, persisted=False)
    )
    finished_at: Mapped[int | None] = mapped_column(Integer)
    # 0 or 1, which SQLite stores in no byte of the row.
    rejected: Mapped[bool] = mapped_column(Boolean)
    reopens: Mapped[int] = mapped_column(Integer)
    arrived_w: Mapped[int | None] = mapped_column(Integer)
    acked_w: Mapped[int | None] = mapped_column(Integer)
    replied_w: Mapped[int | None] = mapped_column(Integer)
    resolved_w: Mapped[int | None] = mapped_column(Integer)


class MeasureDayRow(Base):
    """The measures of the cases that arrived on one UTC day (days since 1970), packed as
    columns (store/measure_days.py); `pack` is NULL while the day waits to be packed
    again (one of its cases changed), and readers then read its case_measures rows."""

    __tablename__ = "measure_days"

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(Integer)  # cases in the pack
    names: Mapped[str] = mapped_column(String)  # the pack's text columns' values, JSON
    pack: Mapped[bytes | None] = mapped_column(LargeBinary)


class WorkMarkRow(Base):
    """A point where a working calendar opens or closes: `cum` working microseconds had
    passed by `at`, and the clock runs after it when `open`."""

    __tablename__ = "work_marks"
    __table_args__ = ({"sqlite_with_rowid": False},)

    calendar: Mapped[str] = mapped_column(String, primary_key=True)  # a role, or "*"
    at: Mapped[int] = mapped_column(Integer, primary_key=True)
    cum: Mapped[int] = mapped_column(Integer)
    open: Mapped[bool] = mapped_column(Boolean)


class WorkCalendarRow(Base):
    """Which version of each working calendar the marks were made from."""

    __tablename__ = "work_calendars"

    calendar: Mapped[str] = mapped_column(String, primary_key=True)
    stamp: Mapped[str] = mapped_column(String)


CASE_MEASURES = cast(Table, CaseMeasureRow.__table__)
WORK_MARKS = cast(Table, WorkMarkRow.__table__)
WORK_CALENDARS = cast(Table, WorkCalendarRow.__table__)
