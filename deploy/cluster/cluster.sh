#!/usr/bin/env bash
# A Facteur cluster on one machine, for tests and demonstrations: 1 to 3 Facteur nodes sharing one PostgreSQL, one
# RabbitMQ (mailbox events) and one Redis (web sessions, login counters), behind HAProxy run from the shipped
# deploy/haproxy/haproxy.cfg. Every server is a private one started from Debian's packages (postgresql, rabbitmq-server,
# redis-server, haproxy, openssl), listening on 127.0.0.1 only, its data under one directory; nothing of the machine's
# own services is used or changed. PostgreSQL, RabbitMQ and Redis get passwords made at the first start
# (<dir>/secrets.env, owner only). Not for production: one machine is one point of failure, every server runs as you
# (PostgreSQL as the postgres user when you are root), and the webmail's certificate is self-signed.
#
#   cluster.sh start              start what is not running yet (the first start creates everything)
#   cluster.sh stop               stop the nodes, HAProxy, Redis, RabbitMQ and PostgreSQL (data kept)
#   cluster.sh status             what runs, each node's /health; exit 1 if anything is down
#   cluster.sh ports              where to connect (HAProxy's fronts) and each node's own ports
#   cluster.sh admin NODE ARGS    ./facteur admin on that node (e.g. admin node1 domain add example.org)
#   cluster.sh kill NODE          SIGKILL one node (what a crash does); 'start' starts it again
#   cluster.sh destroy            stop, then delete the cluster's directory (only one this script made)
#
# Settings (environment):
#   FACTEUR_CLUSTER_DIR        where everything lives (default ./facteur-cluster; letters, digits and ._+-/ only)
#   FACTEUR_CLUSTER_NODES      how many Facteur nodes, 1 to 3 (default 3; the shipped haproxy.cfg names three)
#   FACTEUR_CLUSTER_PORT_BASE  B (default 20000): HAProxy listens on B+25 (SMTP), B+87 (submission), B+65
#                              (submissions), B+43 (IMAP), B+93 (IMAPS), B+80/B+44 (webmail HTTP/HTTPS); PostgreSQL
#                              on B+32, RabbitMQ on B+72 (its Erlang distribution on B+73, its port mapper on B+74),
#                              Redis on B+79; node N on B+100N+25, +87, +65, +43, +93, +80 (HTTP) and +90 (metrics)
#   FACTEUR_CLUSTER_HOSTNAME   the name every node gives itself (default mail.facteur.test)
#   FACTEUR_JAVA_OPTS          the nodes' JVM options (default -Xmx512m and the heap options of ./facteur)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${FACTEUR_CLUSTER_DIR:-$PWD/facteur-cluster}"
[[ "$DIR" == /* ]] || DIR="$PWD/$DIR"
NODES="${FACTEUR_CLUSTER_NODES:-3}"
BASE="${FACTEUR_CLUSTER_PORT_BASE:-20000}"
HOSTNAME_="${FACTEUR_CLUSTER_HOSTNAME:-mail.facteur.test}"
JAVA_OPTS_="${FACTEUR_JAVA_OPTS:--Xmx512m -XX:G1PeriodicGCInterval=5000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:NewSize=64m -XX:-ClassUnloadingWithConcurrentMark}"

[[ "$DIR" =~ ^[A-Za-z0-9._+/-]+$ ]] \
  || { echo "FACTEUR_CLUSTER_DIR may hold letters, digits and ._+-/ only (it goes into servers' settings): $DIR" >&2; exit 2; }
[[ "$NODES" =~ ^[1-3]$ ]] || { echo "FACTEUR_CLUSTER_NODES must be 1, 2 or 3 (the shipped haproxy.cfg names three nodes)." >&2; exit 2; }
[[ "$BASE" =~ ^[0-9]+$ ]] && (( BASE >= 1024 && BASE + 400 <= 65535 )) \
  || { echo "FACTEUR_CLUSTER_PORT_BASE must be a number from 1024 to 65135." >&2; exit 2; }
# Every process started here inherits it: that is how a pid is known to be this cluster's (see alive)
export FACTEUR_CLUSTER_DIR="$DIR"

PG_PORT=$((BASE + 32)); RABBIT_PORT=$((BASE + 72)); RABBIT_DIST_PORT=$((BASE + 73)); EPMD_PORT=$((BASE + 74))
REDIS_PORT=$((BASE + 79))
declare -A FRONT=([25]=$((BASE + 25)) [587]=$((BASE + 87)) [465]=$((BASE + 65)) [143]=$((BASE + 43))
                  [993]=$((BASE + 93)) [80]=$((BASE + 80)) [443]=$((BASE + 44)))
# A node's port for each of the shipped file's node ports (2525 SMTP ... 8080 HTTP), and its metrics port.
node_port() { # node number, shipped port
  local n=$1 p=$2
  case "$p" in
    2525) echo $((BASE + 100 * n + 25)) ;; 2587) echo $((BASE + 100 * n + 87)) ;; 2465) echo $((BASE + 100 * n + 65)) ;;
    2143) echo $((BASE + 100 * n + 43)) ;; 2993) echo $((BASE + 100 * n + 93)) ;; 8080) echo $((BASE + 100 * n + 80)) ;;
    metrics) echo $((BASE + 100 * n + 90)) ;;
  esac
}
RABBIT_NODE="facteurcluster$BASE@localhost"

say() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }
need() { [[ -x "$1" ]] || die "$1 is missing: apt-get install $2"; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port, what, seconds
  local i
  for i in $(seq $(( $3 * 4 ))); do answers "$1" && return 0; sleep 0.25; done
  die "$2 did not answer on 127.0.0.1:$1 within $3 s (its log is under $DIR)"
}
# The process named in a pid file runs, and is this cluster's (a pid the system gave to another program since is not):
# it has the cluster's directory in its environment or command line; Redis rewrites both for its process title, so
# there the program's name is checked instead. The pid is read once and left in ALIVE_PID: a program that stops (Redis,
# PostgreSQL) removes its own pid file, so reading the file again may find nothing
alive() {
  local pid
  ALIVE_PID=
  pid=$(head -1 "$1" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ "$1" == "$DIR/redis/pid" ]]; then
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]] || return 1
  else
    grep -qzF "$DIR" "/proc/$pid/environ" "/proc/$pid/cmdline" 2>/dev/null || return 1
  fi
  ALIVE_PID=$pid
}
free_or_ours() { # port, what, pid file: fails when something else listens there
  if answers "$1" && ! alive "$3"; then
    die "127.0.0.1:$1, $2's port, is taken by another program: choose another FACTEUR_CLUSTER_PORT_BASE"
  fi
}
is_root() { [[ "$(id -u)" == 0 ]]; }

# Passwords of PostgreSQL, RabbitMQ and Redis, made once (hex: no character needs escaping in a URI)
secrets() {
  if [[ ! -f "$DIR/secrets.env" ]]; then
    (umask 077; printf 'PG_PASSWORD=%s\nRABBIT_PASSWORD=%s\nREDIS_PASSWORD=%s\n' "$(openssl rand -hex 24)" \
      "$(openssl rand -hex 24)" "$(openssl rand -hex 24)" >"$DIR/secrets.env")
  fi
  # shellcheck disable=SC1091
  source "$DIR/secrets.env"
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$bin" ]] || die "PostgreSQL's programs are missing: apt-get install postgresql"
  echo "$bin"
}
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_() { PGPASSWORD="$PG_PASSWORD" "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U facteur "$@"; }

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$DIR/postgres"
  free_or_ours "$PG_PORT" PostgreSQL "$DIR/postgres/data/postmaster.pid"
  if answers "$PG_PORT"; then return 0; fi
  if is_root; then
    chown postgres:postgres "$DIR/postgres"
    runuser -u postgres -- test -w "$DIR/postgres" \
      || die "PostgreSQL runs as the user postgres, who cannot reach $DIR/postgres: choose a FACTEUR_CLUSTER_DIR others may enter"
  fi
  if [[ ! -f "$DIR/postgres/data/PG_VERSION" ]]; then
    (umask 077; printf '%s\n' "$PG_PASSWORD" >"$DIR/postgres/pwfile")
    is_root && chown postgres "$DIR/postgres/pwfile"
    as_postgres "$bin/initdb" -D "$DIR/postgres/data" -U facteur --auth=scram-sha-256 --pwfile="$DIR/postgres/pwfile" \
      -E UTF8 >"$DIR/postgres/initdb.log" 2>&1 || { rm -f "$DIR/postgres/pwfile"; die "initdb failed: see $DIR/postgres/initdb.log"; }
    rm -f "$DIR/postgres/pwfile"
  fi
  as_postgres env FACTEUR_CLUSTER_DIR="$DIR" "$bin/pg_ctl" -D "$DIR/postgres/data" -w -t 60 -l "$DIR/postgres/server.log" \
    -o "-p $PG_PORT -h 127.0.0.1 -k $DIR/postgres" start >/dev/null || die "PostgreSQL did not start: see $DIR/postgres/server.log"
  if ! psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'facteur'" | grep -q 1; then
    psql_ -d postgres -qc "CREATE DATABASE facteur" >/dev/null
  fi
  say "PostgreSQL on 127.0.0.1:$PG_PORT (database facteur)"
}

# RabbitMQ's settings: its Erlang cookie goes in HOME; the Erlang distribution and a port mapper of its own listen on
# loopback only; its pid file names the Erlang VM itself
rabbit_env() {
  printf '%s\n' HOME="$DIR/rabbitmq" RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia" \
    RABBITMQ_LOG_BASE="$DIR/rabbitmq/log" RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/rabbitmq/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$DIR/rabbitmq/rabbitmq.conf" RABBITMQ_PID_FILE="$DIR/rabbitmq/pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$EPMD_PORT"
}

start_rabbitmq() {
  need /usr/lib/rabbitmq/bin/rabbitmq-server rabbitmq-server
  mkdir -p "$DIR/rabbitmq"
  free_or_ours "$RABBIT_PORT" RabbitMQ "$DIR/rabbitmq/pid"
  if answers "$RABBIT_PORT"; then return 0; fi
  # its first start makes this user (with every right on the default virtual host) instead of guest
  (umask 077; printf 'default_user = facteur\ndefault_pass = %s\n' "$RABBIT_PASSWORD" >"$DIR/rabbitmq/rabbitmq.conf")
  local -a vars; mapfile -t vars < <(rabbit_env)
  # exported, not on a command line (ps shows those); the wrapper script waits for the Erlang VM
  (export "${vars[@]}"; exec nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$DIR/rabbitmq/server.log" 2>&1) &
  echo $! >"$DIR/rabbitmq/wrapper.pid"
  wait_port "$RABBIT_PORT" RabbitMQ 90
  say "RabbitMQ on 127.0.0.1:$RABBIT_PORT"
}

start_redis() {
  need /usr/bin/redis-server redis-server
  mkdir -p "$DIR/redis"
  free_or_ours "$REDIS_PORT" Redis "$DIR/redis/pid"
  if answers "$REDIS_PORT"; then return 0; fi
  (umask 077; printf '%s\n' "port $REDIS_PORT" "bind 127.0.0.1" 'save ""' "appendonly no" "daemonize yes" \
    "dir $DIR/redis" "pidfile $DIR/redis/pid" "logfile $DIR/redis/server.log" "requirepass $REDIS_PASSWORD" \
    >"$DIR/redis/redis.conf")
  /usr/bin/redis-server "$DIR/redis/redis.conf"
  wait_port "$REDIS_PORT" Redis 30
  say "Redis on 127.0.0.1:$REDIS_PORT"
}

node_env() { # node number: its settings as environment assignments, one per line
  local n=$1
  printf '%s\n' FACTEUR_DATA_DIR="$DIR/node$n" FACTEUR_NODE_NAME="node$n" FACTEUR_HOSTNAME="$HOSTNAME_" \
    FACTEUR_BIND_ADDRESS=127.0.0.1 FACTEUR_HTTP_BIND=127.0.0.1 \
    FACTEUR_SMTP_PORT="$(node_port "$n" 2525)" FACTEUR_SUBMISSION_PORT="$(node_port "$n" 2587)" \
    FACTEUR_SMTPS_PORT="$(node_port "$n" 2465)" FACTEUR_IMAP_PORT="$(node_port "$n" 2143)" \
    FACTEUR_IMAPS_PORT="$(node_port "$n" 2993)" FACTEUR_HTTP_PORT="$(node_port "$n" 8080)" \
    FACTEUR_METRICS_PORT="$(node_port "$n" metrics)" \
    FACTEUR_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/facteur" FACTEUR_DATABASE_USER=facteur \
    FACTEUR_DATABASE_PASSWORD="$PG_PASSWORD" \
    FACTEUR_RABBITMQ_URI="amqp://facteur:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT" \
    FACTEUR_REDIS_URI="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT" \
    FACTEUR_PROXY_PROTOCOL=true FACTEUR_TRUSTED_PROXIES="127.0.0.0/8,::1" FACTEUR_JAVA_OPTS="$JAVA_OPTS_"
}

healthy() { # node number: its /health answers 200 (bash's /dev/tcp: no curl needed)
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "' \
    _ "$(node_port "$1" 8080)" 2>/dev/null
}

start_node() {
  local n=$1 i
  mkdir -p "$DIR/node$n"
  free_or_ours "$(node_port "$n" 8080)" "node$n" "$DIR/node$n/facteur.pid"
  if alive "$DIR/node$n/facteur.pid"; then return 0; fi
  local -a vars; mapfile -t vars < <(node_env "$n")
  # exported (passwords stay off command lines), then exec all the way: the recorded pid is the JVM's
  (export "${vars[@]}"; exec nohup "$ROOT/facteur" start >>"$DIR/node$n/facteur.log" 2>&1) &
  echo $! >"$DIR/node$n/facteur.pid"
  for i in $(seq 720); do
    healthy "$n" && { say "node$n up (webmail http://127.0.0.1:$(node_port "$n" 8080), log $DIR/node$n/facteur.log)"; return 0; }
    alive "$DIR/node$n/facteur.pid" || die "node$n stopped while starting: see $DIR/node$n/facteur.log"
    sleep 0.25
  done
  die "node$n not healthy after 180 s: see $DIR/node$n/facteur.log"
}

# The shipped haproxy.cfg with what running it here needs, and nothing else: loopback fronts and nodes, no chroot,
# user or daemon mode, its log in a file, a self-signed certificate; server lines of nodes beyond FACTEUR_CLUSTER_NODES
# removed. The health checks, retries and the PROXY protocol are the shipped ones.
haproxy_config() {
  local n p
  local -a subst=(-e '/^[[:space:]]*\(chroot\|user\|group\|daemon\|stats socket\)\b/d'
                  -e "s|log /dev/log local0|log stdout format raw local0|"
                  -e "s|crt /etc/haproxy/certs/facteur.pem|crt $DIR/haproxy/facteur.pem|")
  for p in "${!FRONT[@]}"; do subst+=(-e "s|^\([[:space:]]*bind \):$p\b|\1127.0.0.1:${FRONT[$p]}|"); done
  for n in 1 2 3; do
    if (( n > NODES )); then
      subst+=(-e "/^[[:space:]]*server node$n /d")
    else
      for p in 2525 2587 2465 2143 2993 8080; do
        subst+=(-e "s|^\([[:space:]]*server node$n \)10\.0\.0\.1$n:$p\b|\1127.0.0.1:$(node_port "$n" "$p")|")
      done
    fi
  done
  sed "${subst[@]}" "$ROOT/deploy/haproxy/haproxy.cfg"
}

start_haproxy() {
  need /usr/sbin/haproxy haproxy
  mkdir -p "$DIR/haproxy"
  free_or_ours "${FRONT[25]}" HAProxy "$DIR/haproxy/pid"
  if alive "$DIR/haproxy/pid"; then return 0; fi
  if [[ ! -f "$DIR/haproxy/facteur.pem" ]]; then
    (umask 077
     openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
       -days 365 -keyout "$DIR/haproxy/key.pem" -out "$DIR/haproxy/cert.pem" >/dev/null 2>&1 || exit 1
     cat "$DIR/haproxy/cert.pem" "$DIR/haproxy/key.pem" >"$DIR/haproxy/facteur.pem") || die "openssl failed"
  fi
  haproxy_config >"$DIR/haproxy/haproxy.cfg"
  if grep -q '10\.0\.0\.' "$DIR/haproxy/haproxy.cfg" || grep -E '^[[:space:]]*bind ' "$DIR/haproxy/haproxy.cfg" | grep -qv 'bind 127\.0\.0\.1:'; then
    die "the shipped haproxy.cfg has addresses or ports this script does not know how to replace: see $DIR/haproxy/haproxy.cfg"
  fi
  /usr/sbin/haproxy -c -q -f "$DIR/haproxy/haproxy.cfg" || die "HAProxy refused $DIR/haproxy/haproxy.cfg"
  nohup /usr/sbin/haproxy -db -f "$DIR/haproxy/haproxy.cfg" >>"$DIR/haproxy/haproxy.log" 2>&1 &
  echo $! >"$DIR/haproxy/pid"
  wait_port "${FRONT[25]}" HAProxy 30
  say "HAProxy: SMTP 127.0.0.1:${FRONT[25]}, IMAP ${FRONT[143]}, IMAPS ${FRONT[993]}, webmail https://127.0.0.1:${FRONT[443]}"
}

# pid file, what, seconds[, pid]: waits for a process already told to stop, then kills it. Give the pid read before
# the signal: Redis and RabbitMQ remove their pid files as they exit, and a file gone is not a process gone
await_pid() {
  local pid=${4:-} i
  if [[ -z "$pid" ]]; then
    alive "$1" || { rm -f "$1"; return 0; }
    pid=$ALIVE_PID
  fi
  for i in $(seq $(( $3 * 4 ))); do kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }; sleep 0.25; done
  say "$2 did not stop within $3 s: SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

stop_pid() { # pid file, what, seconds
  local pid
  alive "$1" || { rm -f "$1"; return 0; }
  pid=$ALIVE_PID
  kill "$pid" 2>/dev/null || true
  await_pid "$1" "$2" "$3" "$pid"
}

stop_all() {
  local n
  [[ -d "$DIR" ]] || { say "nothing to stop in $DIR"; return 0; }
  # the nodes stop together (each finishes what it is doing; mail it acknowledged stays in its own spool)
  local -a node_pids=()
  for n in 1 2 3; do
    if alive "$DIR/node$n/facteur.pid"; then node_pids[n]=$ALIVE_PID; kill "$ALIVE_PID" 2>/dev/null || true; fi
  done
  for n in 1 2 3; do await_pid "$DIR/node$n/facteur.pid" "node$n" 60 "${node_pids[n]:-}"; done
  stop_pid "$DIR/haproxy/pid" HAProxy 10
  stop_pid "$DIR/redis/pid" Redis 10
  if alive "$DIR/rabbitmq/pid"; then
    local -a vars; mapfile -t vars < <(rabbit_env)
    (export "${vars[@]}"; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" stop >/dev/null 2>&1) || true
  fi
  stop_pid "$DIR/rabbitmq/pid" RabbitMQ 30
  stop_pid "$DIR/rabbitmq/wrapper.pid" "RabbitMQ's wrapper" 10
  # the port mapper RabbitMQ started on its own port
  if answers "$EPMD_PORT"; then epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true; fi
  if alive "$DIR/postgres/data/postmaster.pid"; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$DIR/postgres/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  say "stopped (data kept in $DIR)"
}

status() {
  local n bad=0
  if answers "$PG_PORT"; then say "PostgreSQL up (127.0.0.1:$PG_PORT)"; else say "PostgreSQL DOWN"; bad=1; fi
  if answers "$RABBIT_PORT"; then say "RabbitMQ up (127.0.0.1:$RABBIT_PORT)"; else say "RabbitMQ DOWN"; bad=1; fi
  if answers "$REDIS_PORT"; then say "Redis up (127.0.0.1:$REDIS_PORT)"; else say "Redis DOWN"; bad=1; fi
  if alive "$DIR/haproxy/pid"; then say "HAProxy up (SMTP 127.0.0.1:${FRONT[25]})"; else say "HAProxy DOWN"; bad=1; fi
  for n in $(seq "$NODES"); do
    if healthy "$n"; then say "node$n up"; else say "node$n DOWN"; bad=1; fi
  done
  return $bad
}

ports() {
  echo "HAPROXY_SMTP=${FRONT[25]} HAPROXY_SUBMISSION=${FRONT[587]} HAPROXY_SUBMISSIONS=${FRONT[465]}"
  echo "HAPROXY_IMAP=${FRONT[143]} HAPROXY_IMAPS=${FRONT[993]} HAPROXY_HTTP=${FRONT[80]} HAPROXY_HTTPS=${FRONT[443]}"
  echo "POSTGRES=$PG_PORT RABBITMQ=$RABBIT_PORT REDIS=$REDIS_PORT (passwords in $DIR/secrets.env)"
  local n
  for n in $(seq "$NODES"); do
    echo "NODE${n}_SMTP=$(node_port "$n" 2525) NODE${n}_IMAP=$(node_port "$n" 2143) NODE${n}_HTTP=$(node_port "$n" 8080) NODE${n}_METRICS=$(node_port "$n" metrics)"
  done
}

node_number() {
  [[ "${1:-}" =~ ^node([1-3])$ ]] && (( BASH_REMATCH[1] <= NODES )) || die "name a node: node1 to node$NODES"
  echo "${BASH_REMATCH[1]}"
}

cmd="${1:-help}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  start)
    if [[ -e "$DIR" && ! -f "$DIR/.facteur-cluster" && -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
      die "$DIR holds files that are not a cluster's: choose an empty or new FACTEUR_CLUSTER_DIR"
    fi
    mkdir -p "$DIR"
    touch "$DIR/.facteur-cluster"
    secrets
    start_postgres
    start_rabbitmq
    start_redis
    # node1 first: it creates the schema; then the others, one at a time (two cores are busy enough)
    for n in $(seq "$NODES"); do start_node "$n"; done
    start_haproxy
    say "ready in $DIR; add a domain and a user with: $0 admin node1 domain add example.org"
    ;;
  stop)
    [[ -f "$DIR/secrets.env" ]] && secrets
    stop_all
    ;;
  status) status ;;
  ports) ports ;;
  admin)
    n=$(node_number "${1:-}"); shift
    secrets
    mapfile -t vars < <(node_env "$n")
    export "${vars[@]}"
    exec "$ROOT/facteur" admin "$@"
    ;;
  kill)
    n=$(node_number "${1:-}")
    alive "$DIR/node$n/facteur.pid" || die "node$n is not running"
    kill -9 "$ALIVE_PID" 2>/dev/null || true # it may have ended since
    rm -f "$DIR/node$n/facteur.pid"
    say "node$n killed (SIGKILL); '$0 start' starts it again"
    ;;
  destroy)
    [[ -d "$DIR" ]] || { say "nothing to delete: $DIR does not exist"; exit 0; }
    [[ -f "$DIR/.facteur-cluster" ]] || die "$DIR was not made by this script: not deleted"
    [[ -f "$DIR/secrets.env" ]] && secrets
    stop_all
    rm -rf "$DIR"
    say "deleted $DIR"
    ;;
  help|-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$cmd' (start, stop, status, ports, admin, kill, destroy)" ;;
esac
