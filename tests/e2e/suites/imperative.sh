# Imperative object creation: create ns, run, create deployment, expose.

suite_imperative() {
  kcheck "create ns" -c "namespace/e2e-created created" -- create ns e2e-created
  jp "created namespace is Active" "Active" '{.status.phase}' ns e2e-created
  kcheck "create ns twice is AlreadyExists" -e -c 'namespaces "e2e-created" already exists' -- create ns e2e-created
  kcheck "run" -c "pod/nginx-run created" -- run nginx-run --image=nginx:1.25 -n e2e --labels=run=nginx-run
  jp "run stores the pod spec" "nginx:1.25 Always" \
    '{.spec.containers[0].image} {.spec.restartPolicy}' pod nginx-run -n e2e
  jp "pod defaults are applied" "ClusterFirst default-scheduler" \
    '{.spec.dnsPolicy} {.spec.schedulerName}' pod nginx-run -n e2e
  kcheck "get pods table" -r '^NAME +READY +STATUS +RESTARTS +AGE' -r '^nginx-run +0/1 +Pending +0 ' -- get pods -n e2e
  kcheck "create deployment" -c "deployment.apps/made created" -- create deployment made --image=nginx:1.25 -n e2e
  jp "created deployment selector matches its template" "made made" \
    '{.spec.selector.matchLabels.app} {.spec.template.metadata.labels.app}' deploy made -n e2e
  kcheck "expose deployment" -c "service/made exposed" -- expose deploy made -n e2e --port=8080 --target-port=80
  jp "exposed service selects the deployment's pods" "made 8080 80" \
    '{.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort}' svc made -n e2e
  kcheck "create configmap --from-literal" -c "configmap/lit created" -- create cm lit -n e2e --from-literal=a=1 --from-literal=b=2
  kcheck "create secret generic" -c "secret/gen created" -- create secret generic gen -n e2e --from-literal=pw=x
  jp "created secret is base64 encoded" "eA==" '{.data.pw}' secret gen -n e2e
}
