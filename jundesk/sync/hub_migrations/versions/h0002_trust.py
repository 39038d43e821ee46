"""The hub trusts no desk with a lever over the others.

Revision ID: h0002
Revises: h0001
Create Date: 2026-12-01

- Advisory locks are the server's alone: their functions are withdrawn from PUBLIC in the
  hub's database, so a desk's role can't take the sequence's lock by hand. The hub takes
  it in SECURITY DEFINER code, and a writer that waits for it ends the session of a holder
  whose transaction has lasted longer than `seq_hold_seconds` (a desk gone quiet in the
  middle of a push, or one holding it on purpose). `hub_end_stalled()` does the same for
  any desk session that keeps a strong lock on a hub table that long.
- The town's intake is a lease (one row) that only a front desk may take, through
  functions that check the caller. The holder renews it every second; a lease not renewed
  for `intake_lease_seconds`, or whose session is gone, is taken over, and the old
  holder's session is ended. Writing the intake cursor and the read count needs the lease
  (functions that check it), and each intake transaction locks the lease row first, so a
  collector whose lease was taken can't commit a page.
- Desks write duty, the cursor and the read count through SECURITY DEFINER functions only:
  without INSERT or UPDATE on those tables no desk can LOCK them against the others.
- Every event must name the desk that pushes it (or a system actor, with no person): the
  hub refuses others. Events dated beyond the hub's clock plus `max_clock_skew_seconds`
  are refused. Only a front desk may write posts.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from jundesk.sync.hub_schema import HubUpgradeRefused

revision: str = "h0002"
down_revision: str | None = "h0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Actors that are no desk: intake, triage and the desk's own automatic answers. A desk may
# push their events (a walk-in complaint is opened by intake and routed by triage), never
# with a person's name. (jundesk.core.model.SYSTEM_DESKS; a test keeps the two in step.)
SYSTEM_DESKS = ("intake", "triage", "duty-policy", "x-account")

SETTINGS = {
    "intake_lease_seconds": "15",
    "seq_hold_seconds": "20",
    "max_clock_skew_seconds": "300",
}

STRONG_LOCKS = "('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')"


def _system_desks() -> str:
    return "ARRAY[" + ", ".join(f"'{name}'" for name in SYSTEM_DESKS) + "]::text[]"


def _body() -> str:
    return f"""
CREATE FUNCTION hub_setting(setting text, fallback double precision)
RETURNS double precision
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT value::double precision FROM hub_info WHERE key = setting),
                    fallback)
$$;

-- Desk sessions that have been in one transaction for longer than seq_hold_seconds and
-- hold what others need: the sequence's lock, a strong table lock, or a lock someone
-- waits for. Their sessions are ended; the count is returned.
CREATE FUNCTION hub_end_stalled() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    ended integer := 0;
    victim record;
BEGIN
    FOR victim IN
        SELECT a.pid FROM pg_stat_activity a
         WHERE a.datname = current_database()
           AND a.pid <> pg_backend_pid()
           AND a.xact_start < clock_timestamp()
               - make_interval(secs => hub_setting('seq_hold_seconds', 20))
           AND a.usename IN (SELECT db_role FROM desks)
           AND (EXISTS (SELECT 1 FROM pg_locks l
                         WHERE l.pid = a.pid AND l.granted
                           AND ((l.locktype = 'advisory' AND l.classid = 4871502)
                                OR (l.locktype = 'relation' AND l.mode IN {STRONG_LOCKS})))
                OR a.pid IN (SELECT unnest(pg_blocking_pids(w.pid)) FROM pg_stat_activity w
                              WHERE w.datname = current_database()
                                AND w.wait_event_type = 'Lock'))
    LOOP
        IF pg_terminate_backend(victim.pid) THEN
            ended := ended + 1;
        END IF;
    END LOOP;
    RETURN ended;
END
$$;

-- The sequence's lock, taken once per transaction by the hub's own trigger. A desk that
-- holds it past seq_hold_seconds loses its session; the caller's lock_timeout still
-- bounds the wait.
CREATE FUNCTION hub_take_seq_lock() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    saved text := current_setting('lock_timeout');
    budget interval := current_setting('lock_timeout')::interval;
    started timestamptz := clock_timestamp();
    step interval;
