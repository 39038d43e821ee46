"""Revisions of the hub's schema."""
