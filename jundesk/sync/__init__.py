"""Replication between desks through the PostgreSQL hub."""