BEGIN
    IF pg_try_advisory_xact_lock(4871502, 1) THEN
        RETURN;
    END IF;
    LOOP
        PERFORM hub_end_stalled();
        step := interval '1 second';
        IF budget > interval '0' THEN
            step := least(step, budget - (clock_timestamp() - started));
            IF step <= interval '0' THEN
                RAISE EXCEPTION 'the hub''s numbering stayed taken for longer than %', saved
                    USING ERRCODE = 'lock_not_available';
            END IF;
        END IF;
        BEGIN
            PERFORM set_config(
                'lock_timeout', greatest(1, (extract(epoch FROM step) * 1000)::bigint)::text,
                true);
            PERFORM pg_advisory_xact_lock(4871502, 1);
            PERFORM set_config('lock_timeout', saved, true);
            RETURN;
        EXCEPTION WHEN lock_not_available THEN
            NULL;  -- look for a stalled holder again, then wait once more
        END;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION hub_take_seq() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- One writer at a time takes numbers, until it commits: numbers become visible in
    -- order. jundesk.first_seq is set (transaction-local) once the lock is held.
    IF coalesce(current_setting('jundesk.first_seq', true), '') = '' THEN
        PERFORM hub_take_seq_lock();
    END IF;
    NEW.hub_seq := nextval('hub_seq');
    IF coalesce(current_setting('jundesk.first_seq', true), '') = '' THEN
        PERFORM set_config('jundesk.first_seq', NEW.hub_seq::text, true);
    END IF;
    NEW.pushed_by := session_user;
    NEW.pushed_at := now();
    RETURN NEW;
END
$$;

-- An event names the desk that pushes it, and is not dated in the hub's future.
CREATE FUNCTION hub_check_event() RETURNS trigger
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
       AND NOT (claimed = ANY ({_system_desks()}) AND person = '') THEN
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

-- Triggers fire in name order: the check comes before the sequence is taken.
CREATE TRIGGER events_check BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION hub_check_event();

DROP POLICY posts_write ON posts;
CREATE POLICY posts_write ON posts FOR INSERT WITH CHECK ((SELECT hub_is_front_desk()));

CREATE TABLE intake_lease (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    epoch bigint NOT NULL DEFAULT 0,
    holder text NOT NULL DEFAULT '',
    pid integer,
    renewed_at timestamptz
);
INSERT INTO intake_lease DEFAULT VALUES;

-- Whether this session holds the town's intake (it was not taken over since).
CREATE FUNCTION hub_holds_intake() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM intake_lease
                    WHERE pid = pg_backend_pid() AND holder = session_user)
$$;

-- Take the town's intake if it is free, stale, or its holder's session is gone: returns
-- the lease's epoch, or NULL while another desk holds it. Front desks only.
CREATE FUNCTION hub_intake_acquire() RETURNS bigint
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
        -- The old holder's session goes (waiting up to 5 s for it to end), and with it
        -- any page it was writing: it can't commit for the town any more.
        PERFORM pg_terminate_backend(pid, 5000) FROM pg_stat_activity
         WHERE pid = lease.pid AND usename = lease.holder;
    END IF;
    UPDATE intake_lease
       SET epoch = epoch + 1, holder = session_user, pid = pg_backend_pid(),
           renewed_at = clock_timestamp()
     WHERE epoch = lease.epoch
    RETURNING epoch INTO taken;
    RETURN taken;  -- NULL when another standby was faster
END
$$;

