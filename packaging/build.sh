#!/usr/bin/env bash
# Build the one-folder app bundle for this platform into dist/econdesk/ (Linux, Windows under
# Git Bash, macOS). On Linux the bundle also carries its desktop entry, AppStream metadata and
# hicolor icons under share/, ready for a tarball or a distribution package.
set -euo pipefail
cd "$(dirname "$0")/.."

python="$(python3 scripts/bootstrap.py test,package)"

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/econdesk.spec

if [ "$(uname -s)" = "Linux" ]; then
    share=dist/econdesk/share
    install -Dm644 packaging/linux/dk.econdesk.econdesk.desktop "$share/applications/dk.econdesk.econdesk.desktop"
    install -Dm644 packaging/linux/dk.econdesk.econdesk.metainfo.xml "$share/metainfo/dk.econdesk.econdesk.metainfo.xml"
    for size in 16 24 32 48 64 128 256 512; do
        install -Dm644 "resources/icons/app/econdesk-$size.png" \
            "$share/icons/hicolor/${size}x${size}/apps/dk.econdesk.econdesk.png"
    done
    install -Dm644 resources/icons/app/econdesk.svg "$share/icons/hicolor/scalable/apps/dk.econdesk.econdesk.svg"
fi
echo "built $(du -sh dist/econdesk | cut -f1) in dist/econdesk"
