# The controller manager through the real kubectl over hollow nodes: the Deployment story
# (scale, self-healing, rolling update with maxSurge 2 / maxUnavailable 1, history, undo),
# cascading deletes in all three modes, namespace deletion, and a node that stops its
# heartbeat having its pods evicted and replaced. The server runs with a short node grace
# period and toleration (see run.sh) so eviction happens in seconds, not minutes.

_deploy() {
  local name=$1 replicas=$2 image=$3 extra=${4:-}
  local strategy=${5:-'{"type":"RollingUpdate","rollingUpdate":{"maxSurge":2,"maxUnavailable":1}}'}
  printf '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"ctl"},"spec":{"replicas":%s,"selector":{"matchLabels":{"app":"%s"}},"strategy":%s,"template":{"metadata":{"labels":{"app":"%s"}},"spec":{%s"containers":[{"name":"main","image":"%s","resources":{"requests":{"cpu":"100m"}}}]}}}}' \
    "$name" "$replicas" "$name" "$strategy" "$name" "$extra" "$image"
}

# Reads a pod watch log of "TYPE NAME HASH" lines and prints how many pods of template hash
# $2 were still present when the first pod of any other hash was added ("none" if no new pod).
_overlap_at_first_new_pod() {
  awk -v old="$2" '
    $3 == old && $1 == "ADDED" { live[$2] = 1 }
    $3 == old && $1 == "DELETED" { delete live[$2] }
    $3 != old && $1 == "ADDED" && !seen { seen = 1; n = 0; for (p in live) n++; print n; exit }
    END { if (!seen) print "none" }' "$1"
}

