import KubeMachinery

/// core/v1 PodStatus: what the kubelet reports about a pod and its containers.
enum PodStatusSchemas {
    static let podCondition = Schema.named(Def.core + "PodCondition", "One aspect of the pod's state.", required: ["type", "status"], [
        "lastProbeTime": Meta.time,
        "lastTransitionTime": Meta.time,
        "message": .string("Human-readable detail."),
        "observedGeneration": .int64("The pod generation this condition reflects."),
        "reason": .string("Machine-readable reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("PodScheduled, Initialized, ContainersReady, Ready..."),
    ])
    static let podIP = Schema.named(Def.core + "PodIP", "An IP address of the pod.", required: ["ip"], [
        "ip": .string("The address."),
    ])
    static let hostIP = Schema.named(Def.core + "HostIP", "An IP address of the pod's host.", required: ["ip"], [
        "ip": .string("The address."),
    ])
    static let stateWaiting = Schema.named(Def.core + "ContainerStateWaiting", "A container that has not started.", [
        "message": .string("Why it is waiting."),
        "reason": .string("Short reason, e.g. ContainerCreating."),
    ])
    static let stateRunning = Schema.named(Def.core + "ContainerStateRunning", "A running container.", [
        "startedAt": Meta.time,
    ])
    static let stateTerminated = Schema.named(Def.core + "ContainerStateTerminated", "A container that has exited.",
        required: ["exitCode"], [
        "containerID": .string("Runtime ID of the container."),
        "exitCode": .int32("Exit status."),
        "finishedAt": Meta.time,
        "message": .string("Termination message."),
        "reason": .string("Short reason, e.g. Completed."),
        "signal": .int32("Signal that killed it."),
        "startedAt": Meta.time,
    ])
    static let containerState = Schema.named(Def.core + "ContainerState", "Exactly one of waiting, running or terminated.", [
        "running": stateRunning,
        "terminated": stateTerminated,
        "waiting": stateWaiting,
    ])
    static let containerStatus = Schema.named(Def.core + "ContainerStatus", "The observed state of one container.",
        required: ["name", "ready", "restartCount", "image", "imageID"], [
        "allocatedResources": Meta.quantityMap,
        "allocatedResourcesStatus": .freeForm("Health of allocated resources."),
        "containerID": .string("Runtime ID, <type>://<id>."),
        "image": .string("Image the container runs."),
        "imageID": .string("Image ID the container runs."),
        "lastState": containerState,
        "name": .string("Container name."),
        "ready": .boolean("Whether the readiness probe passes."),
        "resources": ContainerSchemas.resourceRequirements,
        "restartCount": .int32("Number of restarts."),
        "started": .boolean("Whether the startup probe passed."),
        "state": containerState,
        "stopSignal": .string("Signal used to stop the container."),
        "user": .freeForm("Identities the first process runs as."),
        "volumeMounts": .freeForm("Mounts as the runtime reports them."),
    ])
    static let podStatus = Schema.named(Def.core + "PodStatus", "The observed state of a pod.", [
        "conditions": .keyedList(of: podCondition, by: "type", "Current service state of the pod."),
        "containerStatuses": .list(of: containerStatus, "Status of each container."),
        "ephemeralContainerStatuses": .list(of: containerStatus, "Status of each ephemeral container."),
        "extendedResourceClaimStatus": .freeForm("Claim created for extended resources."),
        "hostIP": .string("Primary IP of the host."),
        "hostIPs": .list(of: hostIP, "IPs of the host.", listType: "atomic", mergeKey: "ip", patchStrategy: "merge"),
        "initContainerStatuses": .list(of: containerStatus, "Status of each init container."),
        "message": .string("Why the pod is in this condition."),
        "nominatedNodeName": .string("Node this pod may run on after preemption."),
        "observedGeneration": .int64("The pod generation the kubelet last saw."),
        "phase": .string("Pending, Running, Succeeded, Failed or Unknown."),
        "podIP": .string("Primary IP of the pod."),
        "podIPs": .list(of: podIP, "IPs of the pod.", listType: "map", mapKeys: ["ip"], mergeKey: "ip", patchStrategy: "merge"),
        "qosClass": .string("Guaranteed, Burstable or BestEffort."),
        "reason": .string("Short reason, e.g. Evicted."),
        "resize": .string("Deprecated in-place resize state."),
        "resourceClaimStatuses": .freeForm("Generated ResourceClaim names."),
        "startTime": Meta.time,
    ])
}
