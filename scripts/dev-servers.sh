#!/usr/bin/env bash
# Real PostgreSQL, Redis and RabbitMQ on loopback, in one folder, without systemd or Docker.
#
#   scripts/dev-servers.sh install [PKG…] install the Debian packages Fintrak needs (servers, C clients, OCR), and PKG…
#   scripts/dev-servers.sh start DIR      start all three on free ports; writes DIR/env.sh with the URLs
#   scripts/dev-servers.sh stop DIR       stop what `start DIR` started
#   scripts/dev-servers.sh pause DIR postgres|redis|rabbitmq    stop one server (tests of outages)
#   scripts/dev-servers.sh resume DIR postgres|redis|rabbitmq   start it again on the same port
#   scripts/dev-servers.sh start-cluster DIR [--rabbitmq-only]  like `start`, with a three-node RabbitMQ cluster
#   scripts/dev-servers.sh pause|resume|kill DIR rabbitmq-1|2|3  stop a node's broker (stop_app), start it again
#                                                                 (restarting a killed node), or SIGKILL the node
#
# In a cluster each node has its own folder (DIR/rabbitmq-N), name, ports and env.sh; they share one epmd and one
# Erlang cookie, and AMQP_URL lists all three nodes, comma-separated. The RABBITMQ_* variables in DIR/env.sh are
# node 1's.
#
# `source DIR/env.sh` exports DATABASE_URL (the services' login, fintrak_service), MIGRATION_DATABASE_URL (the
# schema's owner), REDIS_URL, AMQP_URL and the RABBITMQ_* variables that
# rabbitmqctl needs to reach this node (tests stop and start the broker to check reconnects).
set -euo pipefail

PACKAGES=(postgresql redis-server rabbitmq-server librabbitmq-dev libhiredis-dev libpq-dev libcurl4-openssl-dev
          pkg-config tesseract-ocr tesseract-ocr-eng tesseract-ocr-hin tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-nld
          libtesseract-dev libleptonica-dev poppler-utils
          libpoppler-glib-dev libxlsxwriter-dev libcairo2-dev python3 curl)
RABBIT_BIN=/usr/lib/rabbitmq/bin

say() { echo "dev-servers: $*" >&2; }

