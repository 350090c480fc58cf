#!/usr/bin/env bash
# webhook-intake under load: wrk on loopback posts pre-signed, unique Twilio webhooks for DURATION seconds against
# the release build (signature check, Redis dedupe + rate limit + state in one script, broker-confirmed publish),
# and, in the same run, GET /health on the same process (the ceiling of HTTP alone on this machine).
#
#   bench/intake/run.sh                      # DURATION=20 CONNECTIONS=64 THREADS=2
#   DURATION=10 CONNECTIONS=128 bench/intake/run.sh
#
# Starts its own PostgreSQL, Redis and RabbitMQ (scripts/dev-servers.sh) in a temporary folder and stops them after.
# Prints one RESULT line per load, the enqueued count from intake's /metrics and the broker's queue depth.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PER_THREAD=${PER_THREAD:-$((DURATION * 12000 / THREADS + 20000))}

say() { echo "bench: $*" >&2; }

command -v wrk >/dev/null || { say "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
scripts/dev-servers.sh install

say "swift build -c release --product webhook-intake"
swift build -c release --product webhook-intake >&2
bin=$(swift build -c release --show-bin-path)/webhook-intake

work=$(mktemp -d /tmp/fintrak-bench-intake-XXXXXX)
chmod 755 "$work"  # PostgreSQL runs as its own user and must reach its data folder
intake_pid=""
cleanup() {
    local status=$?
    [ -z "$intake_pid" ] || { kill "$intake_pid" 2>/dev/null || true; wait "$intake_pid" 2>/dev/null || true; }
    scripts/dev-servers.sh stop "$work/servers" >/dev/null 2>&1 || true
    if [ "$status" -eq 0 ]; then rm -rf "$work"; else say "kept $work for its logs"; fi
}
trap cleanup EXIT

scripts/dev-servers.sh start "$work/servers"
# shellcheck disable=SC1091
source "$work/servers/env.sh"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
account="AC$(printf '0%.0s' {1..28})7e57"
token=$(printf '7e57%.0s' {1..8})
prefix="bench-$(date +%s)"
say "webhook-intake on port $port (log: $work/intake.log)"
env HTTP_PORT="$port" PUBLIC_BASE_URL="http://127.0.0.1:$port" WHATSAPP_PROVIDER=twilio \
    TWILIO_ACCOUNT_SID="$account" TWILIO_AUTH_TOKEN="$token" TWILIO_WHATSAPP_NUMBER=whatsapp:+14155238886 \
    FINTRAK_QUEUE_PREFIX="$prefix" "$bin" >"$work/intake.log" 2>&1 &
intake_pid=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { say "intake did not get ready"; head -40 "$work/intake.log" >&2; exit 1; }

say "signing $((PER_THREAD * THREADS)) unique webhooks"
python3 bench/intake/make_requests.py --url "http://127.0.0.1:$port/whatsapp" --token "$token" --account-sid "$account" \
    --count "$PER_THREAD" --threads "$THREADS" --out "$work/requests" >&2

# Connect Redis and the broker (lazy) before measuring: one webhook from a sender outside the load.
python3 - "$port" "$token" "$account" <<'PY'
import sys, urllib.parse, urllib.request
sys.path.insert(0, "bench/intake")
from make_requests import fields, sign
port, token, account = sys.argv[1:]
url = f"http://127.0.0.1:{port}/whatsapp"
form = fields("SMwarmup", "919999999999", account)
request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                 headers={"X-Twilio-Signature": sign(token, url, form)})
assert urllib.request.urlopen(request, timeout=10).status == 200
PY

metric() { # the sum of intake_messages_total samples whose labels contain $1
    curl -s "http://127.0.0.1:$port/metrics" | awk -v want="$1" '$1 ~ /^intake_messages_total\{/ && index($1, want) { s += $2 } END { printf "%d\n", s }'
}

say "bare HTTP: GET /health, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
bare=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/intake/bare.lua "http://127.0.0.1:$port/health" | grep '^RESULT')

before=$(metric 'outcome="question"')
say "webhooks: POST /whatsapp, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
hooks=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/intake/twilio.lua "http://127.0.0.1:$port" \
    -- "$work/requests" "$account" | grep '^RESULT')
after=$(metric 'outcome="question"')
limited=$(metric 'outcome="rate_limited"')
duplicates=$(metric 'outcome="duplicate"')

# The broker's queue statistics lag by a few seconds: wait until they show every enqueued message.
depth=""
for _ in $(seq 1 15); do
    depth=$(HOME=$HOME_RABBITMQ /usr/lib/rabbitmq/bin/rabbitmqctl -q -p fintrak list_queues name messages 2>/dev/null \
        | awk -v q="$prefix.questions" '$1 == q { print $2 }')
    [ "${depth:-0}" -lt "$after" ] || break
    sleep 2
done

echo "bare GET /health:            $bare"
echo "signed webhooks (enqueued):  $hooks"
echo "enqueued by intake (metrics): $((after - before)) in ${DURATION}s = $(( (after - before) / DURATION ))/s; rate-limited $limited, duplicates $duplicates"
echo "messages in $prefix.questions: ${depth:-unknown} (includes the warm-up webhook)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
