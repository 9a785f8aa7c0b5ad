# Raw HTTPS requests with curl, for what kubectl cannot send (bad bodies, stale
# resourceVersions, no client certificate). Uses the admin client cert from the data dir.
#
# After `http`: HTTP_CODE (000 when no response) and BODY.

http() {
  local method=$1 path=$2; shift 2
  _curl_raw -X "$method" --cacert "$TLS_DIR/ca.crt" --cert "$TLS_DIR/client-admin.crt" \
    --key "$TLS_DIR/client-admin.key" "$@" "$SERVER_URL$path"
}

# http_anonymous METHOD PATH: trusts the server's CA but presents no client certificate.
http_anonymous() {
  local method=$1 path=$2; shift 2
  _curl_raw -X "$method" --cacert "$TLS_DIR/ca.crt" "$@" "$SERVER_URL$path"
}

_curl_raw() {
  local resp
  resp=$(curl -sS -m 30 -w '\n%{http_code}' "$@" 2>&1)
  HTTP_CODE=${resp##*$'\n'}
  BODY=${resp%$'\n'*}
}

# http_json METHOD PATH BODY [curl-args...]
http_json() {
  local method=$1 path=$2 body=$3; shift 3
  http "$method" "$path" -H 'Content-Type: application/json' --data-binary "$body" "$@"
}

# hcheck NAME CODE [TEXT]...: the last response had CODE and its body contains every TEXT.
hcheck() {
  local name=$1 code=$2; shift 2
  if [ "$HTTP_CODE" != "$code" ]; then
    fail "$name" "expected HTTP $code, got $HTTP_CODE: $BODY"; return 1
  fi
  local t
  for t in "$@"; do
    if ! grep -qF -- "$t" <<<"$BODY"; then
      fail "$name" "HTTP $HTTP_CODE body lacks '$t': $BODY"; return 1
    fi
  done
  pass "$name"
}
