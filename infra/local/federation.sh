#!/usr/bin/env bash
# The federated deployment on one machine (ARCHITECTURE.md, "The command-line contract"):
#
#   infra/local/federation.sh up --data-dir DIR --port PORT [--postgres] [--redis] [--secret S] [--instances N]
#       every module the Host serves (`modules` verb) as a subgraph (`serve --module NAME`) on its own free
#       loopback port, all sharing DIR (SQLite DIR/commissioning.db, migrated and seeded once; the development
#       signing key DIR/dev-signing-key.json), and Hive Gateway on 127.0.0.1:PORT; returns once the gateway
#       answers, printing GATEWAY=http://127.0.0.1:PORT/graphql (and SUBGRAPH_<NAME>=… for each subgraph).
#       --postgres: a PostgreSQL cluster of its own (infra/local/postgres.sh, state in DIR) instead of SQLite;
#       --redis: a redis-server on a free port, given to every subgraph as Redis:Configuration;
#       --secret S (or GATEWAY_SECRET): the gateway signs its subgraph requests and the subgraphs refuse
#       unsigned ones (GraphQL:Federation:GatewaySecret);
#       --instances N (or FEDERATION_INSTANCES): N instances of each subgraph, each on its own port (NAME, NAME.2, ...
#       in DIR/run), the gateway sending each subgraph's requests to them in turn (DIR/run/instances.json,
#       infra/gateway/plugins/instances.mjs); N > 1 needs --redis, through which instances share subscription
#       events, persisted documents and rate limits.
#   infra/local/federation.sh down --data-dir DIR        stops exactly what up started (PIDs in DIR/run)
#   infra/local/federation.sh token --data-dir DIR --org CODE [token options]   a token every subgraph trusts
#   infra/local/federation.sh restart --data-dir DIR --module NAME   starts a stopped subgraph again, same port
#       (NAME.2 ... for the other instances)
#
# Needs the Release build of the Host (built here if missing) and infra/gateway's npm packages (npm ci here if
# missing). Logs: DIR/logs/. Environment: ASPNETCORE_ENVIRONMENT (default Development, so development tokens
# are trusted), GATEWAY_DEDUPLICATE=true to let the gateway merge identical in-flight subgraph requests,
# GATEWAY_FORK=N for N gateway worker processes (default 1: two did not help on a 2-core machine),
# GATEWAY_SEMI_SPACE_MB (default 64): V8's young-generation semi-space of the gateway; Node's default (16 MB) made it
# collect garbage several times as often, and a request allocates enough that this cost a fifth of its CPU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
gateway_dir="$root/infra/gateway"
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
log() { echo "federation.sh: $*" >&2; }
die() { log "$*"; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
# A PID file's process is ours only while its command line still names DIR, or (redis-server, which rewrites
# its title) while it runs in DIR: PIDs are reused.
ours() {
  local pid=$1; alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data" && return 0
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$(cd "$data" 2>/dev/null && pwd -P)" ]]
}

verb=${1:-}; shift || true
data=""; port=""; postgres=0; redis=0; module=""; secret="${GATEWAY_SECRET:-}"; instances="${FEDERATION_INSTANCES:-1}"; rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data-dir) data=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    --redis) redis=1; shift ;;
    --secret) secret=$2; shift 2 ;;
    --module) module=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
[[ -n "$data" ]] || die "--data-dir DIR is required"
mkdir -p "$data"; data=$(cd "$data" && pwd)
run="$data/run"; logs="$data/logs"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

ensure_build() {
  [[ -f "$dll" ]] || { log "building the Host (Release)"; dotnet build "$root/src/Commissioning.Graph.Host" -c Release -nologo -v quiet -clp:ErrorsOnly >&2; }
  [[ -d "$gateway_dir/node_modules/@graphql-hive/gateway" && -d "$gateway_dir/node_modules/@graphql-hive/router-runtime" ]] \
    || (cd "$gateway_dir" && npm ci --no-audit --no-fund --silent >&2)
}

