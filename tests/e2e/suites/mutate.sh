# Changing live objects: edit, label, annotate, the three patch types, scale,
# set image, and a second apply whose three-way merge must delete removed fields.

suite_mutate() {
  # kubectl runs $EDITOR through a shell with the temp file appended.
  EDITOR="sed -i s/foo-value/bar-value/" k edit cm app-config -n e2e
  if [ "$RC" -eq 0 ] && grep -qF "configmap/app-config edited" <<<"$OUT"; then
    pass "edit with a scripted EDITOR"
  else
    fail "edit with a scripted EDITOR" "exit $RC: $OUT"
  fi
  jp "edit is stored" "bar-value" '{.data.greeting}' cm app-config -n e2e
  EDITOR="true" k edit cm app-config -n e2e
  if [ "$RC" -eq 0 ] && grep -qF "Edit cancelled, no changes made." <<<"$OUT"; then
    pass "edit without changes is cancelled"
  else
    fail "edit without changes is cancelled" "exit $RC: $OUT"
  fi

  kcheck "label" -c "configmap/app-config labeled" -- label cm app-config -n e2e team=blue
  jp "label is stored" "blue" '{.metadata.labels.team}' cm app-config -n e2e
  kcheck "label without --overwrite refuses to change a value" -e -c "already has a value (blue)" \
    -- label cm app-config -n e2e team=red
  kcheck "label --overwrite" -c "configmap/app-config labeled" -- label cm app-config -n e2e team=red --overwrite
  jp "label --overwrite is stored" "red" '{.metadata.labels.team}' cm app-config -n e2e
  kcheck "label removal (key-)" -c "configmap/app-config unlabeled" -- label cm app-config -n e2e team-
  jp "removed label is gone" "" '{.metadata.labels.team}' cm app-config -n e2e
  # kubectl 1.27 prints "annotate", later versions "annotated".
  kcheck "annotate" -r "^deployment.apps/web annotated?$" -- annotate deploy web -n e2e note=hello
  jp "annotation is stored" "hello" '{.metadata.annotations.note}' deploy web -n e2e

  kcheck "patch --type=strategic" -c "deployment.apps/web patched" -- patch deploy web -n e2e --type=strategic \
    -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"PATCHED","value":"strategic"}]}]}}}}'
  # Strategic merge merges containers and env by name instead of replacing the lists; an
  # element new to the list goes before the server's (the order upstream's docs show).
  jp "strategic patch merges lists by key" "web:nginx:1.25:PATCHED,FOO,BAR," \
    '{range .spec.template.spec.containers[*]}{.name}:{.image}:{range .env[*]}{.name},{end}{end}' deploy web -n e2e
  kcheck "patch --type=merge" -c "configmap/app-config patched" -- patch cm app-config -n e2e --type=merge \
    -p '{"data":{"merged":"yes","mode":null}}'
  k get cm app-config -n e2e -o 'go-template={{range $k, $v := .data}}{{$k}}={{$v}} {{end}}'
  if [ "$RC" -eq 0 ] && [ "$OUT" = "greeting=bar-value merged=yes " ]; then
    pass "merge patch adds keys and deletes null ones"
  else
    fail "merge patch adds keys and deletes null ones" "exit $RC, data: '$OUT'"
  fi
  kcheck "patch --type=json" -c "deployment.apps/web patched" -- patch deploy web -n e2e --type=json \
    -p '[{"op":"replace","path":"/spec/replicas","value":2},{"op":"add","path":"/metadata/labels/patched","value":"json"}]'
  jp "json patch is stored" "2 json" '{.spec.replicas} {.metadata.labels.patched}' deploy web -n e2e
  kcheck "json patch with a failing test op is rejected" -e \
    -- patch deploy web -n e2e --type=json -p '[{"op":"test","path":"/spec/replicas","value":99}]'
  kcheck "patch of a missing object" -e -c 'deployments.apps "missing" not found' \
    -- patch deploy missing -n e2e -p '{"metadata":{"labels":{"a":"b"}}}'

  kcheck "scale" -c "deployment.apps/web scaled" -- scale deploy web -n e2e --replicas=3
  jp "scale is stored" "3" '{.spec.replicas}' deploy web -n e2e
  kcheck "scale with a wrong --current-replicas is refused" -e \
    -- scale deploy web -n e2e --current-replicas=7 --replicas=4
  jp "refused scale left replicas alone" "3" '{.spec.replicas}' deploy web -n e2e
  kcheck "get the scale subresource" -c '"kind":"Scale"' -c '"replicas":3' \
    -- get --raw /apis/apps/v1/namespaces/e2e/deployments/web/scale

  kcheck "set image" -c "deployment.apps/web image updated" -- set image deploy/web web=nginx:1.26 -n e2e
  jp "set image is stored" "nginx:1.26" '{.spec.template.spec.containers[0].image}' deploy web -n e2e

  kcheck "apply of a changed manifest" -c "deployment.apps/web configured" -- apply -f "$MANIFESTS/app-v2.yaml"
  jp "apply removed the dropped label" "" '{.metadata.labels.tier}' deploy web -n e2e
  local envs
  envs=$(jp_value '{.spec.template.spec.containers[0].env[*].name}' deploy web -n e2e)
  if grep -qw FOO <<<"$envs" && ! grep -qw BAR <<<"$envs"; then
    pass "apply removed the dropped env var and kept FOO"
  else
    fail "apply removed the dropped env var and kept FOO" "env names: '$envs'"
  fi
  if grep -qw PATCHED <<<"$envs"; then
    pass "apply kept an env var it never managed"
  else
    fail "apply kept an env var it never managed" "env names: '$envs'"
  fi
  jp "apply set the new image" "nginx:1.27" '{.spec.template.spec.containers[0].image}' deploy web -n e2e
  jp "apply kept an imperative label and annotation" "json hello" \
    '{.metadata.labels.patched} {.metadata.annotations.note}' deploy web -n e2e

  # Server-side apply (application/apply-patch+yaml, managedFields) is not served yet.
  kcheck "apply --dry-run=server does not persist" -c "configmap/dry created (server dry run)" \
    -- apply --dry-run=server -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry","namespace":"e2e"}}'
  kcheck "dry-run object is absent" -e -c 'configmaps "dry" not found' -- get cm dry -n e2e
  # diff exits 1 when there are differences; the manifest is app-v2 with another replica count.
  kcheck "diff shows a pending change" -e -c "+  replicas: 5" \
    -- diff -f - <<<"$(sed 's/replicas: 1/replicas: 5/' "$MANIFESTS/app-v2.yaml")"
}