-- Renew the lease (the heartbeat, and the start of every intake transaction, where the
-- row stays locked until commit so nobody takes over mid-page). False: it was taken over.
CREATE FUNCTION hub_intake_renew(lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET renewed_at = clock_timestamp()
     WHERE epoch = lease_epoch AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;

CREATE FUNCTION hub_intake_release(lease_epoch bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intake_lease SET pid = NULL, renewed_at = NULL
     WHERE epoch = lease_epoch AND pid = pg_backend_pid() AND holder = session_user;
    RETURN FOUND;
END
$$;

-- Who collects for the town now (for status lines): desk name and last renewal.
CREATE FUNCTION hub_intake_holder(OUT desk text, OUT renewed_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT d.name, l.renewed_at FROM intake_lease l JOIN desks d ON d.db_role = l.holder
     WHERE l.pid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = l.pid)
$$;

-- Desks write duty, the intake cursor and the read count only through these functions:
-- with no INSERT or UPDATE on those tables, no desk can lock them against the others.
CREATE FUNCTION hub_publish_duty(now_on_duty boolean, who text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    mine text := hub_my_desk();
BEGIN
    IF mine IS NULL THEN
        RAISE EXCEPTION 'this role is no active desk of the hub'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO duty AS d (desk, on_duty, person, changed_at, seen_at)
    VALUES (mine, now_on_duty, who, now(), now())
    ON CONFLICT (desk) DO UPDATE SET on_duty = excluded.on_duty,
        person = excluded.person, seen_at = excluded.seen_at,
        changed_at = CASE WHEN d.on_duty = excluded.on_duty
                          THEN d.changed_at ELSE excluded.changed_at END;
END
$$;

CREATE FUNCTION hub_duty_seen() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE duty SET seen_at = now() WHERE desk = hub_my_desk()
$$;

CREATE FUNCTION hub_check_intake_holder() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (hub_is_front_desk() AND hub_holds_intake()) THEN
        RAISE EXCEPTION 'this session does not hold the town''s intake'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE FUNCTION hub_save_cursor(
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

CREATE FUNCTION hub_add_reads(usage_month text, usage_source text, n bigint) RETURNS void
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
"""


# Withdrawn from PUBLIC: every advisory lock function of the hub's database.
ADVISORY = """
DO $do$
DECLARE f record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
              WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND p.proname LIKE 'pg%advisory%'
    LOOP
        EXECUTE format('{verb} EXECUTE ON FUNCTION %s {prep} PUBLIC', f.sig);
    END LOOP;
END
$do$;
"""

DESK_CALLS = (
    "hub_intake_holder(), hub_intake_release(bigint), hub_intake_renew(bigint), "
    "hub_intake_acquire(), hub_end_stalled(), hub_publish_duty(boolean, text), "
    "hub_duty_seen(), hub_save_cursor(text, text, text, text, text), "
    "hub_add_reads(text, text, bigint)"
)
ROUTINES = (
    f"{DESK_CALLS}, hub_check_intake_holder(), hub_holds_intake(), hub_check_event(), "
    "hub_take_seq_lock(), hub_setting(text, double precision)"
)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(script: str) -> None:
    # Straight to the driver with no parameters: the bodies hold '%' (RAISE, LIKE) that
    # must reach the server unchanged.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def upgrade() -> None:
    bind = op.get_bind()
    superuser = bind.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
    if not superuser.scalar():
        raise HubUpgradeRefused(
            "This hub upgrade withdraws the advisory lock functions from the desks' roles, "
            "which only the server's superuser may do: run 'jundesk hub init' with the "
            "superuser's URL (e.g. postgresql://postgres@HOST/DATABASE)."
        )
    database = str(bind.execute(text("SELECT current_database()")).scalar_one())
    group = f"{database}_desks"
    _run(
        "INSERT INTO hub_info (key, value) VALUES "
        + ", ".join(f"('{k}', '{v}')" for k, v in SETTINGS.items())
        + " ON CONFLICT (key) DO NOTHING;"
    )
    _run(_body())
    _run(ADVISORY.format(verb="REVOKE", prep="FROM"))
    # The hub's functions are called by the desks' group only (and the hub's triggers).
    _run(f"REVOKE EXECUTE ON FUNCTION {ROUTINES} FROM PUBLIC;")
    _run(f"GRANT EXECUTE ON FUNCTION {DESK_CALLS} TO {_quoted(group)};")
    _run(f"REVOKE INSERT, UPDATE ON duty, intake_cursors, read_usage FROM {_quoted(group)};")


def downgrade() -> None:
    bind = op.get_bind()
    database = str(bind.execute(text("SELECT current_database()")).scalar_one())
    group = _quoted(f"{database}_desks")
    _run(ADVISORY.format(verb="GRANT", prep="TO"))
    _run(
        f"GRANT INSERT, UPDATE ON duty, intake_cursors, read_usage TO {group};"
        "DROP POLICY posts_write ON posts;"
        "CREATE POLICY posts_write ON posts FOR INSERT WITH CHECK ((SELECT hub_is_front_desk()) "
        "OR (case_id IS NOT NULL AND hub_may_write(case_id)));"
        "DROP TRIGGER events_check ON events;"
        "CREATE OR REPLACE FUNCTION hub_take_seq() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        "PERFORM pg_advisory_xact_lock(4871502, 1); NEW.hub_seq := nextval('hub_seq'); "
        "IF coalesce(current_setting('jundesk.first_seq', true), '') = '' THEN "
        "PERFORM set_config('jundesk.first_seq', NEW.hub_seq::text, true); END IF; "
        "NEW.pushed_by := session_user; NEW.pushed_at := now(); RETURN NEW; END $$;"
        f"DROP FUNCTION {ROUTINES};"
        "DROP TABLE intake_lease;"
        "DELETE FROM hub_info WHERE key IN (" + ", ".join(f"'{k}'" for k in SETTINGS) + ");"
    )
