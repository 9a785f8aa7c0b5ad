import KubeMachinery

/// core/v1 PodSpec, PodTemplateSpec and the small types only pod specs use.
enum PodSchemas {
    static let podDNSConfigOption = Schema.named(Def.core + "PodDNSConfigOption", "A resolver option.", [
        "name": .string("Option name."),
        "value": .string("Option value."),
    ])
    static let podDNSConfig = Schema.named(Def.core + "PodDNSConfig", "DNS settings merged into the generated resolv.conf.", [
        "nameservers": .stringList("Extra nameserver IPs."),
        "options": .list(of: podDNSConfigOption, "Resolver options."),
        "searches": .stringList("Extra search domains."),
    ])
    static let hostAlias = Schema.named(Def.core + "HostAlias", "An /etc/hosts entry.", required: ["ip"], [
        "hostnames": .stringList("Hostnames for the IP."),
        "ip": .string("The IP address."),
    ])
    static let readinessGate = Schema.named(Def.core + "PodReadinessGate", "An extra condition required for readiness.",
        required: ["conditionType"], [
        "conditionType": .string("A condition type in the pod's conditions."),
    ])
    static let podOS = Schema.named(Def.core + "PodOS", "The operating system the pod needs.", required: ["name"], [
        "name": .string("linux or windows."),
    ])
    static let schedulingGate = Schema.named(Def.core + "PodSchedulingGate", "A gate that holds the pod from scheduling.",
        required: ["name"], [
        "name": .string("Gate name."),
    ])
    static let podResourceClaim = Schema.named(Def.core + "PodResourceClaim", "A dynamic resource claim of the pod.",
        required: ["name"], [
        "name": .string("Name containers use to reference the claim."),
        "resourceClaimName": .string("An existing ResourceClaim."),
        "resourceClaimTemplateName": .string("A template to create a claim from."),
    ])

    static let podSpec = Schema.named(Def.core + "PodSpec", "The desired behaviour of a pod.", required: ["containers"], [
        "activeDeadlineSeconds": .int64("Seconds the pod may run before it is failed."),
        "affinity": AffinitySchemas.affinity,
        "automountServiceAccountToken": .boolean("Mount the service account token."),
        "containers": .keyedList(of: ContainerSchemas.container, by: "name", "The pod's containers."),
        "dnsConfig": podDNSConfig,
        "dnsPolicy": .string("ClusterFirstWithHostNet, ClusterFirst, Default or None."),
        "enableServiceLinks": .boolean("Inject service environment variables."),
        "ephemeralContainers": .keyedList(of: ContainerSchemas.ephemeralContainer, by: "name", "Debugging containers."),
        "hostAliases": .keyedList(of: hostAlias, by: "ip", "Extra /etc/hosts entries."),
        "hostIPC": .boolean("Use the host's IPC namespace."),
        "hostNetwork": .boolean("Use the host's network namespace."),
        "hostPID": .boolean("Use the host's PID namespace."),
        "hostUsers": .boolean("Use the host's user namespace."),
        "hostname": .string("Hostname of the pod; defaults to its name."),
        "hostnameOverride": .string("Hostname to set exactly, overriding hostname and subdomain."),
        "imagePullSecrets": .keyedList(of: VolumeSchemas.localObjectReference, by: "name", "Secrets for pulling images."),
        "initContainers": .keyedList(of: ContainerSchemas.container, by: "name", "Containers run in order before the others."),
        "nodeName": .string("The node the pod is bound to."),
        "nodeSelector": .stringMap("Node labels the pod requires."),
        "os": podOS,
        "overhead": Meta.quantityMap,
        "preemptionPolicy": .string("Never or PreemptLowerPriority."),
        "priority": .int32("Priority value, resolved from priorityClassName."),
        "priorityClassName": .string("Name of a PriorityClass."),
        "readinessGates": .list(of: readinessGate, "Extra readiness conditions."),
        "resourceClaims": .keyedList(of: podResourceClaim, by: "name", "Dynamic resource claims.", patchStrategy: "merge,retainKeys"),
        "resources": ContainerSchemas.resourceRequirements,
        "restartPolicy": .string("Always, OnFailure or Never.", enum: ["Always", "Never", "OnFailure"]),
        "runtimeClassName": .string("Name of a RuntimeClass."),
        "schedulerName": .string("Scheduler to use."),
        "schedulingGates": .keyedList(of: schedulingGate, by: "name", "Gates holding the pod from scheduling."),
        "securityContext": SecuritySchemas.podSecurityContext,
        "serviceAccount": .string("Deprecated alias of serviceAccountName."),
        "serviceAccountName": .string("Service account the pod runs as."),
        "setHostnameAsFQDN": .boolean("Set the hostname to the FQDN."),
        "shareProcessNamespace": .boolean("Share one PID namespace across containers."),
        "subdomain": .string("Subdomain for hostname.subdomain.namespace.svc names."),
        "terminationGracePeriodSeconds": .int64("Seconds to wait after SIGTERM before killing."),
        "tolerations": .list(of: AffinitySchemas.toleration, "Taints the pod tolerates."),
        "topologySpreadConstraints": .keyedList(of: AffinitySchemas.topologySpreadConstraint, by: "topologyKey",
                                                "How pods spread across domains.", mapKeys: ["topologyKey", "whenUnsatisfiable"]),
        "volumes": .keyedList(of: VolumeSchemas.volume, by: "name", "Volumes containers may mount.", patchStrategy: "merge,retainKeys"),
    ])

    static let podTemplateSpec = Schema.named(Def.core + "PodTemplateSpec", "Pods to create from a template.", [
        "metadata": Meta.objectMeta,
        "spec": podSpec,
    ])

    static let pod = Schema.kind(Def.core + "Pod", group: "", version: "v1", kind: "Pod",
                                 "A group of containers run together on one node.", [
        "spec": podSpec,
        "status": PodStatusSchemas.podStatus,
    ])

    static let podTemplate = Schema.kind(Def.core + "PodTemplate", group: "", version: "v1", kind: "PodTemplate",
                                         "A stored template for pods.", [
        "template": podTemplateSpec,
    ])
}
