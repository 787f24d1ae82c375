#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the persistence tests, run as the current user.
#
#   eval "$(infra/local/postgres.sh start)"   # installs (apt-get) if missing, starts, exports COMMISSIONING_TEST_POSTGRES
#   dotnet test tests/Commissioning.Graph.Modules.Tests
#   infra/local/postgres.sh stop              # stops it by PID and removes its data directory
#
# It listens on 127.0.0.1 only, on a free port, with a data directory under $TMPDIR. State lives in
# $COMMISSIONING_PG_STATE (default: /tmp/commissioning-pg-$USER.state).
set -euo pipefail

state="${COMMISSIONING_PG_STATE:-${TMPDIR:-/tmp}/commissioning-pg-$(id -un).state}"
log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" ]] && { echo "$d"; return 0; }
  done
  return 1
}

install_if_missing() {
  find_bin >/dev/null && return 0
  log "PostgreSQL not found; installing with apt-get"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if [[ -f "$state" ]]; then
    # shellcheck disable=SC1090
    source "$state"
    if kill -0 "$PG_PID" 2>/dev/null; then
      log "already running (PID $PG_PID)"
      echo "export COMMISSIONING_TEST_POSTGRES='$PG_CONNECTION'"
      return 0
    fi
  fi
  install_if_missing
  local bin; bin="$(find_bin)"
  local data; data="$(mktemp -d "${TMPDIR:-/tmp}/commissioning-pg.XXXXXX")"
  local port; port="$(free_port)"
  local user; user="$(id -un)"

  # initdb refuses to run as root: run the cluster as the 'postgres' system user in that case.
  local run=()
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$data"
    run=(runuser -u postgres --)
    user=postgres
  fi

  "${run[@]}" "$bin/initdb" -D "$data/db" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 \
    || { cat "$data/initdb.log" >&2; exit 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >&2
  local pid; pid="$(head -1 "$data/db/postmaster.pid")"
  local conn="Host=127.0.0.1;Port=$port;Username=$user;Database=postgres"
  cat >"$state" <<STATE
PG_PID=$pid
PG_DATA=$data
PG_PORT=$port
PG_CONNECTION='$conn'
STATE
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running: PID $pid, port $port, data $data"
  echo "export COMMISSIONING_TEST_POSTGRES='$conn'"
}

stop() {
  [[ -f "$state" ]] || { log "not running (no $state)"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  if kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT "$PG_PID"   # fast shutdown of this postmaster only
    for _ in $(seq 1 60); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PG_PID" 2>/dev/null && { log "PID $PG_PID did not stop"; exit 1; }
    log "stopped PID $PG_PID"
  fi
  rm -rf "$PG_DATA" "$state"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) [[ -f "$state" ]] && cat "$state" || echo "not running" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
