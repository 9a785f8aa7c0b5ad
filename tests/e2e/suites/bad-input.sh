# Hostile or broken requests must get upstream's status codes, and the server must keep
# serving after each one.

CM_PATH=/api/v1/namespaces/default/configmaps

suite_bad_input() {
  http_json POST "$CM_PATH" '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":'
  hcheck "malformed JSON is 400" 400 '"reason":"BadRequest"'
  server_serves "malformed JSON"

  kcheck "malformed YAML is a client error" -e -r 'yaml|YAML|error' -- apply -f "$MANIFESTS/malformed.yaml"
  server_serves "malformed YAML"

  http_json POST /apis/apps/v1/namespaces/default/deployments \
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"typed"},"spec":{"replicas":"three","selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}'
  hcheck "wrong field type (replicas: \"three\") is 400" 400 '"code":400' 'replicas'
  server_serves "wrong field type"

  local unknown='{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict"},"bogusField":1,"data":{"k":"v"}}'
  http_json POST "$CM_PATH?fieldValidation=Strict" "$unknown"
  hcheck "unknown field under fieldValidation=Strict is 400" 400 'unknown field \"bogusField\"'
  http_json POST "$CM_PATH?fieldValidation=Warn" "$unknown" -D "$E2E_WORK/warn-headers"
  if [ "$HTTP_CODE" = 201 ] && grep -qi '^warning: .*unknown field' "$E2E_WORK/warn-headers"; then
    pass "unknown field under fieldValidation=Warn is 201 with a Warning header"
  else
    fail "unknown field under fieldValidation=Warn is 201 with a Warning header" \
      "HTTP $HTTP_CODE, headers: $(cat "$E2E_WORK/warn-headers") body: $BODY"
  fi
  kcheck "kubectl --validate=strict reports the unknown field" -e -c 'unknown field "bogusField"' \
    -- create -f "$MANIFESTS/unknown-field.yaml" --validate=strict
  server_serves "unknown fields"

  http_json POST "$CM_PATH" '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name!"}}'
  hcheck "invalid name is 422 Invalid" 422 '"reason":"Invalid"' '"code":422' 'metadata.name'
  kcheck "kubectl shows the invalid-name error" -e -c 'is invalid' -c 'metadata.name' \
    -- create cm Bad_Name -n default
  server_serves "invalid name"

  _stale_resource_version_update
  server_serves "stale resourceVersion"

  head -c $((3 * 1024 * 1024 + 4096)) /dev/zero | tr '\0' 'a' >"$E2E_WORK/big-value"
  { printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"v":"'
    cat "$E2E_WORK/big-value"; printf '"}}'; } >"$E2E_WORK/big.json"
  http POST "$CM_PATH" -H 'Content-Type: application/json' --data-binary "@$E2E_WORK/big.json"
  hcheck "body over 3 MiB is 413" 413 '"code":413'
  server_serves "oversized body"

  http GET /api/v1/namespaces/default/frobnicators
  hcheck "unknown resource is 404" 404 '"reason":"NotFound"'
  http GET /apis/nosuch.example.com/v1/widgets
  hcheck "unknown API group is 404" 404
  kcheck "kubectl get of an unknown resource type" -e -c "the server doesn't have a resource type" -- get frobnicators
  server_serves "unknown resource"

  _watch_from_expired_revision
  server_serves "expired watch"

  http_anonymous GET /api/v1/namespaces
  hcheck "no client certificate is 401" 401 '"reason":"Unauthorized"'
  server_serves "anonymous request"

  http GET "$CM_PATH?labelSelector=a%20in%20(" 
  hcheck "unparsable label selector is 400" 400
  http GET "$CM_PATH?limit=abc"
  hcheck "non-numeric limit is 400" 400
  http_json PATCH "$CM_PATH/strict" '{"data":{"x":"y"}}' -H 'Content-Type: application/x-unknown-patch'
  hcheck "unsupported patch content type is 415" 415
  server_serves "bad query parameters"
}

# Update with a resourceVersion that an earlier write has superseded: 409 Conflict.
_stale_resource_version_update() {
  http_json POST "$CM_PATH" '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"rv"},"data":{"n":"0"}}'
  local rv
  rv=$(grep -o '"resourceVersion":"[0-9]*"' <<<"$BODY" | head -1 | grep -o '[0-9]\+')
  if [ -z "$rv" ]; then fail "stale resourceVersion on update is 409" "could not create: HTTP $HTTP_CODE $BODY"; return; fi
  http_json PUT "$CM_PATH/rv" "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"rv\",\"resourceVersion\":\"$rv\"},\"data\":{\"n\":\"1\"}}"
  hcheck "update with the current resourceVersion is 200" 200 '"n":"1"'
  http_json PUT "$CM_PATH/rv" "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"rv\",\"resourceVersion\":\"$rv\"},\"data\":{\"n\":\"2\"}}"
  hcheck "stale resourceVersion on update is 409 Conflict" 409 '"reason":"Conflict"' 'the object has been modified'
}

# The watch cache starts at the store's revision when the server starts, so after a
# restart an older resourceVersion lies before its window: the watch must say 410 Expired
# (as an HTTP 410 or, as upstream's cacher does, a 200 stream whose first event is an
# ERROR carrying a 410 Status).
_watch_from_expired_revision() {
  local i
  for i in 1 2 3 4 5; do
    http_json POST "$CM_PATH" "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"churn-$i\"}}"
  done
  local old_rv
  old_rv=$(grep -o '"resourceVersion":"[0-9]*"' <<<"$BODY" | head -1 | grep -o '[0-9]\+')
  for i in 1 2 3 4 5; do
    http_json PUT "$CM_PATH/churn-$i" "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"churn-$i\"},\"data\":{\"i\":\"$i\"}}"
  done
  if ! restart_server; then fail "server restarts on the same data dir" "$(server_log_tail)"; return; fi
  pass "server restarts on the same data dir"
  jp "objects survive a restart" "5" '{.data.i}' cm churn-5 -n default
  http GET "$CM_PATH?watch=1&resourceVersion=$((old_rv - 3))" -m 5 -N
  local first
  first=$(head -n 1 <<<"$BODY")
  if [ "$HTTP_CODE" = 410 ] && grep -qF '"reason":"Expired"' <<<"$BODY"; then
    pass "watch from a compacted revision is 410 Expired (HTTP status)"
  elif grep -qF '"type":"ERROR"' <<<"$first" && grep -qF '"code":410' <<<"$first"; then
    pass "watch from a compacted revision is 410 Expired (ERROR event)"
  else
    fail "watch from a compacted revision is 410 Expired" "rv=$((old_rv - 3)), HTTP $HTTP_CODE: $BODY"
  fi
  # A fresh watch from "now" must still work after the refused one.
  http GET "$CM_PATH?watch=1&resourceVersion=$(jp_value '{.metadata.resourceVersion}' cm churn-5 -n default)&timeoutSeconds=1" -m 10 -N
  hcheck "watch from the current revision still works after a restart" 200
}
