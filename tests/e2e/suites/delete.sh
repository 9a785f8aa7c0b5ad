# Deletion, including each --cascade policy. There is no garbage collector yet, so a
# foreground or orphan delete leaves the object in place with deletionTimestamp and the
# matching finalizer (if a collector later removes it, "gone" also passes).

_finalizing_or_gone() {
  local name=$1 finalizer=$2; shift 2
  k get "$@" -o 'jsonpath={.metadata.deletionTimestamp}|{.metadata.finalizers}'
  if [ "$RC" -ne 0 ] && grep -q "not found" <<<"$OUT"; then pass "$name (object already gone)"; return; fi
  if [ "$RC" -eq 0 ] && [[ "$OUT" =~ ^[0-9]{4}-.+\|.*\"?$finalizer\"? ]]; then pass "$name"; return; fi
  fail "$name" "deletionTimestamp|finalizers = '$OUT' (exit $RC)"
}

suite_delete() {
  kcheck "delete --cascade=background" -c 'job.batch "hello" deleted' -- delete job hello -n e2e --cascade=background
  kcheck "background-deleted job is gone" -e -c 'jobs.batch "hello" not found' -- get job hello -n e2e
  kcheck "delete secret" -c 'secret "app-secret" deleted' -- delete secret app-secret -n e2e
  kcheck "deleted secret is gone" -e -c 'secrets "app-secret" not found' -- get secret app-secret -n e2e

  kcheck "delete --cascade=foreground --wait=false" -c 'deployment.apps "web" deleted' \
    -- delete deploy web -n e2e --cascade=foreground --wait=false
  _finalizing_or_gone "foreground delete sets deletionTimestamp and foregroundDeletion" foregroundDeletion deploy web -n e2e
  kcheck "delete --cascade=orphan --wait=false" -c 'configmap "app-config" deleted' \
    -- delete cm app-config -n e2e --cascade=orphan --wait=false
  _finalizing_or_gone "orphan delete sets deletionTimestamp and orphan finalizer" orphan cm app-config -n e2e

  kcheck "delete --dry-run=server" -c 'service "web" deleted (server dry run)' -- delete svc web -n e2e --dry-run=server
  jp "dry-run delete kept the object" "web" '{.metadata.name}' svc web -n e2e
  kcheck "delete service" -c 'service "web" deleted' -- delete svc web -n e2e
  k apply -f - <<<'{"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"purge-a","namespace":"e2e","labels":{"purge":"yes"}}},
    {"apiVersion":"v1","kind":"Secret","metadata":{"name":"purge-b","namespace":"e2e","labels":{"purge":"yes"}}},
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep","namespace":"e2e","labels":{"purge":"no"}}}]}'
  kcheck "delete -l deletes every match and nothing else" -c 'configmap "purge-a" deleted' \
    -c 'secret "purge-b" deleted' -x '"keep"' -- delete cm,secret -n e2e -l purge=yes
  jp "delete -l spared unlabeled objects" "keep" '{.metadata.name}' cm keep -n e2e
  kcheck "delete pod (unscheduled pods go at once)" -c 'pod "nginx-run" deleted' -- delete pod nginx-run -n e2e --timeout=30s
  kcheck "deleted pod is gone" -e -c 'pods "nginx-run" not found' -- get pod nginx-run -n e2e
  kcheck "delete missing object" -e -c 'configmaps "never" not found' -- delete cm never -n e2e
  kcheck "delete --ignore-not-found" -x "not found" -- delete cm never -n e2e --ignore-not-found
  kcheck "delete namespace --wait=false" -c 'namespace "e2e-created" deleted' -- delete ns e2e-created --wait=false
  k get ns e2e-created -o 'jsonpath={.status.phase}'
  if { [ "$RC" -eq 0 ] && [ "$OUT" = "Terminating" ]; } || grep -q "not found" <<<"$OUT"; then
    pass "deleted namespace is Terminating or gone"
  else
    fail "deleted namespace is Terminating or gone" "exit $RC: $OUT"
  fi
}
