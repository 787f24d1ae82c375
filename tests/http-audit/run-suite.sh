#!/usr/bin/env bash
# Transport conformance: graphql-http's 61 GraphQL-over-HTTP audits and the graphql-ws client
# checks, against our server started here (mock mode over the fixture) on 127.0.0.1 and
# stopped by its PID. Assumes the Release build. Last line: "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
[ -d node_modules/graphql-http ] || npm ci --no-audit --no-fund --silent >/dev/null 2>&1 || npm install --no-audit --no-fund --silent >/dev/null
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
GraphQL__WebSockets__ConnectionInitTimeout=00:00:01 \
  dotnet "$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll" serve \
  --schema fixture/schema.graphql --data fixture/data.json --urls "http://127.0.0.1:$port" --environment Production --GraphQL:AllowIntrospection=true >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  node -e "fetch('http://127.0.0.1:$port/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
total_pass=0; total_fail=0
tally() { local line; line=$(tail -n 1); if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then total_pass=$((total_pass+BASH_REMATCH[1])); total_fail=$((total_fail+BASH_REMATCH[2])); else total_fail=$((total_fail+1)); fi; }
node audit.mjs --url "http://127.0.0.1:$port/graphql" | tee /tmp/audit.$$ | grep -v '^[0-9]* passed'; tally < /tmp/audit.$$
node ws-client.mjs --url "ws://127.0.0.1:$port/graphql" | tee /tmp/ws.$$ | grep -v '^[0-9]* passed'; tally < /tmp/ws.$$
rm -f /tmp/audit.$$ /tmp/ws.$$
kill $pid 2>/dev/null; wait $pid 2>/dev/null

# The same audits against the real graph (`serve`: identity on, every request needs a token),
# carrying a development bearer token minted by the `token` verb with the server's own key.
work=$(mktemp -d)
export Identity__DevelopmentTokens__SigningKeyPath="$work/dev-signing-key.json"
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
token=$(dotnet "$dll" token --org 01A --purpose COMMISSIONING)
port2=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" serve --urls "http://127.0.0.1:$port2" --environment Development \
  "--ConnectionStrings:Commissioning=Data Source=$work/commissioning.db" --contentRoot "$work" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$log" "$work"' EXIT
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$port2/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
node audit.mjs --url "http://127.0.0.1:$port2/graphql" --token "$token" --label "serve, with bearer token" | tee /tmp/audit.$$ | grep -v '^[0-9]* passed'; tally < /tmp/audit.$$
# Without the token, the real graph serves nobody.
status=$(node -e "fetch('http://127.0.0.1:$port2/graphql',{method:'POST',headers:{'content-type':'application/json'},body:'{\"query\":\"{ __typename }\"}'}).then(r=>console.log(r.status))")
if [ "$status" = 401 ]; then total_pass=$((total_pass+1)); else total_fail=$((total_fail+1)); echo "FAIL anonymous request to serve got $status, expected 401"; fi
rm -f /tmp/audit.$$
echo "$total_pass passed, $total_fail failed"
