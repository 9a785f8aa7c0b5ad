import KubeAPI
import KubeMachinery

/// A pod with everything the scheduler asks of it decoded once: requests, affinity terms,
/// tolerations, spread constraints, host ports. Immutable and shared by reference between the
/// queue, the cache and every node's pod list.
public final class PodInfo: Sendable, CustomStringConvertible {
    public let pod: Pod
    public let namespace: String
    public let name: String
    public let uid: String
    /// `namespace/name`.
    public let key: String
    public let labels: [String: String]
    public let nodeName: String
    public let nominatedNodeName: String
    public let schedulerName: String
    public let priority: Int32
    /// `PreemptLowerPriority` (default) or `Never`.
    public let preemptionPolicy: String
    public let creationTimestamp: String
    public let isTerminating: Bool

    /// What the pod needs from a node: max(sum of containers, largest init container) + overhead,
    /// with restartable (sidecar) init containers counted as running alongside the app containers.
    public let requests: Resource
    /// The same with upstream's defaults (100m CPU, 200Mi) for containers that request nothing,
    /// used by scoring so request-less pods still spread.
    public let nonZeroRequests: Resource

    public let nodeSelector: [String: String]
    public let requiredNodeAffinity: NodeSelector?
    public let preferredNodeAffinity: [PreferredSchedulingTerm]
    public let tolerations: [Toleration]
    public let requiredAffinityTerms: [AffinityTerm]
    public let requiredAntiAffinityTerms: [AffinityTerm]
    public let preferredAffinityTerms: [WeightedAffinityTerm]
    public let preferredAntiAffinityTerms: [WeightedAffinityTerm]
    public let topologySpreadConstraints: [TopologySpreadConstraint]
    public let hostPorts: [HostPortInfo]
    /// Container images (init and app), as written in the spec.
    public let images: [String]
    /// Problems found while decoding (a malformed selector): the pod is unschedulable with this message.
    public let parseError: String?

    public var hasAffinityConstraints: Bool { !requiredAffinityTerms.isEmpty || !preferredAffinityTerms.isEmpty || hasAntiAffinityConstraints }
    public var hasAntiAffinityConstraints: Bool { !requiredAntiAffinityTerms.isEmpty || !preferredAntiAffinityTerms.isEmpty }
    public var hasRequiredAntiAffinity: Bool { !requiredAntiAffinityTerms.isEmpty }

    public convenience init(json: JSONValue) { self.init(pod: Pod(json: json)) }

    /// `other` with `spec.nodeName` set: the pod the scheduler assumes onto a node ahead of
    /// binding. Copies the decoded fields rather than decoding the JSON again (once per
    /// scheduled pod): nothing decoded depends on `spec.nodeName` but `nodeName` itself.
    public init(assuming other: PodInfo, onto nodeName: String) {
        var json = other.pod.json
        json.set(["spec", "nodeName"], to: .string(nodeName))
        pod = Pod(json: json)
        self.nodeName = nodeName
        namespace = other.namespace
        name = other.name
        uid = other.uid
        key = other.key
        labels = other.labels
        nominatedNodeName = other.nominatedNodeName
        schedulerName = other.schedulerName
        priority = other.priority
        preemptionPolicy = other.preemptionPolicy
        creationTimestamp = other.creationTimestamp
        isTerminating = other.isTerminating
        requests = other.requests
        nonZeroRequests = other.nonZeroRequests
        nodeSelector = other.nodeSelector
        requiredNodeAffinity = other.requiredNodeAffinity
        preferredNodeAffinity = other.preferredNodeAffinity
        tolerations = other.tolerations
        requiredAffinityTerms = other.requiredAffinityTerms
        requiredAntiAffinityTerms = other.requiredAntiAffinityTerms
        preferredAffinityTerms = other.preferredAffinityTerms
        preferredAntiAffinityTerms = other.preferredAntiAffinityTerms
        topologySpreadConstraints = other.topologySpreadConstraints
        hostPorts = other.hostPorts
        images = other.images
        parseError = other.parseError
    }

