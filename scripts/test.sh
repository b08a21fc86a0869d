#!/usr/bin/env bash
# The whole test suite, as README.md and .ci/run run it: set up what is missing, then lint,
# format check, strict types, the import contracts (pyproject.toml) and the tests. Fails on
# the first failure. Extra arguments go to pytest (e.g. `bash scripts/test.sh -k audit`).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
bash scripts/system-deps.sh
bash scripts/ensure-libreoffice.sh  # the report tests recalculate workbooks with it
python="$(python3 scripts/bootstrap.py test)"
bin="$(dirname "$python")"

step() { echo "==> $*" >&2; }
step "ruff check";          "$bin/ruff" check .
step "ruff format --check"; "$bin/ruff" format --check .
step "mypy (strict)";       "$bin/mypy"
step "lint-imports";        "$bin/lint-imports"
step "pytest"
set +e
QT_QPA_PLATFORM=offscreen "$python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    exit "$status"
fi
step "all checks passed in $((SECONDS - started)) s"
