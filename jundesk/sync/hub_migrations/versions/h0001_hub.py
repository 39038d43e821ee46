"""The town's hub: posts and events under one sequence, cases' roles for row-level
security, desks and their duty, and the town's intake cursor.

Revision ID: h0001
Revises:
Create Date: 2026-11-25

How the hub sequence stays safe to pull from: every insert into events or posts takes
its number in a BEFORE trigger while holding a transaction-level advisory lock, so the
writer that took number n has committed (or rolled back) before any other writer can
take n+1. A reader that has seen n therefore never misses a smaller number committing
later. Desks read through row-level security as non-owner roles (members of the group
role "<database>_desks"); the triggers run as the owner.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "h0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The advisory lock keys ("JUN", n); n = 1 is the sequence (2 is the collector's lock).
SEQ_LOCK = "4871502, 1"

TABLES = """
CREATE TABLE hub_info (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO hub_info (key, value) VALUES ('hub_id', gen_random_uuid()::text);

CREATE TABLE desks (
    name text COLLATE "C" PRIMARY KEY,
    db_role text NOT NULL UNIQUE,
    roles text[] NOT NULL DEFAULT '{}',
    front_desk boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE hub_seq AS bigint;

-- What the hub must know of a case to decide who sees it: its role now (the fold's: the
-- last routing event by (time, id)), every role it has had, and where it was merged.
CREATE TABLE cases (
    id text COLLATE "C" PRIMARY KEY,
    role text NOT NULL DEFAULT 'unrouted',
    role_at timestamptz,
    role_event text COLLATE "C",
    roles_held text[] NOT NULL DEFAULT '{}',
    merged_into text COLLATE "C" NOT NULL DEFAULT '',
    merged_at timestamptz,
    merged_event text COLLATE "C"
);
CREATE INDEX ix_cases_role ON cases (role);
CREATE INDEX ix_cases_roles_held ON cases USING gin (roles_held);

-- Bodies are JSON kept as text: text takes any character a post can hold (jsonb refuses
-- \\u0000), and the hub never looks inside a post.
CREATE TABLE events (
    hub_seq bigint NOT NULL,
    id text COLLATE "C" PRIMARY KEY,
    case_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL,
    body text NOT NULL,
    pushed_by text NOT NULL DEFAULT '',
    pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_events_hub_seq ON events (hub_seq);
CREATE INDEX ix_events_case ON events (case_id);

CREATE TABLE posts (
    hub_seq bigint NOT NULL,
    id text COLLATE "C" PRIMARY KEY,
    source text NOT NULL,
    source_id text NOT NULL,
    case_id text COLLATE "C",
    conversation_id text NOT NULL DEFAULT '',
    author_id text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    body text NOT NULL,
    pushed_by text NOT NULL DEFAULT '',
    pushed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_posts_source_source_id UNIQUE (source, source_id)
);
CREATE UNIQUE INDEX ux_posts_hub_seq ON posts (hub_seq);
CREATE INDEX ix_posts_case ON posts (case_id);
CREATE INDEX ix_posts_conversation ON posts (source, conversation_id, created_at);

-- The town's intake: one cursor and one read count for the whole town, whichever desk
-- collects, so a collector taking over goes on where the last one stopped.
CREATE TABLE intake_cursors (
    source text NOT NULL,
    key text NOT NULL,
    since_id text NOT NULL DEFAULT '',
    sweep_top text NOT NULL DEFAULT '',
    sweep_bottom text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, key)
);
CREATE TABLE read_usage (
    month text NOT NULL,
    source text NOT NULL,
    reads bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (month, source)
);

CREATE TABLE duty (
    desk text COLLATE "C" PRIMARY KEY REFERENCES desks (name) ON DELETE CASCADE,
    on_duty boolean NOT NULL,
    person text NOT NULL DEFAULT '',
    changed_at timestamptz NOT NULL DEFAULT now(),
    seen_at timestamptz NOT NULL DEFAULT now()
);
"""

FUNCTIONS = f"""
CREATE FUNCTION hub_my_desk() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT name FROM desks WHERE db_role = session_user AND active
$$;

CREATE FUNCTION hub_my_roles() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT roles FROM desks WHERE db_role = session_user AND active), '{{}}')
$$;

CREATE FUNCTION hub_is_front_desk() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(
        (SELECT front_desk FROM desks WHERE db_role = session_user AND active), false)
$$;

