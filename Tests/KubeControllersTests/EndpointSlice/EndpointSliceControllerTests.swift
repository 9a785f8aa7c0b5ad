import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct EndpointSliceControllerTests {
    static let web = ["app": "web"]

    static func slices(_ client: KubeClient, service: String) async throws -> [EndpointSlice] {
        try await client.list(EndpointSlice.self, namespace: "default",
                              options: ListOptions(labelSelector: "kubernetes.io/service-name=\(service)")).items
    }

    static func endpoints(_ slices: [EndpointSlice]) -> [JSONValue] {
        slices.flatMap { $0.json["endpoints"]?.arrayValue ?? [] }
    }

    @Test func aSliceCarriesLabelsOwnerPortsAndEndpointConditions() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            var node = Node(name: "node-a")
            node.labels = ["topology.kubernetes.io/zone": "zone-1"]
            _ = try await client.create(node)
            let svc = try await client.create(EndpointFixtures.service("web", selector: Self.web, labels: ["tier": "front"]))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.10")
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("b", labels: Self.web), ip: "10.42.0.11", ready: false)
            try await cluster.run(EndpointSliceController.self)

            #expect(await eventually { Self.endpoints(try await Self.slices(client, service: "web")).count == 2 })
            let slices = try await Self.slices(client, service: "web")
            let slice = try #require(slices.first)
            #expect(slices.count == 1)
            #expect(slice.name.hasPrefix("web-"))
            #expect(slice.json["addressType"] == "IPv4")
            #expect(slice.labels["endpointslice.kubernetes.io/managed-by"] == "endpointslice-controller.k8s.io")
            #expect(slice.labels["tier"] == "front")
            #expect(slice.controllerRef?.uid == svc.uid)
            #expect(slice.controllerRef?.kind == "Service")
            #expect(slice.json["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])

            let byIP = Dictionary(uniqueKeysWithValues: Self.endpoints(slices).map { ($0["addresses"]?.arrayValue?.first?.stringValue ?? "", $0) })
            #expect(byIP["10.42.0.10"]?["conditions"] == ["ready": true, "serving": true, "terminating": false])
            #expect(byIP["10.42.0.11"]?["conditions"] == ["ready": false, "serving": false, "terminating": false])
            #expect(byIP["10.42.0.10"]?["zone"] == "zone-1")
            #expect(byIP["10.42.0.10"]?["nodeName"] == "node-a")
            #expect(byIP["10.42.0.10"]?["targetRef"]?["name"] == "a")

            // A terminating pod stays listed, no longer ready but still serving.
            try await client.delete(Pod.self, namespace: "default", name: "a", options: DeleteOptions(gracePeriodSeconds: 30))
            #expect(await eventually {
                let e = Self.endpoints(try await Self.slices(client, service: "web")).first { $0["targetRef"]?["name"] == "a" }
                return e?["conditions"] == ["ready": false, "serving": true, "terminating": true]
            })
        }
    }

    @Test func endpointsAreSplitIntoSlicesOfAtMostTheLimitAndShrinkBack() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            for i in 0..<5 {
                try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("p\(i)", labels: Self.web), ip: "10.42.1.\(i + 1)")
            }
            try await cluster.start([EndpointSliceController(context: cluster.context, maxEndpointsPerSlice: 2)])

            #expect(await eventually {
                let slices = try await Self.slices(client, service: "web")
                return Self.endpoints(slices).count == 5 && slices.count == 3
                    && slices.allSatisfy { ($0.json["endpoints"]?.arrayValue?.count ?? 0) <= 2 }
            })
            for i in 0..<4 {
                try await client.delete(Pod.self, namespace: "default", name: "p\(i)", options: DeleteOptions(gracePeriodSeconds: 0))
            }
            #expect(await eventually {
                let slices = try await Self.slices(client, service: "web")
                return slices.count == 1 && Self.endpoints(slices).count == 1
            })
        }
    }

    @Test func aServiceWithoutPodsHasOneEmptyPlaceholderSliceAndASelectorlessOneNone() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("empty", selector: Self.web))
            _ = try await client.create(EndpointFixtures.service("manual", selector: nil))
            try await cluster.run(EndpointSliceController.self)
            #expect(await eventually { try await Self.slices(client, service: "empty").count == 1 })
            #expect(Self.endpoints(try await Self.slices(client, service: "empty")).isEmpty)
            #expect(try await Self.slices(client, service: "manual").isEmpty)
        }
    }

    @Test func aDeletedSliceIsRecreated() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(EndpointFixtures.service("web", selector: Self.web))
            try await EndpointFixtures.createRunning(client, EndpointFixtures.pod("a", labels: Self.web), ip: "10.42.0.60")
            try await cluster.run(EndpointSliceController.self)
            #expect(await eventually { Self.endpoints(try await Self.slices(client, service: "web")).count == 1 })
            let first = try #require(try await Self.slices(client, service: "web").first)
            try await client.delete(EndpointSlice.self, namespace: "default", name: first.name)
            #expect(await eventually {
                let slices = try await Self.slices(client, service: "web")
                return slices.count == 1 && slices[0].name != first.name && Self.endpoints(slices).count == 1
            })
        }
    }
}

