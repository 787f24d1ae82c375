#!/usr/bin/env bash
# Time to first byte of a deferred query on the served graph against the same query without @defer.
# Seeds a fresh SQLite database at --scale (default 50: 150 consortia), starts `serve` on 127.0.0.1 (a free
# port), stops it by PID. Not part of the test run (it prints figures). Assumes the Release build.
#   bash tests/incremental/ttfb-benchmark.sh [--scale N] [--runs N] [--consortia N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scale=50; extra=()
while [ $# -gt 0 ]; do case "$1" in --scale) scale=$2; shift 2;; *) extra+=("$1"); shift;; esac; done
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
work=$(mktemp -d)
export Identity__DevelopmentTokens__SigningKeyPath="$work/dev-signing-key.json"
db="--ConnectionStrings:Commissioning=Data Source=$work/commissioning.db"
dotnet "$dll" seed --scale "$scale" "$db" --contentRoot "$work" >/dev/null 2>&1
token=$(dotnet "$dll" token --org X24 --purpose FINANCIAL_ASSURANCE 2>/dev/null)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# Without the cost limit: 50 consortia × 100 returns × their lines is priced far above 10,000 (connections are priced by their page).
dotnet "$dll" serve --urls "http://127.0.0.1:$port" --environment Development "$db" --contentRoot "$work" \
  --GraphQL:MaxCost=0 --Logging:LogLevel:Default=Warning >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$port/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
echo "seed --scale $scale, SQLite, serve in Development on 127.0.0.1, caller X24 (NHS CB), purpose FINANCIAL_ASSURANCE"
node "$here/ttfb-benchmark.mjs" --url "http://127.0.0.1:$port/graphql" --token "$token" "${extra[@]}"
