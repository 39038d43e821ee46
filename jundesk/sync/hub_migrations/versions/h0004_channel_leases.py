"""One intake lease per channel: the town's X, Mastodon, Bluesky and Telegram are each read by
exactly one desk at a time, and not necessarily the same one.

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-07

The lease row of h0002 becomes X's (`channel = 'x'`); another channel's row is made the
first time a front desk asks for it. Each function of the lease takes the channel
(`hub_intake_acquire('telegram')`...), with the rules of h0002 per row: front desks only,
taken over when not renewed for `intake_lease_seconds` or when its session is gone (that
session is ended). Saving a channel's cursor or read count needs that channel's lease. The
functions without a channel stay, for X, so a desk of the version before still collects X.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from jundesk.sync.hub_schema import HubUpgradeRefused

revision: str = "h0004"
down_revision: str | None = "h0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UP = """
ALTER TABLE intake_lease ADD COLUMN channel text NOT NULL DEFAULT 'x';
ALTER TABLE intake_lease DROP COLUMN id;
ALTER TABLE intake_lease ALTER COLUMN channel DROP DEFAULT;
ALTER TABLE intake_lease ADD CONSTRAINT intake_lease_pkey PRIMARY KEY (channel);
-- A channel's name as JunDesk writes them: a few lowercase letters.
ALTER TABLE intake_lease ADD CONSTRAINT intake_lease_channel
    CHECK (channel ~ '^[a-z][a-z0-9_]{0,31}$');

CREATE FUNCTION hub_holds_intake(lease_channel text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM intake_lease
                    WHERE channel = lease_channel
                      AND pid = pg_backend_pid() AND holder = session_user)
$$;

CREATE FUNCTION hub_intake_acquire(lease_channel text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    lease intake_lease%ROWTYPE;
    taken bigint;
BEGIN
    IF NOT hub_is_front_desk() THEN
        RAISE EXCEPTION 'only a front desk may collect for the town'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF lease_channel IS NULL OR lease_channel !~ '^[a-z][a-z0-9_]{0,31}$' THEN
        RAISE EXCEPTION 'no such channel: %', lease_channel USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO intake_lease (channel) VALUES (lease_channel) ON CONFLICT (channel) DO NOTHING;
    SELECT * INTO lease FROM intake_lease WHERE channel = lease_channel;
    IF lease.pid = pg_backend_pid() AND lease.holder = session_user THEN
        UPDATE intake_lease SET renewed_at = clock_timestamp()
         WHERE channel = lease_channel RETURNING epoch INTO taken;
        RETURN taken;
    END IF;
    IF lease.pid IS NOT NULL
       AND lease.renewed_at >= clock_timestamp()
           - make_interval(secs => hub_setting('intake_lease_seconds', 15))
       AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = lease.pid) THEN
        RETURN NULL;
    END IF;
    IF lease.pid IS NOT NULL THEN
        -- The old holder's session goes (waiting up to 5 s for it to end), and with it any
        -- page it was writing: it can't commit for the town any more. A desk reads each
        -- channel on a session of its own, so its other channels go on.
        PERFORM pg_terminate_backend(pid, 5000) FROM pg_stat_activity
         WHERE pid = lease.pid AND usename = lease.holder;
    END IF;
    UPDATE intake_lease
       SET epoch = epoch + 1, holder = session_user, pid = pg_backend_pid(),
           renewed_at = clock_timestamp()
     WHERE channel = lease_channel AND epoch = lease.epoch
    RETURNING epoch INTO taken;
    RETURN taken;  -- NULL when another standby was faster
END
$$;