@Suite struct EndpointSliceReconcilerTests {
    static let service: Service = {
        var svc = EndpointFixtures.service("web", selector: ["app": "web"])
        svc.json.set(["metadata", "uid"], to: "svc-uid")
        return svc
    }()

    static func pods(_ n: Int) -> [Pod] {
        (0..<n).map { i in
            var p = EndpointFixtures.withStatus(EndpointFixtures.pod(String(format: "p%03d", i), labels: ["app": "web"]),
                                                ip: "10.1.\(i / 250).\(i % 250 + 1)", ready: true)
            p.json.set(["metadata", "uid"], to: .string("uid-\(i)"))
            return p
        }
    }

    static func desired(_ pods: [Pod]) -> DesiredSliceEndpoints {
        DesiredSliceEndpoints(service: service, pods: pods) { _ in nil }
    }

    /// The slices a plan's creates would become once stored, named for the next plan.
    static func stored(_ plan: EndpointSliceReconciler.Plan) -> [EndpointSlice] {
        plan.creates.enumerated().map { i, s in
            var s = s
            s.json.set(["metadata", "name"], to: .string("web-\(i)"))
            return s
        } + plan.updates
    }

    @Test(arguments: [(pods: 0, slices: 1), (pods: 1, slices: 1), (pods: 100, slices: 1), (pods: 101, slices: 2), (pods: 250, slices: 3)])
    func endpointsArePackedIntoSlicesOfAtMostOneHundred(pods: Int, slices: Int) {
        let plan = EndpointSliceReconciler(maxEndpointsPerSlice: 100).plan(service: Self.service, desired: Self.desired(Self.pods(pods)), existing: [])
        #expect(plan.creates.count == slices)
        #expect(plan.creates.allSatisfy { ($0.json["endpoints"]?.arrayValue?.count ?? -1) <= 100 })
        #expect(plan.creates.reduce(0) { $0 + ($1.json["endpoints"]?.arrayValue?.count ?? 0) } == pods)
    }

    @Test func anUnchangedServicePlansNoWrites() {
        let r = EndpointSliceReconciler(maxEndpointsPerSlice: 100)
        let existing = Self.stored(r.plan(service: Self.service, desired: Self.desired(Self.pods(150)), existing: []))
        #expect(r.plan(service: Self.service, desired: Self.desired(Self.pods(150)), existing: existing).isEmpty)
    }

    @Test func oneEndpointGoneUpdatesOnlyItsSlice() {
        let r = EndpointSliceReconciler(maxEndpointsPerSlice: 100)
        let existing = Self.stored(r.plan(service: Self.service, desired: Self.desired(Self.pods(150)), existing: []))
        var fewer = Self.pods(150)
        fewer.remove(at: 120)
        let plan = r.plan(service: Self.service, desired: Self.desired(fewer), existing: existing)
        #expect(plan.creates.isEmpty && plan.deletes.isEmpty)
        #expect(plan.updates.count == 1)
        #expect(plan.updates.first?.json["endpoints"]?.arrayValue?.count == 49)
    }

    @Test func newEndpointsFillASliceWithRoomBeforeANewSliceIsMade() {
        let r = EndpointSliceReconciler(maxEndpointsPerSlice: 100)
        let existing = Self.stored(r.plan(service: Self.service, desired: Self.desired(Self.pods(150)), existing: []))
        let plan = r.plan(service: Self.service, desired: Self.desired(Self.pods(160)), existing: existing)
        #expect(plan.creates.isEmpty && plan.deletes.isEmpty)
        #expect(plan.updates.map { $0.json["endpoints"]?.arrayValue?.count } == [60])
    }

    @Test func aSliceLeftEmptyIsDeleted() {
        let r = EndpointSliceReconciler(maxEndpointsPerSlice: 100)
        let existing = Self.stored(r.plan(service: Self.service, desired: Self.desired(Self.pods(150)), existing: []))
        let plan = r.plan(service: Self.service, desired: Self.desired(Array(Self.pods(150).prefix(100))), existing: existing)
        #expect(plan.creates.isEmpty && plan.updates.isEmpty)
        #expect(plan.deletes.count == 1)
    }
}
