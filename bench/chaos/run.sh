#!/usr/bin/env bash
# The chaos run: N mixed messages over Twilio, Gupshup and the Cloud API while services are SIGKILLed at random and
# RabbitMQ, Redis and PostgreSQL restarted once each; then every message must have exactly one reply.
#
#   bench/chaos/run.sh N [--rate PER_SECOND] [--seed S] [--window-kills K]   (what it checks, its figures: BENCHMARKS.md)
#
# Builds the debug executables (`swift build`, warm after scripts/test.sh), starts its own servers with
# scripts/dev-servers.sh and a fake provider on 127.0.0.1 in a temporary folder (kept when the run fails, or
# when CHAOS_KEEP=1), and prints one line of figures. Exit status 0 only when nothing was lost or doubled.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: $0 N [--rate PER_SECOND] [--seed S] [--window-kills K]" >&2; exit 2; }

scripts/dev-servers.sh install
binaries=$(bench/chaos/binaries.sh)

work=$(mktemp -d /tmp/ft-chaos-run-XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as its own user under it
status=0
python3 bench/chaos/chaos.py "$1" --work "$work" --binaries "$binaries" "${@:2}" || status=$?
if [ "$status" -eq 0 ] && [ "${CHAOS_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
else
    echo "chaos: logs, outbox and bills kept in $work" >&2
fi
exit $status
