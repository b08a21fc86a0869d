#!/usr/bin/env bash
# Start the bundle that build.sh made, as a user would: print its version, then open the main
# window offscreen on the built-in sandbox and close it. Fails if either does not work.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/econdesk/econdesk
[ -x "$bundle" ] || { echo "no bundle at $bundle: run packaging/build.sh first" >&2; exit 1; }

version=$("$bundle" --version)
expected=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
case "$version" in
    *"$expected"*) echo "bundle --version: $version" ;;
    *) echo "bundle reports '$version', pyproject.toml says $expected" >&2; exit 1 ;;
esac

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
ECONDESK_HOME="$home" QT_QPA_PLATFORM=offscreen timeout 120 "$bundle" demo --self-test
echo "bundle self-test passed"
