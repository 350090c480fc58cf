#!/usr/bin/env bash
# Builds the debug executables (warm after scripts/test.sh) and prints the folder that holds them, for the chaos and
# scale runs; exits 2 if one of the four services or `fintrak` is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build 2>&1 | grep -E "error|warning: .*\.swift|Build complete" >&2 || true
binaries=$(swift build --show-bin-path)
for name in webhook-intake invoice-extractor query-generator client-responder fintrak; do
    [ -x "$binaries/$name" ] || { echo "$binaries/$name is missing (did swift build fail?)" >&2; exit 2; }
done
echo "$binaries"
