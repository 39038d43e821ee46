"""The frozen program's entry point: the same `jundesk` command as the installed one."""

import sys

from jundesk.launcher import main

if __name__ == "__main__":
    sys.exit(main())
