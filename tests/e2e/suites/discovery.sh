# Read-only cluster information: version, discovery, OpenAPI-backed explain.

suite_discovery() {
  # kubectl 1.27 still prints the old version.Info{...} form by default.
  kcheck "version" -r '^Client Version: (v1\.|version\.Info)' \
    -r '^Server Version: (v1\.[0-9]+\.[0-9]+|version\.Info\{Major:"1", Minor:"[0-9]+")' -- version
  kcheck "version -o json" -c '"serverVersion"' -c '"gitVersion"' -- version -o json
  kcheck "api-resources" -r '^deployments +deploy +apps/v1 +true +Deployment' \
    -r '^namespaces +ns +v1 +false +Namespace' -r '^pods +po +v1 +true +Pod' -- api-resources
  kcheck "api-resources --namespaced=false" -c "namespaces" -x "configmaps" -- api-resources --namespaced=false
  kcheck "api-resources --api-group=apps -o name" -r '^deployments\.apps$' -- api-resources --api-group=apps -o name
  kcheck "api-versions" -r '^v1$' -r '^apps/v1$' -r '^batch/v1$' -- api-versions
  kcheck "explain pods.spec.containers" -r '^(KIND|GROUP|VERSION): ' -r "^(FIELD|RESOURCE): +containers" \
    -r '^ +image\s' -r '^ +name\s.*-required-' -- explain pods.spec.containers
  kcheck "explain --recursive" -c "containers" -- explain deployment.spec.template --recursive
  kcheck "cluster-info" -r 'Kubernetes control plane.* is running at .*https://127\.0\.0\.1:' -- cluster-info
  kcheck "get --raw /healthz" -r '^ok$' -- get --raw /healthz
  kcheck "get --raw /readyz" -r '^ok$' -- get --raw /readyz
  # `auth can-i` needs SelfSubjectAccessReview, which comes with RBAC.
}
