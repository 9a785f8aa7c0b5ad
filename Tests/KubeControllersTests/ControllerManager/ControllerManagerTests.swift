import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Testing
@testable import KubeControllers

@Suite struct ControllerManagerTests {
    static var allNames: [String] { ControllerManager.all.map { $0.name } }

    @Test func everyControllerOfIssueFourIsKnown() {
        for name in ["replicaset", "replicationcontroller", "deployment", "garbagecollector", "namespace", "serviceaccount",
                     "endpoint", "endpointslice", "nodelifecycle", "taint-eviction-controller", "nodeipam", "podgc"] {
            #expect(Self.allNames.contains(name), "\(name)")
        }
    }

    @Test(arguments: [
        (list: ["*"], expected: allNames),
        (list: ["*", "-podgc"], expected: allNames.filter { $0 != "podgc" }),
        (list: ["-podgc", "*"], expected: allNames.filter { $0 != "podgc" }),
        (list: ["podgc", "-podgc"], expected: ["podgc"]),
        // Enabled controllers keep the start order of `all`, not the order of the list.
        (list: ["replicaset", "serviceaccount"], expected: ["serviceaccount", "replicaset"]),
        (list: [], expected: []),
    ])
    func theControllersListEnablesAsUpstreamDoes(list: [String], expected: [String]) throws {
        #expect(try ControllerManager.enabled(by: list).map { $0.name } == expected)
    }

    @Test func starDoesNotEnableControllersDisabledByDefault() throws {
        let enabled = try ControllerManager.enabled(by: ["*"], disabledByDefault: ["podgc"]).map { $0.name }
        #expect(!enabled.contains("podgc"))
        #expect(try ControllerManager.enabled(by: ["*", "podgc"], disabledByDefault: ["podgc"]).map { $0.name }.contains("podgc"))
    }

    @Test func unknownControllerNamesAreRejected() {
        #expect(throws: ControllerManagerError.unknownControllers(["nope"])) { try ControllerManager.enabled(by: ["*", "-nope"]) }
    }

    @Test func everyKnownControllerIsRegisteredUnderItsName() {
        #expect(Set(ControllerManager.known.keys) == Set(Self.allNames))
        #expect(ControllerManager.known.count == ControllerManager.all.count)
    }

    static func quietLogger() -> Logger {
        var l = Logger(label: "bosun.cm-tests")
        l.logLevel = .critical
        return l
    }

    @Test func runsTheEnabledControllersUntilCancelled() async throws {
        try await ControllerTestCluster.with { cluster in
            let manager = try ControllerManager(client: cluster.client, options: .forTests,
                                                controllerNames: ["serviceaccount", "replicaset"], logger: Self.quietLogger())
            let running = Task { try await manager.run() }
            cluster.keep(Task { _ = try? await running.value })
            #expect(await eventually { Set(manager.runningControllers) == ["serviceaccount", "replicaset"] })
            try await cluster.createNamespace("apps")
            #expect(await eventually { (try? await cluster.client.get(ServiceAccount.self, namespace: "apps", name: "default")) != nil })
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", namespace: "apps", replicas: 2))
            #expect(await eventually { try await cluster.pods("apps").filter { $0.controllerRef?.uid == rs.uid }.count == 2 })

            running.cancel()
            #expect(await eventually { manager.runningControllers.isEmpty })
        }
    }

    @Test func withLeaderElectionTheManagerHoldsTheLeaseWhileRunning() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.createNamespace("kube-system")
            var election = ControllerManager.LeaderElection(identity: "cm-test-1")
            election.retryPeriod = .milliseconds(200)
            election.renewDeadline = .seconds(1)
            election.leaseDuration = .seconds(2)
            let manager = ControllerManager(client: cluster.client, options: .forTests, controllers: [ServiceAccountController.self],
                                            leaderElection: election, logger: Self.quietLogger())
            let running = Task { try await manager.run() }
            cluster.keep(Task { _ = try? await running.value })

            #expect(await eventually {
                try await cluster.client.get(Lease.self, namespace: "kube-system", name: "kube-controller-manager")
                    .spec?["holderIdentity"]?.stringValue == "cm-test-1"
            })
            #expect(await eventually { manager.runningControllers == ["serviceaccount"] })
            #expect(await eventually { (try? await cluster.client.get(ServiceAccount.self, namespace: "kube-system", name: "default")) != nil })
        }
    }
}
