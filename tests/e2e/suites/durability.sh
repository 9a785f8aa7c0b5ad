# Durability: acknowledged writes survive kill -9; a damaged data dir stops the start with a
# clear error and is left untouched.

suite_durability() {
  # Many concurrent writers, then kill -9 while they run: every write kubectl reported as
  # created must be there after a restart on the same data dir.
  local created="$SERVER_DIR/created.txt"
  : >"$created"
  local i
  for i in $(seq 1 4); do
    (
      local j
      for j in $(seq 1 25); do
        if "$KUBECTL" --cache-dir "$KCACHE" create cm "dur-$i-$j" -n default --from-literal=k=v >/dev/null 2>&1; then
          echo "dur-$i-$j" >>"$created"
        fi
      done
    ) &
  done
  # Kill mid-stream once some writes are acknowledged.
  poll_until 30 _some_created "$created" 20
  kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  wait
  local acked
  acked=$(wc -l <"$created")
  if restart_server; then
    pass "server restarts on the same data dir after kill -9"
  else
    fail "server restarts on the same data dir after kill -9" "$(server_log_tail)"
    return
  fi
  local stored missing=""
  stored=$(jp_value '{range .items[*]}{.metadata.name}{"\n"}{end}' cm -n default)
  while read -r name; do
    grep -qx "$name" <<<"$stored" || missing="$missing $name"
  done <"$created"
  if [ -z "$missing" ] && [ "$acked" -gt 0 ]; then
    pass "all $acked acknowledged creates survive kill -9"
  else
    fail "all acknowledged creates survive kill -9" "acknowledged $acked; missing:$missing"
  fi

  # A database that is not ours: the start fails, names the file, and changes nothing.
  stop_server quiet
  local db="$SERVER_DIR/data/db/state.db"
  cp -a "$SERVER_DIR/data/db" "$SERVER_DIR/db.good"
  rm -f "$db-wal" "$db-shm"
  head -c 65536 /dev/urandom >"$db"
  local before after
  before=$(sha256sum "$db" | cut -d' ' -f1)
  local out rc
  out=$(HOME="$SERVER_DIR/home" timeout 30 "$BOSUN" server --data-dir "$SERVER_DIR/data" --secure-port 0 \
    --write-kubeconfig "$SERVER_DIR/kubeconfig-corrupt" 2>&1)
  rc=$?
  after=$(sha256sum "$db" | cut -d' ' -f1)
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q "state.db" <<<"$out"; then
    pass "a corrupt database stops the start with a message naming the file"
  else
    fail "a corrupt database stops the start with a message naming the file" "rc=$rc output: $(one_line "$out")"
  fi
  if [ "$before" = "$after" ]; then
    pass "the corrupt database is left untouched"
  else
    fail "the corrupt database is left untouched" "file changed"
  fi
  # Put the good database back: the server comes up with everything it had.
  rm -rf "$SERVER_DIR/data/db" && mv "$SERVER_DIR/db.good" "$SERVER_DIR/data/db"
  if restart_server && grep -qx "$(head -n1 "$created")" <<<"$(jp_value '{range .items[*]}{.metadata.name}{"\n"}{end}' cm -n default)"; then
    pass "the restored database serves its objects again"
  else
    fail "the restored database serves its objects again" "$(server_log_tail)"
  fi
}

_some_created() { [ "$(wc -l <"$1")" -ge "$2" ]; }
