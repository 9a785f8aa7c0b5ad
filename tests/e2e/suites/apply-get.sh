# Creating the sample app with `apply -f` and reading it back in every output format.

suite_apply_and_get() {
  kcheck "apply -f multi-document manifest" \
    -c "namespace/e2e created" -c "configmap/app-config created" -c "secret/app-secret created" \
    -c "deployment.apps/web created" -c "service/web created" -c "job.batch/hello created" \
    -- apply -f "$MANIFESTS/app.yaml"
  if [ "$RC" -ne 0 ]; then
    # Keep the rest of the workflow informative: create the objects another way.
    k create -f "$MANIFESTS/app.yaml"
    echo "# apply failed; created the sample app with create -f instead (exit $RC)"
  fi

  jp "applied configmap stores its data" "foo-value" '{.data.greeting}' cm app-config -n e2e
  # stringData is write-only: the server folds it into base64 data.
  jp "applied secret folds stringData into data" "$(printf s3cret | base64)" '{.data.password}' secret app-secret -n e2e
  jp "applied secret has no stringData" "" '{.stringData}' secret app-secret -n e2e
  jp "applied deployment keeps its env" "FOO=foo BAR=bar " \
    '{range .spec.template.spec.containers[0].env[*]}{.name}={.value}{" "}{end}' deploy web -n e2e
  local lac
  lac=$(jp_value '{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}' deploy web -n e2e)
  if grep -q '"tier":"frontend"' <<<"$lac"; then
    pass "apply records last-applied-configuration"
  else
    fail "apply records last-applied-configuration" "annotation: '$lac'"
  fi
  OUT=$(jp_value '{.spec.clusterIP}' svc web -n e2e)
  if [[ "$OUT" =~ ^10\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then pass "service gets a cluster IP"; else fail "service gets a cluster IP" "clusterIP='$OUT'"; fi
  jp "job defaults completions" "1" '{.spec.completions}' job hello -n e2e
  jp "deployment defaults strategy" "RollingUpdate" '{.spec.strategy.type}' deploy web -n e2e

  kcheck "apply -f again is unchanged" -c "deployment.apps/web unchanged" -c "configmap/app-config unchanged" \
    -- apply -f "$MANIFESTS/app.yaml"

  kcheck "get deployments (default table)" -r '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE' -r '^web +' \
    -- get deployments -n e2e
  kcheck "get -o wide shows containers, images, selector" \
    -r '^NAME .*CONTAINERS +IMAGES +SELECTOR' -r '^web .* web +nginx:1\.25 +app=web' \
    -- get deploy -n e2e -o wide
  kcheck "get -o wide services" -r '^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR' \
    -r '^web +ClusterIP +10\.' -- get svc web -n e2e -o wide
  kcheck "get -o yaml" -c "kind: ConfigMap" -c "greeting: foo-value" -c "namespace: e2e" \
    -r '^  resourceVersion: "[0-9]+"' -r '^  uid: ' -- get cm app-config -n e2e -o yaml
  kcheck "get -o jsonpath" -r '^web=nginx:1\.25$' \
    -- get deploy web -n e2e -o 'jsonpath={.metadata.name}={.spec.template.spec.containers[0].image}'
  kcheck "get -l selects by label" -c "configmap/app-config" -c "service/web" -c "deployment.apps/web" \
    -x "secret/app-secret" -x "job.batch/hello" -- get cm,svc,deploy,secret,job -n e2e -l app=web -o name
  kcheck "get -l with set-based selector" -c "deployment.apps/web" -x "service/web" \
    -- get deploy,svc -n e2e -l 'tier in (frontend,backend)' -o name
  kcheck "get -l matching nothing" -c "No resources found in e2e namespace." -- get deploy -n e2e -l app=nothing
  kcheck "get --field-selector metadata.name" -r '^configmap/app-config$' \
    -- get cm -n e2e --field-selector metadata.name=app-config -o name
  kcheck "get --field-selector on secret type" -c "secret/app-secret" \
    -- get secrets -n e2e --field-selector type=Opaque -o name
  kcheck "get --field-selector unsupported field is rejected" -e -c "field label not supported" \
    -- get cm -n e2e --field-selector spec.bogus=x
  kcheck "get -A lists across namespaces" -r '^NAMESPACE +NAME ' -r '^e2e +web ' -r '^default +kubernetes ' \
    -- get svc -A
  kcheck "get all" -c "service/web" -c "deployment.apps/web" -c "job.batch/hello" -- get all -n e2e
  kcheck "get by short name and kind.group" -c "deployment.apps/web" -- get deploy.apps web -n e2e -o name
  kcheck "get missing object" -e -c 'deployments.apps "nope" not found' -- get deploy nope -n e2e
  kcheck "get -o custom-columns" -r '^NAME +IMAGE$' -r '^web +nginx:1\.25$' \
    -- get deploy -n e2e -o 'custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image'
  kcheck "get --sort-by" -- get cm -A --sort-by=.metadata.name
  kcheck "get with chunked list (--chunk-size=1)" -c "kube-system" -c "e2e" -- get ns --chunk-size=1

  kcheck "describe deployment" -r '^Name: +web$' -r '^Namespace: +e2e$' -r '^Replicas: +1 desired' \
    -r 'Image: +nginx:1\.25' -r 'FOO: +foo' -- describe deploy web -n e2e
  kcheck "describe configmap" -r '^Name: +app-config$' -c "greeting:" -c "foo-value" -- describe cm app-config -n e2e
  kcheck "describe service" -r '^IP: +10\.' -r '^Selector: +app=web' -- describe svc web -n e2e
  kcheck "describe namespace" -r '^Status: +Active' -- describe ns e2e
}
