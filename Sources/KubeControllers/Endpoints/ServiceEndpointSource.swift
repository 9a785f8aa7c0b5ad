import KubeAPI
import KubeClient
import KubeMachinery

/// What the Endpoints and EndpointSlice controllers both read from a Service and its pods:
/// the selector, which pods count as endpoints, and how a service port's `targetPort` resolves
/// on a pod (upstream's `endpointsliceutil.ShouldPodBeInEndpoints` and `podutil.FindPort`).
extension Service {
    /// `spec.selector` as a label selector; nil for a selector-less Service, whose endpoints
    /// are managed by someone else. An empty selector counts as none (it would select every
    /// pod of the namespace, which no one means).
    var podSelector: LabelSelector? {
        guard let map = json["spec"]?["selector"]?.stringMap, !map.isEmpty else { return nil }
        return try? LabelSelector(matchLabels: map)
    }

    var serviceType: String { json["spec"]?["type"]?.stringValue ?? "ClusterIP" }
    var isHeadless: Bool { json["spec"]?["clusterIP"]?.stringValue == "None" }
    var publishNotReadyAddresses: Bool { json["spec"]?["publishNotReadyAddresses"]?.boolValue ?? false }

    /// `spec.ports`, as the controllers use them.
    var servicePorts: [ServicePortSpec] {
        (json["spec"]?["ports"]?.arrayValue ?? []).map(ServicePortSpec.init(json:))
    }
}

/// One entry of a Service's `spec.ports`.
struct ServicePortSpec: Sendable, Hashable {
    var name: String
    var port: Int64
    var proto: String
    var appProtocol: String?
    /// `targetPort`: a number, or the name of a container port.
    var targetPort: TargetPort

    enum TargetPort: Sendable, Hashable {
        case number(Int64)
        case name(String)
    }

    init(json: JSONValue) {
        name = json["name"]?.stringValue ?? ""
        port = json["port"]?.intValue ?? 0
        proto = json["protocol"]?.stringValue ?? "TCP"
        appProtocol = json["appProtocol"]?.stringValue
        if let s = json["targetPort"]?.stringValue {
            // An integer written as a string is still a number (IntOrString in JSON form).
            targetPort = Int64(s).map(TargetPort.number) ?? .name(s)
        } else if let n = json["targetPort"]?.intValue, n != 0 {
            targetPort = .number(n)
        } else {
            targetPort = .number(port)
        }
    }

    /// The port this service port reaches on `pod`; nil when the target is a name the pod's
    /// containers do not declare for this protocol (the pod is left out for this port).
    func resolve(on pod: Pod) -> Int64? {
        switch targetPort {
        case .number(let n): return n
        case .name(let wanted):
            for c in pod.json["spec"]?["containers"]?.arrayValue ?? [] {
                for p in c["ports"]?.arrayValue ?? [] where p["name"]?.stringValue == wanted
                    && (p["protocol"]?.stringValue ?? "TCP") == proto {
                    return p["containerPort"]?.intValue
                }
            }
            return nil
        }
    }
}

extension Pod {
    /// `status.podIP`; "" until the kubelet reports one.
    var endpointIP: String { json["status"]?["podIP"]?.stringValue ?? "" }

    /// Whether the pod belongs among a Service's endpoints at all: it has an IP, it is not
    /// being deleted (unless terminating pods are wanted), and per its restart policy it will
    /// not run again (a Never pod that finished, an OnFailure pod that succeeded).
    func shouldBeEndpoint(includeTerminating: Bool) -> Bool {
        if endpointIP.isEmpty { return false }
        if !includeTerminating && isBeingDeleted { return false }
        switch json["spec"]?["restartPolicy"]?.stringValue ?? "Always" {
        case "Never": return phase != "Failed" && phase != "Succeeded"
        case "OnFailure": return phase != "Succeeded"
        default: return true
        }
    }

    /// The DNS hostname the pod gets as an endpoint of `service`: set only when the pod names
    /// the Service as its subdomain (how headless Services give pods stable names).
    func endpointHostname(for service: Service) -> String? {
        guard let host = json["spec"]?["hostname"]?.stringValue, !host.isEmpty,
              json["spec"]?["subdomain"]?.stringValue == service.name, namespace == service.namespace else { return nil }
        return host
    }

    /// The `targetRef` an endpoint address carries.
    var endpointTargetRef: JSONValue {
        ["kind": "Pod", "namespace": .string(namespace ?? ""), "name": .string(name), "uid": .string(uid)]
    }
}

/// Which Services select a pod, for the pod event handlers of both controllers.
enum ServiceSelection {
    /// Keys of the Services in `pod`'s namespace whose selector matches its labels.
    static func serviceKeys(selecting pod: JSONValue, in services: Lister<Service>) -> [String] {
        let namespace = pod["metadata"]?["namespace"]?.stringValue ?? ""
        let labels = pod["metadata"]?["labels"]?.stringMap ?? [:]
        return services.list(namespace: namespace).compactMap { svc in
            guard let selector = svc.podSelector, selector.matches(labels) else { return nil }
            return svc.key
        }
    }

    /// The keys to resync for a pod change: Services selecting the old or the new pod, unless
    /// nothing an endpoint depends on changed (a status heartbeat, an annotation).
    static func serviceKeys(forPodUpdate old: JSONValue, _ new: JSONValue, in services: Lister<Service>) -> Set<String> {
        guard endpointRelevantFields(old) != endpointRelevantFields(new) else { return [] }
        var keys = Set(serviceKeys(selecting: new, in: services))
        if old["metadata"]?["labels"] != new["metadata"]?["labels"] {
            keys.formUnion(serviceKeys(selecting: old, in: services))
        }
        return keys
    }

    /// The parts of a pod an endpoint is computed from.
    private static func endpointRelevantFields(_ pod: JSONValue) -> [JSONValue?] {
        let ready = pod["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
        return [pod["metadata"]?["labels"], pod["metadata"]?["deletionTimestamp"], pod["status"]?["podIP"],
                pod["status"]?["phase"], ready?["status"], pod["spec"]?["nodeName"], pod["spec"]?["hostname"],
                pod["spec"]?["subdomain"], pod["spec"]?["containers"]]
    }
}
