import KubeMachinery

/// core/v1 Node.
enum NodeSchemas {
    static let taint = Schema.named(Def.core + "Taint", "Repels pods that do not tolerate it.", required: ["key", "effect"], [
        "effect": .string("NoSchedule, PreferNoSchedule or NoExecute."),
        "key": .string("Taint key."),
        "timeAdded": Meta.time,
        "value": .string("Taint value."),
    ])
    static let nodeCondition = Schema.named(Def.core + "NodeCondition", "One aspect of a node's state.", required: ["type", "status"], [
        "lastHeartbeatTime": Meta.time,
        "lastTransitionTime": Meta.time,
        "message": .string("Human-readable detail."),
        "reason": .string("Machine-readable reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("Ready, MemoryPressure, DiskPressure..."),
    ])
    static let nodeAddress = Schema.named(Def.core + "NodeAddress", "An address of a node.", required: ["type", "address"], [
        "address": .string("The address."),
        "type": .string("Hostname, InternalIP, ExternalIP..."),
    ])
    static let nodeSystemInfo = Schema.named(Def.core + "NodeSystemInfo", "Software and hardware identity of a node.", [
        "architecture": .string("CPU architecture."),
        "bootID": .string("Boot ID."),
        "containerRuntimeVersion": .string("Runtime name and version."),
        "kernelVersion": .string("Kernel version."),
        "kubeProxyVersion": .string("Deprecated proxy version."),
        "kubeletVersion": .string("Kubelet version."),
        "machineID": .string("Machine ID."),
        "operatingSystem": .string("Operating system."),
        "osImage": .string("OS image name."),
        "swap": .freeForm("Swap information."),
        "systemUUID": .string("System UUID."),
    ])
    static let containerImage = Schema.named(Def.core + "ContainerImage", "An image present on a node.", [
        "names": .stringList("Names of the image."),
        "sizeBytes": .int64("Size in bytes."),
    ])
    static let node = Schema.kind(Def.core + "Node", group: "", version: "v1", kind: "Node", "A worker machine.", [
        "spec": .named(Def.core + "NodeSpec", "The desired state of a node.", [
            "configSource": .freeForm("Deprecated dynamic kubelet config."),
            "externalID": .string("Deprecated."),
            "podCIDR": .string("Pod IP range of the node."),
            "podCIDRs": .stringList("Pod IP ranges, one per family.", listType: "set", patchStrategy: "merge"),
            "providerID": .string("Cloud provider's ID for the node."),
            "taints": .list(of: taint, "Taints of the node."),
            "unschedulable": .boolean("Keep new pods off the node."),
        ]),
        "status": .named(Def.core + "NodeStatus", "The observed state of a node.", [
            "addresses": .keyedList(of: nodeAddress, by: "type", "Addresses of the node."),
            "allocatable": Meta.quantityMap,
            "capacity": Meta.quantityMap,
            "conditions": .keyedList(of: nodeCondition, by: "type", "Current state observations."),
            "config": .freeForm("Kubelet config status."),
            "daemonEndpoints": .freeForm("Ports of daemons on the node."),
            "declaredFeatures": .stringList("Features the node declares."),
            "features": .freeForm("Features the node supports."),
            "images": .list(of: containerImage, "Images on the node."),
            "nodeInfo": nodeSystemInfo,
            "phase": .string("Deprecated."),
            "runtimeHandlers": .freeForm("Runtime handlers available."),
            "volumesAttached": .freeForm("Volumes attached to the node."),
            "volumesInUse": .stringList("Volumes in use on the node."),
        ]),
    ])
}
