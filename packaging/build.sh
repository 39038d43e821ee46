#!/usr/bin/env bash
# Build what ships, from a clean clone, into dist/:
#   dist/jundesk-VERSION-py3-none-any.whl and dist/jundesk-VERSION.tar.gz   (pip)
#   dist/jundesk/                          the frozen Linux program (PyInstaller, one folder)
#   dist/jundesk_VERSION_amd64.deb         that program for Debian and Ubuntu, in /opt/jundesk
#
# The frozen program is made from the wheel (installed in a build virtualenv), so it carries
# exactly what pip users get. Needs Python 3.11+ with venv, and dpkg-deb and objdump
# (binutils) on the PATH; the build virtualenv's packages come from the package index.
#
#   packaging/build.sh              everything
#   JUNDESK_DIST=/elsewhere packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=${JUNDESK_DIST:-$ROOT/dist}
WORK=${JUNDESK_BUILD:-$ROOT/build/packaging}
PYTHON=${PYTHON:-python3}
APP_ID=es.jun.JunDesk

say() { printf '\n== %s\n' "$*"; }
mkdir -p "$DIST" "$WORK"

say "build virtualenv"
if [ ! -x "$WORK/venv/bin/python" ]; then
    "$PYTHON" -m venv "$WORK/venv"
fi
VPY=$WORK/venv/bin/python
"$VPY" -m pip install -q --upgrade pip build >/dev/null

say "wheel and sdist"
VERSION=$("$VPY" -c 'import ast,sys; t=open("jundesk/__init__.py").read(); print([n.value.value for n in ast.parse(t).body if isinstance(n, ast.Assign) and n.targets[0].id == "__version__"][0])')
rm -f "$DIST"/jundesk-"$VERSION"-*.whl "$DIST"/jundesk-"$VERSION".tar.gz
"$VPY" -m build --sdist --wheel --outdir "$DIST" . >"$WORK/build.log" 2>&1 || {
    tail -30 "$WORK/build.log"
    exit 1
}
WHEEL=$DIST/jundesk-$VERSION-py3-none-any.whl
ls -l "$WHEEL" "$DIST/jundesk-$VERSION.tar.gz"

say "the wheel, with PyInstaller, in the build virtualenv"
"$VPY" -m pip install -q --force-reinstall --no-deps "$WHEEL"
"$VPY" -m pip install -q "$WHEEL[package]"

say "frozen program (PyInstaller, one folder)"
rm -rf "$DIST/jundesk"
# Run from outside the checkout, so the frozen program is made from the installed wheel.
(cd "$WORK" && "$WORK/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK/pyinstaller" "$ROOT/packaging/linux/jundesk.spec")
du -sh "$DIST/jundesk"

say ".deb"
DEB=$WORK/deb
rm -rf "$DEB"
mkdir -p "$DEB/DEBIAN" "$DEB/opt" "$DEB/usr/bin" "$DEB/usr/share/applications" \
    "$DEB/usr/share/metainfo" "$DEB/usr/share/icons/hicolor" "$DEB/usr/share/doc/jundesk"
cp -a "$DIST/jundesk" "$DEB/opt/jundesk"
ln -s /opt/jundesk/jundesk "$DEB/usr/bin/jundesk"
install -m 0644 "packaging/linux/$APP_ID.desktop" "$DEB/usr/share/applications/"
install -m 0644 "packaging/linux/$APP_ID.metainfo.xml" "$DEB/usr/share/metainfo/"
"$VPY" packaging/linux/render_icons.py "$DEB/usr/share/icons/hicolor" >/dev/null
sed "s/@VERSION@/$VERSION/" packaging/linux/copyright >"$DEB/usr/share/doc/jundesk/copyright"
chmod -R u+rwX,go+rX,go-w "$DEB"
SIZE_KB=$(du -sk --exclude=DEBIAN "$DEB" | cut -f1)
# The newest glibc symbol the frozen program needs decides the oldest system it runs on.
GLIBC=$({ find "$DEB/opt/jundesk" -type f \( -name '*.so*' -o -name jundesk \) \
    -exec objdump -T {} + 2>/dev/null || true; } | { grep -o 'GLIBC_[0-9.]*' || true; } |
    sed 's/GLIBC_//' | sort -u -V | tail -n1)
echo "needs glibc >= ${GLIBC:-2.36}"
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$SIZE_KB/" -e "s/@GLIBC@/${GLIBC:-2.36}/" packaging/linux/control \
    >"$DEB/DEBIAN/control"
DEB_FILE=$DIST/jundesk_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zxz -z6 --build "$DEB" "$DEB_FILE" >/dev/null
ls -l "$DEB_FILE"

say "done"
printf 'wheel  %s\nsdist  %s\nfrozen %s\ndeb    %s\n' "$WHEEL" "$DIST/jundesk-$VERSION.tar.gz" \
    "$DIST/jundesk" "$DEB_FILE"
