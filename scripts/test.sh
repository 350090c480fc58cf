#!/usr/bin/env bash
# The whole test suite against real PostgreSQL, Redis and RabbitMQ, started here in a temporary folder
# and stopped afterwards. Extra arguments go to `swift test` (e.g. `scripts/test.sh --filter CoreTests`); without them,
# the browser tests of the books' web page run last (scripts/books-browser.sh: Chromium and Selenium are installed
# when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/dev-servers.sh install
servers=$(mktemp -d /tmp/fintrak-test-XXXXXX)
trap 'scripts/dev-servers.sh stop "$servers" || true; rm -rf "$servers"' EXIT
scripts/dev-servers.sh start "$servers"
# shellcheck disable=SC1091
source "$servers/env.sh"

swift build --build-tests
if [ $# -gt 0 ]; then
    swift test --skip-build "$@"
else
    # Tests that stop a server (names with "Outage") run alone afterwards: they would break the tests beside them.
    # The generated-input tests (100,000 inputs per parser, suites named "Generated…") keep both cores busy for a
    # minute or two, so they run on their own too, rather than starving tests that wait on servers.
    swift test --skip-build --skip "Outage|Generated"
    swift test --skip-build --filter Generated
    swift test --skip-build --filter Outage --no-parallel
    # The books' web page in headless Chromium, against the debug-built services on these servers.
    scripts/books-browser.sh test "$servers"
fi