host() { dotnet "$dll" "$@" --data-dir "$data"; }

wait_until() { # wait_until SECONDS PID COMMAND...: polls COMMAND until it succeeds; fails if PID dies
  local deadline=$((SECONDS + $1)) pid=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    alive "$pid" || return 1
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

start_subgraph() { # start_subgraph NAME: runs DIR/run/NAME.sh in the background, records its PID
  local name=$1
  nohup bash "$run/$name.sh" >>"$logs/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
}

up() {
  [[ "$instances" =~ ^[1-9][0-9]*$ ]] || die "up: --instances N needs a positive whole number"
  # Subscriptions, persisted documents and rate limits are shared between instances through Redis only: without it a
  # subscriber on one instance would never hear of a mutation another instance served.
  (( instances == 1 || redis )) || die "up: --instances $instances needs --redis (instances share subscription events, persisted documents and rate limits through it)"
  [[ -n "$port" ]] || die "up: --port PORT is required"
  if [[ -f "$run/gateway.pid" ]] && ours "$(cat "$run/gateway.pid")"; then die "up: already running in $data (down first)"; fi
  ensure_build
  mkdir -p "$run" "$logs" "$data/schema"
  : >"$run/env"
  if (( postgres )); then
    local pg; pg=$(COMMISSIONING_PG_STATE="$run/postgres.state" "$root/infra/local/postgres.sh" start)
    eval "$pg"
    echo "export Database__Provider=PostgreSql" >>"$run/env"
    echo "export ConnectionStrings__Commissioning='$COMMISSIONING_TEST_POSTGRES'" >>"$run/env"
  fi
  if (( redis )); then
    command -v redis-server >/dev/null || die "--redis: redis-server is not installed (apt-get install redis-server)"
    local rport; rport=$(free_port)
    redis-server --bind 127.0.0.1 --port "$rport" --dir "$data" --save '' --appendonly no --daemonize no >"$logs/redis.log" 2>&1 &
    echo $! >"$run/redis.pid"
    echo "export Redis__Configuration=127.0.0.1:$rport" >>"$run/env"
  fi
  [[ -n "$secret" ]] && echo "export GraphQL__Federation__GatewaySecret='$secret'" >>"$run/env"
  # shellcheck disable=SC1091
  source "$run/env"

  # Migrated and seeded once, before any subgraph starts; the signing key created once (token), so that
  # subgraphs starting together do not each create their own.
  host seed >>"$logs/seed.log" 2>&1 || die "seed failed (see $logs/seed.log)"
  host token --org X24 >/dev/null 2>>"$logs/seed.log"

  local modules; modules=$(dotnet "$dll" modules)
  local subgraph_args=() name p i id ids=() urls map="{" sep=""
  for name in $modules; do
    urls=""
    for i in $(seq 1 "$instances"); do
      id=$name; (( i > 1 )) && id="$name.$i"
      p=$(free_port)
      cat >"$run/$id.sh" <<EOF
source '$run/env'
export Database__PrepareOnStart=false
exec dotnet '$dll' serve --module '$name' --data-dir '$data' --urls 'http://127.0.0.1:$p' '--Logging:LogLevel:Microsoft.AspNetCore=${SUBGRAPH_ASPNETCORE_LOG_LEVEL:-Warning}'
EOF
      echo "$p" >"$run/$id.port"
      start_subgraph "$id"
      ids+=("$id")
      urls+="${urls:+,}\"http://127.0.0.1:$p/graphql\""
    done
    subgraph_args+=(--subgraph "$name=http://127.0.0.1:$(cat "$run/$name.port")/graphql")
    map+="$sep\"http://127.0.0.1:$(cat "$run/$name.port")/graphql\": [$urls]"; sep=","
  done
  echo "$map}" >"$run/instances.json"
  # Each subgraph's SDL as the Host prints it (in parallel: one process start each).
  local printing=()
  for name in $modules; do dotnet "$dll" schema --module "$name" --federation >"$data/schema/$name.graphql" & printing+=($!); done
  wait "${printing[@]}"
  (cd "$gateway_dir" && node compose.mjs --schema-dir "$data/schema" --out "$data/supergraph.graphql" "${subgraph_args[@]}") 2>>"$logs/compose.log" \
    || die "composition failed (see $logs/compose.log)"
  for id in "${ids[@]}"; do
    wait_until 120 "$(cat "$run/$id.pid")" curl -sf "http://127.0.0.1:$(cat "$run/$id.port")/healthz" \
      || { down; die "subgraph $id did not start (see $logs/$id.log)"; }
  done

  cat >"$run/gateway.sh" <<EOF
source '$run/env'
cd '$gateway_dir'
export SUPERGRAPH='$data/supergraph.graphql' GATEWAY_SECRET='$secret'
$( (( instances > 1 )) && echo "export GATEWAY_INSTANCES='$run/instances.json'" || true)
exec node --max-semi-space-size='${GATEWAY_SEMI_SPACE_MB:-64}' '$gateway_dir/node_modules/@graphql-hive/gateway/dist/bin.js' --fork '${GATEWAY_FORK:-1}' supergraph '$data/supergraph.graphql' --host 127.0.0.1 --port '$port'
EOF
  nohup bash "$run/gateway.sh" >>"$logs/gateway.log" 2>&1 &
  echo $! >"$run/gateway.pid"
  echo "$port" >"$run/gateway.port"
  local token; token=$(host token --org X24 2>/dev/null)
  # Starting, the gateway compiles gateway.config.ts and loads the planner: over a minute on a busy machine.
  wait_until 180 "$(cat "$run/gateway.pid")" curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
      -H "authorization: Bearer $token" -d '{"query":"{ __typename }"}' \
    || { down; die "the gateway did not start (see $logs/gateway.log)"; }
  echo "GATEWAY=http://127.0.0.1:$port/graphql"
  for id in "${ids[@]}"; do
    echo "SUBGRAPH_$(echo "$id" | tr 'a-z.-' 'A-Z__')=http://127.0.0.1:$(cat "$run/$id.port")/graphql"
  done
}

stop_pid_file() {
  local file=$1 pid
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  if ours "$pid"; then
    # With GATEWAY_FORK > 1 the gateway's workers are its children: stopped with it, by parent PID.
    local children; children=$(pgrep -P "$pid" || true)
    kill "$pid" $children 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

down() {
  [[ -d "$run" ]] || return 0
  stop_pid_file "$run/gateway.pid"
  local f
  for f in "$run"/*.pid; do [[ -e "$f" ]] && stop_pid_file "$f"; done
  [[ -f "$run/postgres.state" ]] && COMMISSIONING_PG_STATE="$run/postgres.state" "$root/infra/local/postgres.sh" stop >&2 || true
  return 0
}

restart() {
  [[ -n "$module" && -f "$run/$module.sh" ]] || die "restart: --module NAME of a subgraph that up started"
  if [[ -f "$run/$module.pid" ]] && ours "$(cat "$run/$module.pid")"; then die "restart: $module is running"; fi
  start_subgraph "$module"
  wait_until 120 "$(cat "$run/$module.pid")" curl -sf "http://127.0.0.1:$(cat "$run/$module.port")/healthz" || die "$module did not start"
}

case "$verb" in
  up) up ;;
  down) down ;;
  token) [[ -f "$dll" ]] || ensure_build; host token "${rest[@]}" ;;
  restart) restart ;;
  *) die "usage: federation.sh up|down|token|restart --data-dir DIR [--port PORT] [--postgres] [--redis] [--secret S] [--instances N] [--module NAME]" ;;
esac
