#!/usr/bin/env bash
# Incremental delivery (@defer/@stream) over multipart/mixed, SSE and graphql-transport-ws with real
# clients (meros, graphql-sse, graphql-ws), against our server in mock mode over fixture/, started
# here on 127.0.0.1 and stopped by its PID. Assumes the Release build. Last line: "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
[ -d node_modules/graphql-sse ] || npm ci --no-audit --no-fund --silent >/dev/null 2>&1 || npm install --no-audit --no-fund --silent >/dev/null
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
dotnet "$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll" serve \
  --schema fixture/schema.graphql --data fixture/data.json --urls "http://127.0.0.1:$port" --environment Production >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$port/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
node suite.mjs --url "http://127.0.0.1:$port/graphql" | tee /tmp/incremental.$$
last=$(tail -n 1 /tmp/incremental.$$); rm -f /tmp/incremental.$$
[[ $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]] || echo "0 passed, 1 failed"
