# kubectl wrappers and assertions. Every call uses this run's own discovery cache
# (--cache-dir) so nothing leaks between kubectl versions or runs.
#
# Globals: KUBECTL (binary), KCACHE (cache dir); after `k`: OUT (stdout+stderr), RC.

k() {
  OUT=$(timeout 60 "$KUBECTL" --cache-dir "$KCACHE" --request-timeout=30s "$@" 2>&1)
  RC=$?
}

# kcheck NAME [-c TEXT]... [-x TEXT]... [-r REGEX]... [-e] -- KUBECTL-ARGS...
#   -c: output must contain TEXT   -x: output must not contain TEXT
#   -r: output must match the extended regex   -e: kubectl must fail (non-zero exit)
kcheck() {
  local name=$1; shift
  local want_fail=0 contains=() absent=() regexes=()
  while [ "$#" -gt 0 ]; do
    case "$1" in
      -c) contains+=("$2"); shift 2 ;;
      -x) absent+=("$2"); shift 2 ;;
      -r) regexes+=("$2"); shift 2 ;;
      -e) want_fail=1; shift ;;
      --) shift; break ;;
      *) echo "kcheck: bad option $1" >&2; return 2 ;;
    esac
  done
  k "$@"
  if [ "$want_fail" -eq 1 ] && [ "$RC" -eq 0 ]; then
    fail "$name" "expected kubectl $* to fail, it exited 0: $OUT"; return 1
  fi
  if [ "$want_fail" -eq 0 ] && [ "$RC" -ne 0 ]; then
    fail "$name" "kubectl $* exited $RC: $OUT"; return 1
  fi
  local t
  for t in "${contains[@]}"; do
    if ! grep -qF -- "$t" <<<"$OUT"; then fail "$name" "output lacks '$t': $OUT"; return 1; fi
  done
  for t in "${absent[@]}"; do
    if grep -qF -- "$t" <<<"$OUT"; then fail "$name" "output should not contain '$t': $OUT"; return 1; fi
  done
  for t in "${regexes[@]}"; do
    if ! grep -qE -- "$t" <<<"$OUT"; then fail "$name" "output does not match /$t/: $OUT"; return 1; fi
  done
  pass "$name"
}

# jp NAME EXPECTED JSONPATH GET-ARGS...: the stored object's field equals EXPECTED exactly.
jp() {
  local name=$1 expected=$2 path=$3; shift 3
  k get "$@" -o "jsonpath=$path"
  if [ "$RC" -ne 0 ]; then fail "$name" "kubectl get $* exited $RC: $OUT"; return 1; fi
  if [ "$OUT" = "$expected" ]; then pass "$name"; return 0; fi
  fail "$name" "jsonpath $path of $*: expected '$expected', got '$OUT'"
  return 1
}

# jp_value JSONPATH GET-ARGS...: prints a field (empty on error), for composite checks.
jp_value() {
  local path=$1; shift
  k get "$@" -o "jsonpath=$path"
  [ "$RC" -eq 0 ] && printf '%s' "$OUT"
}

# server_serves AFTER: kubectl can still list namespaces after a hostile request.
server_serves() {
  k get ns
  if [ "$RC" -eq 0 ] && grep -q '^default ' <<<"$OUT"; then
    pass "server still serves after $1"
  else
    fail "server still serves after $1" "kubectl get ns exited $RC: $OUT | $(server_log_tail)"
    ensure_server_alive "$1"
  fi
}
