"""Blocking reaches the hub's copy: a 'redacted' event blanks the posts it names.

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-01

Only a front desk may push a 'redacted' event (erasure, retention, X's compliance): a
desk of another role could otherwise wipe the town's posts. When one is stored, the posts
its payload names lose their text, media, place, raw payload and author on the hub too,
so a desk that pulls them later never holds the originals. Each desk blocks its own copy
when it stores the event (jundesk.store.redaction).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "h0003"
down_revision: str | None = "h0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The post body's fields that hold personal data (jundesk.store.redaction.BLANK_POST).
BLANK = (
    '{"author_id": "", "author_handle": "", "author_name": "", "text": "", '
    '"media": [], "place": "", "raw": ""}'
)

BODY = f"""
CREATE FUNCTION hub_redact_posts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    body json;
    named text[];
BEGIN
    IF hub_my_desk() IS NOT NULL AND NOT hub_is_front_desk() THEN
        RAISE EXCEPTION 'only a front desk may block posts (event %)', NEW.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- NUL and lone surrogates can't be read as text (see hub_check_event).
    body := regexp_replace(
        NEW.body, '\\\\u(0000|[dD][89abAB][0-9a-fA-F]{{2}})', '\\\\ufffd', 'g')::json;
    SELECT array_agg(value) INTO named
      FROM json_array_elements_text(
          CASE WHEN json_typeof(body -> 'payload' -> 'post_ids') = 'array'
               THEN body -> 'payload' -> 'post_ids' ELSE '[]'::json END);
    IF named IS NULL THEN
        RETURN NEW;
    END IF;
    UPDATE posts
       SET author_id = '',
           body = (regexp_replace(
                       posts.body, '\\\\u(0000|[dD][89abAB][0-9a-fA-F]{{2}})', '\\\\ufffd', 'g'
                   )::jsonb || '{BLANK}'::jsonb)::text
     WHERE id = ANY (named);
    RETURN NEW;
END
$$;
REVOKE EXECUTE ON FUNCTION hub_redact_posts() FROM PUBLIC;

CREATE TRIGGER events_redact AFTER INSERT ON events
    FOR EACH ROW WHEN (NEW.kind = 'redacted') EXECUTE FUNCTION hub_redact_posts();
"""


def _run(script: str) -> None:
    # Straight to the driver: the body holds '%' that must reach the server unchanged.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def upgrade() -> None:
    _run(BODY)


def downgrade() -> None:
    _run("DROP TRIGGER events_redact ON events; DROP FUNCTION hub_redact_posts();")
