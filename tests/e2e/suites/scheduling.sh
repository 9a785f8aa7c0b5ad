# Scheduling through the real API with hollow nodes (simulated kubelets in a second process):
# resource fit and bin packing, node affinity, taints and tolerations, pod anti-affinity,
# topology spread across zones, preemption, an unschedulable pod explained by `describe`, and
# a second scheduler profile.
#
# Nodes: three "small" nodes (2 CPU, 4Gi) in zones a/b/c, one "gpu" node (8 CPU) tainted
# dedicated=gpu:NoSchedule. The server runs a second profile, bin-packing-scheduler
# (NodeResourcesFit MostAllocated), from the config written by `scheduler_config`.

HOLLOW_PIDS=()

# scheduler_config FILE: two profiles; the second packs nodes instead of spreading.
scheduler_config() {
  cat >"$1" <<'YAML'
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
- schedulerName: bin-packing-scheduler
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
        resources:
        - name: cpu
          weight: 1
        - name: memory
          weight: 1
YAML
}

_start_hollow() {
  "$BOSUN" hollow-nodes --kubeconfig "$KUBECONFIG" "$@" >>"$SERVER_DIR/hollow.log" 2>&1 &
  HOLLOW_PIDS+=($!)
}

_stop_hollow() {
  local p
  for p in "${HOLLOW_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${HOLLOW_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  HOLLOW_PIDS=()
}

_ready_nodes() {
  k get nodes --no-headers
  [ "$(grep -c ' Ready ' <<<"$OUT")" -ge "$1" ]
}

_pod_bound() {
  k get pod "$1" -n "$2" -o 'jsonpath={.spec.nodeName}'
  [ "$RC" -eq 0 ] && [ -n "$OUT" ]
}

_pod_running() {
  k get pod "$1" -n "$2" -o 'jsonpath={.status.phase}'
  [ "$OUT" = Running ]
}

_pod_gone() {
  k get pod "$1" -n "$2" --ignore-not-found -o name
  [ "$RC" -eq 0 ] && [ -z "$OUT" ]
}

_describe_has() {
  k describe pod "$1" -n "$2"
  grep -qF -- "$3" <<<"$OUT"
}

# _pod NAME NS CPU [EXTRA-SPEC-JSON]: a pod JSON with one container requesting CPU.
_pod() {
  local name=$1 ns=$2 cpu=$3 extra=${4:-}
  printf '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s","labels":{"app":"%s"}},"spec":{%s"containers":[{"name":"c","image":"registry.local/busybox:1","resources":{"requests":{"cpu":"%s","memory":"64Mi"}}}]}}' \
    "$name" "$ns" "${POD_APP:-$name}" "$extra" "$cpu"
}

_node_of() { jp_value '{.spec.nodeName}' pod "$1" -n "$2"; }

_zone_of_node() { jp_value '{.metadata.labels.topology\.kubernetes\.io/zone}' node "$1"; }

