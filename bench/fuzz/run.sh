#!/usr/bin/env bash
# libFuzzer runs of the pure readers, built with -sanitize=fuzzer,address outside SwiftPM (which cannot give one
# executable those flags without giving them to every target), so `swift build` never sees them.
#
#   bench/fuzz/run.sh [SECONDS] [TARGET...]     # default: 600 seconds each, every target, one after another
#
# Targets: twilio-form gupshup-json meta-json question-parser bill-text amount-date
# Each starts from bench/fuzz/seeds/TARGET and keeps its growing corpus in .build-fuzz/corpus/TARGET; a crash
# leaves its input in .build-fuzz/artifacts/TARGET/ and the script exits 1 after the remaining targets ran.
# One summary line per target: seconds, runs, exec/s, coverage (edges), features, corpus size, crashes.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-600}
shift || true
all=(twilio-form gupshup-json meta-json question-parser bill-text amount-date)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
out=.build-fuzz
mkdir -p "$out/lib"

# Each pure module as a static library with fuzzer coverage and ASan; -enable-testing lets the targets check
# internal offsets. Rebuilt only when one of its sources is newer than the library.
flags=(-sanitize=fuzzer,address -O -g -package-name fintrak -enable-testing -parse-as-library -swift-version 6)
rebuilt=0   # once one module is rebuilt, the ones after it (which may import it) are too
module() {  # NAME SOURCE_FOLDER
    local name=$1 library="$out/lib/lib$1.a"
    if [ "$rebuilt" = 0 ] && [ -f "$library" ] && [ -z "$(find "$2" -name '*.swift' -newer "$library")" ]; then return; fi
    rebuilt=1
    echo "fuzz: building $name" >&2
    swiftc "${flags[@]}" -module-name "$name" -I "$out/lib" -emit-module -emit-module-path "$out/lib/$name.swiftmodule" \
        -emit-library -static -o "$library" "$2"/*.swift 2>&1 | grep -v "ld.gold: warning" >&2 || true
    [ -f "$library" ] || { echo "fuzz: $name did not build" >&2; exit 2; }
}
module FintrakCore Shared/Core
module WebhookReading Shared/WebhookReading
module BillReading Shared/BillReading
module QuestionUnderstanding Shared/QuestionUnderstanding

source_of() {
    case $1 in
        twilio-form) echo "TwilioForm WebhookReading" ;;
        gupshup-json) echo "GupshupJSON WebhookReading" ;;
        meta-json) echo "MetaJSON WebhookReading" ;;
        question-parser) echo "QuestionParser QuestionUnderstanding" ;;
        bill-text) echo "BillText BillReading" ;;
        amount-date) echo "AmountDateScanners BillReading" ;;
        *) echo "fuzz: unknown target $1 (known: ${all[*]})" >&2; exit 2 ;;
    esac
}

failed=0
for target in "${targets[@]}"; do
    read -r file library < <(source_of "$target") || true
    [ -n "${file:-}" ] || exit 2
    binary="$out/fuzz-$target"
    if [ ! -f "$binary" ] || [ -n "$(find bench/fuzz "$out/lib" -newer "$binary" -name '*.swift' -o -newer "$binary" -name '*.a')" ]; then
        echo "fuzz: building $target" >&2
        swiftc "${flags[@]}" -module-name "Fuzz${file}" -I "$out/lib" -L "$out/lib" -l"$library" -lFintrakCore \
            -o "$binary" "bench/fuzz/Targets/$file.swift" bench/fuzz/Support/*.swift 2>&1 | grep -v "ld.gold: warning" >&2 || true
        [ -x "$binary" ] || { echo "fuzz: $target did not build" >&2; exit 2; }
    fi
    corpus="$out/corpus/$target" artifacts="$out/artifacts/$target"
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    log="$out/$target.log"
    status=0
    # -timeout: one input taking over 10 s is a finding too; -rss_limit_mb keeps a runaway input from taking the box.
    LSAN_OPTIONS="suppressions=$PWD/bench/fuzz/lsan.supp:print_suppressions=0" \
        "$binary" "$corpus" "bench/fuzz/seeds/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    units=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
    elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    crashes=$(find "$artifacts" -type f | wc -l)
    printf 'fuzz %-16s seconds=%s runs=%s exec/s=%s cov=%s ft=%s corpus=%s crashes=%s\n' "$target" "${elapsed:-?}" \
        "${runs:-?}" "${rate:-?}" "${cov:-?}" "${features:-?}" "${units:-?}" "$crashes"
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        failed=1
        echo "fuzz: $target failed (exit $status); log $log, inputs in $artifacts/" >&2
        grep -E "ERROR|Fatal error|precondition|SUMMARY" "$log" | head -5 >&2 || true
    fi
done
exit $failed
