# Check reporting: one line per check, TAP-like, and a final tally.
# Details are folded onto one line and cut short so the summary stays readable;
# the full outputs of failing checks also go to $E2E_WORK/failures.log.

PASSED=0
FAILED=0
CHECK_PREFIX=""

one_line() {
  # Newlines become " | " so a multi-line kubectl error still fits on its check's line.
  local s
  s=$(printf '%s' "$1" | tr '\r' ' ' | awk 'BEGIN{ORS=" | "} {print}' | sed 's/ | $//')
  if [ "${#s}" -gt 700 ]; then s="${s:0:700}..."; fi
  printf '%s' "$s"
}

pass() {
  PASSED=$((PASSED + 1))
  echo "ok - ${CHECK_PREFIX}$1"
}

fail() {
  FAILED=$((FAILED + 1))
  echo "not ok - ${CHECK_PREFIX}$1: $(one_line "$2")"
  if [ -n "${E2E_WORK:-}" ]; then
    printf '=== %s%s\n%s\n\n' "$CHECK_PREFIX" "$1" "$2" >>"$E2E_WORK/failures.log"
  fi
}

summary() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# Polls a command until it succeeds or the deadline (seconds) passes; never a fixed sleep.
# A command returning 2 means "this will never succeed" and ends the poll at once.
poll_until() {
  local deadline=$(( $(date +%s) + $1 )); shift
  local rc
  while :; do
    "$@"; rc=$?
    if [ "$rc" -eq 0 ]; then return 0; fi
    if [ "$rc" -eq 2 ]; then return 2; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
}