CREATE FUNCTION hub_intake_renew(lease_channel text, lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET renewed_at = clock_timestamp()
     WHERE channel = lease_channel AND epoch = lease_epoch
       AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;

CREATE FUNCTION hub_intake_release(lease_channel text, lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET pid = NULL, renewed_at = NULL
     WHERE channel = lease_channel AND epoch = lease_epoch
       AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;

-- Who collects each channel for the town now (status lines).
CREATE FUNCTION hub_intake_holders(OUT channel text, OUT desk text, OUT renewed_at timestamptz)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT l.channel, d.name, l.renewed_at FROM intake_lease l
      JOIN desks d ON d.db_role = l.holder
     WHERE l.pid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = l.pid)
     ORDER BY l.channel
$$;

CREATE FUNCTION hub_check_intake_holder(lease_channel text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (hub_is_front_desk() AND hub_holds_intake(lease_channel)) THEN
        RAISE EXCEPTION 'this session does not hold the town''s intake of %', lease_channel
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

-- A channel's cursor and its read count need that channel's lease.
CREATE OR REPLACE FUNCTION hub_save_cursor(
    cursor_source text, cursor_key text, since text, top text, bottom text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hub_check_intake_holder(cursor_source);
    INSERT INTO intake_cursors (source, key, since_id, sweep_top, sweep_bottom, updated_at)
    VALUES (cursor_source, cursor_key, since, top, bottom, now())
    ON CONFLICT (source, key) DO UPDATE SET since_id = excluded.since_id,
        sweep_top = excluded.sweep_top, sweep_bottom = excluded.sweep_bottom,
        updated_at = excluded.updated_at;
END
$$;

CREATE OR REPLACE FUNCTION hub_add_reads(usage_month text, usage_source text, n bigint)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hub_check_intake_holder(usage_source);
    IF n < 0 THEN
        RAISE EXCEPTION 'reads can''t be negative' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO read_usage AS r (month, source, reads) VALUES (usage_month, usage_source, n)
    ON CONFLICT (month, source) DO UPDATE SET reads = r.reads + excluded.reads;
END
$$;

-- The functions of h0002, for X: what a desk of the version before calls.
CREATE OR REPLACE FUNCTION hub_holds_intake() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_holds_intake('x')
$$;
CREATE OR REPLACE FUNCTION hub_intake_acquire() RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_intake_acquire('x')
$$;
CREATE OR REPLACE FUNCTION hub_intake_renew(lease_epoch bigint) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_intake_renew('x', lease_epoch)
$$;
CREATE OR REPLACE FUNCTION hub_intake_release(lease_epoch bigint) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_intake_release('x', lease_epoch)
$$;
CREATE OR REPLACE FUNCTION hub_check_intake_holder() RETURNS void
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_check_intake_holder('x')
$$;
CREATE OR REPLACE FUNCTION hub_intake_holder(OUT desk text, OUT renewed_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT h.desk, h.renewed_at FROM hub_intake_holders() h WHERE h.channel = 'x'
$$;
"""

DESK_CALLS = (
    "hub_intake_acquire(text), hub_intake_renew(text, bigint), "
    "hub_intake_release(text, bigint), hub_intake_holders()"
)
ROUTINES = f"{DESK_CALLS}, hub_holds_intake(text), hub_check_intake_holder(text)"

# h0002's functions as they were (one lease, the town's X).
DOWN = """
DELETE FROM intake_lease WHERE channel <> 'x';
ALTER TABLE intake_lease DROP CONSTRAINT intake_lease_channel;
ALTER TABLE intake_lease DROP CONSTRAINT intake_lease_pkey;
ALTER TABLE intake_lease ADD COLUMN id boolean NOT NULL DEFAULT true CHECK (id);
ALTER TABLE intake_lease ADD CONSTRAINT intake_lease_pkey PRIMARY KEY (id);
ALTER TABLE intake_lease DROP COLUMN channel;

CREATE OR REPLACE FUNCTION hub_holds_intake() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM intake_lease
                    WHERE pid = pg_backend_pid() AND holder = session_user)
$$;
CREATE OR REPLACE FUNCTION hub_intake_acquire() RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    lease intake_lease%ROWTYPE;
    taken bigint;
BEGIN
    IF NOT hub_is_front_desk() THEN
        RAISE EXCEPTION 'only a front desk may collect for the town'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO lease FROM intake_lease;
    IF lease.pid = pg_backend_pid() AND lease.holder = session_user THEN
        UPDATE intake_lease SET renewed_at = clock_timestamp() RETURNING epoch INTO taken;
        RETURN taken;
    END IF;
    IF lease.pid IS NOT NULL
       AND lease.renewed_at >= clock_timestamp()
           - make_interval(secs => hub_setting('intake_lease_seconds', 15))
       AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = lease.pid) THEN
        RETURN NULL;
    END IF;
    IF lease.pid IS NOT NULL THEN
        PERFORM pg_terminate_backend(pid, 5000) FROM pg_stat_activity
         WHERE pid = lease.pid AND usename = lease.holder;
    END IF;
    UPDATE intake_lease
       SET epoch = epoch + 1, holder = session_user, pid = pg_backend_pid(),
           renewed_at = clock_timestamp()
     WHERE epoch = lease.epoch
    RETURNING epoch INTO taken;
    RETURN taken;
END
$$;
CREATE OR REPLACE FUNCTION hub_intake_renew(lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET renewed_at = clock_timestamp()
     WHERE epoch = lease_epoch AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;
CREATE OR REPLACE FUNCTION hub_intake_release(lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET pid = NULL, renewed_at = NULL
     WHERE epoch = lease_epoch AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;
CREATE OR REPLACE FUNCTION hub_check_intake_holder() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (hub_is_front_desk() AND hub_holds_intake()) THEN
        RAISE EXCEPTION 'this session does not hold the town''s intake'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;
CREATE OR REPLACE FUNCTION hub_save_cursor(
    cursor_source text, cursor_key text, since text, top text, bottom text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hub_check_intake_holder();
    INSERT INTO intake_cursors (source, key, since_id, sweep_top, sweep_bottom, updated_at)
    VALUES (cursor_source, cursor_key, since, top, bottom, now())
    ON CONFLICT (source, key) DO UPDATE SET since_id = excluded.since_id,
        sweep_top = excluded.sweep_top, sweep_bottom = excluded.sweep_bottom,
        updated_at = excluded.updated_at;
END
$$;
CREATE OR REPLACE FUNCTION hub_add_reads(usage_month text, usage_source text, n bigint)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hub_check_intake_holder();
    IF n < 0 THEN
        RAISE EXCEPTION 'reads can''t be negative' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO read_usage AS r (month, source, reads) VALUES (usage_month, usage_source, n)
    ON CONFLICT (month, source) DO UPDATE SET reads = r.reads + excluded.reads;
END
$$;
CREATE OR REPLACE FUNCTION hub_intake_holder(OUT desk text, OUT renewed_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT d.name, l.renewed_at FROM intake_lease l JOIN desks d ON d.db_role = l.holder
     WHERE l.pid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = l.pid)
$$;
"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(script: str) -> None:
    # Straight to the driver: the bodies hold '%' (RAISE) that must reach the server as is.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def _group() -> str:
    database = str(op.get_bind().execute(text("SELECT current_database()")).scalar_one())
    return _quoted(f"{database}_desks")


def upgrade() -> None:
    superuser = op.get_bind().execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    )
    if not superuser.scalar():
        raise HubUpgradeRefused(
            "This hub upgrade replaces the intake lease's functions, which only the server's "
            "superuser may do: run 'jundesk hub init' with the superuser's URL."
        )
    _run(UP)
    _run(f"REVOKE EXECUTE ON FUNCTION {ROUTINES} FROM PUBLIC;")
    _run(f"GRANT EXECUTE ON FUNCTION {DESK_CALLS} TO {_group()};")


def downgrade() -> None:
    _run(f"DROP FUNCTION {ROUTINES};")
    _run(DOWN)
