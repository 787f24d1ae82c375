#!/usr/bin/env bash
# Fault tests on PostgreSQL with production durability (fsync, synchronous_commit, full-page writes on):
# `serve` over its own cluster (infra/local/postgres.sh start --durable, a state file of its own), a write
# load, the postmaster SIGKILLed by PID mid-load, then restarted. See load.mjs for the checks. Assumes the
# Release build. Bounded: a few hundred writes, about a minute. Last line: "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dll="${COMMISSIONING_HOST_DLL:-$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll}"
work=$(mktemp -d)
export COMMISSIONING_PG_STATE="$work/pg.state"
pid=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  "$root/infra/local/postgres.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# COMMISSIONING_FAULT_PG_SETTINGS=fast runs the same load on the unit suites' fast settings, to show what they lose.
settings=--durable; [ "${COMMISSIONING_FAULT_PG_SETTINGS:-durable}" = fast ] && settings=""
if ! pg=$("$root/infra/local/postgres.sh" start $settings); then echo "FAIL could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; fi
eval "$pg"
# shellcheck disable=SC1090
source "$COMMISSIONING_PG_STATE"
conn="${COMMISSIONING_TEST_POSTGRES/Database=postgres/Database=fault}"
psql_user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$conn")
cat >"$work/psql" <<PSQL
#!/usr/bin/env bash
exec "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$psql_user" -d fault "\$@"
PSQL
chmod +x "$work/psql"
echo "durability: $("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$psql_user" -d postgres -Atc "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync','synchronous_commit','full_page_writes')")"

export Identity__DevelopmentTokens__SigningKeyPath="$work/dev-signing-key.json"
token=$(dotnet "$dll" token --org 01A --scope jsna:write --purpose JSNA 2>/dev/null | tail -n 1)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
timeout_s=10
dotnet "$dll" serve --urls "http://127.0.0.1:$port" --environment Development --contentRoot "$work" \
  --Database:Provider=PostgreSql "--ConnectionStrings:Commissioning=$conn" \
  --GraphQL:ExecutionTimeout=00:00:$(printf %02d $timeout_s) --Logging:LogLevel:Default=Warning >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  node -e "fetch('http://127.0.0.1:$port/readyz').then(r=>process.exit(r.status===200?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done

node "$here/load.mjs" --url "http://127.0.0.1:$port/graphql" --token "$token" \
  --pgctl "$root/infra/local/postgres.sh" --psql "$work/psql" --timeout "$timeout_s" | tee "$work/result"
last=$(tail -n 1 "$work/result")
if ! [[ $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]]; then
  echo "--- serve.log (last 30 lines)"; tail -n 30 "$work/serve.log"
  echo "0 passed, 1 failed"
elif ! [[ $last =~ \ 0\ failed$ ]]; then
  echo "--- serve.log (errors)"; grep -E "fail|crit|Exception" "$work/serve.log" | head -n 20
  echo "$last"
fi
