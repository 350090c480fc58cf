#!/usr/bin/env bash
# Fintrak on this machine with no accounts: servers on loopback in .local/, the four services with
# WHATSAPP_PROVIDER=console, and a terminal chat. Ctrl-C (or Ctrl-D in the chat) stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=$root/.local

scripts/dev-servers.sh install
mkdir -p "$state/logs"
scripts/dev-servers.sh stop "$state/servers" 2>/dev/null || true
rm -rf "$state/servers"

pids=()
cleanup() {
    trap - EXIT INT TERM
    echo "stopping Fintrak..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    # Each service finishes what it holds before the servers go away.
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    scripts/dev-servers.sh stop "$state/servers" || true
}
trap cleanup EXIT INT TERM

scripts/dev-servers.sh start "$state/servers"
# shellcheck disable=SC1091
source "$state/servers/env.sh"
echo "building (the first build takes a few minutes)..."
# The debug build, which scripts/test.sh and the browser tests use too: one build serves all three, and it takes a
# fraction of a release build's time (the production image builds release).
swift build 2>&1 | tail -n 3
bin=$(swift build --show-bin-path)

export WHATSAPP_PROVIDER=console PUBLIC_BASE_URL=http://127.0.0.1:8000 LOG_FORMAT=text
"$bin/fintrak" migrate
port=8000
for service in webhook-intake invoice-extractor query-generator client-responder; do
    HTTP_PORT=$port "$bin/$service" >"$state/logs/$service.log" 2>&1 &
    pids+=($!)
    port=$((port + 1))
done
for port in 8000 8001 8002 8003; do
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fsS "http://127.0.0.1:$port/ready" >/dev/null || { echo "service on port $port is not ready; see $state/logs/"; exit 1; }
done
echo "Fintrak is running (logs in .local/logs/; in another terminal: $bin/fintrak logs --follow)."
"$bin/fintrak" chat --intake http://127.0.0.1:8000
