import KubeMachinery

/// core/v1 Service and Endpoints.
enum ServiceSchemas {
    static let servicePort = Schema.named(Def.core + "ServicePort", "A port a Service exposes.", required: ["port"], [
        "appProtocol": .string("Application protocol hint."),
        "name": .string("Port name; required when there are several."),
        "nodePort": .int32("Port on every node for NodePort and LoadBalancer."),
        "port": .int32("Port the Service exposes."),
        "protocol": .string("TCP, UDP or SCTP.", enum: ["SCTP", "TCP", "UDP"]),
        "targetPort": Meta.intOrString,
    ])
    static let sessionAffinityConfig = Schema.named(Def.core + "SessionAffinityConfig", "Session affinity settings.", [
        "clientIP": .named(Def.core + "ClientIPConfig", "ClientIP affinity settings.", [
            "timeoutSeconds": .int32("Sticky session lifetime."),
        ]),
    ])
    static let serviceSpec = Schema.named(Def.core + "ServiceSpec", "The desired behaviour of a Service.", [
        "allocateLoadBalancerNodePorts": .boolean("Allocate node ports for LoadBalancer Services."),
        "clusterIP": .string("Virtual IP; None makes the Service headless."),
        "clusterIPs": .stringList("Virtual IPs, one per family."),
        "externalIPs": .stringList("Extra IPs the nodes accept traffic for."),
        "externalName": .string("DNS name for ExternalName Services."),
        "externalTrafficPolicy": .string("Cluster or Local."),
        "healthCheckNodePort": .int32("Health check port for Local traffic policy."),
        "internalTrafficPolicy": .string("Cluster or Local."),
        "ipFamilies": .stringList("IPv4 and/or IPv6."),
        "ipFamilyPolicy": .string("SingleStack, PreferDualStack or RequireDualStack."),
        "loadBalancerClass": .string("Load balancer implementation."),
        "loadBalancerIP": .string("Deprecated requested load balancer IP."),
        "loadBalancerSourceRanges": .stringList("Client CIDRs allowed through the load balancer."),
        "ports": .keyedList(of: servicePort, by: "port", "Ports the Service exposes.", mapKeys: ["port", "protocol"]),
        "publishNotReadyAddresses": .boolean("Publish endpoints of unready pods."),
        "selector": .stringMap("Labels of the pods behind the Service."),
        "sessionAffinity": .string("ClientIP or None.", enum: ["ClientIP", "None"]),
        "sessionAffinityConfig": sessionAffinityConfig,
        "trafficDistribution": .string("Preference for routing traffic, e.g. PreferClose."),
        "type": .string("ClusterIP, NodePort, LoadBalancer or ExternalName.",
                        enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
    ])
    static let portStatus = Schema.named(Def.core + "PortStatus", "Error state of one load balancer port.",
        required: ["port", "protocol"], [
        "error": .string("Error in CamelCase."),
        "port": .int32("Port number."),
        "protocol": .string("TCP, UDP or SCTP."),
    ])
    static let loadBalancerIngress = Schema.named(Def.core + "LoadBalancerIngress", "An ingress point of a load balancer.", [
        "hostname": .string("DNS name of the ingress point."),
        "ip": .string("IP of the ingress point."),
        "ipMode": .string("VIP or Proxy."),
        "ports": .list(of: portStatus, "Per-port state."),
    ])
    static let loadBalancerStatus = Schema.named(Def.core + "LoadBalancerStatus", "State of a load balancer.", [
        "ingress": .list(of: loadBalancerIngress, "Ingress points."),
    ])
    static let serviceStatus = Schema.named(Def.core + "ServiceStatus", "The observed state of a Service.", [
        "conditions": Meta.conditions,
        "loadBalancer": loadBalancerStatus,
    ])
    static let service = Schema.kind(Def.core + "Service", group: "", version: "v1", kind: "Service",
                                     "A named abstraction of pods behind a stable address.", [
        "spec": serviceSpec,
        "status": serviceStatus,
    ])

    static let objectReference = Schema.named(Def.core + "ObjectReference", "A reference to any object.", [
        "apiVersion": .string("API version of the referent."),
        "fieldPath": .string("A field within the referent."),
        "kind": .string("Kind of the referent."),
        "name": .string("Name of the referent."),
        "namespace": .string("Namespace of the referent."),
        "resourceVersion": .string("Specific version referred to."),
        "uid": .string("UID of the referent."),
    ])
    static let endpointAddress = Schema.named(Def.core + "EndpointAddress", "One endpoint address.", required: ["ip"], [
        "hostname": .string("Hostname of the endpoint."),
        "ip": .string("IP of the endpoint."),
        "nodeName": .string("Node hosting the endpoint."),
        "targetRef": objectReference,
    ])
    static let endpointPort = Schema.named(Def.core + "EndpointPort", "One endpoint port.", required: ["port"], [
        "appProtocol": .string("Application protocol hint."),
        "name": .string("Port name."),
        "port": .int32("Port number."),
        "protocol": .string("TCP, UDP or SCTP."),
    ])
    static let endpointSubset = Schema.named(Def.core + "EndpointSubset", "Addresses sharing a set of ports.", [
        "addresses": .list(of: endpointAddress, "Ready addresses."),
        "notReadyAddresses": .list(of: endpointAddress, "Addresses not ready yet."),
        "ports": .list(of: endpointPort, "Ports of every address."),
    ])
    static let endpoints = Schema.kind(Def.core + "Endpoints", group: "", version: "v1", kind: "Endpoints",
                                       "The addresses that implement a Service.", [
        "subsets": .list(of: endpointSubset, "Groups of addresses and ports."),
    ])
}
