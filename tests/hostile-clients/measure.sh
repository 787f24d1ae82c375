#!/usr/bin/env bash
# Figures for issue 10's findings 5, 7 and 10, against any build of the host (to compare before and after):
#
#   tests/hostile-clients/measure.sh [path/to/Commissioning.Graph.Host.dll]   # default: this tree's Release build
#
# Starts `serve` (SQLite, Development, 8 MB body limit so that 100,000 values get through), the mock server
# and a `serve --module local-government` subgraph in Staging (development tokens enabled for the
# measurement), on free ports of 127.0.0.1, and stops each by PID. Figures, not assertions: the tests in
# tests/*/HostileClients/ and tests/fault-tolerance/ are what pass or fail. Findings 8 and 12 (database
# outage, durability) are measured by tests/fault-tolerance/run-suite.sh (COMMISSIONING_HOST_DLL=… for
# another build).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dll=$(realpath "${1:-$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll}")
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export Identity__DevelopmentTokens__SigningKeyPath="$work/key.json"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_ready() { for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/$2" >/dev/null && return 0; sleep 0.3; done; echo "server on $1 did not start"; return 1; }
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""; }
errors_logged() { grep -cE '^(fail|crit):|"LogLevel":"(Error|Critical)"' "$1"; }
token() { dotnet "$dll" token "$@" 2>/dev/null | tail -n 1; }
cd "$work"

echo "== finding 5: list inputs"
port=$(free_port)
dotnet "$dll" serve --urls "http://127.0.0.1:$port" --environment Development --GraphQL:MaxRequestBodyBytes=8000000 \
  "--ConnectionStrings:Commissioning=Data Source=$work/c.db" --contentRoot "$work" --Logging:LogLevel:Default=Warning >serve.log 2>&1 &
pid=$!
wait_ready "$port" readyz
T=$(token --org X24 --purpose FINANCIAL_ASSURANCE)
for n in 100000 1000; do
  node -e "const n=+process.argv[1];const v=Array.from({length:n},(_,i)=>['AUTHORISED','SHADOW','AUTHORISED_WITH_CONDITIONS'][i%3]);console.log(JSON.stringify({query:'query(\$s:[ConsortiumAuthorisationStatus!]){ consortia(authorisationStatus:\$s, first:1) { totalCount } }',variables:{s:v}}))" "$n" >list.json
  curl -s -o list.out -w "$n values in consortia(authorisationStatus:): HTTP %{http_code}, %{time_total} s; " "http://127.0.0.1:$port/graphql" \
    -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -H 'X-Purpose-Of-Use: FINANCIAL_ASSURANCE' --data-binary @list.json
  echo "code $(grep -o '"code":"[A-Z_]*"' list.out | head -1 | cut -d'"' -f4), cost $(grep -o '"requested":[0-9.]*' list.out | cut -d: -f2), $(grep -o '"message":"[^"]*"' list.out | head -1 | cut -c1-100)"
done
echo "server RSS afterwards: $(( $(ps -o rss= -p $pid) / 1024 )) MiB"
stop

echo "== finding 7: malformed bodies (mock server, Development)"
port=$(free_port)
dotnet "$dll" serve --schema "$root/tests/http-audit/fixture/schema.graphql" --data "$root/tests/http-audit/fixture/data.json" \
  --urls "http://127.0.0.1:$port" --environment Development >mock.log 2>&1 &
pid=$!
wait_ready "$port" healthz
printf '{"query":"{ __typename }","variables":{"v":"\xff\xfe"}}' >utf8.json
printf '{"query":"{ __typ' >truncated.json
printf '{"query":42}' >wrongtype.json
for f in utf8 truncated wrongtype; do
  curl -s -o "$f.out" -w "$f: HTTP %{http_code} " "http://127.0.0.1:$port/graphql" -H 'Content-Type: application/json' --data-binary "@$f.json"
  head -c 110 "$f.out" | tr '\n' ' '; echo
done
node -e "
const s=require('net').connect($port,'127.0.0.1');let r='';s.on('data',d=>r+=d);
s.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
const t=setInterval(()=>s.write(' '),2000);
const done=()=>{clearInterval(t);console.log('slow body (1 byte / 2 s): '+r.split('\r\n')[0]+' '+(r.split('\r\n\r\n')[1]||'').slice(0,100));process.exit(0)};
s.on('close',done);setTimeout(()=>{s.destroy();done()},20000);"
sleep 1
echo "error-level log entries: $(errors_logged mock.log)"
stop

echo "== finding 10: _service on a subgraph outside Development (Staging)"
port=$(free_port)
dotnet "$dll" serve --module local-government --urls "http://127.0.0.1:$port" --environment Staging --Identity:DevelopmentTokens:Enabled=true \
  "--ConnectionStrings:Commissioning=Data Source=$work/c.db" --contentRoot "$work" --Logging:LogLevel:Default=Warning >sub.log 2>&1 &
pid=$!
wait_ready "$port" readyz
for scope in "" federation:sdl; do
  if [ -z "$scope" ]; then T=$(token --org 01A); else T=$(token --org X24 --scope "$scope"); fi
  curl -s -o sdl.out -w "caller with scopes [${scope}]: HTTP %{http_code} " "http://127.0.0.1:$port/graphql" -H "Authorization: Bearer $T" \
    -H 'Accept: application/graphql-response+json' -H 'Content-Type: application/json' -H 'X-Purpose-Of-Use: COMMISSIONING' -d '{"query":"{ _service { sdl } }"}'
  if grep -q '"sdl"' sdl.out; then echo "the SDL ($(wc -c <sdl.out) bytes)"; else head -c 250 sdl.out; echo; fi
done
stop
