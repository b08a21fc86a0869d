#!/usr/bin/env bash
# Operating-system packages the test suite needs: a PostgreSQL server (tests start their own in
# a temp folder) and the libraries PySide6 loads on the offscreen platform (qt-libs.txt).
# Installed with apt-get on Debian/Ubuntu when running as root or with passwordless sudo and
# something is missing; otherwise this only says what is missing.
#
#   bash scripts/system-deps.sh --install PKG...   installs just those packages the same way
#                                                  (scripts/demo.py: the X11 libraries); exits
#                                                  1, quietly, where it cannot install
set -euo pipefail
here="$(dirname "$0")"

can_install() {  # apt-get, as root or through passwordless sudo
    command -v apt-get >/dev/null || return 1
    [ "$(id -u)" = "0" ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }
}

apt_install() {
    local run=()
    [ "$(id -u)" = "0" ] || run=(sudo -n)
    echo "installing system packages: $*" >&2
    ${run[@]+"${run[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    ${run[@]+"${run[@]}"} env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >&2
}

if [ "${1:-}" = "--install" ]; then
    shift
    can_install || exit 1
    apt_install "$@"
    exit
fi

need=()

have_pg=""
for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin /usr/local/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then have_pg="$dir"; break; fi
done
[ -n "$have_pg" ] || need+=(postgresql)

if [ "$(uname -s)" = "Linux" ]; then
    libs="$(ldconfig -p 2>/dev/null || true)"  # read once: `ldconfig | grep -q` trips pipefail
    # what PySide6's QtGui/QtWidgets and the offscreen plugin link: library, package, platform
    while read -r lib pkg platform; do
        case "$lib" in '' | '#'*) continue ;; esac
        [ "$platform" = offscreen ] || continue
        grep -qF "$lib" <<<"$libs" || need+=("$pkg")
    done <"$here/qt-libs.txt"
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
if can_install; then
    apt_install "${need[@]}"
else
    echo "warning: missing system packages: ${need[*]} (install them; PostgreSQL tests skip" \
         "without a server unless CI is set)" >&2
fi
