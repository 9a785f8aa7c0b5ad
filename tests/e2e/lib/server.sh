# Lifecycle of one `bosun server` under test: start on a fresh data dir, restart on the
# same data dir (for crash recovery and watch-cache tests), stop with SIGTERM.
#
# Globals set here: SERVER_DIR, SERVER_PID, SERVER_URL, TLS_DIR, KUBECONFIG.

SERVER_PID=""

server_log_tail() {
  # The most telling lines of a crash: Swift's "Fatal error" line, else the last lines.
  local log="$SERVER_DIR/server.log"
  [ -f "$log" ] || return 0
  if grep -q 'Fatal error\|Program crashed' "$log"; then
    grep -m3 'Fatal error\|Program crashed\|crashed:' "$log"
    grep -m1 -A4 ' crashed:$' "$log" | grep -m2 'bosun at /work\|Sources/' || true
  else
    tail -n 5 "$log"
  fi
}

# Launches the server on $SERVER_DIR/data and waits until it answers /version.
_launch_server() {
  rm -f "$SERVER_DIR/kubeconfig"
  # HOME points into the run's directory: the server writes ~/.kube/config when none exists.
  HOME="$SERVER_DIR/home" "$BOSUN" server \
    --data-dir "$SERVER_DIR/data" --secure-port 0 \
    --write-kubeconfig "$SERVER_DIR/kubeconfig" ${SERVER_EXTRA_ARGS:-} >>"$SERVER_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  export KUBECONFIG="$SERVER_DIR/kubeconfig"
  TLS_DIR="$SERVER_DIR/data/tls"
  if ! poll_until 60 _kubeconfig_complete; then
    return 1
  fi
  SERVER_URL=$(awk '/server:/ {print $2; exit}' "$SERVER_DIR/kubeconfig")
  poll_until 30 _server_answers
}

_kubeconfig_complete() {
  kill -0 "$SERVER_PID" 2>/dev/null || return 2
  grep -q 'client-key-data' "$SERVER_DIR/kubeconfig" 2>/dev/null &&
    grep -q 'server: https://' "$SERVER_DIR/kubeconfig" 2>/dev/null || return 1
}

_server_answers() {
  curl -sS -o /dev/null -m 5 --cacert "$TLS_DIR/ca.crt" --cert "$TLS_DIR/client-admin.crt" \
    --key "$TLS_DIR/client-admin.key" "$SERVER_URL/version" 2>/dev/null || return 1
}

# start_server NAME: a fresh server in a new directory under $E2E_WORK.
start_server() {
  SERVER_DIR=$(mktemp -d "$E2E_WORK/$1.XXXX")
  mkdir -p "$SERVER_DIR/home"
  local started=$(date +%s%N)
  if _launch_server; then
    pass "server starts and writes a working kubeconfig ($(( ($(date +%s%N) - started) / 1000000 )) ms)"
  else
    fail "server starts and writes a working kubeconfig" "$(server_log_tail)"
    return 1
  fi
}

# restart_server: same data dir, new port; state in the store must survive.
restart_server() {
  stop_server quiet
  echo "--- restart $(date -u +%FT%TZ)" >>"$SERVER_DIR/server.log"
  _launch_server
}

server_alive() { [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; }

# After a check that might have crashed the server: report a crash once, then restart
# on the same data dir so the remaining checks still tell the lead something useful.
ensure_server_alive() {
  local after=$1
  if server_alive && _server_answers; then return 0; fi
  fail "server still running after: $after" "$(server_log_tail)"
  restart_server || fail "server restarts on the same data dir" "$(server_log_tail)"
}

# stop_server [quiet]: SIGTERM, then wait up to 15 s for a graceful exit.
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    if poll_until 15 _server_exited; then
      [ "${1:-}" = quiet ] || pass "server exits after SIGTERM"
    else
      [ "${1:-}" = quiet ] || fail "server exits after SIGTERM" "still running 15 s after SIGTERM; killed"
      kill -KILL "$SERVER_PID" 2>/dev/null
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

_server_exited() { ! kill -0 "$SERVER_PID" 2>/dev/null; }
