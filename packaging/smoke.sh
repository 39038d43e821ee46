#!/usr/bin/env bash
# Smoke tests of what ships: builds it first when dist/ doesn't hold it (packaging/build.sh),
# then checks the wheel's contents, the desktop entry and AppStream metadata, the frozen
# program (version, classify, the headless demo, the demo window offscreen routing a case),
# the .deb (dpkg -i, /opt/jundesk/jundesk, the files in their places, dpkg -r), and that the
# Windows installer script compiles (makensis, when installed). CI runs it after the tests.
#
# The .deb check installs into the system: it needs root (as CI is) and is skipped otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=${JUNDESK_DIST:-$ROOT/dist}
APP_ID=es.jun.JunDesk
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' jundesk/__init__.py)
WHEEL=$DIST/jundesk-$VERSION-py3-none-any.whl
DEB=$DIST/jundesk_${VERSION}_amd64.deb
FROZEN=$DIST/jundesk/jundesk
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -f "$WHEEL" ] || [ ! -x "$FROZEN" ] || [ ! -f "$DEB" ]; then
    echo "== building (packaging/build.sh)"
    start=$SECONDS
    packaging/build.sh || {
        echo "smoke: the build failed"
        echo "smoke: 0 passed, 1 failed"
        exit 1
    }
    echo "== built in $((SECONDS - start)) s"
fi

passed=0
failed=0
check() {
    local name=$1
    shift
    local start=$SECONDS
    if "$@" >"$TMP/out" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $name ($((SECONDS - start)) s)"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        sed 's/^/     /' "$TMP/out" | tail -40
    fi
}

wheel_has_every_resource() {
    unzip -l "$WHEEL" >"$TMP/wheel.txt" || return 1
    local missing=0
    while IFS= read -r file; do
        case $file in */__pycache__/*) continue ;; esac
        grep -qF " $file" "$TMP/wheel.txt" || { echo "missing: $file"; missing=1; }
    done < <(git ls-files jundesk/resources jundesk/store/migrations jundesk/sync/hub_migrations)
    grep -q "dist-info/licenses/LICENSE" "$TMP/wheel.txt" || { echo "no LICENSE"; missing=1; }
    return $missing
}

frozen_version() {
    "$FROZEN" --version | tee /dev/stderr | grep -qx "jundesk $VERSION"
}

frozen_classify() {
    echo '{"text": "La farola de la calle Real no se enciende"}' |
        JUNDESK_HOME=$TMP/home "$FROZEN" classify | tee /dev/stderr | grep -q '"role": "lighting"'
}

frozen_headless_demo() {
    JUNDESK_HOME=$TMP/home timeout 120 "$FROZEN" demo --headless --posts 6 --speed 20000 \
        --interval 0.2 | tee /dev/stderr | grep -q "routed as the town would"
}

demo_window() {
    # $1: the program. Offscreen, the demo window routes a case, shows it and exits 0.
    QT_QPA_PLATFORM=offscreen JUNDESK_HOME=$TMP/home-$2 timeout 180 "$1" demo \
        --quit-after 1 | tee /dev/stderr | grep -q "^jundesk demo: ok: "
}

deb_installs() {
    if [ "$(id -u)" != 0 ]; then
        echo "not root: skipped"
        return 0
    fi
    dpkg -i "$DEB" || return 1
    /opt/jundesk/jundesk --version | grep -qx "jundesk $VERSION" || return 1
    [ "$(readlink /usr/bin/jundesk)" = /opt/jundesk/jundesk ] || return 1
    for f in /usr/share/applications/$APP_ID.desktop /usr/share/metainfo/$APP_ID.metainfo.xml \
        /usr/share/icons/hicolor/48x48/apps/$APP_ID.png \
        /usr/share/icons/hicolor/scalable/apps/$APP_ID.svg; do
        [ -f "$f" ] || { echo "missing $f"; return 1; }
    done
    demo_window /usr/bin/jundesk deb || return 1
    dpkg -r jundesk || return 1
    [ ! -e /opt/jundesk/jundesk ]
}

frozen_report_png() {
    # The Records view's plots (pyqtgraph, numpy) drawn without a display, as PNG and PDF.
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM JUNDESK_HOME=$TMP/home-report \
        timeout 120 "$FROZEN" report --db "$TMP/report.db" --format png -o "$TMP/record.png" \
        || return 1
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM JUNDESK_HOME=$TMP/home-report \
        timeout 120 "$FROZEN" report --db "$TMP/report.db" --format pdf -o "$TMP/record.pdf" \
        || return 1
    head -c 8 "$TMP/record.png" | od -An -c | tr -d ' \n' | grep -q 'PNG' || return 1
    head -c 5 "$TMP/record.pdf" | grep -q '%PDF-'
}

nsis_compiles() {
    if ! command -v makensis >/dev/null; then
        echo "makensis not installed: skipped"
        return 0
    fi
    packaging/windows/check_installer.sh "$TMP/nsis"
}

# Each channel's library loads in the frozen program: a poll of a server that isn't there
# fails with the channel's own "can't reach" line, never a missing module.
frozen_channels() {
    local channel out
    for channel in mastodon bluesky telegram; do
        out=$(env -i HOME="$TMP" JUNDESK_HOME="$TMP/home-$channel" \
            JUNDESK_MASTODON_API_BASE_URL=http://127.0.0.1:9 JUNDESK_MASTODON_ACCESS_TOKEN=t \
            JUNDESK_BLUESKY_HANDLE=aytojun.bsky.social JUNDESK_BLUESKY_SERVICE=http://127.0.0.1:9 \
            JUNDESK_BLUESKY_APP_PASSWORD=p \
            JUNDESK_TELEGRAM_BOT_TOKEN=123456789:AAHmadeUpTokenForTheSmokeCheck01234 \
            JUNDESK_TELEGRAM_API_BASE=http://127.0.0.1:9 JUNDESK_TELEGRAM_LONG_POLL=0 \
            timeout 120 "$FROZEN" collect --once --channel "$channel" --db "$TMP/$channel.db" 2>&1)
        echo "$channel: $out"
        if grep -qiE "no module named|can't be loaded|traceback" <<<"$out"; then
            return 1
        fi
        [ -f "$TMP/$channel.db" ] || return 1
    done
}

sizes() {
    du -sh "$DIST/jundesk" "$DEB" "$WHEEL"
    local frozen_mb deb_mb
    frozen_mb=$(du -sm "$DIST/jundesk" | cut -f1)
    deb_mb=$(du -sm "$DEB" | cut -f1)
    [ "$frozen_mb" -le 250 ] && [ "$deb_mb" -le 120 ]
}

check "wheel carries every resource" wheel_has_every_resource
check "desktop-file-validate" desktop-file-validate "packaging/linux/$APP_ID.desktop"
check "appstreamcli validate" appstreamcli validate --no-net "packaging/linux/$APP_ID.metainfo.xml"
check "frozen --version" frozen_version
check "frozen classify" frozen_classify
check "frozen headless demo" frozen_headless_demo
check "frozen demo window routes a case" demo_window "$FROZEN" frozen
check "frozen report draws PNG and PDF off screen" frozen_report_png
check "frozen program loads each channel's library" frozen_channels
check ".deb installs and runs" deb_installs
check "Windows installer script compiles" nsis_compiles
check "sizes (onedir <= 250 MB, .deb <= 120 MB)" sizes
cat "$TMP/out"

echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