    public init(pod: Pod) {
        self.pod = pod
        let j = pod.json
        let meta = j["metadata"] ?? [:]
        let spec = j["spec"] ?? [:]
        namespace = meta["namespace"]?.stringValue ?? "default"
        name = meta["name"]?.stringValue ?? ""
        uid = meta["uid"]?.stringValue ?? ""
        key = "\(namespace)/\(name)"
        labels = meta["labels"]?.stringMap ?? [:]
        creationTimestamp = meta["creationTimestamp"]?.stringValue ?? ""
        isTerminating = meta["deletionTimestamp"] != nil
        nodeName = spec["nodeName"]?.stringValue ?? ""
        nominatedNodeName = j["status"]?["nominatedNodeName"]?.stringValue ?? ""
        schedulerName = spec["schedulerName"]?.stringValue ?? "default-scheduler"
        priority = Int32(clamping: spec["priority"]?.intValue ?? 0)
        preemptionPolicy = spec["preemptionPolicy"]?.stringValue ?? "PreemptLowerPriority"
        nodeSelector = spec["nodeSelector"]?.stringMap ?? [:]

        let (req, nonZero) = Self.computeRequests(spec)
        requests = req
        nonZeroRequests = nonZero

        var problems: [String] = []
        let affinity = spec["affinity"] ?? [:]
        let nodeAffinity = affinity["nodeAffinity"] ?? [:]
        if let r = nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"], r != .null {
            requiredNodeAffinity = NodeSelector(json: r)
        } else {
            requiredNodeAffinity = nil
        }
        preferredNodeAffinity = nodeAffinity["preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue?.map(PreferredSchedulingTerm.init(json:)) ?? []
        tolerations = spec["tolerations"]?.arrayValue?.map(Toleration.init(json:)) ?? []

        func required(_ json: JSONValue?) -> [AffinityTerm] {
            (json?["requiredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? []).compactMap { t in
                let term = AffinityTerm(json: t, podNamespace: meta["namespace"]?.stringValue ?? "default")
                if term == nil { problems.append("invalid pod affinity term") }
                return term
            }
        }
        func preferred(_ json: JSONValue?) -> [WeightedAffinityTerm] {
            (json?["preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? []).compactMap { w in
                guard let t = AffinityTerm(json: w["podAffinityTerm"] ?? [:], podNamespace: meta["namespace"]?.stringValue ?? "default") else {
                    problems.append("invalid pod affinity term")
                    return nil
                }
                return WeightedAffinityTerm(weight: Int32(clamping: w["weight"]?.intValue ?? 0), term: t)
            }
        }
        requiredAffinityTerms = required(affinity["podAffinity"])
        requiredAntiAffinityTerms = required(affinity["podAntiAffinity"])
        preferredAffinityTerms = preferred(affinity["podAffinity"])
        preferredAntiAffinityTerms = preferred(affinity["podAntiAffinity"])
        let podLabels = labels
        topologySpreadConstraints = spec["topologySpreadConstraints"]?.arrayValue?.compactMap { TopologySpreadConstraint(json: $0, podLabels: podLabels) } ?? []

        var ports: [HostPortInfo] = []
        var images: [String] = []
        for list in ["initContainers", "containers"] {
            for c in spec[list]?.arrayValue ?? [] {
                if let image = c["image"]?.stringValue { images.append(image) }
                guard list == "containers" else { continue }
                for p in c["ports"]?.arrayValue ?? [] {
                    guard let hp = p["hostPort"]?.intValue, hp > 0 else { continue }
                    ports.append(HostPortInfo(ip: p["hostIP"]?.stringValue ?? "", proto: p["protocol"]?.stringValue ?? "TCP", port: Int32(clamping: hp)))
                }
            }
        }
        hostPorts = ports
        self.images = images
        parseError = problems.isEmpty ? nil : problems[0]
    }

    /// Upstream's PodRequests: app containers plus running sidecars, against each init container
    /// in turn (with the sidecars started before it), plus the pod overhead.
    static func computeRequests(_ spec: JSONValue) -> (Resource, Resource) {
        func containerRequests(_ c: JSONValue, nonZero: Bool) -> Resource {
            var r = Resource(list: c["resources"]?["requests"])
            if nonZero {
                if r.milliCPU == 0 { r.milliCPU = DefaultRequests.milliCPU }
                if r.memory == 0 { r.memory = DefaultRequests.memory }
            }
            return r
        }
        func compute(nonZero: Bool) -> Resource {
            var sum = Resource()
            for c in spec["containers"]?.arrayValue ?? [] { sum.add(containerRequests(c, nonZero: nonZero)) }
            var sidecars = Resource()
            var initMax = Resource()
            for c in spec["initContainers"]?.arrayValue ?? [] {
                let r = containerRequests(c, nonZero: nonZero)
                if c["restartPolicy"]?.stringValue == "Always" {
                    sidecars.add(r)
                    initMax.setMax(sidecars)
                } else {
                    var during = sidecars
                    during.add(r)
                    initMax.setMax(during)
                }
            }
            sum.add(sidecars)
            sum.setMax(initMax)
            sum.add(Resource(list: spec["overhead"]))
            return sum
        }
        return (compute(nonZero: false), compute(nonZero: true))
    }

    public var description: String { key }
}