# The Deployment's controller has seen its latest spec and reports N available, updated, total.
_available() {
  k get deploy "$1" -n ctl -o 'jsonpath={.status.availableReplicas}/{.status.updatedReplicas}/{.status.replicas} {.status.observedGeneration}/{.metadata.generation}'
  [[ $OUT =~ ^$2/$2/$2\ ([0-9]+)/([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
}

_running_pods() {
  k get pods -n ctl -l "app=$1" --field-selector=status.phase=Running -o name
  [ "$(grep -c . <<<"$OUT")" = "$2" ]
}

_gone() { k get "$@" --ignore-not-found -o name; [ "$RC" -eq 0 ] && [ -z "$OUT" ]; }

_no_pods_on() {
  k get pods -n ctl -l "app=$1" -o 'jsonpath={range .items[*]}{.spec.nodeName}{"|"}{.metadata.deletionTimestamp}{"\n"}{end}'
  local live; live=$(grep -v '|.\+' <<<"$OUT" | grep -c .)
  ! grep -q "^$2|$" <<<"$OUT" && [ "$live" = "$3" ]
}

suite_controllers() {
  # Leases renewed every second (a quarter of 4 s), well inside the server's 8 s grace period:
  # only the node that is stopped may turn Unknown.
  _start_hollow --count 3 --name-prefix worker- --cpu 4 --memory 8Gi --zones zone-a,zone-b,zone-c --node-lease-duration-seconds 4
  _start_hollow --count 1 --name-prefix doomed- --cpu 4 --memory 8Gi --labels doomed=true --node-lease-duration-seconds 4
  local doomed_pid=${HOLLOW_PIDS[-1]}
  if poll_until 60 _ready_nodes 4; then pass "hollow nodes are Ready"; else fail "hollow nodes are Ready" "$OUT"; return; fi
  k create namespace ctl

  # Apply with 4 replicas: one ReplicaSet, four Running pods, rollout status returns.
  k apply -f - <<<"$(_deploy web 4 registry.local/web:1)"
  if poll_until 60 _available web 4; then pass "a Deployment with 4 replicas becomes available"; else fail "a Deployment with 4 replicas becomes available" "$OUT"; fi
  kcheck "rollout status reports success" -c 'successfully rolled out' -- rollout status deployment/web -n ctl --timeout=60s
  kcheck "get rs shows one ReplicaSet with 4 ready" -r 'web-[a-z0-9]+ +4 +4 +4' -- get rs -n ctl
  kcheck "describe deployment shows the scaling event" -c 'Scaled up replica set web-' -c 'to 4' -- describe deployment web -n ctl

  # A deleted pod is replaced.
  local victim; victim=$(jp_value '{.items[0].metadata.name}' pods -n ctl -l app=web)
  k delete pod "$victim" -n ctl --wait=false
  if poll_until 60 _gone pod "$victim" -n ctl && poll_until 60 _running_pods web 4; then pass "a deleted pod is replaced"
  else fail "a deleted pod is replaced" "$OUT"; fi

  # Rolling update: availability never below replicas - maxUnavailable = 3.
  local watch="$E2E_WORK/ctl-available.$KVER.out"
  timeout 120 "$KUBECTL" --cache-dir "$KCACHE" get deploy web -n ctl -w -o 'jsonpath={.status.availableReplicas}{"\n"}' >"$watch" 2>&1 &
  local watch_pid=$!
  poll_until 20 _watch_output_has "$watch" '^[0-9]+$' # the watch's first line: the current state
  k set image deployment/web main=registry.local/web:2 -n ctl
  if poll_until 90 _available web 4 && [ "$(jp_value '{.spec.template.spec.containers[0].image}' deploy web -n ctl)" = registry.local/web:2 ]; then
    k rollout status deployment/web -n ctl --timeout=60s
    pass "set image rolls the Deployment to the new image"
  else fail "set image rolls the Deployment to the new image" "$OUT"; fi
  kill "$watch_pid" 2>/dev/null; wait "$watch_pid" 2>/dev/null
  local min; min=$(grep -E '^[0-9]+$' "$watch" | sort -n | head -1)
  if [ -n "$min" ] && [ "$min" -ge 3 ]; then pass "availability never dropped below 3 during the rollout (min $min)"
  else fail "availability never dropped below 3 during the rollout" "samples: $(tr '\n' ' ' <"$watch")"; fi
  kcheck "rollout history lists revisions 1 and 2" -r '^1 ' -r '^2 ' -- rollout history deployment/web -n ctl
  kcheck "rollout history --revision=1 shows the first template" -c 'registry.local/web:1' -- rollout history deployment/web -n ctl --revision=1

  # Undo to revision 1: the old ReplicaSet comes back, the other goes to 0.
  kcheck "rollout undo --to-revision=1" -c 'rolled back' -- rollout undo deployment/web -n ctl --to-revision=1
  if poll_until 90 _available web 4 && [ "$(jp_value '{.spec.template.spec.containers[0].image}' deploy web -n ctl)" = registry.local/web:1 ]; then
    pass "undo brings back the first image"
  else fail "undo brings back the first image" "$OUT"; fi
  kcheck "get rs shows the old ReplicaSet scaled back up and the newer one at 0" -r 'web-[a-z0-9]+ +4 +4 +4' -r 'web-[a-z0-9]+ +0 +0 +0' -- get rs -n ctl
  kcheck "rollout history shows revision 3 after the undo" -r '^3 ' -- rollout history deployment/web -n ctl
  kcheck "rollout restart" -c restarted -- rollout restart deployment/web -n ctl
  kcheck "rollout pause" -c paused -- rollout pause deployment/web -n ctl
  kcheck "rollout resume" -c resumed -- rollout resume deployment/web -n ctl

  # Recreate: every old pod is gone before the first new one is created. A pod watch records
  # the order of additions and deletions by template hash.
  k apply -f - <<<"$(_deploy rec 3 registry.local/web:1 '' '{"type":"Recreate"}')"
  if poll_until 60 _available rec 3; then
    local old_hash; old_hash=$(jp_value '{.items[0].metadata.labels.pod-template-hash}' pods -n ctl -l app=rec)
    local rwatch="$E2E_WORK/ctl-recreate.$KVER.out"
    timeout 120 "$KUBECTL" --cache-dir "$KCACHE" get pods -n ctl -l app=rec -w --output-watch-events \
      -o 'jsonpath={.type} {.object.metadata.name} {.object.metadata.labels.pod-template-hash}{"\n"}' >"$rwatch" 2>&1 &
    local rwatch_pid=$!
    poll_until 20 _watch_output_has "$rwatch" "^ADDED [^ ]+ $old_hash"
    k set image deployment/rec main=registry.local/web:2 -n ctl
    if poll_until 90 _available rec 3 && [ "$(jp_value '{.spec.template.spec.containers[0].image}' deploy rec -n ctl)" = registry.local/web:2 ]; then
      pass "a Recreate Deployment rolls to the new image"
    else fail "a Recreate Deployment rolls to the new image" "$OUT"; fi
    kill "$rwatch_pid" 2>/dev/null; wait "$rwatch_pid" 2>/dev/null
    local overlap; overlap=$(_overlap_at_first_new_pod "$rwatch" "$old_hash")
    if [ "$overlap" = 0 ]; then pass "Recreate never overlaps old and new pods"
    else fail "Recreate never overlaps old and new pods" "old pods alive at the first new pod: $overlap; events: $(tr '\n' ';' <"$rwatch")"; fi
  else fail "a Recreate Deployment becomes available" "$OUT"; fi

  # Cascading deletes.
  k apply -f - <<<"$(_deploy orphaned 2 registry.local/web:1)"
  k apply -f - <<<"$(_deploy fg 2 registry.local/web:1)"
  k apply -f - <<<"$(_deploy bg 2 registry.local/web:1)"
  poll_until 60 _available orphaned 2; poll_until 60 _available fg 2; poll_until 60 _available bg 2
  k delete deployment orphaned -n ctl --cascade=orphan
  if poll_until 30 _gone deployment orphaned -n ctl; then
    local rs; rs=$(jp_value '{.items[0].metadata.name}' rs -n ctl -l app=orphaned)
    if [ -n "$rs" ] && [ -z "$(jp_value '{.items[0].metadata.ownerReferences}' rs -n ctl -l app=orphaned)" ]; then
      pass "--cascade=orphan keeps the ReplicaSet and drops its owner reference"
    else fail "--cascade=orphan keeps the ReplicaSet and drops its owner reference" "rs '$rs': $OUT"; fi
  else fail "--cascade=orphan deletes the Deployment" "$OUT"; fi
  kcheck "--cascade=foreground waits for the dependents" -- delete deployment fg -n ctl --cascade=foreground --timeout=60s
  if _gone rs -n ctl -l app=fg && _running_pods fg 0; then pass "--cascade=foreground removed ReplicaSet and pods before the Deployment"
  else fail "--cascade=foreground removed ReplicaSet and pods before the Deployment" "$OUT"; fi
  k delete deployment bg -n ctl --cascade=background
  if poll_until 60 _gone rs -n ctl -l app=bg && poll_until 60 _running_pods bg 0; then pass "--cascade=background removes the ReplicaSet and pods"
  else fail "--cascade=background removes the ReplicaSet and pods" "$OUT"; fi

  # Namespace deletion empties the namespace, then removes it.
  k create namespace doomed-ns
  k create configmap cm -n doomed-ns --from-literal=k=v
  k create deployment inside -n doomed-ns --image=registry.local/web:1 --replicas=2
  kcheck "a namespace with content is deleted" -- delete namespace doomed-ns --timeout=90s
  if _gone namespace doomed-ns; then pass "the namespace is gone"; else fail "the namespace is gone" "$OUT"; fi
  kcheck "every namespace has a default ServiceAccount" -c default -- get serviceaccount -n ctl

  # A node that stops its heartbeat: its pods are evicted and replaced elsewhere. The workers
  # are cordoned while the pods are placed, so they land on the doomed node.
  k cordon worker-0 worker-1 worker-2
  k apply -f - <<<"$(_deploy evictme 2 registry.local/web:1)"
  poll_until 60 _available evictme 2
  k uncordon worker-0 worker-1 worker-2
  local on_doomed; on_doomed=$(jp_value '{.items[*].spec.nodeName}' pods -n ctl -l app=evictme)
  if grep -q doomed-0 <<<"$on_doomed"; then
    k get nodes -o 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{" "}{end}'
    if [ "$(grep -o '=True' <<<"$OUT" | wc -l)" = 4 ]; then pass "every node is Ready before one is silenced"
    else fail "every node is Ready before one is silenced" "$OUT"; fi
    kill -STOP "$doomed_pid"
    if poll_until 60 _node_unknown doomed-0; then pass "a silent node turns NotReady (Unknown)"; else fail "a silent node turns NotReady (Unknown)" "$OUT"; fi
    kcheck "the silent node is tainted unreachable" -c 'node.kubernetes.io/unreachable' -- get node doomed-0 -o 'jsonpath={.spec.taints}'
    if poll_until 90 _no_pods_on evictme doomed-0 2 && poll_until 60 _available evictme 2; then
      pass "its pods are evicted and replaced on other nodes"
    else fail "its pods are evicted and replaced on other nodes" "$OUT"; fi
    kill -CONT "$doomed_pid"
  else
    fail "pods preferring the doomed node land on it" "nodes: $on_doomed"
  fi
  _stop_hollow
}

_node_unknown() {
  k get node "$1" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'
  [ "$OUT" = Unknown ]
}

# Controllers converge from any state: the controller manager runs as its own process and
# is killed (SIGKILL) in the middle of a rollout; a new one finishes the rollout correctly.
_cm_start() {
  "$BOSUN" controller-manager --kubeconfig "$KUBECONFIG" --leader-elect=false >>"$SERVER_DIR/controller-manager.log" 2>&1 &
  CM_PID=$!
}

_rollout_midway() {
  k get rs -n restart -l app=roller -o 'jsonpath={range .items[*]}{.spec.replicas}{" "}{end}'
  # Two ReplicaSets with replicas on both sides: the rollout has started and not finished.
  local nonzero; nonzero=$(tr ' ' '\n' <<<"$OUT" | grep -c '^[1-9]')
  [ "$nonzero" -ge 2 ]
}

_rollout_done() {
  k get deploy roller -n restart -o 'jsonpath={.status.observedGeneration}/{.metadata.generation} {.status.updatedReplicas}/{.status.availableReplicas}/{.status.replicas}'
  [[ $OUT =~ ^([0-9]+)/([0-9]+)\ 6/6/6$ ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
}

suite_controller_restart() {
  _start_hollow --count 3 --name-prefix r-
  poll_until 60 _ready_nodes 3 || { fail "hollow nodes are Ready" "$OUT"; return; }
  _cm_start
  k create namespace restart
  local d='{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"roller","namespace":"restart"},"spec":{"replicas":6,"minReadySeconds":2,"selector":{"matchLabels":{"app":"roller"}},"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},"template":{"metadata":{"labels":{"app":"roller"}},"spec":{"containers":[{"name":"main","image":"IMAGE"}]}}}}'
  k apply -f - <<<"${d/IMAGE/registry.local/web:1}"
  if poll_until 90 _rollout_done; then pass "the out-of-process controller manager brings the Deployment up"; else fail "the out-of-process controller manager brings the Deployment up" "$OUT"; fi
  k apply -f - <<<"${d/IMAGE/registry.local/web:2}"
  if poll_until 60 _rollout_midway; then
    { kill -KILL "$CM_PID"; wait "$CM_PID"; } 2>/dev/null
    pass "the controller manager is killed in the middle of the rollout"
  else
    fail "the rollout reaches its middle" "$OUT"
  fi
  _cm_start
  if poll_until 120 _rollout_done; then pass "a restarted controller manager completes the rollout"; else fail "a restarted controller manager completes the rollout" "$OUT"; fi
  kcheck "every pod runs the new image" -x 'registry.local/web:1' -- get pods -n restart -l app=roller -o 'jsonpath={.items[*].spec.containers[0].image}'
  kcheck "the old ReplicaSet is at 0" -r ' 0 +0 +0 ' -- get rs -n restart -l app=roller
  k get pods -n restart -l app=roller --no-headers
  if [ "$(grep -c . <<<"$OUT")" = 6 ]; then pass "exactly 6 pods remain"; else fail "exactly 6 pods remain" "$OUT"; fi
  { kill -TERM "$CM_PID"; wait "$CM_PID"; } 2>/dev/null
  _stop_hollow
}
