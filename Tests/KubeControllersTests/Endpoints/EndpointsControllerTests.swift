import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct EndpointsControllerTests {
    static let web = ["app": "web"]

    @Test func readyAndNotReadyPodsFillAddressesAndNotReadyAddressesWithTheNamedTargetPort() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.10")
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("b", labels: Self.web), ip: "10.42.0.11", ready: false)
            // Declares no port named "http": no endpoint for this port.
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("c", labels: Self.web, ports: ["metrics": 9090]), ip: "10.42.0.12")
            // Not selected.
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("other", labels: ["app": "db"]), ip: "10.42.0.13")
            try await cluster.run(EndpointsController.self)

            #expect(await eventually {
                let ips = EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web"))
                return ips.ready == ["10.42.0.10"] && ips.notReady == ["10.42.0.11"]
            })
            let ep = try #require(try await EndpointFixtures.endpoints(client, "web"))
            let subsets = ep.json["subsets"]?.arrayValue ?? []
            #expect(subsets.count == 1)
            #expect(subsets.first?["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
            let address = subsets.first?["addresses"]?.arrayValue?.first
            #expect(address?["nodeName"] == "node-a")
            #expect(address?["targetRef"]?["kind"] == "Pod")
            #expect(address?["targetRef"]?["name"] == "a")
            #expect(address?["targetRef"]?["namespace"] == "default")
            #expect(address?["targetRef"]?["uid"]?.stringValue?.isEmpty == false)
            #expect(ep.annotations[DesiredEndpoints.lastChangeTriggerTime] != nil)

            // Readiness flips move the address across.
            try await EndpointFixtures.setReady(client, "b", true)
            #expect(await eventually {
                EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web")).ready == ["10.42.0.10", "10.42.0.11"]
            })
        }
    }

    @Test func publishNotReadyAddressesListsEveryPodAsReady() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("peers", selector: Self.web, publishNotReady: true))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.20", ready: false)
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("b", labels: Self.web), ip: "10.42.0.21")
            try await cluster.run(EndpointsController.self)

            #expect(await eventually {
                let ips = EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "peers"))
                return ips.ready == ["10.42.0.20", "10.42.0.21"] && ips.notReady.isEmpty
            })
        }
    }

    @Test func aSelectorlessServiceKeepsItsUserManagedEndpoints() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("external", selector: nil))
            var manual = Endpoints(namespace: "default", name: "external")
            manual.json["subsets"] = [["addresses": [["ip": "192.0.2.7"]], "ports": [["name": "http", "port": 443, "protocol": "TCP"]]]]
            let stored = try await client.create(manual)
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.30")
            try await cluster.run(EndpointsController.self)

            // The controller is demonstrably at work on the other Service...
            #expect(await eventually { EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web")).ready == ["10.42.0.30"] })
            // ...and leaves the user's object exactly as written.
            #expect(await holds(for: .milliseconds(500)) {
                try await EndpointFixtures.endpoints(client, "external")?.resourceVersion == stored.resourceVersion
            })
        }
    }

    @Test(arguments: [true, false])
    func aDeletedPodLeavesTheEndpoints(graceful: Bool) async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.40")
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("b", labels: Self.web), ip: "10.42.0.41")
            try await cluster.run(EndpointsController.self)
            #expect(await eventually { EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web")).ready.count == 2 })

            // A graceful delete of a bound pod only marks it terminating (no kubelet here):
            // that alone takes it out of the Endpoints.
            try await client.delete(Pod.self, namespace: "default", name: "a",
                                    options: DeleteOptions(gracePeriodSeconds: graceful ? 30 : 0))
            #expect(await eventually { EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web")).ready == ["10.42.0.41"] })
        }
    }

    @Test func deletingTheServiceDeletesItsEndpoints() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await cluster.run(EndpointsController.self)
            #expect(await eventually { try await EndpointFixtures.endpoints(client, "web") != nil })
            try await client.delete(Service.self, namespace: "default", name: "web")
            #expect(await eventually { try await EndpointFixtures.endpoints(client, "web") == nil })
        }
    }

    @Test func aSyncWithNothingChangedWritesNothing() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.50")
            let controller = try EndpointsController(context: cluster.context)
            try await cluster.start([controller])
            #expect(await eventually { EndpointFixtures.ips(try await EndpointFixtures.endpoints(client, "web")).ready == ["10.42.0.50"] })
            let path = "/api/v1/namespaces/default/endpoints"
            let writes = { cluster.transport.count("PUT") { $0.hasPrefix(path) } + cluster.transport.count("POST") { $0.hasPrefix(path) } }
            // Let the cache catch up with the controller's own write, then sync again by hand.
            #expect(await eventually { controller.endpoints.get(namespace: "default", name: "web")?.json["subsets"] != nil })
            let before = writes()
            for _ in 0..<3 { _ = await controller.sync("default/web") }
            #expect(writes() == before)
        }
    }

    @Test func portsResolveByNumberOrByEachPodsOwnNamedPort() {
        let svc = EndpointFixtures.service("web", selector: Self.web, ports: [
            EndpointFixtures.port("http", 80, target: "http"),
            EndpointFixtures.port("admin", 81, target: 9000),
        ])
        let a = EndpointFixtures.withStatus(EndpointFixtures.pod("a", labels: Self.web, ports: ["http": 8080]), ip: "10.0.0.1", ready: true)
        let b = EndpointFixtures.withStatus(EndpointFixtures.pod("b", labels: Self.web, ports: ["http": 8081]), ip: "10.0.0.2", ready: true)
        let c = EndpointFixtures.withStatus(EndpointFixtures.pod("c", labels: Self.web, ports: [:]), ip: "10.0.0.3", ready: false)
        let subsets = DesiredEndpoints.subsets(for: svc, pods: [a, b, c]).subsets
        // Each address sits in the subset of exactly the ports it serves.
        let byIP = Dictionary(uniqueKeysWithValues: subsets.flatMap { s in
            (s.addresses + s.notReadyAddresses).map { ($0.ip, s.ports.map { "\($0.name)=\($0.port)" }) }
        })
        #expect(byIP["10.0.0.1"] == ["admin=9000", "http=8080"])
        #expect(byIP["10.0.0.2"] == ["admin=9000", "http=8081"])
        #expect(byIP["10.0.0.3"] == ["admin=9000"])
        #expect(subsets.count == 3)
    }

    @Test(arguments: [
        (restartPolicy: "Always", phase: "Running", ip: "10.0.0.1", deleting: false, included: true),
        (restartPolicy: "Always", phase: "Pending", ip: "", deleting: false, included: false),
        (restartPolicy: "Always", phase: "Running", ip: "10.0.0.1", deleting: true, included: false),
        (restartPolicy: "Never", phase: "Failed", ip: "10.0.0.1", deleting: false, included: false),
        (restartPolicy: "OnFailure", phase: "Succeeded", ip: "10.0.0.1", deleting: false, included: false),
        (restartPolicy: "OnFailure", phase: "Failed", ip: "10.0.0.1", deleting: false, included: true),
    ])
    func podsWithoutAnIPTerminatingOrFinishedForGoodAreNoEndpoints(restartPolicy: String, phase: String, ip: String,
                                                                   deleting: Bool, included: Bool) {
        var pod = EndpointFixtures.pod("p", labels: Self.web)
        pod.json.set(["spec", "restartPolicy"], to: .string(restartPolicy))
        pod.status = ["phase": .string(phase), "podIP": ip.isEmpty ? nil : .string(ip)]
        if deleting { pod.json.set(["metadata", "deletionTimestamp"], to: "2030-01-01T00:00:00Z") }
        #expect(pod.shouldBeEndpoint(includeTerminating: false) == included)
    }

    @Test func aPodNamingTheServiceAsSubdomainGetsItsHostname() {
        let svc = EndpointFixtures.service("db", selector: Self.web)
        let named = EndpointFixtures.pod("db-0", labels: Self.web, hostname: "db-0", subdomain: "db")
        let elsewhere = EndpointFixtures.pod("db-1", labels: Self.web, hostname: "db-1", subdomain: "other")
        #expect(named.endpointHostname(for: svc) == "db-0")
        #expect(elsewhere.endpointHostname(for: svc) == nil)
    }
}
