import KubeAPI
import KubeMachinery

/// Plans the writes that turn a Service's existing slices into the desired endpoints with
/// little churn (upstream's `reconciler`): endpoints stay in the slice they are in, changed
/// ones are updated in place, new ones fill slices that are being written anyway, then slices
/// with room, and only then new slices. A slice left empty is deleted, or recycled for a
/// slice that would otherwise be created. A Service without endpoints keeps one empty
/// placeholder slice, so consumers can tell "no endpoints" from "not yet processed".
struct EndpointSliceReconciler: Sendable {
    var maxEndpointsPerSlice: Int

    struct Plan: Sendable {
        var creates: [EndpointSlice] = []
        var updates: [EndpointSlice] = []
        var deletes: [EndpointSlice] = []
        var isEmpty: Bool { creates.isEmpty && updates.isEmpty && deletes.isEmpty }
    }

    /// A slice being worked on: its object and whether it must be written.
    private struct Working {
        var slice: EndpointSlice
        var endpoints: [SliceEndpoint]
        var dirty: Bool
    }

    func plan(service: Service, desired: DesiredSliceEndpoints, existing: [EndpointSlice]) -> Plan {
        let labels = EndpointSliceLabels.labels(for: service)
        let owner = OwnerReference.controllerRef(to: service)
        var plan = Plan()
        var spare: [EndpointSlice] = []  // slices to delete, unless recycled

        // Slices are matched to port sets by their `ports`; slices of port sets no longer
        // wanted are spare.
        var existingByPorts: [JSONValue: [EndpointSlice]] = [:]
        for slice in existing.sorted(by: { $0.name < $1.name }) {
            let ports = Self.normalizedPorts(slice.json["ports"])
            if desired.byPorts[ports] != nil { existingByPorts[ports, default: []].append(slice) } else { spare.append(slice) }
        }

        var newSlices: [(ports: JSONValue, endpoints: [SliceEndpoint])] = []
        for (ports, wanted) in desired.byPorts.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            var remaining = Dictionary(wanted.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var order = wanted.map(\.id)
            var working: [Working] = []
            for slice in existingByPorts[ports] ?? [] {
                var kept: [SliceEndpoint] = []
                var dirty = false
                for e in (slice.json["endpoints"]?.arrayValue ?? []).map(SliceEndpoint.init(json:)) {
                    guard let want = remaining.removeValue(forKey: e.id) else { dirty = true; continue }
                    if want != e { dirty = true }
                    kept.append(want)
                }
                working.append(Working(slice: slice, endpoints: kept, dirty: dirty))
            }
            order.removeAll { remaining[$0] == nil }
            var toPlace = order.compactMap { remaining[$0] }
            // Fill slices being written anyway first, then others with room.
            for pass in [true, false] {
                for i in working.indices where working[i].dirty == pass && !toPlace.isEmpty {
                    let room = maxEndpointsPerSlice - working[i].endpoints.count
                    guard room > 0 else { continue }
                    working[i].endpoints += toPlace.prefix(room)
                    toPlace.removeFirst(min(room, toPlace.count))
                    working[i].dirty = true
                }
            }
            while !toPlace.isEmpty {
                newSlices.append((ports, Array(toPlace.prefix(maxEndpointsPerSlice))))
                toPlace.removeFirst(min(maxEndpointsPerSlice, toPlace.count))
            }
            for w in working {
                if w.endpoints.isEmpty { spare.append(w.slice); continue }
                var slice = w.slice
                let metaChanged = fillMetadata(&slice, labels: labels, owner: owner)
                guard w.dirty || metaChanged else { continue }
                slice.json["endpoints"] = .array(w.endpoints.map(\.json))
                plan.updates.append(slice)
            }
        }

        if desired.isEmpty && plan.updates.isEmpty && newSlices.isEmpty {
            // Keep (or make) one empty placeholder.
            if let i = spare.firstIndex(where: Self.isPlaceholder) {
                var keep = spare.remove(at: i)
                if fillMetadata(&keep, labels: labels, owner: owner) { plan.updates.append(keep) }
            } else {
                newSlices.append((.array([]), []))
            }
        }

        for n in newSlices {
            var slice: EndpointSlice
            if !spare.isEmpty {
                slice = spare.removeFirst()
                _ = fillMetadata(&slice, labels: labels, owner: owner)
                slice.json["ports"] = n.ports
                slice.json["endpoints"] = .array(n.endpoints.map(\.json))
                plan.updates.append(slice)
            } else {
                slice = EndpointSlice(namespace: service.namespace, name: "")
                slice.json["metadata"] = ["namespace": .string(service.namespace ?? ""), "generateName": .string(Self.generateName(service.name))]
                slice.json["addressType"] = "IPv4"
                _ = fillMetadata(&slice, labels: labels, owner: owner)
                slice.json["ports"] = n.ports
                slice.json["endpoints"] = .array(n.endpoints.map(\.json))
                plan.creates.append(slice)
            }
        }
        plan.deletes = spare
        return plan
    }

    /// Sets the labels and owner a managed slice carries; true when something changed.
    private func fillMetadata(_ slice: inout EndpointSlice, labels: [String: String], owner: OwnerReference) -> Bool {
        var changed = false
        if slice.labels != labels { slice.labels = labels; changed = true }
        if slice.ownerReferences != [owner] { slice.ownerReferences = [owner]; changed = true }
        return changed
    }

    /// A slice's `ports` in the form the controller writes them (name always present,
    /// protocol defaulted), so a server's normalisation never reads as a different port set.
    static func normalizedPorts(_ ports: JSONValue?) -> JSONValue {
        .array((ports?.arrayValue ?? []).map { p in
            var o: [String: JSONValue] = ["name": .string(p["name"]?.stringValue ?? ""),
                                          "port": .int(p["port"]?.intValue ?? 0),
                                          "protocol": .string(p["protocol"]?.stringValue ?? "TCP")]
            if let app = p["appProtocol"]?.stringValue { o["appProtocol"] = .string(app) }
            return .object(o)
        })
    }

    static func isPlaceholder(_ slice: EndpointSlice) -> Bool {
        (slice.json["endpoints"]?.arrayValue ?? []).isEmpty && (slice.json["ports"]?.arrayValue ?? []).isEmpty
    }

    /// `<service>-`, cut so that the generated name stays within 63 characters.
    static func generateName(_ service: String) -> String {
        String(service.prefix(57)) + "-"
    }
}