suite_scheduling() {
  _start_hollow --count 3 --name-prefix small- --cpu 2 --memory 4Gi --zones zone-a,zone-b,zone-c --labels pool=small
  _start_hollow --count 1 --name-prefix gpu- --cpu 8 --memory 32Gi --labels hw=gpu --taints dedicated=gpu:NoSchedule
  if poll_until 60 _ready_nodes 4; then pass "hollow nodes register and report Ready"; else fail "hollow nodes register and report Ready" "$OUT"; return; fi
  kcheck "get nodes shows the hollow nodes" -c small-0 -c small-2 -c gpu-0 -- get nodes -o wide

  k create namespace sched

  # Resource fit: 1500m fits a small node; a second 1500m pod cannot share it.
  k apply -f - <<<"$(_pod fit-1 sched 1500m)"
  k apply -f - <<<"$(_pod fit-2 sched 1500m)"
  if poll_until 30 _pod_bound fit-1 sched && poll_until 30 _pod_bound fit-2 sched; then
    local n1 n2; n1=$(_node_of fit-1 sched); n2=$(_node_of fit-2 sched)
    if [ "$n1" != "$n2" ] && [[ $n1 == small-* ]] && [[ $n2 == small-* ]]; then pass "pods that cannot share a node land on different small nodes"
    else fail "pods that cannot share a node land on different small nodes" "fit-1 on $n1, fit-2 on $n2"; fi
  else
    fail "resource-fitting pods get bound" "$OUT"
  fi
  if poll_until 30 _pod_running fit-1 sched; then pass "a bound pod turns Running on its hollow node"; else fail "a bound pod turns Running on its hollow node" "$OUT"; fi
  kcheck "get pods -o wide shows the node" -r 'fit-1 +1/1 +Running .* small-[0-9]' -- get pods -n sched -o wide

  # A pod that fits nowhere stays Pending and describe explains why, in upstream's words.
  k apply -f - <<<"$(_pod huge sched 3)"
  local want="0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu."
  if poll_until 30 _describe_has huge sched "$want"; then pass "describe explains a pod that fits nowhere"
  else fail "describe explains a pod that fits nowhere" "want '$want' in: $OUT"; fi
  kcheck "the unschedulable pod is Pending with a FailedScheduling event" -c FailedScheduling -c "Warning" -- describe pod huge -n sched
  jp "PodScheduled condition is False/Unschedulable" "False Unschedulable" '{.status.conditions[?(@.type=="PodScheduled")].status} {.status.conditions[?(@.type=="PodScheduled")].reason}' pod huge -n sched
  k delete pod huge fit-1 fit-2 -n sched --wait=false

  # Node affinity: nodeSelector on the zone label.
  k apply -f - <<<"$(_pod zoned sched 100m '"nodeSelector":{"topology.kubernetes.io/zone":"zone-b"},')"
  if poll_until 30 _pod_bound zoned sched; then
    local zn; zn=$(_node_of zoned sched)
    if [ "$(_zone_of_node "$zn")" = zone-b ]; then pass "nodeSelector puts the pod in zone-b"; else fail "nodeSelector puts the pod in zone-b" "on $zn"; fi
  else fail "nodeSelector puts the pod in zone-b" "not bound: $OUT"; fi
  k apply -f - <<<"$(_pod required-affinity sched 100m '"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["zone-c"]}]}]}}},')"
  if poll_until 30 _pod_bound required-affinity sched && [ "$(_zone_of_node "$(_node_of required-affinity sched)")" = zone-c ]; then
    pass "required node affinity puts the pod in zone-c"
  else fail "required node affinity puts the pod in zone-c" "$OUT"; fi

  # Taints and tolerations.
  k apply -f - <<<"$(_pod gpu-no-toleration sched 100m '"nodeSelector":{"hw":"gpu"},')"
  k apply -f - <<<"$(_pod gpu-tolerating sched 100m '"nodeSelector":{"hw":"gpu"},"tolerations":[{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}],')"
  if poll_until 30 _pod_bound gpu-tolerating sched && [ "$(_node_of gpu-tolerating sched)" = gpu-0 ]; then
    pass "a pod tolerating the taint runs on the tainted node"
  else fail "a pod tolerating the taint runs on the tainted node" "$OUT"; fi
  want="0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 3 node(s) didn't match Pod's node affinity/selector."
  if poll_until 30 _describe_has gpu-no-toleration sched "$want"; then pass "a pod without the toleration stays Pending with the taint named"
  else fail "a pod without the toleration stays Pending with the taint named" "want '$want' in: $OUT"; fi
  k delete pod --all -n sched --wait=false

  # Pod anti-affinity spreads replicas one per node; the fourth has nowhere to go.
  local aa='"affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}},'
  local i
  for i in 1 2 3 4; do POD_APP=web k apply -f - <<<"$(POD_APP=web _pod "web-$i" sched 100m "$aa")"; done
  if poll_until 30 _pod_bound web-1 sched && poll_until 30 _pod_bound web-2 sched && poll_until 30 _pod_bound web-3 sched; then
    local nodes; nodes=$(for i in 1 2 3; do _node_of "web-$i" sched; echo; done | sort -u | grep -c .)
    if [ "$nodes" = 3 ]; then pass "anti-affinity puts three replicas on three nodes"; else fail "anti-affinity puts three replicas on three nodes" "distinct nodes: $nodes"; fi
  else fail "anti-affinity puts three replicas on three nodes" "not all bound: $OUT"; fi
  if poll_until 30 _describe_has web-4 sched "didn't match pod anti-affinity rules"; then pass "a fourth anti-affine replica stays Pending with the reason"
  else fail "a fourth anti-affine replica stays Pending with the reason" "$OUT"; fi
  k delete pod --all -n sched --wait=false
  poll_until 30 _pod_gone web-1 sched

  # Topology spread across zones: six pods, maxSkew 1 → two per zone.
  local ts='"topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"spread"}}}],'
  for i in 1 2 3 4 5 6; do k apply -f - <<<"$(POD_APP=spread _pod "spread-$i" sched 100m "$ts")"; done
  local all=1
  for i in 1 2 3 4 5 6; do poll_until 30 _pod_bound "spread-$i" sched || all=0; done
  if [ "$all" = 1 ]; then
    local zones; zones=$(for i in 1 2 3 4 5 6; do _zone_of_node "$(_node_of "spread-$i" sched)"; echo; done | sort | uniq -c | awk '{print $1}' | sort -u | tr '\n' ' ')
    if [ "$zones" = "2 " ]; then pass "topology spread puts two pods in each zone"; else fail "topology spread puts two pods in each zone" "pods per zone: $zones"; fi
  else fail "topology spread puts two pods in each zone" "not all bound"; fi
  k delete pod --all -n sched --wait=false
  poll_until 30 _pod_gone spread-1 sched

  # Preemption: low-priority pods fill the small nodes; a high-priority pod pinned to zone-b
  # evicts the low one there and takes its place.
  k apply -f - <<<'{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"e2e-low"},"value":10}'
  k apply -f - <<<'{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"e2e-high"},"value":1000}'
  for i in 1 2 3; do k apply -f - <<<"$(POD_APP=low _pod "low-$i" sched 1500m '"priorityClassName":"e2e-low","nodeSelector":{"pool":"small"},')"; done
  all=1; for i in 1 2 3; do poll_until 30 _pod_bound "low-$i" sched || all=0; done
  [ "$all" = 1 ] || fail "low-priority pods fill the small nodes" "$OUT"
  local victim_node="" victim=""
  for i in 1 2 3; do
    local n; n=$(_node_of "low-$i" sched)
    if [ "$(_zone_of_node "$n")" = zone-b ]; then victim_node=$n; victim=low-$i; fi
  done
  k apply -f - <<<"$(POD_APP=high _pod high sched 1500m '"priorityClassName":"e2e-high","nodeSelector":{"topology.kubernetes.io/zone":"zone-b"},')"
  if poll_until 60 _pod_bound high sched && [ "$(_node_of high sched)" = "$victim_node" ]; then
    pass "a high-priority pod preempts the low-priority pod on its node"
  else fail "a high-priority pod preempts the low-priority pod on its node" "high on '$(_node_of high sched)', victim $victim on $victim_node"; fi
  if poll_until 30 _pod_gone "$victim" sched; then pass "the preempted pod is deleted"; else fail "the preempted pod is deleted" "$OUT"; fi
  kcheck "the other low-priority pods keep running" -r "low-[0-9] +1/1 +Running" -- get pods -n sched
  kcheck "the preemption is recorded as an event" -c Preempted -- get events -n sched
  k delete pod --all -n sched --wait=false

  # A second profile, and a schedulerName no profile serves.
  k apply -f - <<<"$(_pod by-second-profile sched 100m '"schedulerName":"bin-packing-scheduler",')"
  k apply -f - <<<"$(_pod nobody-schedules sched 100m '"schedulerName":"no-such-scheduler",')"
  if poll_until 30 _pod_bound by-second-profile sched; then pass "a pod naming the second profile is scheduled"; else fail "a pod naming the second profile is scheduled" "$OUT"; fi
  kcheck "the second profile reports as itself" -c bin-packing-scheduler -- get events -n sched --field-selector involvedObject.name=by-second-profile -o custom-columns=SRC:.source.component,REASON:.reason
  k get pod nobody-schedules -n sched -o 'jsonpath={.spec.nodeName}|{.status.phase}'
  if [ "$OUT" = "|Pending" ]; then pass "a pod for an unknown scheduler stays Pending and unbound"; else fail "a pod for an unknown scheduler stays Pending and unbound" "$OUT"; fi
  k delete pod --all -n sched --wait=false

  _stop_hollow
}

