#!/usr/bin/env bash
# Set up (with test tools and Debian's chromium), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
set +e
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
rc=$?
set -e
[ "$rc" -eq 5 ] && { echo "no tests collected"; exit 1; }
exit "$rc"
