#!/usr/bin/env bash
# Compile the Windows installer script with Debian's makensis against a stand-in of the
# frozen Windows folder (the real one is built on Windows: .github/workflows/windows.yml).
# It checks the script (syntax, pages, languages, every file it names), not the program.
#   packaging/windows/check_installer.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-$(mktemp -d)}
STUB=$WORK/JunDesk
mkdir -p "$STUB/_internal"
: >"$STUB/JunDesk.exe"
: >"$STUB/jundesk-cli.exe"
cp LICENSE "$STUB/_internal/LICENSE"
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' jundesk/__init__.py)
makensis -V2 -WX -DVERSION="$VERSION" -DDIST="$STUB" -DOUTFILE="$WORK/JunDesk-$VERSION-setup.exe" \
    packaging/windows/jundesk.nsi
ls -l "$WORK/JunDesk-$VERSION-setup.exe"
