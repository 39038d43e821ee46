"""The hub's Alembic environment: PostgreSQL schema, roles and row-level security."""
