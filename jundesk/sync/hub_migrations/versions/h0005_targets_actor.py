"""The desks' own "targets" actor, which records a case's missed response target
(app/missed_targets.py), is a system actor to the hub as intake and triage are: a desk may
push its events, never with a person's name. Until now the hub refused every such event
(it named a desk other than the one pushing it), so no missed target reached the town's
record at the hub.

Revision ID: h0005
Revises: h0004
Create Date: 2026-12-07

`hub_check_event()` is made again with the longer list (jundesk.sync.wire.SYSTEM_DESKS;
a test keeps the two in step); the trigger that calls it stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from jundesk.sync.hub_schema import HubUpgradeRefused

revision: str = "h0005"
down_revision: str | None = "h0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYSTEM_DESKS = ("intake", "triage", "duty-policy", "x-account", "targets")
_BEFORE = ("intake", "triage", "duty-policy", "x-account")


def _check_event(system_desks: Sequence[str]) -> str:
    names = "ARRAY[" + ", ".join(f"'{name}'" for name in system_desks) + "]::text[]"
    return f"""
CREATE OR REPLACE FUNCTION hub_check_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    body json;
    claimed text;
    person text;
    mine text := hub_my_desk();
    skew double precision := hub_setting('max_clock_skew_seconds', 300);
BEGIN
    -- Reading a key de-escapes every string of the body, and PostgreSQL's text takes
    -- neither NUL nor a lone surrogate, which a post's text may hold: those escapes are
    -- replaced first (by another escape of the same length: the structure is unchanged).
    body := regexp_replace(
        NEW.body, '\\\\u(0000|[dD][89abAB][0-9a-fA-F]{{2}})', '\\\\ufffd', 'g')::json;
    claimed := coalesce(body ->> 'desk', '');
    person := coalesce(body ->> 'person', '');
    IF mine IS NOT NULL AND claimed IS DISTINCT FROM mine
       AND NOT (claimed = ANY ({names}) AND person = '') THEN
        RAISE EXCEPTION 'event % names desk "%", but desk "%" pushed it', NEW.id, claimed, mine
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.at > clock_timestamp() + make_interval(secs => skew) THEN
        RAISE EXCEPTION 'event % is dated %, more than % s ahead of the hub''s clock',
            NEW.id, NEW.at, skew
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
"""


def _run(script: str) -> None:
    # Straight to the driver: the body holds '%' (RAISE) that must reach the server as is.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def upgrade() -> None:
    superuser = op.get_bind().execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    )
    if not superuser.scalar():
        raise HubUpgradeRefused(
            "This hub upgrade replaces the check of pushed events, which only the server's "
            "superuser may do: run 'jundesk hub init' with the superuser's URL."
        )
    _run(_check_event(SYSTEM_DESKS))


def downgrade() -> None:
    _run(_check_event(_BEFORE))
