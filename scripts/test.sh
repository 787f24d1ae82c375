#!/usr/bin/env bash
# The one command that runs every test of Commissioning.Graph (README: "Testing").
# Works on a fresh Debian machine with only the .NET SDK, Node and npm: it installs what the
# tests need (npm packages; PostgreSQL from Debian's packages when it can), builds in Release,
# runs the .NET test projects and the suites that compare us with graphql-js and other tools,
# and ends with one line: "N passed, M failed". Exit status is non-zero when anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }
fail_step() { echo "$1" >> "$results/step-failures.txt"; }

# PostgreSQL for the persistence and end-to-end tests (started here, stopped on exit, by PID).
if [ -z "${COMMISSIONING_TEST_POSTGRES:-}" ] && [ -x infra/local/postgres.sh ] && [ "${SKIP_POSTGRES:-0}" != 1 ]; then
  step "PostgreSQL"
  if pg=$(infra/local/postgres.sh start); then
    eval "$pg"   # exports COMMISSIONING_TEST_POSTGRES
    trap 'infra/local/postgres.sh stop >/dev/null 2>&1 || true' EXIT
    echo "started: $COMMISSIONING_TEST_POSTGRES"
  else
    fail_step "postgres: could not install or start PostgreSQL"
  fi
fi

# Redis for the scale-out tests: installed here (apt-get) when missing; the tests start and kill their own
# redis-server processes (by PID) from the binary this exports, so nothing is left running.
if [ -x infra/local/redis.sh ] && [ "${SKIP_REDIS:-0}" != 1 ]; then
  step "Redis"
  if rs=$(infra/local/redis.sh install); then
    eval "$rs"   # exports COMMISSIONING_REDIS_SERVER
    echo "redis-server: $COMMISSIONING_REDIS_SERVER"
  else
    fail_step "redis: could not install redis-server"
  fi
fi

step "build (Release)"
if ! dotnet build Commissioning.Graph.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  fail_step "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

step ".NET tests"
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q 'IsTestProject>true' "$proj" || continue
  dotnet test "$proj" -c Release --no-build -nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || true
done

step "differential suite (graphql-js reference)"
if [ -f tests/differential/run.mjs ]; then
  node tests/differential/run.mjs \
    --candidate "dotnet $root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll exec --jsonl" \
    | tee "$results/differential.summary" | grep -E '^(FAIL|[0-9]+ passed)' | tail -n 40
fi

for extra in tests/*/run-suite.sh; do
  [ -x "$extra" ] || continue
  step "suite: $extra"
  "$extra" | tee "$results/$(basename "$(dirname "$extra")").summary" | tail -n 20
done

step "totals"
node scripts/totals.mjs "$results"
