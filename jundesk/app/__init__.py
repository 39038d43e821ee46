"""Async services wiring intake, triage and the store; what the console and the CLI call."""
