#!/usr/bin/env bash
# The scale run: two replicas of every service against a three-node RabbitMQ cluster (scripts/dev-servers.sh
# start-cluster); N mixed messages (default 2,000) with RabbitMQ node 1 killed and restarted half way, every message
# answered exactly once; then questions per second with one and with two query-generator replicas.
#
#   bench/scale/run.sh [N] [--rate PER_SECOND] [--questions Q] [--invoices PER_TENANT] [--rounds R]
#
# Builds the debug executables, starts its own servers and the chaos run's fake provider in a temporary folder (kept
# when the run fails, or with SCALE_KEEP=1), prints one line of figures per step (BENCHMARKS.md, "Operations / scale").
# Takes 15-30 minutes on a loaded 2-core machine; exit status 0 only when nothing was lost or doubled.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/dev-servers.sh install
binaries=$(bench/chaos/binaries.sh)

work=$(mktemp -d /tmp/ft-scale-run-XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as its own user under it
status=0
python3 bench/scale/scale.py "$@" --work "$work" --binaries "$binaries" || status=$?
if [ "$status" -eq 0 ] && [ "${SCALE_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
else
    echo "scale: logs, outbox and bills kept in $work" >&2
fi
exit $status
