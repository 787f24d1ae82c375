#!/usr/bin/env bash
# N instances of the one process (`serve`, every module) over one PostgreSQL and one Redis, on loopback.
#
#   infra/local/scale-out.sh up --instances 2 [--port 6400] [--environment Development] [--data-dir DIR]
#   infra/local/scale-out.sh status
#   infra/local/scale-out.sh down
#
# `up` builds nothing: it runs the Release build (dotnet build -c Release src/Commissioning.Graph.Host first).
# It starts PostgreSQL (postgres.sh) and Redis (redis.sh), migrates and seeds once, then starts instance i on
# http://127.0.0.1:(PORT+i-1) with Redis:Configuration set, all sharing one content root (DIR, so one development
# signing key). `down` stops the instances, Redis and PostgreSQL by PID. State: $COMMISSIONING_SCALE_STATE
# (default /tmp/commissioning-scale-$USER.state).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
state="${COMMISSIONING_SCALE_STATE:-${TMPDIR:-/tmp}/commissioning-scale-$(id -un).state}"
export COMMISSIONING_PG_STATE="${state%.state}-pg.state"
export COMMISSIONING_REDIS_STATE="${state%.state}-redis.state"
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
log() { echo "scale-out.sh: $*" >&2; }

up() {
  local instances=2 port=5080 environment=Development dir=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --instances) instances="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --environment) environment="$2"; shift 2 ;;
      --data-dir) dir="$2"; shift 2 ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  [[ -f "$dll" ]] || { log "build first: dotnet build -c Release src/Commissioning.Graph.Host"; exit 1; }
  [[ -f "$state" ]] && { log "already up ($state); run down first"; exit 1; }
  dir="${dir:-$(mktemp -d "${TMPDIR:-/tmp}/commissioning-scale.XXXXXX")}"
  mkdir -p "$dir"
  eval "$("$root/infra/local/postgres.sh" start)"
  eval "$("$root/infra/local/redis.sh" start)"
  local db="commissioning_scale_$$"
  local pg="${COMMISSIONING_TEST_POSTGRES/Database=postgres/Database=$db}"
  local common=(--environment "$environment" --contentRoot "$dir" --Database:Provider=PostgreSql
    "--ConnectionStrings:Commissioning=$pg" "--Redis:Configuration=$COMMISSIONING_TEST_REDIS")
  log "migrating and seeding $db"
  (cd "$dir" && dotnet "$dll" seed "${common[@]}" >"$dir/seed.log" 2>&1) || { cat "$dir/seed.log" >&2; exit 1; }
  {
    echo "DIR=$dir"
    echo "REDIS=$COMMISSIONING_TEST_REDIS"
    echo "POSTGRES='$pg'"
  } >"$state"
  local pids=() urls=()
  for i in $(seq 1 "$instances"); do
    local p=$((port + i - 1))
    (cd "$dir" && exec dotnet "$dll" serve "${common[@]}" --Database:PrepareOnStart=false --urls "http://127.0.0.1:$p" \
      >"$dir/instance-$i.log" 2>&1) &
    pids+=($!); urls+=("http://127.0.0.1:$p")
  done
  echo "PIDS='${pids[*]}'" >>"$state"
  echo "URLS='${urls[*]}'" >>"$state"
  for u in "${urls[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$u/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "$u/healthz" >/dev/null || { log "$u did not start (see $dir/instance-*.log)"; down; exit 1; }
  done
  log "up: ${urls[*]} (PIDs ${pids[*]}), Redis $COMMISSIONING_TEST_REDIS, data $dir"
  log "token: (cd $dir && dotnet $dll token --org 01A --purpose FINANCIAL_ASSURANCE)"
  echo "export COMMISSIONING_SCALE_URLS='${urls[*]}' COMMISSIONING_SCALE_DIR='$dir' COMMISSIONING_TEST_REDIS='$COMMISSIONING_TEST_REDIS'"
}

down() {
  if [[ -f "$state" ]]; then
    # shellcheck disable=SC1090
    source "$state"
    for pid in ${PIDS:-}; do
      kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in ${PIDS:-}; do
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    done
    log "stopped instances ${PIDS:-}"
    rm -f "$state"
  fi
  "$root/infra/local/redis.sh" stop || true
  "$root/infra/local/postgres.sh" stop || true
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) [[ -f "$state" ]] && cat "$state" || echo "not running" ;;
  *) echo "usage: $0 up --instances N [--port P] [--environment E] [--data-dir DIR] | status | down" >&2; exit 2 ;;
esac
