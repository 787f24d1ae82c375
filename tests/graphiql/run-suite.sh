#!/usr/bin/env bash
# GraphiQL in a real browser (README: "Test it"). Installs Chromium when missing (apt-get, like
# infra/local/postgres.sh and redis.sh), starts the Release build's `serve` twice on 127.0.0.1 and free
# ports — Development with a temporary --data-dir (migrated and seeded at start) and Production — and
# headless Chromium with a throwaway profile, then drives GraphiQL with playwright-core (suite.mjs).
# Every process it starts is stopped by its PID; every step is bounded. Last line: "N passed, M failed".
# CHROMIUM=/path/to/browser picks the browser; GRAPHIQL_STEP_TIMEOUT_MS bounds each check (default 30000).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
give_up() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
[ -f "$dll" ] || give_up "no Release build ($dll): dotnet build src/Commissioning.Graph.Host -c Release"

find_chromium() {
  local b
  # Any Chromium speaks the DevTools protocol: Debian's chromium, a preinstalled Google Chrome (CI images), Ubuntu's chromium-browser.
  for b in "${CHROMIUM:-}" "$(command -v chromium 2>/dev/null || true)" "$(command -v google-chrome-stable 2>/dev/null || true)" \
           "$(command -v google-chrome 2>/dev/null || true)" "$(command -v chromium-browser 2>/dev/null || true)"; do
    [[ -n "$b" && -x "$b" ]] && { echo "$b"; return 0; }
  done
  return 1
}
install_chromium() {
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then command -v sudo >/dev/null || return 1; sudo="sudo -n"; fi
  local apt=(env DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends)
  # Debian names the package chromium, Ubuntu chromium-browser; the package lists are usually fresh already
  # (scripts/test.sh installed PostgreSQL and Redis just before), so update only when the install fails.
  "${apt[@]}" chromium >/dev/null 2>&1 || "${apt[@]}" chromium-browser >/dev/null 2>&1 && return 0
  timeout 300 $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq >/dev/null 2>&1
  "${apt[@]}" chromium >/dev/null 2>&1 || "${apt[@]}" chromium-browser >/dev/null 2>&1
}
if ! browser_bin=$(find_chromium); then
  echo "graphiql: Chromium not found; installing it with apt-get" >&2
  install_chromium; browser_bin=$(find_chromium) || give_up "could not install Chromium (apt-get install chromium)"
fi
[ -d node_modules/playwright-core ] || timeout 300 npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
  || give_up "npm ci in tests/graphiql failed"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/graphiql-suite.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dev_port=$(free_port); prod_port=$(free_port)
mkdir -p "$work/dev" "$work/prod" "$work/profile"
# Each in its own process group (setsid), so that stopping it by PID stops its children too (Chromium's renderers).
setsid dotnet "$dll" serve --environment Development --data-dir "$work/dev" --urls "http://127.0.0.1:$dev_port" \
  --contentRoot "$work/dev" >"$work/dev.log" 2>&1 &
pids+=($!)
setsid dotnet "$dll" serve --environment Production --data-dir "$work/prod" --urls "http://127.0.0.1:$prod_port" \
  --contentRoot "$work/prod" >"$work/prod.log" 2>&1 &
pids+=($!)
setsid "$browser_bin" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check \
  --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 --user-data-dir="$work/profile" about:blank >"$work/chromium.log" 2>&1 &
pids+=($!)

healthy() { node -e "fetch('$1/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null; }
for url in "http://127.0.0.1:$dev_port" "http://127.0.0.1:$prod_port"; do
  for _ in $(seq 1 300); do healthy "$url" && break; sleep 0.2; done
  healthy "$url" || { tail -n 20 "$work"/*.log >&2; give_up "serve at $url did not become healthy within a minute"; }
done
# Chromium writes its DevTools port (and the browser's WebSocket path) once it listens.
for _ in $(seq 1 300); do [ -s "$work/profile/DevToolsActivePort" ] && break; sleep 0.2; done
[ -s "$work/profile/DevToolsActivePort" ] || { tail -n 20 "$work/chromium.log" >&2; give_up "Chromium did not start ($browser_bin)"; }
cdp="ws://127.0.0.1:$(sed -n 1p "$work/profile/DevToolsActivePort")$(sed -n 2p "$work/profile/DevToolsActivePort")"

timeout 300 node suite.mjs --cdp "$cdp" --dev "http://127.0.0.1:$dev_port" --prod "http://127.0.0.1:$prod_port" | tee "$work/suite.out"
last=$(tail -n 1 "$work/suite.out")
[[ $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]] || { tail -n 20 "$work"/*.log >&2; echo "FAIL the browser suite ended early"; echo "0 passed, 1 failed"; exit 1; }
[[ $last =~ ,\ 0\ failed$ ]] || { echo "(server logs: Development and Production, last lines)" >&2; tail -n 10 "$work/dev.log" "$work/prod.log" >&2; exit 1; }
