import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization
import Testing

/// Who leads right now, and what each candidate saw, as the callbacks report it.
final class ElectionLog: Sendable {
    let leading = Mutex<Set<String>>([])
    let stopped = Mutex<Set<String>>([])
    let newLeaders = Mutex<[String: [String]]>([:])

    func currentLeaders() -> Set<String> { leading.withLock { $0 } }
    func hasStopped(_ id: String) -> Bool { stopped.withLock { $0.contains(id) } }
    func seen(by id: String) -> [String] { newLeaders.withLock { $0[id] ?? [] } }
}

@Suite("LeaderElector against an in-process API server")
struct LeaderElectorTests {
    static let lease = "bosun-test-lock"

    func elector(_ api: LocalAPIServer, _ id: String, leaseDuration: Duration = .seconds(3),
                 renewDeadline: Duration = .seconds(2), release: Bool = true) -> LeaderElector {
        LeaderElector(client: api.client(), leaseNamespace: "default", leaseName: Self.lease, identity: id,
                      leaseDuration: leaseDuration, renewDeadline: renewDeadline, retryPeriod: .milliseconds(100),
                      releaseOnCancel: release)
    }

    /// Runs a candidate whose leading work just waits for cancellation, recording callbacks in `log`.
    func campaign(_ e: LeaderElector, _ id: String, _ log: ElectionLog) -> Task<Void, Never> {
        Task {
            await e.run(onStartedLeading: {
                log.leading.withLock { _ = $0.insert(id) }
                try? await Task.sleep(for: .seconds(3600))
                log.leading.withLock { _ = $0.remove(id) }
            }, onStoppedLeading: {
                log.stopped.withLock { _ = $0.insert(id) }
            }, onNewLeader: { leader in
                log.newLeaders.withLock { $0[id, default: []].append(leader) }
            })
        }
    }

    func leaseSpec(_ api: LocalAPIServer) async throws -> JSONValue {
        try await api.client().get(Lease.resource, namespace: "default", name: Self.lease)["spec"] ?? .null
    }

