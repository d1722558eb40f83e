#!/usr/bin/env bash
# Install everything and run every check: the test suite (with Qt offscreen), the core tests once
# more with Qt blocked (the core must not need it) and on PostgreSQL when a server is at hand (the
# tests start their own throwaway cluster from the Debian 'postgresql' package), ruff, mypy and the
# import-linter contracts.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,postgres]"

export QT_QPA_PLATFORM=offscreen
status=0
step() { echo "== $*"; "$@" || status=1; }

step .venv/bin/python -m pytest -q
step env FACILITATOR_BLOCK_QT=1 FACILITATOR_TEST_BACKEND=auto .venv/bin/python -m pytest -q -rs -p no:pytest-qt \
    tests/domain tests/db tests/services tests/reports
step .venv/bin/ruff check facilitator tests
step .venv/bin/mypy
step .venv/bin/lint-imports
exit $status
