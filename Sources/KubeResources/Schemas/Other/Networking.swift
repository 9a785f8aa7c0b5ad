import KubeMachinery

/// networking.k8s.io/v1 and discovery.k8s.io/v1 kinds.
enum NetworkingSchemas {
    static let net = "io.k8s.api.networking.v1."
    static let disc = "io.k8s.api.discovery.v1."

    static let serviceBackendPort = Schema.named(net + "ServiceBackendPort", "A Service port by name or number.", [
        "name": .string("Port name."),
        "number": .int32("Port number."),
    ])
    static let ingressBackend = Schema.named(net + "IngressBackend", "Where matching traffic goes.", [
        "resource": StorageSchemas.typedLocalObjectReference,
        "service": .named(net + "IngressServiceBackend", "A Service backend.", required: ["name"], [
            "name": .string("Service name."),
            "port": serviceBackendPort,
        ]),
    ])
    static let httpIngressPath = Schema.named(net + "HTTPIngressPath", "A path and its backend.", required: ["pathType", "backend"], [
        "backend": ingressBackend,
        "path": .string("Path to match."),
        "pathType": .string("Exact, Prefix or ImplementationSpecific."),
    ])
    static let ingressRule = Schema.named(net + "IngressRule", "Routing for one host.", [
        "host": .string("Host to match; may start with a wildcard label."),
        "http": .named(net + "HTTPIngressRuleValue", "HTTP paths of a rule.", required: ["paths"], [
            "paths": .list(of: httpIngressPath, "Paths to match."),
        ]),
    ])
    static let ingressTLS = Schema.named(net + "IngressTLS", "TLS settings for some hosts.", [
        "hosts": .stringList("Hosts the certificate covers."),
        "secretName": .string("Secret holding the certificate."),
    ])
    static let ingress = Schema.kind(net + "Ingress", group: "networking.k8s.io", version: "v1", kind: "Ingress",
                                     "HTTP routing from outside the cluster to Services.", [
        "spec": .named(net + "IngressSpec", "The desired routing.", [
            "defaultBackend": ingressBackend,
            "ingressClassName": .string("IngressClass to use."),
            "rules": .list(of: ingressRule, "Host rules."),
            "tls": .list(of: ingressTLS, "TLS settings."),
        ]),
        "status": .named(net + "IngressStatus", "The observed state of an Ingress.", [
            "loadBalancer": .freeForm("Load balancer addresses."),
        ]),
    ])
    static let ingressClass = Schema.kind(net + "IngressClass", group: "networking.k8s.io", version: "v1", kind: "IngressClass",
                                          "A class of Ingress served by one controller.", [
        "spec": .named(net + "IngressClassSpec", "The controller of the class.", [
            "controller": .string("Name of the controller."),
            "parameters": .named(net + "IngressClassParametersReference", "Controller-specific parameters.", required: ["kind", "name"], [
                "apiGroup": .string("Group of the referent."),
                "kind": .string("Kind of the referent."),
                "name": .string("Name of the referent."),
                "namespace": .string("Namespace of the referent."),
                "scope": .string("Cluster or Namespace."),
            ]),
        ]),
    ])
    static let networkPolicyPort = Schema.named(net + "NetworkPolicyPort", "A port traffic is allowed on.", [
        "endPort": .int32("End of a port range."),
        "port": Meta.intOrString,
        "protocol": .string("TCP, UDP or SCTP."),
    ])
    static let networkPolicyPeer = Schema.named(net + "NetworkPolicyPeer", "A set of peers traffic is allowed with.", [
        "ipBlock": .named(net + "IPBlock", "A CIDR with exceptions.", required: ["cidr"], [
            "cidr": .string("The CIDR."),
            "except": .stringList("CIDRs excluded."),
        ]),
        "namespaceSelector": Meta.labelSelector,
        "podSelector": Meta.labelSelector,
    ])
    static let networkPolicy = Schema.kind(net + "NetworkPolicy", group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy",
                                           "Allowed traffic for a set of pods.", [
        "spec": .named(net + "NetworkPolicySpec", "The policy.", [
            "egress": .list(of: .named(net + "NetworkPolicyEgressRule", "Allowed outgoing traffic.", [
                "ports": .list(of: networkPolicyPort, "Allowed ports."),
                "to": .list(of: networkPolicyPeer, "Allowed destinations."),
            ]), "Egress rules."),
            "ingress": .list(of: .named(net + "NetworkPolicyIngressRule", "Allowed incoming traffic.", [
                "from": .list(of: networkPolicyPeer, "Allowed sources."),
                "ports": .list(of: networkPolicyPort, "Allowed ports."),
            ]), "Ingress rules."),
            "podSelector": Meta.labelSelector,
            "policyTypes": .stringList("Ingress and/or Egress."),
        ]),
    ])

    static let endpoint = Schema.named(disc + "Endpoint", "One backend of an EndpointSlice.", required: ["addresses"], [
        "addresses": .stringList("Addresses of the endpoint.", listType: "set"),
        "conditions": .named(disc + "EndpointConditions", "State of the endpoint.", [
            "ready": .boolean("Ready to receive traffic."),
            "serving": .boolean("Serving, even while terminating."),
            "terminating": .boolean("Terminating."),
        ]),
        "deprecatedTopology": .stringMap("Deprecated topology labels."),
        "hints": .freeForm("Topology-aware routing hints."),
        "hostname": .string("Hostname of the endpoint."),
        "nodeName": .string("Node hosting the endpoint."),
        "targetRef": ServiceSchemas.objectReference,
        "zone": .string("Zone of the endpoint."),
    ])
    static let endpointSlice = Schema.kind(disc + "EndpointSlice", group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice",
                                           "A subset of the endpoints of a Service.", required: ["addressType", "endpoints"], [
        "addressType": .string("IPv4, IPv6 or FQDN."),
        "endpoints": .list(of: endpoint, "The endpoints."),
        "ports": .list(of: .named(disc + "EndpointPort", "A port of every endpoint.", [
            "appProtocol": .string("Application protocol hint."),
            "name": .string("Port name."),
            "port": .int32("Port number."),
            "protocol": .string("TCP, UDP or SCTP."),
        ]), "Ports of the endpoints."),
    ])
}