    func putLease(_ api: LocalAPIServer, holder: String, renewedAgo: TimeInterval, durationSeconds: Int64, transitions: Int64) async throws {
        let renewed = APITimestamp.microTime(Date().addingTimeInterval(-renewedAgo))
        _ = try await api.client().create(Lease.resource, namespace: "default", [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(Self.lease), "namespace": "default"],
            "spec": ["holderIdentity": .string(holder), "leaseDurationSeconds": .int(durationSeconds),
                     "acquireTime": .string(renewed), "renewTime": .string(renewed), "leaseTransitions": .int(transitions)],
        ])
    }

    @Test("of two candidates exactly one leads; when it is cancelled it releases and the other takes over")
    func handOverOnRelease() async throws {
        try await withLocalAPIServer { api in
            let log = ElectionLog()
            let tasks = ["a": campaign(elector(api, "a"), "a", log), "b": campaign(elector(api, "b"), "b", log)]
            #expect(await awaitCondition { log.currentLeaders().count == 1 })
            let first = try #require(log.currentLeaders().first)
            let second = first == "a" ? "b" : "a"
            var spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == first)
            #expect(spec["leaseTransitions"]?.intValue == 0)
            #expect(spec["leaseDurationSeconds"]?.intValue == 3)
            #expect(await awaitCondition { log.seen(by: second) == [first] })

            tasks[first]!.cancel()
            await tasks[first]!.value
            #expect(log.hasStopped(first))
            #expect(!log.hasStopped(second))
            // Released: the lease no longer names the first leader (so the successor need not
            // wait out the lease), and the successor takes it.
            let released = try await leaseSpec(api)["holderIdentity"]?.stringValue ?? ""
            #expect(released != first, "holder after release: \(released)")
            #expect(await awaitCondition { log.currentLeaders() == [second] })
            spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == second)
            #expect(spec["leaseTransitions"]?.intValue == 1)
            #expect(log.seen(by: second) == [first, second])

            tasks[second]!.cancel()
            await tasks[second]!.value
            spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == "")
            #expect(spec["leaseTransitions"]?.intValue == 1)
        }
    }

    @Test("the leader keeps renewing: renewTime moves forward, acquireTime stays")
    func leaderRenews() async throws {
        try await withLocalAPIServer { api in
            let log = ElectionLog()
            let task = campaign(elector(api, "a"), "a", log)
            #expect(await awaitCondition { log.currentLeaders() == ["a"] })
            let spec = try await leaseSpec(api)
            let renewed = try #require(spec["renewTime"]?.stringValue.flatMap(APITimestamp.parse))
            #expect(try await awaitCondition {
                let now = try await leaseSpec(api)
                return (now["renewTime"]?.stringValue.flatMap(APITimestamp.parse) ?? .distantPast) > renewed
                    && now["acquireTime"] == spec["acquireTime"]
            })
            // MicroTime: six fractional digits.
            #expect(spec["renewTime"]?.stringValue?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
            task.cancel()
            await task.value
        }
    }

    @Test("a lease held by another candidate with a fresh renewTime is not taken")
    func freshLeaseIsNotStolen() async throws {
        try await withLocalAPIServer { api in
            try await putLease(api, holder: "other", renewedAgo: 0, durationSeconds: 30, transitions: 2)
            let log = ElectionLog()
            let e = elector(api, "me")
            let task = campaign(e, "me", log)
            #expect(await awaitCondition { log.seen(by: "me") == ["other"] })
            // Several retry periods pass; nothing may change.
            try await Task.sleep(for: .milliseconds(500))
            #expect(log.currentLeaders().isEmpty)
            #expect(await e.isLeader == false)
            let spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == "other")
            #expect(spec["leaseTransitions"]?.intValue == 2)
            task.cancel()
            await task.value
            #expect(log.hasStopped("me"), "onStoppedLeading runs even for a candidate that never led, as upstream")
        }
    }

    @Test("a lease whose holder stopped renewing longer ago than its duration is taken over")
    func expiredLeaseIsTaken() async throws {
        try await withLocalAPIServer { api in
            try await putLease(api, holder: "other", renewedAgo: 3600, durationSeconds: 15, transitions: 4)
            let log = ElectionLog()
            let task = campaign(elector(api, "me"), "me", log)
            #expect(await awaitCondition { log.currentLeaders() == ["me"] })
            let spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == "me")
            #expect(spec["leaseTransitions"]?.intValue == 5)
            #expect(spec["leaseDurationSeconds"]?.intValue == 3)
            task.cancel()
            await task.value
        }
    }

    @Test("a leader that can no longer renew steps down and its work is cancelled")
    func leaderStepsDownWhenLeaseIsTaken() async throws {
        try await withLocalAPIServer { api in
            let log = ElectionLog()
            let task = campaign(elector(api, "a", leaseDuration: .seconds(2), renewDeadline: .milliseconds(600), release: false), "a", log)
            #expect(await awaitCondition { log.currentLeaders() == ["a"] })
            // Someone else overwrites the lease (as a split-brain or an admin would).
            let client = api.client()
            var lease = try await client.get(Lease.resource, namespace: "default", name: Self.lease)
            lease["spec"]?["holderIdentity"] = "intruder"
            lease["spec"]?["renewTime"] = .string(APITimestamp.microTime(Date()))
            lease["spec"]?["leaseDurationSeconds"] = 30
            _ = try await client.update(Lease.resource, lease)
            #expect(await awaitCondition(timeout: .seconds(30)) { log.hasStopped("a") })
            #expect(log.currentLeaders().isEmpty, "onStartedLeading's task must have been cancelled")
            await task.value
            let spec = try await leaseSpec(api)
            #expect(spec["holderIdentity"]?.stringValue == "intruder")
        }
    }
}