-- The cases any of my roles has ever held: their routing events stay visible to me, so a
-- desk learns where a case it had went (and drops it from its inbox).
CREATE FUNCTION hub_cases_held_by_me() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM cases WHERE roles_held && hub_my_roles()
$$;

-- Who may add to a case: the front desk; anyone for a case the hub doesn't know yet (it
-- is being opened); otherwise a desk whose roles hold or held it (events made offline
-- before someone rerouted the case must still get in).
CREATE FUNCTION hub_may_write(target text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hub_is_front_desk()
        OR NOT EXISTS (SELECT 1 FROM cases WHERE id = target)
        OR EXISTS (
            SELECT 1 FROM cases
            WHERE id = target
              AND (role = ANY (hub_my_roles()) OR roles_held && hub_my_roles()))
$$;

-- The highest number committed in the reader's snapshot, whatever it may see: every
-- smaller number is committed too (see the sequence lock), so a reader that saw nothing
-- up to here may move its cursor here.
CREATE FUNCTION hub_horizon() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT greatest(
        coalesce((SELECT max(hub_seq) FROM events), 0),
        coalesce((SELECT max(hub_seq) FROM posts), 0))
$$;

CREATE FUNCTION hub_take_seq() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- One writer at a time takes numbers, until it commits: numbers become visible in
    -- order. Taking the lock again in the same transaction is free.
    PERFORM pg_advisory_xact_lock({SEQ_LOCK});
    NEW.hub_seq := nextval('hub_seq');
    IF coalesce(current_setting('jundesk.first_seq', true), '') = '' THEN
        PERFORM set_config('jundesk.first_seq', NEW.hub_seq::text, true);
    END IF;
    NEW.pushed_by := session_user;
    NEW.pushed_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION hub_track_case() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    payload json;
    new_role text;
    old_role text;
    target text;
    first_seq bigint;
BEGIN
    INSERT INTO cases (id) VALUES (NEW.case_id) ON CONFLICT (id) DO NOTHING;
    IF NEW.kind IN ('routed', 'rerouted') THEN
        payload := (NEW.body::json) -> 'payload';
        IF json_typeof(payload -> 'role') = 'string' AND (payload ->> 'role') <> '' THEN
            new_role := payload ->> 'role';
            SELECT role INTO old_role FROM cases WHERE id = NEW.case_id FOR UPDATE;
            UPDATE cases SET roles_held = roles_held || new_role
             WHERE id = NEW.case_id AND NOT (new_role = ANY (roles_held));
            UPDATE cases SET role = new_role, role_at = NEW.at, role_event = NEW.id
             WHERE id = NEW.case_id
               AND (role_event IS NULL OR (NEW.at, NEW.id) > (role_at, role_event));
            IF FOUND AND new_role IS DISTINCT FROM old_role THEN
                -- Desks of the new role may have passed the case's earlier rows (they
                -- couldn't see them): number them again, after this one, so they pull
                -- them. Rows of this transaction are not visible yet and keep theirs.
                first_seq := nullif(current_setting('jundesk.first_seq', true), '')::bigint;
                UPDATE events SET hub_seq = nextval('hub_seq')
                 WHERE case_id = NEW.case_id AND hub_seq < first_seq;
                UPDATE posts SET hub_seq = nextval('hub_seq')
                 WHERE case_id = NEW.case_id AND hub_seq < first_seq;
            END IF;
        END IF;
    ELSIF NEW.kind = 'merged' THEN
        payload := (NEW.body::json) -> 'payload';
        target := payload ->> 'into';
        IF json_typeof(payload -> 'into') = 'string' AND target <> ''
           AND target <> NEW.case_id THEN
            -- The fold keeps the first merge (by time, id); so does the hub.
            UPDATE cases SET merged_into = target, merged_at = NEW.at, merged_event = NEW.id
             WHERE id = NEW.case_id
               AND (merged_event IS NULL OR (NEW.at, NEW.id) < (merged_at, merged_event));
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hub_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;

CREATE TRIGGER events_take_seq BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION hub_take_seq();
CREATE TRIGGER posts_take_seq BEFORE INSERT ON posts
    FOR EACH ROW EXECUTE FUNCTION hub_take_seq();
CREATE TRIGGER events_track_case AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION hub_track_case();
CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION hub_notify('jundesk_hub');
CREATE TRIGGER posts_notify AFTER INSERT ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION hub_notify('jundesk_hub');
CREATE TRIGGER duty_notify_insert AFTER INSERT ON duty
    FOR EACH ROW EXECUTE FUNCTION hub_notify('jundesk_duty');
CREATE TRIGGER duty_notify_update AFTER UPDATE ON duty
    FOR EACH ROW
    WHEN (OLD.on_duty IS DISTINCT FROM NEW.on_duty OR OLD.person IS DISTINCT FROM NEW.person)
    EXECUTE FUNCTION hub_notify('jundesk_duty');
"""

# Row-level security: desks are not the tables' owner, so the policies bind them. The
# (SELECT f()) form evaluates the desk's roles once per query, not once per row.
POLICIES = """
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_read ON cases FOR SELECT
    USING ((SELECT hub_is_front_desk()) OR role = ANY ((SELECT hub_my_roles())::text[]));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT
    USING (
        (SELECT hub_is_front_desk())
        OR case_id IN (SELECT id FROM cases)
        OR (kind IN ('routed', 'rerouted') AND case_id IN (SELECT hub_cases_held_by_me())));
CREATE POLICY events_write ON events FOR INSERT
    WITH CHECK (hub_may_write(case_id));

ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_read ON posts FOR SELECT
    USING ((SELECT hub_is_front_desk()) OR case_id IN (SELECT id FROM cases));
CREATE POLICY posts_write ON posts FOR INSERT
    WITH CHECK ((SELECT hub_is_front_desk()) OR (case_id IS NOT NULL AND hub_may_write(case_id)));

ALTER TABLE duty ENABLE ROW LEVEL SECURITY;
CREATE POLICY duty_read ON duty FOR SELECT USING (true);
CREATE POLICY duty_insert ON duty FOR INSERT WITH CHECK (desk = hub_my_desk());
CREATE POLICY duty_update ON duty FOR UPDATE
    USING (desk = hub_my_desk()) WITH CHECK (desk = hub_my_desk());

ALTER TABLE intake_cursors ENABLE ROW LEVEL SECURITY;
CREATE POLICY intake_cursors_front ON intake_cursors
    USING ((SELECT hub_is_front_desk())) WITH CHECK ((SELECT hub_is_front_desk()));

ALTER TABLE read_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_usage_front ON read_usage
    USING ((SELECT hub_is_front_desk())) WITH CHECK ((SELECT hub_is_front_desk()));
"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(script: str) -> None:
    # exec_driver_sql: the bodies hold ':' and '%' that must reach the server unchanged.
    op.get_bind().exec_driver_sql(script)


def upgrade() -> None:
    bind = op.get_bind()
    database = str(bind.execute(text("SELECT current_database()")).scalar_one())
    group = _quoted(f"{database}_desks")
    _run(TABLES)
    _run(FUNCTIONS)
    _run(POLICIES)
    _run(
        "DO $do$ BEGIN "
        f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(database)} "
        "|| '_desks') THEN "
        f"CREATE ROLE {group} NOLOGIN; "
        "END IF; END $do$"
    )
    _run(
        f"GRANT CONNECT ON DATABASE {_quoted(database)} TO {group};"
        f"GRANT USAGE ON SCHEMA public TO {group};"
        f"GRANT SELECT ON hub_info, desks, cases TO {group};"
        f"GRANT SELECT, INSERT ON events, posts TO {group};"
        f"GRANT SELECT, INSERT, UPDATE ON duty, intake_cursors, read_usage TO {group};"
    )


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def downgrade() -> None:
    bind = op.get_bind()
    database = str(bind.execute(text("SELECT current_database()")).scalar_one())
    group = _quoted(f"{database}_desks")
    _run(
        f"REVOKE ALL ON hub_info, desks, cases, events, posts, duty, intake_cursors, "
        f"read_usage FROM {group};"
        f"REVOKE USAGE ON SCHEMA public FROM {group};"
        f"REVOKE CONNECT ON DATABASE {_quoted(database)} FROM {group};"
        "DROP TABLE duty, read_usage, intake_cursors, posts, events, cases, desks, hub_info;"
        "DROP SEQUENCE hub_seq;"
        "DROP FUNCTION hub_notify(), hub_track_case(), hub_take_seq(), hub_horizon(), "
        "hub_may_write(text), hub_cases_held_by_me(), hub_is_front_desk(), hub_my_roles(), "
        "hub_my_desk();"
    )
