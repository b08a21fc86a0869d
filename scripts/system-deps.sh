#!/usr/bin/env bash
# Operating-system packages the test suite needs: a PostgreSQL server (tests start their own in
# a temp folder) and the libraries PySide6 loads on the offscreen platform. Installed with
# apt-get when running as root on Debian/Ubuntu and something is missing; otherwise this only
# says what is missing.
set -euo pipefail

need=()

have_pg=""
for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin /usr/local/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then have_pg="$dir"; break; fi
done
[ -n "$have_pg" ] || need+=(postgresql)

if [ "$(uname -s)" = "Linux" ]; then
    libs="$(ldconfig -p 2>/dev/null || true)"  # read once: `ldconfig | grep -q` trips pipefail
    # library file -> Debian package (what PySide6's QtGui/QtWidgets and the offscreen plugin link)
    for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 \
                libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 \
                libglib-2.0.so.0:libglib2.0-0; do
        lib="${pair%%:*}"; pkg="${pair##*:}"
        grep -qF "$lib" <<<"$libs" || need+=("$pkg")
    done
    # Without any font, Qt renders no text in screenshots and warns on every test.
    if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 \
        && ! (command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null || true)" ]); then
        need+=(fonts-dejavu-core)
    fi
fi
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
else
    echo "warning: missing system packages: ${need[*]} (install them; PostgreSQL tests skip" \
         "without a server unless CI is set)" >&2
fi