# Two `bosun scheduler` processes against a server without its own scheduler: one holds the
# kube-system/kube-scheduler Lease and schedules; when it dies the other takes over.
_lease_holder() { jp_value '{.spec.holderIdentity}' lease kube-scheduler -n kube-system; }

_has_holder() { [ -n "$(_lease_holder)" ]; }

_holder_changed() { local h; h=$(_lease_holder); [ -n "$h" ] && [ "$h" != "$1" ]; }

suite_scheduler_ha() {
  _start_hollow --count 2 --name-prefix ha-
  poll_until 60 _ready_nodes 2 || { fail "hollow nodes are Ready" "$OUT"; return; }
  local pids=()
  local i
  for i in 1 2; do
    "$BOSUN" scheduler --kubeconfig "$KUBECONFIG" >>"$SERVER_DIR/scheduler-$i.log" 2>&1 &
    pids+=($!)
  done
  if poll_until 60 _has_holder; then pass "one of two schedulers takes the kube-scheduler Lease"; else fail "one of two schedulers takes the kube-scheduler Lease" "$OUT"; fi
  local holder; holder=$(_lease_holder)
  k create namespace ha
  k apply -f - <<<"$(_pod before ha 100m)"
  if poll_until 30 _pod_bound before ha; then pass "the leading scheduler binds pods"; else fail "the leading scheduler binds pods" "$OUT"; fi
  # Kill whichever process leads (its identity starts with the host name; try both logs).
  local leader_pid="" p
  for i in 1 2; do
    if grep -q "started leading\|scheduler started" "$SERVER_DIR/scheduler-$i.log"; then leader_pid=${pids[$((i - 1))]}; fi
  done
  [ -n "$leader_pid" ] || leader_pid=${pids[0]}
  { kill -KILL "$leader_pid"; wait "$leader_pid"; } 2>/dev/null
  if poll_until 60 _holder_changed "$holder"; then pass "the standby scheduler takes over the Lease"; else fail "the standby scheduler takes over the Lease" "holder still $(_lease_holder)"; fi
  k apply -f - <<<"$(_pod after ha 100m)"
  if poll_until 30 _pod_bound after ha; then pass "the new leader binds pods"; else fail "the new leader binds pods" "$OUT"; fi
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  _stop_hollow
}
