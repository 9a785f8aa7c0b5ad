import KubeAPI
import KubeMachinery

/// One endpoint of an EndpointSlice, in the form the controller writes and compares.
struct SliceEndpoint: Sendable, Hashable {
    /// Identity across syncs: the pod's uid (or the address for an endpoint without a pod).
    var id: String
    var json: JSONValue

    init(json: JSONValue) {
        // Keep only the fields this controller writes, so server-side additions never look
        // like a change.
        var o: [String: JSONValue] = [:]
        for k in ["addresses", "hostname", "nodeName", "zone"] { if let v = json[k], !v.isNull { o[k] = v } }
        if let c = json["conditions"] {
            var conditions: [String: JSONValue] = [:]
            for k in ["ready", "serving", "terminating"] { if let v = c[k], !v.isNull { conditions[k] = v } }
            o["conditions"] = .object(conditions)
        }
        if let ref = json["targetRef"] {
            var r: [String: JSONValue] = [:]
            for k in ["kind", "namespace", "name", "uid"] { if let v = ref[k] { r[k] = v } }
            o["targetRef"] = .object(r)
        }
        self.json = .object(o)
        id = json["targetRef"]?["uid"]?.stringValue ?? json["addresses"]?.arrayValue?.first?.stringValue ?? ""
    }
}

/// The endpoints a Service should have, grouped by the ports they serve: pods with a named
/// target port that only some of them declare end up in different slices.
struct DesiredSliceEndpoints: Sendable {
    /// Port set (as the slice's `ports` JSON) to the endpoints serving exactly those ports.
    var byPorts: [JSONValue: [SliceEndpoint]]

    var isEmpty: Bool { byPorts.values.allSatisfy(\.isEmpty) }

    /// `zoneOf` gives a node's `topology.kubernetes.io/zone` label.
    init(service: Service, pods: [Pod], zoneOf: (String) -> String?) {
        let ports = service.servicePorts
        let publishNotReady = service.publishNotReadyAddresses
        var byPorts: [JSONValue: [SliceEndpoint]] = [:]
        for pod in pods.sorted(by: { $0.name < $1.name }) where pod.shouldBeEndpoint(includeTerminating: true) {
            var slicePorts: [JSONValue] = []
            for sp in ports {
                guard let target = sp.resolve(on: pod) else { continue }
                var p: [String: JSONValue] = ["name": .string(sp.name), "port": .int(target), "protocol": .string(sp.proto)]
                if let app = sp.appProtocol { p["appProtocol"] = .string(app) }
                slicePorts.append(.object(p))
            }
            // A pod serving none of several declared ports is no endpoint of the Service.
            if slicePorts.isEmpty && !ports.isEmpty { continue }
            let terminating = pod.isBeingDeleted
            let ready = pod.isReady
            var e: [String: JSONValue] = [
                "addresses": [.string(pod.endpointIP)],
                "conditions": ["ready": .bool(publishNotReady || (ready && !terminating)),
                               "serving": .bool(publishNotReady || ready), "terminating": .bool(terminating)],
                "targetRef": pod.endpointTargetRef,
            ]
            if let host = pod.endpointHostname(for: service) { e["hostname"] = .string(host) }
            if !pod.nodeName.isEmpty {
                e["nodeName"] = .string(pod.nodeName)
                if let zone = zoneOf(pod.nodeName) { e["zone"] = .string(zone) }
            }
            byPorts[.array(slicePorts), default: []].append(SliceEndpoint(json: .object(e)))
        }
        self.byPorts = byPorts
    }
}

/// Labels and names every managed slice carries.
enum EndpointSliceLabels {
    static let serviceName = "kubernetes.io/service-name"
    static let managedBy = "endpointslice.kubernetes.io/managed-by"
    static let controllerName = "endpointslice-controller.k8s.io"
    static let zone = "topology.kubernetes.io/zone"

    /// The Service's labels, plus the service name, the manager and the headless marker.
    static func labels(for service: Service) -> [String: String] {
        var labels = service.labels
        labels[serviceName] = service.name
        labels[managedBy] = controllerName
        labels[DesiredEndpoints.headlessLabel] = service.isHeadless ? "" : nil
        return labels
    }
}
