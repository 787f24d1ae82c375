#!/usr/bin/env bash
# CI smoke of the graph benchmark (graph.mjs --smoke): SQLite seeded at scale 1 in a temporary directory, the real
# server with Diagnostics:SqlCounters, one request per benchmark query; each must answer without errors and report
# its SQL statements and rows. No load, no timing (the benchmark itself is graph.sh). Assumes the Release build.
# Last line: "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
[ -d node_modules/autocannon ] || npm ci --no-audit --no-fund --silent >/dev/null 2>&1
data=$(mktemp -d /tmp/graph-smoke.XXXXXX)
trap 'rm -rf "$data"' EXIT
timeout 300 node graph.mjs --smoke --data "$data" 2>&1 | tee "$data/out.txt"
tail -1 "$data/out.txt" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$' || echo "0 passed, 1 failed"
