"""The `jundesk` command line: collect, classify, export, case actions, the local X server."""
