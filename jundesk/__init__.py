"""JunDesk: a live triage console for the public employees of a town."""

__version__ = "0.1.0"
# The desktop's name for JunDesk: its .desktop entry, AppStream id and icon (packaging/linux).
APP_ID = "es.jun.JunDesk"
