#!/usr/bin/env bash
# README "Benchmarks": the federated shape (infra/local/federation.sh) against the one process (serve): req/s and
# p50/p99 of three queries, SQL statements per request in each process, disclosure records under concurrency.
# Bounded: two start-ups and 8 autocannon runs of --duration seconds (default 10): about 4 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build "$here/../../src/Commissioning.Graph.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
cd "$here"
[ -d node_modules/autocannon ] || npm ci --no-audit --no-fund --silent
[ -d ../../infra/gateway/node_modules/@graphql-hive/router-runtime ] || (cd ../../infra/gateway && npm ci --no-audit --no-fund --silent)
node federation.mjs "$@"   # --duration S --connections C --instances N
