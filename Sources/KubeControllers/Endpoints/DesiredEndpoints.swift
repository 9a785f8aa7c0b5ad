import KubeAPI
import KubeMachinery

/// The subsets an Endpoints object should hold for a Service and the pods it selects
/// (the body of upstream's `syncService`, without the writes).
enum DesiredEndpoints {
    static func subsets(for service: Service, pods: [Pod]) -> EndpointSubsets {
        let publishNotReady = service.publishNotReadyAddresses
        let ports = service.servicePorts
        var entries: [(address: EndpointSubsets.Address, ready: Bool, ports: [EndpointSubsets.Port])] = []
        for pod in pods where pod.shouldBeEndpoint(includeTerminating: publishNotReady) {
            let address = EndpointSubsets.Address(ip: pod.endpointIP, hostname: pod.endpointHostname(for: service),
                                                  nodeName: pod.nodeName.isEmpty ? nil : pod.nodeName,
                                                  targetRef: pod.endpointTargetRef)
            let ready = publishNotReady || pod.isReady
            if ports.isEmpty {
                // A headless Service without ports still publishes its pods' addresses.
                if service.isHeadless { entries.append((address, ready, [])) }
                continue
            }
            for sp in ports {
                guard let target = sp.resolve(on: pod) else { continue }
                entries.append((address, ready, [EndpointSubsets.Port(name: sp.name, port: target, proto: sp.proto,
                                                                      appProtocol: sp.appProtocol)]))
            }
        }
        return EndpointSubsets(entries: entries)
    }

    /// Labels of the Endpoints: the Service's own, plus `service.kubernetes.io/headless` for
    /// a headless Service.
    static func labels(for service: Service) -> [String: String] {
        var labels = service.labels
        if service.isHeadless { labels[headlessLabel] = "" } else { labels[headlessLabel] = nil }
        return labels
    }

    static let headlessLabel = "service.kubernetes.io/headless"
    /// When the change that this Endpoints write reflects happened (for latency SLIs).
    static let lastChangeTriggerTime = "endpoints.kubernetes.io/last-change-trigger-time"
    /// Endpoints that the leader-election of old components used: never garbage-collected.
    static let leaderAnnotation = "control-plane.alpha.kubernetes.io/leader"
}
