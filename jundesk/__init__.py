"""JunDesk: a live triage console for the public employees of a town."""

__version__ = "0.1.0"
