#!/usr/bin/env bash
# Builds bosun-bench and bosun in release and runs the benchmarks (`make bench`).
# Arguments go to bosun-bench: --quick for a short smoke run, --only store,api,list,watch,process
# to pick suites, --scratch DIR for the scratch stores (must be disk-backed: fsync is the point).
# Figures are reported beside same-run baselines and never asserted; see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
"$SWIFT" build -c release --product bosun
"$SWIFT" build -c release --product bosun-bench
BIN="$("$SWIFT" build -c release --show-bin-path)"
exec "$BIN/bosun-bench" --bosun "$BIN/bosun" "$@"
