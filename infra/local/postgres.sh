#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the persistence tests, run as the current user.
#
#   eval "$(infra/local/postgres.sh start)"   # installs (apt-get) if missing, starts, exports COMMISSIONING_TEST_POSTGRES
#   dotnet test tests/Commissioning.Graph.Modules.Tests
#   infra/local/postgres.sh stop              # stops it by PID and removes its data directory
#
#   infra/local/postgres.sh start --durable   # production durability (fsync, synchronous_commit, full-page
#                                             # writes on), for fault tests; the default trades them for speed
#   infra/local/postgres.sh kill              # SIGKILLs the postmaster by PID (a crash; the data stays)
#   infra/local/postgres.sh restart           # starts the same data directory on the same port again
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
  # Node is on every machine the tests run on (python3 may not be).
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Unit suites: speed over durability. Fault tests (--durable): what a production cluster promises.
fast_settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
durable_settings="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"

start() {
  local settings="$fast_settings"
  [[ "${1:-}" == "--durable" ]] && settings="$durable_settings"
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
  local options="-h 127.0.0.1 -p $port -k $data $settings -c max_connections=50"
  "${run[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 -o "$options" start >&2
  local pid; pid="$(head -1 "$data/db/postmaster.pid")"
  local conn="Host=127.0.0.1;Port=$port;Username=$user;Database=postgres"
  cat >"$state" <<STATE
PG_PID=$pid
PG_DATA=$data
PG_PORT=$port
PG_CONNECTION='$conn'
PG_BIN='$bin'
PG_OPTIONS='$options'
PG_RUN='${run[*]}'
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

# A crash: SIGKILL to the postmaster alone, by its PID (its backends notice and exit); the data stays.
kill_cluster() {
  [[ -f "$state" ]] || { log "not running (no $state)"; exit 1; }
  # shellcheck disable=SC1090
  source "$state"
  kill -KILL "$PG_PID"
  for _ in $(seq 1 100); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
  log "killed PID $PG_PID"
}

# The same data directory, port and settings again: PostgreSQL replays its WAL (crash recovery).
restart() {
  [[ -f "$state" ]] || { log "not running (no $state)"; exit 1; }
  # shellcheck disable=SC1090
  source "$state"
  kill -0 "$PG_PID" 2>/dev/null && { log "already running (PID $PG_PID)"; return 0; }
  # Backends of the killed postmaster exit on their own; the new postmaster waits for the old shared memory to go.
  local run=(); [[ -n "${PG_RUN:-}" ]] && read -r -a run <<<"$PG_RUN"
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/db" -l "$PG_DATA/server.log" -w -t 120 -o "$PG_OPTIONS" start >&2
  local pid; pid="$(head -1 "$PG_DATA/db/postmaster.pid")"
  sed -i "s/^PG_PID=.*/PG_PID=$pid/" "$state"
  log "restarted: PID $pid, port $PG_PORT"
}

case "${1:-start}" in
  start) start "${2:-}" ;;
  kill) kill_cluster ;;
  restart) restart ;;
  stop) stop ;;
  status) [[ -f "$state" ]] && cat "$state" || echo "not running" ;;
  *) echo "usage: $0 start [--durable]|stop|status|kill|restart" >&2; exit 2 ;;
esac
