import KubeMachinery

/// core/v1 Container and the types only containers use (env, ports, resources, mounts).
enum ContainerSchemas {
    static let objectFieldSelector = Schema.named(Def.core + "ObjectFieldSelector", "Selects a field of the pod.",
        required: ["fieldPath"], [
        "apiVersion": .string("Schema version fieldPath is written in; defaults to v1."),
        "fieldPath": .string("Path of the field, e.g. metadata.name."),
    ])
    static let resourceFieldSelector = Schema.named(Def.core + "ResourceFieldSelector", "Selects a container resource value.",
        required: ["resource"], [
        "containerName": .string("Container to read; required for volumes."),
        "divisor": Meta.quantity,
        "resource": .string("Resource to select, e.g. limits.cpu."),
    ])
    static let configMapKeySelector = Schema.named(Def.core + "ConfigMapKeySelector", "Selects a key of a ConfigMap.",
        required: ["key"], [
        "key": .string("The key to select."),
        "name": .string("Name of the ConfigMap."),
        "optional": .boolean("Whether the ConfigMap or key may be missing."),
    ])
    static let secretKeySelector = Schema.named(Def.core + "SecretKeySelector", "Selects a key of a Secret.",
        required: ["key"], [
        "key": .string("The key to select."),
        "name": .string("Name of the Secret."),
        "optional": .boolean("Whether the Secret or key may be missing."),
    ])
    static let envVarSource = Schema.named(Def.core + "EnvVarSource", "Where an environment variable's value comes from.", [
        "configMapKeyRef": configMapKeySelector,
        "fieldRef": objectFieldSelector,
        "fileKeyRef": .freeForm("Selects a key of an env file in a volume."),
        "resourceFieldRef": resourceFieldSelector,
        "secretKeyRef": secretKeySelector,
    ])
    static let envVar = Schema.named(Def.core + "EnvVar", "An environment variable of a container.", required: ["name"], [
        "name": .string("Variable name."),
        "value": .string("Literal value; $(VAR) references are expanded."),
        "valueFrom": envVarSource,
    ])
    static let configMapEnvSource = Schema.named(Def.core + "ConfigMapEnvSource", "A ConfigMap whose keys become variables.", [
        "name": .string("Name of the ConfigMap."),
        "optional": .boolean("Whether the ConfigMap may be missing."),
    ])
    static let secretEnvSource = Schema.named(Def.core + "SecretEnvSource", "A Secret whose keys become variables.", [
        "name": .string("Name of the Secret."),
        "optional": .boolean("Whether the Secret may be missing."),
    ])
    static let envFromSource = Schema.named(Def.core + "EnvFromSource", "A source of many environment variables.", [
        "configMapRef": configMapEnvSource,
        "prefix": .string("Prefix prepended to every key."),
        "secretRef": secretEnvSource,
    ])
    static let containerPort = Schema.named(Def.core + "ContainerPort", "A network port of a container.",
        required: ["containerPort"], [
        "containerPort": .int32("Port number on the pod's IP."),
        "hostIP": .string("Host IP to bind the host port to."),
        "hostPort": .int32("Port number on the host."),
        "name": .string("IANA_SVC_NAME; unique within the pod."),
        "protocol": .string("UDP, TCP or SCTP; defaults to TCP.", enum: ["SCTP", "TCP", "UDP"]),
    ])
    static let resourceClaim = Schema.named(Def.core + "ResourceClaim", "A pod resource claim a container uses.",
        required: ["name"], [
        "name": .string("Name of an entry in pod.spec.resourceClaims."),
        "request": .string("A request within that claim."),
    ])
    static let resourceRequirements = Schema.named(Def.core + "ResourceRequirements", "Compute resources requested and limited.", [
        "claims": .keyedList(of: resourceClaim, by: "name", "Dynamically allocated resources this container uses."),
        "limits": Meta.quantityMap,
        "requests": Meta.quantityMap,
    ])
    static let volumeMount = Schema.named(Def.core + "VolumeMount", "A volume mounted into a container.",
        required: ["name", "mountPath"], [
        "mountPath": .string("Path inside the container."),
        "mountPropagation": .string("How mounts propagate between host and container."),
        "name": .string("Name of the volume."),
        "readOnly": .boolean("Mount read-only."),
        "recursiveReadOnly": .string("Whether read-only applies to sub-mounts."),
        "subPath": .string("Path within the volume to mount."),
        "subPathExpr": .string("subPath with $(VAR) expansion."),
    ])
    static let volumeDevice = Schema.named(Def.core + "VolumeDevice", "A raw block volume mapped into a container.",
        required: ["name", "devicePath"], [
        "devicePath": .string("Device path inside the container."),
        "name": .string("Name of the PVC-backed volume."),
    ])
    static let containerResizePolicy = Schema.named(Def.core + "ContainerResizePolicy", "How a resource is resized in place.",
        required: ["resourceName", "restartPolicy"], [
        "resourceName": .string("cpu or memory."),
        "restartPolicy": .string("NotRequired or RestartContainer."),
    ])
    static let containerRestartRule = Schema.named(Def.core + "ContainerRestartRule", "A rule deciding a container restart on exit.",
        required: ["action"], [
        "action": .string("The action to take; Restart."),
        "exitCodes": .freeForm("Exit codes this rule matches."),
    ])

