#!/usr/bin/env bash
# README "Benchmarks": the real graph (tokens, authorisation, disclosure register) on SQLite and PostgreSQL at scales
# 1, 10 and 100 — req/s, p50/p99, SQL statements and rows per request, and each query's SQL floor (graph.mjs).
# Starts its own PostgreSQL cluster (infra/local/postgres.sh) unless COMMISSIONING_TEST_POSTGRES is set, and stops it.
# Bounded: 4 queries x (3 s sequential + 2 s warm-up + --duration s) per provider and scale, plus seeding once
# (data kept under /tmp/commissioning-graph-bench for the next run); --max-minutes (default 40) stops it regardless.
#   tests/load-benchmark/graph.sh [--providers sqlite,postgresql] [--scales 1,10,100] [--duration 5] [--connections 8]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/../.."
dotnet build "$root/src/Commissioning.Graph.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build "$here/floor" -c Release -nologo -v quiet -clp:ErrorsOnly
cd "$here"
[ -d node_modules/autocannon ] || npm ci --no-audit --no-fund --silent
started_pg=""
if [[ -z "${COMMISSIONING_TEST_POSTGRES:-}" && "$*" != *"--smoke"* && ! "$*" =~ --providers[[:space:]]+sqlite([[:space:]]|$) ]]; then
  export COMMISSIONING_PG_STATE=/tmp/commissioning-graph-bench/pg.state
  mkdir -p /tmp/commissioning-graph-bench
  eval "$("$root/infra/local/postgres.sh" start)"
  started_pg=1
fi
status=0
node graph.mjs "$@" || status=$?
[[ -n "$started_pg" ]] && "$root/infra/local/postgres.sh" stop || true
exit $status
