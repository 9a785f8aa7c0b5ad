/// Message tables for NetworkingV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let networkingV1: [ProtobufMessageDescriptor] = [
        .init("networking.v1.Ingress", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("networking.v1.IngressSpec")),
            .init(3, "status", .message("networking.v1.IngressStatus")),
        ]),
        .init("networking.v1.IngressSpec", [
            .init(1, "defaultBackend", .message("networking.v1.IngressBackend")),
            .init(2, "tls", .repeated(.message("networking.v1.IngressTLS"))),
            .init(3, "rules", .repeated(.message("networking.v1.IngressRule"))),
            .init(4, "ingressClassName", .string, .keepEmpty),
        ]),
        .init("networking.v1.IngressBackend", [
            .init(3, "resource", .message("core.v1.TypedLocalObjectReference")),
            .init(4, "service", .message("networking.v1.IngressServiceBackend")),
        ]),
        .init("networking.v1.IngressServiceBackend", [
            .init(1, "name", .string),
            .init(2, "port", .message("networking.v1.ServiceBackendPort")),
        ]),
        .init("networking.v1.ServiceBackendPort", [
            .init(1, "name", .string),
            .init(2, "number", .int32),
        ]),
        .init("networking.v1.IngressTLS", [
            .init(1, "hosts", .repeated(.string)),
            .init(2, "secretName", .string),
        ]),
        .init("networking.v1.IngressRule", [
            .init(1, "host", .string),
            .init(2, "", .message("networking.v1.IngressRuleValue")),
        ]),
        .init("networking.v1.IngressRuleValue", [
            .init(1, "http", .message("networking.v1.HTTPIngressRuleValue")),
        ]),
        .init("networking.v1.HTTPIngressRuleValue", [
            .init(1, "paths", .repeated(.message("networking.v1.HTTPIngressPath"))),
        ]),
        .init("networking.v1.HTTPIngressPath", [
            .init(1, "path", .string),
            .init(2, "backend", .message("networking.v1.IngressBackend")),
            .init(3, "pathType", .string),
        ]),
        .init("networking.v1.IngressStatus", [
            .init(1, "loadBalancer", .message("networking.v1.IngressLoadBalancerStatus")),
        ]),
        .init("networking.v1.IngressLoadBalancerStatus", [
            .init(1, "ingress", .repeated(.message("networking.v1.IngressLoadBalancerIngress"))),
        ]),
        .init("networking.v1.IngressLoadBalancerIngress", [
            .init(1, "ip", .string),
            .init(2, "hostname", .string),
            .init(4, "ports", .repeated(.message("networking.v1.IngressPortStatus"))),
        ]),
        .init("networking.v1.IngressPortStatus", [
            .init(1, "port", .int32, .omitEmpty),
            .init(2, "protocol", .string),
            .init(3, "error", .string),
        ]),
        .init("networking.v1.IngressClass", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("networking.v1.IngressClassSpec")),
        ]),
        .init("networking.v1.IngressClassSpec", [
            .init(1, "controller", .string),
            .init(2, "parameters", .message("networking.v1.IngressClassParametersReference")),
        ]),
        .init("networking.v1.IngressClassParametersReference", [
            .init(1, "aPIGroup", .string),
            .init(2, "kind", .string),
            .init(3, "name", .string),
            .init(4, "scope", .string),
            .init(5, "namespace", .string),
        ]),
        .init("networking.v1.NetworkPolicy", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("networking.v1.NetworkPolicySpec")),
        ]),
        .init("networking.v1.NetworkPolicySpec", [
            .init(1, "podSelector", .message("meta.v1.LabelSelector")),
            .init(2, "ingress", .repeated(.message("networking.v1.NetworkPolicyIngressRule"))),
            .init(3, "egress", .repeated(.message("networking.v1.NetworkPolicyEgressRule"))),
            .init(4, "policyTypes", .repeated(.string)),
        ]),
        .init("networking.v1.NetworkPolicyIngressRule", [
            .init(1, "ports", .repeated(.message("networking.v1.NetworkPolicyPort"))),
            .init(2, "from", .repeated(.message("networking.v1.NetworkPolicyPeer"))),
        ]),
        .init("networking.v1.NetworkPolicyPort", [
            .init(1, "protocol", .string),
            .init(2, "port", .intOrString),
            .init(3, "endPort", .int32),
        ]),
        .init("networking.v1.NetworkPolicyPeer", [
            .init(1, "podSelector", .message("meta.v1.LabelSelector")),
            .init(2, "namespaceSelector", .message("meta.v1.LabelSelector")),
            .init(3, "ipBlock", .message("networking.v1.IPBlock")),
        ]),
        .init("networking.v1.IPBlock", [
            .init(1, "cidr", .string),
            .init(2, "except", .repeated(.string)),
        ]),
        .init("networking.v1.NetworkPolicyEgressRule", [
            .init(1, "ports", .repeated(.message("networking.v1.NetworkPolicyPort"))),
            .init(2, "to", .repeated(.message("networking.v1.NetworkPolicyPeer"))),
        ]),
    ]
}
