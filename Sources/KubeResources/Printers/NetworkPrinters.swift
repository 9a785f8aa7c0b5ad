import Foundation
import KubeMachinery

// Printers of Services and what routes traffic to or into them.

extension BuiltinPrinters {
    public static let service = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Type", description: "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
            TableColumn("Cluster-IP", description: "The service's primary virtual IP, or None for a headless service."),
            TableColumn("External-IP", description: "Addresses reachable from outside the cluster."),
            TableColumn("Port(s)", description: "Service ports, with node ports where allocated."),
            CommonColumns.age,
            CommonColumns.selector("Labels of the pods the service sends traffic to."),
        ],
        cells: { object, now in
            let svc = PrinterFields(object)
            let clusterIP = svc.array("spec", "clusterIPs").first?.json.stringValue
                ?? svc.optionalString("spec", "clusterIP") ?? "<none>"
            var ports = servicePorts(svc.array("spec", "ports"))
            if ports.isEmpty { ports = "<none>" }
            return [
                .string(svc.name),
                .string(svc.string("spec", "type")),
                .string(clusterIP),
                .string(serviceExternalIP(svc)),
                .string(ports),
                .string(svc.age(now)),
                .string(PrintFormat.labels(svc.object("spec", "selector"))),
            ]
        }
    )

    public static let endpoints = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Endpoints", description: "The first few addresses, as ip:port."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let ep = PrinterFields(object)
            return [.string(ep.name), .string(formatEndpoints(ep.array("subsets"))), .string(ep.age(now))]
        }
    )

    public static let endpointSlice = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("AddressType", description: "The kind of addresses in the slice: IPv4, IPv6 or FQDN."),
            TableColumn("Ports", description: "The first few ports of the slice."),
            TableColumn("Endpoints", description: "The first few endpoint addresses of the slice."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let slice = PrinterFields(object)
            let ports = slice.array("ports")
            let portList = ports.map { p -> String in
                if let number = p.optionalInt("port") { return String(number) }
                return p.optionalString("name") ?? "*"
            }
            let addresses = slice.array("endpoints").flatMap { e in e.array("addresses").map { $0.json.stringValue ?? "" } }
            return [
                .string(slice.name),
                .string(slice.string("addressType")),
                .string(PrintFormat.listWithMore(portList, total: ports.count, max: 3)),
                .string(PrintFormat.listWithMore(addresses, total: addresses.count, max: 3)),
                .string(slice.age(now)),
            ]
        }
    )

    public static let ingress = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Class", description: "The IngressClass that handles this ingress."),
            TableColumn("Hosts", description: "Host names the rules match."),
            TableColumn("Address", description: "Addresses of the load balancer serving the ingress."),
            TableColumn("Ports", description: "Ports the ingress listens on (443 when TLS is configured)."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let ing = PrinterFields(object)
            return [
                .string(ing.name),
                .string(ing.optionalString("spec", "ingressClassName") ?? "<none>"),
                .string(ingressHosts(ing.array("spec", "rules"))),
                .string(PrintFormat.loadBalancerIngress(ing["status", "loadBalancer"])),
                .string(ing.count("spec", "tls") > 0 ? "80, 443" : "80"),
                .string(ing.age(now)),
            ]
        }
    )

    public static let ingressClass = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Controller", description: "The controller that implements this class."),
            TableColumn("Parameters", description: "The object holding the controller's extra parameters."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let ic = PrinterFields(object)
            var parameters = "<none>"
            let p = ic["spec", "parameters"]
            if p.exists() {
                parameters = p.string("kind")
                if let group = p.optionalString("apiGroup") { parameters += "." + group }
                parameters += "/" + p.string("name")
            }
            return [.string(ic.name), .string(ic.string("spec", "controller")), .string(parameters), .string(ic.age(now))]
        }
    )

    public static let networkPolicy = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Pod-Selector", description: "The pods the policy applies to."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let np = PrinterFields(object)
            return [.string(np.name), .string(PrintFormat.labelSelector(np.value("spec", "podSelector") ?? [:])),
                    .string(np.age(now))]
        }
    )

    /// Up to three rule hosts; once three are listed, any further rule (with a host or not)
    /// turns the cell into "+ N more...", N counting rules rather than hosts, as upstream does.
    static func ingressHosts(_ rules: [PrinterFields]) -> String {
        let max = 3
        var list: [String] = []
        var more = false
        for rule in rules {
            if list.count == max { more = true }
            let host = rule.string("host")
            if !more, !host.isEmpty { list.append(host) }
        }
        if list.isEmpty { return "*" }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(rules.count - max) more..." : joined
    }

    /// `80/TCP` per port, or `80:30080/TCP` when a node port is allocated.
    static func servicePorts(_ ports: [PrinterFields]) -> String {
        ports.map { p in
            let port = p.int("port"), nodePort = p.int("nodePort")
            let proto = p.string("protocol")
            return nodePort > 0 ? "\(port):\(nodePort)/\(proto)" : "\(port)/\(proto)"
        }.joined(separator: ",")
    }

    /// External IPs by service type; a LoadBalancer without an address yet is `<pending>`.
    static func serviceExternalIP(_ svc: PrinterFields) -> String {
        let externalIPs = svc.array("spec", "externalIPs").compactMap(\.json.stringValue)
        switch svc.string("spec", "type") {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let lb = PrintFormat.loadBalancerIngress(svc["status", "loadBalancer"])
            if !externalIPs.isEmpty {
                let lbList = lb.isEmpty ? [] : lb.split(separator: ",").map(String.init)
                return (lbList + externalIPs).joined(separator: ",")
            }
            return lb.isEmpty ? "<pending>" : lb
        case "ExternalName":
            return svc.string("spec", "externalName")
        default:
            return "<unknown>"
        }
    }

    /// Up to three `ip:port` (or bare ip for port-less subsets), then "+ N more...";
    /// `<none>` without subsets.
    static func formatEndpoints(_ subsets: [PrinterFields]) -> String {
        if subsets.isEmpty { return "<none>" }
        let max = 3
        var list: [String] = []
        var count = 0
        for subset in subsets {
            let addresses = subset.array("addresses").map { $0.string("ip") }
            let ports = subset.array("ports")
            if ports.isEmpty {
                count += addresses.count
                for ip in addresses where list.count < max { list.append(ip) }
                continue
            }
            for port in ports {
                count += addresses.count
                for ip in addresses where list.count < max {
                    list.append(PrintFormat.hostPort(ip, port.int("port")))
                }
            }
        }
        let joined = list.joined(separator: ",")
        return count > max ? "\(joined) + \(count - max) more..." : joined
    }
}
