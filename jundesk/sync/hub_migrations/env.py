"""Alembic environment of the hub: runs on the connection `hub_schema.upgrade_hub` hands over.

The hub keeps its revision in its own table (`jundesk_hub_version`), apart from anything
else the database may hold.
"""

from __future__ import annotations

from alembic import context

VERSION_TABLE = "jundesk_hub_version"


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the hub's migrations with 'jundesk hub init --url ...'")
    context.configure(
        connection=connection,
        target_metadata=None,
        version_table=VERSION_TABLE,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("the hub's migrations run online only ('jundesk hub init --url ...')")
run_migrations_online()
