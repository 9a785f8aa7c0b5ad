import KubeMachinery

/// Endpoints (core/v1): port protocols default to TCP; addresses and ports are checked.
public struct EndpointsStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.editEach("subsets") { s in s.editEach("ports") { $0.defaultField("protocol", to: "TCP") } }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, subset) in object.items("subsets").enumerated() {
            let sp = FieldPath("subsets").index(i)
            if subset.items("addresses").isEmpty && subset.items("notReadyAddresses").isEmpty {
                errs.append(FieldErr.required(sp, "must specify `addresses` or `notReadyAddresses`"))
            }
            for list in ["addresses", "notReadyAddresses"] {
                for (j, a) in subset.items(list).enumerated() where a.string("ip").isEmpty {
                    errs.append(FieldErr.required(sp.child(list).index(j).child("ip")))
                }
            }
            let ports = subset.items("ports")
            for (j, port) in ports.enumerated() {
                let pp = sp.child("ports").index(j)
                if ports.count > 1 && port.string("name").isEmpty { errs.append(FieldErr.required(pp.child("name"))) }
                let n = port["port"]?.intValue ?? 0
                if !NameFormats.isPortNumber(n) { errs.append(FieldErr.invalid(pp.child("port"), .int(n), NameFormats.portRangeMessage)) }
                errs += FieldCheck.oneOf(port["protocol"], ServiceStrategy.protocols, pp.child("protocol"))
            }
        }
        return errs
    }
}
