#!/usr/bin/env bash
# The books' web page in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by Selenium
# (PyPI, in a venv under .local/) against the four debug-built services on loopback with WHATSAPP_PROVIDER=console,
# on servers that `scripts/dev-servers.sh start DIR` started.
#
#   scripts/books-browser.sh test DIR              the browser tests (Tests/Browser/test_books.py, pytest)
#   scripts/books-browser.sh screenshots DIR [OUT] a PNG of every page at 390×844 into OUT (default screenshots/)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-} servers=${2:-}
[ -n "$servers" ] && [ -f "$servers/env.sh" ] || { echo "usage: $0 test|screenshots DIR [OUT]  (DIR from dev-servers.sh start)" >&2; exit 2; }
out=$(mkdir -p "${3:-screenshots}" && cd "${3:-screenshots}" && pwd)

scripts/dev-servers.sh install chromium chromium-driver python3-venv
venv=.local/browser-venv
if ! "$venv/bin/python" -c "import selenium, pytest" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check selenium pytest
fi

# shellcheck disable=SC1090
source "$servers/env.sh"
bin=$(swift build --show-bin-path)
[ -x "$bin/webhook-intake" ] && [ -x "$bin/fintrak" ] || swift build

logs=$(mktemp -d /tmp/fintrak-books-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "${keep_logs:-0}" = 1 ]; then echo "service logs kept in $logs" >&2; else rm -rf "$logs"; fi
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export WHATSAPP_PROVIDER=console PUBLIC_BASE_URL=http://127.0.0.1:$port LOG_FORMAT=text RATE_LIMIT_PER_MINUTE=0
export FINTRAK_QUEUE_PREFIX=books-$$ INTAKE_URL=http://127.0.0.1:$port FINTRAK_BIN=$bin/fintrak
"$bin/fintrak" migrate >/dev/null
for service in webhook-intake invoice-extractor query-generator client-responder; do
    service_port=0
    [ "$service" != webhook-intake ] || service_port=$port
    HTTP_PORT=$service_port "$bin/$service" >"$logs/$service.log" 2>&1 &
    pids+=($!)
done
for _ in $(seq 1 150); do
    curl -fsS "$INTAKE_URL/ready" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$INTAKE_URL/ready" >/dev/null || { keep_logs=1; echo "webhook-intake did not become ready" >&2; exit 1; }

keep_logs=1
case "$mode" in
    test) "$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/Browser ;;
    screenshots) "$venv/bin/python" Tests/Browser/screenshots.py "$out" ;;
    *) echo "usage: $0 test|screenshots DIR [OUT]" >&2; exit 2 ;;
esac
keep_logs=0
