#!/usr/bin/env bash
# A throwaway Redis 7 for the scale-out tests and local runs, as the current user.
#
#   eval "$(infra/local/redis.sh start)"   # installs redis-server (apt-get) if missing, starts it, exports
#                                          # COMMISSIONING_TEST_REDIS (host:port) and COMMISSIONING_REDIS_SERVER (binary)
#   infra/local/redis.sh stop              # stops it by PID and removes its directory
#   infra/local/redis.sh install           # only installs (the tests start their own servers from the binary)
#
# It listens on 127.0.0.1 only, on a free port, without persistence, with its files under $TMPDIR. State lives
# in $COMMISSIONING_REDIS_STATE (default: /tmp/commissioning-redis-$USER.state).
set -euo pipefail

state="${COMMISSIONING_REDIS_STATE:-${TMPDIR:-/tmp}/commissioning-redis-$(id -un).state}"
log() { echo "redis.sh: $*" >&2; }

find_bin() {
  local b
  for b in "$(command -v redis-server 2>/dev/null || true)" /usr/bin/redis-server /usr/local/bin/redis-server; do
    [[ -n "$b" && -x "$b" ]] && { echo "$b"; return 0; }
  done
  return 1
}

install_if_missing() {
  find_bin >/dev/null && return 0
  log "redis-server not found; installing with apt-get"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >&2
  # Debian starts a system service on install; this script runs its own servers only.
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  if [[ -f "$state" ]]; then
    # shellcheck disable=SC1090
    source "$state"
    if kill -0 "$REDIS_PID" 2>/dev/null; then
      log "already running (PID $REDIS_PID)"
      echo "export COMMISSIONING_TEST_REDIS='127.0.0.1:$REDIS_PORT' COMMISSIONING_REDIS_SERVER='$REDIS_BIN'"
      return 0
    fi
  fi
  install_if_missing
  local bin; bin="$(find_bin)"
  local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/commissioning-redis.XXXXXX")"
  local port="${REDIS_PORT:-$(free_port)}"
  "$bin" --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  for _ in $(seq 1 50); do [[ -s "$dir/redis.pid" ]] && break; sleep 0.1; done
  local pid; pid="$(cat "$dir/redis.pid")"
  cat >"$state" <<STATE
REDIS_PID=$pid
REDIS_DIR=$dir
REDIS_PORT=$port
REDIS_BIN=$bin
STATE
  log "Redis $("$bin" --version | awk '{print $3}') running: PID $pid, port $port"
  echo "export COMMISSIONING_TEST_REDIS='127.0.0.1:$port' COMMISSIONING_REDIS_SERVER='$bin'"
}

stop() {
  [[ -f "$state" ]] || { log "not running (no $state)"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  if kill -0 "$REDIS_PID" 2>/dev/null; then
    kill -TERM "$REDIS_PID"
    for _ in $(seq 1 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$REDIS_PID" 2>/dev/null && { log "PID $REDIS_PID did not stop"; exit 1; }
    log "stopped PID $REDIS_PID"
  fi
  rm -rf "$REDIS_DIR" "$state"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  install) install_if_missing; echo "export COMMISSIONING_REDIS_SERVER='$(find_bin)'" ;;
  status) [[ -f "$state" ]] && cat "$state" || echo "not running" ;;
  *) echo "usage: $0 start|stop|install|status" >&2; exit 2 ;;
esac
