#!/usr/bin/env bash
# Set up, then analyse the bundled example work; the report lands in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ficlens analyze examples/the-lantern-keepers-apprentice.txt --out out/demo --format html --format json
echo "Open out/demo/the-lantern-keepers-apprentice.html in a browser."