install_packages() {
    PACKAGES+=("$@")
    local missing=()
    for pkg in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # Keep the packages' own init scripts from starting system-wide servers.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod +x /usr/sbin/policy-rc.d
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

free_port() {
    local port
    while :; do
        # Below the kernel's ephemeral range (32768 up): a port there may be the local end of some connection,
        # which nothing listens on yet binding it fails.
        port=$((20000 + RANDOM % 12000))
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

wait_for() { # seconds, description, command...
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { say "timed out waiting for $what"; return 1; }
        sleep 0.3
    done
}

start_postgres() {
    local dir=$1 port bin run=()
    port=$(free_port); bin=$(pg_bin)
    mkdir -p "$dir/postgres"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$dir/postgres"; chmod 700 "$dir/postgres"
        run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/postgres/data" -U fintrak --auth=trust -E UTF8 --no-sync >"$dir/postgres-init.log" 2>&1
    # In the data folder rather than on the command line, so that `resume` starts the server the same way.
    # fsync off: these are throw-away development and test databases, never production.
    cat >>"$dir/postgres/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/postgres'
fsync = off
synchronous_commit = off
max_connections = 1000
EOF
    "${run[@]}" "$bin/pg_ctl" -D "$dir/postgres/data" -l "$dir/postgres/server.log" -w start >/dev/null
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U fintrak fintrak
    # The services' least-privilege login (schema.sql defines it too, and checks what it may do); `fintrak` owns
    # the schema and migrates.
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U fintrak -d fintrak \
        -c "CREATE ROLE fintrak_service LOGIN PASSWORD 'fintrak' NOSUPERUSER NOBYPASSRLS NOINHERIT" >/dev/null
    echo "export DATABASE_URL=postgres://fintrak_service:fintrak@127.0.0.1:$port/fintrak"
    echo "export MIGRATION_DATABASE_URL=postgres://fintrak:fintrak@127.0.0.1:$port/fintrak"
    echo "export FINTRAK_PG_DATA=$dir/postgres/data FINTRAK_PG_BIN=$bin"
}

start_redis() {
    local dir=$1 port
    port=$(free_port)
    mkdir -p "$dir/redis"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir/redis" --daemonize yes \
        --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
    wait_for 20 redis redis-cli -p "$port" ping
    echo "export REDIS_URL=redis://127.0.0.1:$port/0"
}

rabbit_env() { # base port dist epmd
    local base=$1
    cat <<EOF
export HOME_RABBITMQ=$base RABBITMQ_NODENAME=fintrak_$2@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$2 RABBITMQ_DIST_PORT=$3 ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$4
export RABBITMQ_CTL_DIST_PORT_MIN=$(($3 + 1)) RABBITMQ_CTL_DIST_PORT_MAX=$(($3 + 10))
export RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log RABBITMQ_PID_FILE=$base/rabbit.pid
export RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins RABBITMQ_CONF_ENV_FILE=$base/rabbitmq-env.conf
export RABBITMQ_CONFIG_FILE=$base/rabbitmq.conf
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
}

# One RabbitMQ node in BASE (its config, cookie and env.sh), started and awaited; no users yet.
# The epmd at EPMD must already run; COOKIE is shared by the nodes of a cluster.
start_rabbitmq_node() { # base epmd cookie
    local base=$1 epmd=$2 cookie=$3 port dist
    port=$(free_port); dist=$(free_port)
    mkdir -p "$base"
    echo '[].' >"$base/enabled_plugins"
    : >"$base/rabbitmq-env.conf"
    # A backlog of 1024 (128 by default): the test suite's services open a hundred or more connections at once.
    printf 'listeners.tcp.default = 127.0.0.1:%s\ndisk_free_limit.absolute = 10MB\ntcp_listen_options.backlog = 1024\n' \
        "$port" >"$base/rabbitmq.conf"
    echo "$cookie" >"$base/.erlang.cookie"; chmod 400 "$base/.erlang.cookie"
    rabbit_env "$base" "$port" "$dist" "$epmd" >"$base/env.sh"
    launch_rabbitmq_node "$base"
}

# Starts the node whose env.sh is in BASE and waits until it runs (also restarts a killed node).
launch_rabbitmq_node() { # base
    (
        # shellcheck disable=SC1091
        source "$1/env.sh"
        export HOME=$1
        cd "$1" && nohup "$RABBIT_BIN/rabbitmq-server" >"$1/server.log" 2>&1 &
        wait_for 180 rabbitmq "$RABBIT_BIN/rabbitmq-diagnostics" -q ping
        "$RABBIT_BIN/rabbitmqctl" -q await_startup
    ) >&2
}

# rabbitmqctl for the node in BASE.
rabbitmqctl_at() { # base args...
    local base=$1; shift
    (
        # shellcheck disable=SC1091
        source "$base/env.sh"
        HOME=$base "$RABBIT_BIN/rabbitmqctl" "$@"
    )
}

add_fintrak_user() { # base
    rabbitmqctl_at "$1" -q add_vhost fintrak
    rabbitmqctl_at "$1" -q add_user fintrak fintrak >/dev/null
    rabbitmqctl_at "$1" -q set_permissions -p fintrak fintrak '.*' '.*' '.*'
}

amqp_url() { # base
    local port
    port=$(grep -o 'RABBITMQ_NODE_PORT=[0-9]*' "$1/env.sh" | cut -d= -f2)
    echo "amqp://fintrak:fintrak@127.0.0.1:$port/fintrak"
}

start_rabbitmq() {
    local dir=$1 epmd base=$1/rabbitmq
    epmd=$(free_port)
    epmd -daemon -port "$epmd" -address 127.0.0.1
    start_rabbitmq_node "$base" "$epmd" "FINTRAK$epmd"
    add_fintrak_user "$base" >&2
    cat "$base/env.sh"
    echo "export AMQP_URL=$(amqp_url "$base")"
}

# Three nodes on loopback in DIR/rabbitmq-1..3, joined into one cluster; quorum queues declared afterwards get a
# replica on each.
start_rabbitmq_cluster() {
    local dir=$1 epmd cookie node first pids=() urls=()
    epmd=$(free_port); cookie="FINTRAK$epmd"
    epmd -daemon -port "$epmd" -address 127.0.0.1
    for node in 1 2 3; do
        start_rabbitmq_node "$dir/rabbitmq-$node" "$epmd" "$cookie" &
        pids+=($!)
    done
    for node in "${pids[@]}"; do wait "$node"; done
    first=$(grep -o 'RABBITMQ_NODENAME=[^ ]*' "$dir/rabbitmq-1/env.sh" | cut -d= -f2)
    for node in 2 3; do
        rabbitmqctl_at "$dir/rabbitmq-$node" -q stop_app
        rabbitmqctl_at "$dir/rabbitmq-$node" -q join_cluster "$first"
        rabbitmqctl_at "$dir/rabbitmq-$node" -q start_app
    done >&2
    add_fintrak_user "$dir/rabbitmq-1" >&2
    for node in 1 2 3; do urls+=("$(amqp_url "$dir/rabbitmq-$node")"); done
    cat "$dir/rabbitmq-1/env.sh"
    echo "export AMQP_URL=$(IFS=,; echo "${urls[*]}")"
    echo "export FINTRAK_RABBITMQ_NODES=3"
}

start_all() { # dir [cluster] [rabbitmq-only]
    local dir cluster=${2:-} only=${3:-} pg="" redis=""
    close_inherited_descriptors
    mkdir -p "$1"; dir=$(cd "$1" && pwd)
    chmod 755 "$dir"
    [ ! -e "$dir/env.sh" ] || { say "$dir already has servers (stop them first)"; exit 1; }
    : >"$dir/.pg.env"; : >"$dir/.redis.env"
    # The three start in parallel; RabbitMQ is the long pole.
    if [ -z "$only" ]; then
        start_postgres "$dir" >"$dir/.pg.env" &
        pg=$!
        start_redis "$dir" >"$dir/.redis.env" &
        redis=$!
    fi
    if [ -n "$cluster" ]; then start_rabbitmq_cluster "$dir" >"$dir/.rabbit.env"; else start_rabbitmq "$dir" >"$dir/.rabbit.env"; fi
    # A server that did not start fails `start` (else env.sh would silently lack its URL; a folder left by an
    # earlier `stop` holds a data folder initdb refuses), after stopping the ones that did start.
    local failed=""
    if [ -n "$pg" ]; then
        wait "$pg" || failed="PostgreSQL did not start: see $dir/postgres-init.log (a used folder: take a fresh one)"
        wait "$redis" || failed=${failed:-"Redis did not start: see $dir/redis/redis.log"}
    fi
    { cat "$dir/.pg.env" "$dir/.redis.env" "$dir/.rabbit.env"; echo "export FINTRAK_DEV_SERVERS=$dir"; } >"$dir/env.sh"
    rm -f "$dir/.pg.env" "$dir/.redis.env" "$dir/.rabbit.env"
    if [ -n "$failed" ]; then
        say "$failed"
        stop_all "$dir"
        exit 1
    fi
    say "servers up${cluster:+ (RabbitMQ: three nodes)}${only:+ (RabbitMQ only)}; source $dir/env.sh"
}

# Every RabbitMQ node started in DIR: the single node's folder, or a cluster's.
rabbitmq_nodes() { # dir
    local base
    for base in "$1/rabbitmq" "$1"/rabbitmq-[0-9]; do [ ! -e "$base/env.sh" ] || echo "$base"; done
}

stop_all() {
    local dir
    dir=$(cd "$1" && pwd)
    local nodes
    nodes=$(rabbitmq_nodes "$dir")
    # A folder whose start failed has no env.sh yet, but may have RabbitMQ nodes running.
    [ -e "$dir/env.sh" ] || [ -n "$nodes" ] || return 0
    (
        # Only what DIR/env.sh names: a caller's own servers (a test's environment) must survive `stop` of a
        # RabbitMQ-only folder.
        unset REDIS_URL FINTRAK_PG_DATA FINTRAK_PG_BIN
        # shellcheck disable=SC1090
        if [ -e "$dir/env.sh" ]; then source "$dir/env.sh"; else source "${nodes%%$'\n'*}/env.sh"; fi
        local base
        for base in $nodes; do
            # Only a running node: rabbitmqctl waits a long time for one that is gone.
            if [ -s "$base/rabbit.pid" ] && kill -0 "$(cat "$base/rabbit.pid")" 2>/dev/null; then
                timeout 60 "$0" rabbitmqctl-at "$base" -q stop "$base/rabbit.pid" >/dev/null 2>&1 || true
            fi
        done
        epmd -kill >/dev/null 2>&1 || true
        # SHUTDOWN rather than a signal: a Redis restarted from a test may have SIGTERM blocked.
        [ -z "${REDIS_URL:-}" ] || redis-cli -u "$REDIS_URL" shutdown nosave >/dev/null 2>&1 || true
        local run=()
        [ "$(id -u)" -ne 0 ] || run=(runuser -u postgres --)
        if [ -n "${FINTRAK_PG_DATA:-}" ]; then
            "${run[@]}" "$FINTRAK_PG_BIN/pg_ctl" -D "$FINTRAK_PG_DATA" -m fast stop >/dev/null 2>&1 || true
        fi
    )
    [ ! -e "$dir/env.sh" ] || mv "$dir/env.sh" "$dir/env.sh.stopped"
    say "stopped the servers in $dir"
}

# Foundation's Process (the tests run this script with it) learns that the script ended when a descriptor it handed
# down is closed; a server started here must not inherit that descriptor, or the caller waits until the server stops.
close_inherited_descriptors() {
    local fd
    for fd in /proc/$$/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-"; fi
    done
}

pause_or_resume() { # pause|resume dir server
    local action=$1 dir
    dir=$(cd "$2" && pwd)
    close_inherited_descriptors
    # shellcheck disable=SC1090
    source "$dir/env.sh"
    local run=()
    [ "$(id -u)" -ne 0 ] || run=(runuser -u postgres --)
    case "$action:$3" in
        pause:postgres) "${run[@]}" "$FINTRAK_PG_BIN/pg_ctl" -D "$FINTRAK_PG_DATA" -m fast -w stop >/dev/null ;;
        resume:postgres) "${run[@]}" "$FINTRAK_PG_BIN/pg_ctl" -D "$FINTRAK_PG_DATA" -l "$dir/postgres/server.log" -w start >/dev/null ;;
        pause:redis) redis-cli -u "$REDIS_URL" shutdown nosave >/dev/null 2>&1 || true ;;
        resume:redis)
            local port=${REDIS_URL##*:}; port=${port%%/*}
            redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir/redis" --daemonize yes \
                --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
            wait_for 20 redis redis-cli -p "$port" ping ;;
        pause:rabbitmq) HOME=$HOME_RABBITMQ "$RABBIT_BIN/rabbitmqctl" -q stop_app ;;
        resume:rabbitmq) HOME=$HOME_RABBITMQ "$RABBIT_BIN/rabbitmqctl" -q start_app ;;
        pause:rabbitmq-[1-3]) rabbitmqctl_at "$dir/$3" -q stop_app ;;
        resume:rabbitmq-[1-3])
            if [ -s "$dir/$3/rabbit.pid" ] && kill -0 "$(cat "$dir/$3/rabbit.pid")" 2>/dev/null; then
                rabbitmqctl_at "$dir/$3" -q start_app
            else
                launch_rabbitmq_node "$dir/$3"
            fi ;;
        kill:rabbitmq-[1-3])
            if [ -s "$dir/$3/rabbit.pid" ]; then kill -KILL "$(cat "$dir/$3/rabbit.pid")" 2>/dev/null || true; fi ;;
        *) echo "usage: $0 pause|resume DIR postgres|redis|rabbitmq|rabbitmq-N, or kill DIR rabbitmq-N" >&2; exit 2 ;;
    esac
}

case "${1:-}" in
    pause|resume|kill) [ -n "${3:-}" ] || { echo "usage: $0 $1 DIR postgres|redis|rabbitmq|rabbitmq-N" >&2; exit 2; }
        pause_or_resume "$1" "$2" "$3" ;;
    install) shift; install_packages "$@" ;;
    start) [ -n "${2:-}" ] || { echo "usage: $0 start DIR" >&2; exit 2; }; start_all "$2" ;;
    start-cluster)
        [ -n "${2:-}" ] || { echo "usage: $0 start-cluster DIR [--rabbitmq-only]" >&2; exit 2; }
        case "${3:-}" in
            "") start_all "$2" cluster ;;
            --rabbitmq-only) start_all "$2" cluster only ;;
            *) echo "usage: $0 start-cluster DIR [--rabbitmq-only]" >&2; exit 2 ;;
        esac ;;
    rabbitmqctl-at) shift; rabbitmqctl_at "$@" ;;  # rabbitmqctl for the node in a folder (used by `stop`)
    stop) [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop_all "$2" ;;
    *) echo "usage: $0 install | start DIR | start-cluster DIR [--rabbitmq-only] | stop DIR | pause|resume|kill DIR SERVER" >&2
       exit 2 ;;
esac