    /// The fields containers and ephemeral containers share, in upstream order.
    static func containerFields(ephemeral: Bool) -> KeyValuePairs<String, Schema> {
        [
            "args": .stringList("Arguments to the entrypoint."),
            "command": .stringList("Entrypoint array; not run in a shell."),
            "env": .keyedList(of: envVar, by: "name", "Environment variables to set."),
            "envFrom": .list(of: envFromSource, "Sources of many environment variables."),
            "image": .string("Container image name."),
            "imagePullPolicy": .string("Always, Never or IfNotPresent.", enum: ["Always", "IfNotPresent", "Never"]),
            "lifecycle": ProbeSchemas.lifecycle,
            "livenessProbe": ProbeSchemas.probe,
            "name": .string("Container name, a DNS label unique in the pod."),
            "ports": ephemeral
                ? .list(of: containerPort, "Not allowed for ephemeral containers.", listType: "map",
                        mapKeys: ["containerPort", "protocol"], mergeKey: "containerPort", patchStrategy: "merge")
                : .list(of: containerPort, "Ports the container exposes.", listType: "map",
                        mapKeys: ["containerPort", "protocol"], mergeKey: "containerPort", patchStrategy: "merge"),
            "readinessProbe": ProbeSchemas.probe,
            "resizePolicy": .list(of: containerResizePolicy, "Resize policy per resource."),
            "resources": resourceRequirements,
            "restartPolicy": .string("Per-container restart policy; Always makes an init container a sidecar."),
            "restartPolicyRules": .list(of: containerRestartRule, "Rules that refine restartPolicy by exit code."),
            "securityContext": SecuritySchemas.securityContext,
            "startupProbe": ProbeSchemas.probe,
            "stdin": .boolean("Allocate a stdin buffer."),
            "stdinOnce": .boolean("Close stdin after the first attach detaches."),
            "targetContainerName": .string("For ephemeral containers: the container whose namespaces to share."),
            "terminationMessagePath": .string("File the termination message is read from."),
            "terminationMessagePolicy": .string("File or FallbackToLogsOnError.", enum: ["FallbackToLogsOnError", "File"]),
            "tty": .boolean("Allocate a TTY."),
            "volumeDevices": .keyedList(of: volumeDevice, by: "devicePath", "Block devices to map in."),
            "volumeMounts": .keyedList(of: volumeMount, by: "mountPath", "Volumes to mount."),
            "workingDir": .string("Working directory."),
        ]
    }

    static let container: Schema = {
        let all = containerFields(ephemeral: false).filter { $0.key != "targetContainerName" }
        return Schema(kind: .object, description: "A single application container in a pod.",
                      properties: all.map { ($0.key, $0.value) }, required: ["name"],
                      definitionName: Def.core + "Container")
    }()

    static let ephemeralContainer: Schema = {
        let all = containerFields(ephemeral: true)
        return Schema(kind: .object, description: "A temporary container added to a running pod for debugging.",
                      properties: all.map { ($0.key, $0.value) }, required: ["name"],
                      definitionName: Def.core + "EphemeralContainer")
    }()
}
