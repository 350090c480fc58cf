#!/usr/bin/env bash
# Real PostgreSQL, Redis and RabbitMQ on loopback, in one folder, without systemd or Docker.
#
#   scripts/dev-servers.sh install [PKG…] install the Debian packages Fintrak needs (servers, C clients, OCR), and PKG…
#   scripts/dev-servers.sh start DIR      start all three on free ports; writes DIR/env.sh with the URLs
#   scripts/dev-servers.sh stop DIR       stop what `start DIR` started
#   scripts/dev-servers.sh pause DIR postgres|redis|rabbitmq    stop one server (tests of outages)
#   scripts/dev-servers.sh resume DIR postgres|redis|rabbitmq   start it again on the same port
#
# `source DIR/env.sh` exports DATABASE_URL (the services' login, fintrak_service), MIGRATION_DATABASE_URL (the
# schema's owner), REDIS_URL, AMQP_URL and the RABBITMQ_* variables that
# rabbitmqctl needs to reach this node (tests stop and start the broker to check reconnects).
set -euo pipefail

PACKAGES=(postgresql redis-server rabbitmq-server librabbitmq-dev libhiredis-dev libpq-dev libcurl4-openssl-dev
          pkg-config tesseract-ocr tesseract-ocr-eng tesseract-ocr-hin libtesseract-dev libleptonica-dev poppler-utils
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
        port=$((20000 + RANDOM % 15000))
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
max_connections = 300
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

rabbit_env() { # dir port dist epmd
    local base=$1/rabbitmq
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

start_rabbitmq() {
    local dir=$1 port dist epmd base=$1/rabbitmq
    port=$(free_port); dist=$(free_port); epmd=$(free_port)
    mkdir -p "$base"
    echo '[].' >"$base/enabled_plugins"
    : >"$base/rabbitmq-env.conf"
    printf 'listeners.tcp.default = 127.0.0.1:%s\ndisk_free_limit.absolute = 10MB\n' "$port" >"$base/rabbitmq.conf"
    echo "FINTRAK$port" >"$base/.erlang.cookie"; chmod 400 "$base/.erlang.cookie"
    rabbit_env "$dir" "$port" "$dist" "$epmd" >"$base/env.sh"
    (
        # shellcheck disable=SC1091
        source "$base/env.sh"
        export HOME=$base
        epmd -daemon -port "$epmd" -address 127.0.0.1
        cd "$base" && nohup "$RABBIT_BIN/rabbitmq-server" >"$base/server.log" 2>&1 &
        wait_for 120 rabbitmq "$RABBIT_BIN/rabbitmq-diagnostics" -q ping
        "$RABBIT_BIN/rabbitmqctl" -q await_startup
        "$RABBIT_BIN/rabbitmqctl" -q add_vhost fintrak
        "$RABBIT_BIN/rabbitmqctl" -q add_user fintrak fintrak >/dev/null
        "$RABBIT_BIN/rabbitmqctl" -q set_permissions -p fintrak fintrak '.*' '.*' '.*'
    ) >&2
    cat "$base/env.sh"
    echo "export AMQP_URL=amqp://fintrak:fintrak@127.0.0.1:$port/fintrak"
}

start_all() {
    local dir
    mkdir -p "$1"; dir=$(cd "$1" && pwd)
    chmod 755 "$dir"
    [ ! -e "$dir/env.sh" ] || { say "$dir already has servers (stop them first)"; exit 1; }
    # The three start in parallel; RabbitMQ is the long pole.
    start_postgres "$dir" >"$dir/.pg.env" &
    local pg=$!
    start_redis "$dir" >"$dir/.redis.env" &
    local redis=$!
    start_rabbitmq "$dir" >"$dir/.rabbit.env"
    wait $pg && wait $redis
    { cat "$dir/.pg.env" "$dir/.redis.env" "$dir/.rabbit.env"; echo "export FINTRAK_DEV_SERVERS=$dir"; } >"$dir/env.sh"
    rm -f "$dir/.pg.env" "$dir/.redis.env" "$dir/.rabbit.env"
    say "PostgreSQL, Redis and RabbitMQ are up; source $dir/env.sh"
}

stop_all() {
    local dir
    dir=$(cd "$1" && pwd)
    [ -e "$dir/env.sh" ] || return 0
    (
        # shellcheck disable=SC1090
        source "$dir/env.sh"
        export HOME=$HOME_RABBITMQ
        # Only a running node: rabbitmqctl waits a long time for one that is gone.
        if [ -s "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null; then
            timeout 60 "$RABBIT_BIN/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || true
        fi
        epmd -kill >/dev/null 2>&1 || true
        # SHUTDOWN rather than a signal: a Redis restarted from a test may have SIGTERM blocked.
        redis-cli -u "$REDIS_URL" shutdown nosave >/dev/null 2>&1 || true
        local run=()
        [ "$(id -u)" -ne 0 ] || run=(runuser -u postgres --)
        "${run[@]}" "$FINTRAK_PG_BIN/pg_ctl" -D "$FINTRAK_PG_DATA" -m fast stop >/dev/null 2>&1 || true
    )
    mv "$dir/env.sh" "$dir/env.sh.stopped"
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
        *) echo "usage: $0 pause|resume DIR postgres|redis|rabbitmq" >&2; exit 2 ;;
    esac
}

case "${1:-}" in
    pause|resume) [ -n "${3:-}" ] || { echo "usage: $0 $1 DIR postgres|redis|rabbitmq" >&2; exit 2; }; pause_or_resume "$1" "$2" "$3" ;;
    install) shift; install_packages "$@" ;;
    start) [ -n "${2:-}" ] || { echo "usage: $0 start DIR" >&2; exit 2; }; start_all "$2" ;;
    stop) [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop_all "$2" ;;
    *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
