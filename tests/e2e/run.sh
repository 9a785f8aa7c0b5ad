#!/usr/bin/env bash
# End-to-end suite: drives a real `bosun server` with real kubectl binaries.
#
#   tests/e2e/run.sh [path/to/bosun]
#
# For each kubectl version (E2E_KUBECTL_VERSIONS, default every installed 1.27-1.33) a fresh server
# runs the whole kubectl workflow; then one more fresh server gets the bad-input checks.
# Prints one "ok - name" / "not ok - name: details" line per check, then "N passed, M failed";
# exits non-zero if any check failed. Set E2E_KEEP=1 to keep the work directory (server
# logs, watch outputs, failures.log). E2E_BAD_INPUT=0, E2E_DURABILITY=0, E2E_SCHEDULING=0 and E2E_CONTROLLERS=0 skip
# those phases.
set -uo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MANIFESTS="$E2E_DIR/manifests"
BOSUN_SOURCE=${1:-"$E2E_DIR/../../.build/debug/bosun"}
KUBECTL_DIR=${KUBECTL_DIR:-/usr/lib/google-cloud-sdk/bin}
E2E_KUBECTL_VERSIONS=${E2E_KUBECTL_VERSIONS:-"1.27 1.28 1.29 1.30 1.31 1.32 1.33"}
# The kubectl workflow's suites, in order (set a subset to debug one area); E2E_BAD_INPUT=0
# skips the bad-input phase.
E2E_SUITES=${E2E_SUITES:-"suite_apply_and_get suite_watch suite_mutate suite_imperative suite_delete suite_discovery"}

for lib in "$E2E_DIR"/lib/*.sh "$E2E_DIR"/suites/*.sh; do
  # shellcheck source=/dev/null
  . "$lib"
done

for tool in curl timeout base64 diff; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is required" >&2; exit 2; }
done

E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/bosun-e2e.XXXXXX")
cleanup() {
  _stop_hollow 2>/dev/null
  stop_server quiet
  if [ "${E2E_KEEP:-0}" = 1 ]; then echo "# work directory kept: $E2E_WORK"; else rm -rf "$E2E_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The binary may be mid-rebuild: wait until it runs, then copy it so a rebuild during the
# suite cannot swap it under a restart.
_binary_runs() { [ -x "$BOSUN_SOURCE" ] && "$BOSUN_SOURCE" --help >/dev/null 2>&1; }
if ! poll_until 120 _binary_runs; then
  echo "e2e: $BOSUN_SOURCE is missing or does not run" >&2
  fail "bosun binary runs" "$BOSUN_SOURCE"
  summary; exit 1
fi
BOSUN="$E2E_WORK/bosun"
cp "$BOSUN_SOURCE" "$BOSUN"

# run_phase TITLE SUITE...: a fresh server, the suites in order, a crash check after each.
run_phase() {
  local title=$1; shift
  local started=$SECONDS
  CHECK_PREFIX="$title: "
  echo "# $title"
  if start_server "${title//[^a-zA-Z0-9.]/-}"; then
    local suite
    for suite in "$@"; do
      "$suite"
      ensure_server_alive "$suite"
    done
    stop_server
  fi
  echo "# $title took $((SECONDS - started)) s"
}

use_kubectl() {
  KVER=$1
  KUBECTL="$KUBECTL_DIR/kubectl.$KVER"
  KCACHE="$E2E_WORK/kube-cache-$KVER"
  [ -x "$KUBECTL" ]
}

for v in $E2E_KUBECTL_VERSIONS; do
  if ! use_kubectl "$v"; then
    CHECK_PREFIX=""; fail "kubectl $v is installed" "$KUBECTL not found"; continue
  fi
  # shellcheck disable=SC2086 # E2E_SUITES is a word list
  run_phase "kubectl $v" $E2E_SUITES
done

last=${E2E_KUBECTL_VERSIONS##* }
if [ "${E2E_BAD_INPUT:-1}" = 1 ] && use_kubectl "$last"; then
  KCACHE="$E2E_WORK/kube-cache-bad-input"
  run_phase "bad input (kubectl $last)" suite_bad_input
fi

if [ "${E2E_DURABILITY:-1}" = 1 ] && use_kubectl "$last"; then
  KCACHE="$E2E_WORK/kube-cache-durability"
  run_phase "durability" suite_durability
fi

if [ "${E2E_SCHEDULING:-1}" = 1 ] && use_kubectl "$last"; then
  KCACHE="$E2E_WORK/kube-cache-scheduling"
  scheduler_config "$E2E_WORK/scheduler-config.yaml"
  SERVER_EXTRA_ARGS="--scheduler-config $E2E_WORK/scheduler-config.yaml" run_phase "scheduling (kubectl $last)" suite_scheduling
  SERVER_EXTRA_ARGS="--disable scheduler" run_phase "scheduler leader election (kubectl $last)" suite_scheduler_ha
fi

if [ "${E2E_CONTROLLERS:-1}" = 1 ] && use_kubectl "$last"; then
  KCACHE="$E2E_WORK/kube-cache-controllers"
  SERVER_EXTRA_ARGS="--node-monitor-grace-period 8 --default-unreachable-toleration-seconds 3 --default-not-ready-toleration-seconds 3" \
    run_phase "controllers (kubectl $last)" suite_controllers
  SERVER_EXTRA_ARGS="--disable controller-manager" run_phase "controller manager restart (kubectl $last)" suite_controller_restart
fi

CHECK_PREFIX=""
summary
