# `get -w` must show changes made after the watch started. Watches run in the
# background with a timeout; the checks poll their output files with a deadline.

_watch_output_has() { grep -qE -- "$2" "$1" 2>/dev/null || return 1; }

_relabel_until_modified_seen() {
  if [ $((WATCH_TRIES % 5)) -eq 0 ]; then
    k label cm app-config -n e2e "stage=watched$WATCH_TRIES" --overwrite
  fi
  WATCH_TRIES=$((WATCH_TRIES + 1))
  _watch_output_has "$1" '^MODIFIED +app-config'
}

suite_watch() {
  local table="$E2E_WORK/watch-table.$KVER.out" events="$E2E_WORK/watch-events.$KVER.out"
  : >"$table"; : >"$events"
  timeout 120 "$KUBECTL" --cache-dir "$KCACHE" get cm -n e2e -w -L stage >"$table" 2>&1 &
  local table_pid=$!
  timeout 120 "$KUBECTL" --cache-dir "$KCACHE" get cm -n e2e --watch-only --output-watch-events >"$events" 2>&1 &
  local events_pid=$!

  if poll_until 20 _watch_output_has "$table" '^app-config '; then
    pass "get -w prints the initial list"
  else
    fail "get -w prints the initial list" "$(cat "$table")"
  fi
  # --watch-only prints nothing until a change, so its start cannot be observed; the
  # label is therefore re-set (with a new value) until that watch reports a MODIFIED.
  WATCH_TRIES=0
  poll_until 20 _relabel_until_modified_seen "$events"
  if poll_until 20 _watch_output_has "$table" '^app-config .*watched'; then
    pass "get -w shows a later label change"
  else
    fail "get -w shows a later label change" "label: $OUT; watch output: $(cat "$table")"
  fi
  if poll_until 10 _watch_output_has "$events" '^MODIFIED +app-config'; then
    pass "get -w --output-watch-events shows MODIFIED"
  else
    fail "get -w --output-watch-events shows MODIFIED" "$(cat "$events")"
  fi

  # apply sends JSON with every kubectl version, so this checks the watch, not the codec.
  k apply -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"watch-new","namespace":"e2e"},"data":{"k":"v"}}'
  if poll_until 20 _watch_output_has "$table" '^watch-new '; then
    pass "get -w shows a later create"
  else
    fail "get -w shows a later create" "create: $OUT; watch output: $(cat "$table")"
  fi
  k delete cm watch-new -n e2e
  if poll_until 20 _watch_output_has "$events" '^DELETED +watch-new'; then
    pass "get -w --output-watch-events shows ADDED then DELETED"
    grep -qE '^ADDED +watch-new' "$events" || fail "get -w --output-watch-events shows ADDED" "$(cat "$events")"
  else
    fail "get -w --output-watch-events shows ADDED then DELETED" "delete: $OUT; watch output: $(cat "$events")"
  fi

  if kill -0 "$table_pid" 2>/dev/null; then
    pass "get -w keeps watching (did not exit early)"
  else
    fail "get -w keeps watching (did not exit early)" "watch exited: $(tail -n 3 "$table")"
  fi
  kill "$table_pid" "$events_pid" 2>/dev/null
  wait "$table_pid" "$events_pid" 2>/dev/null
  k label cm app-config -n e2e stage-
}
