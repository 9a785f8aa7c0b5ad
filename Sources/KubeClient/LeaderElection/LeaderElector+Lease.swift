import Foundation
import KubeAPI
import KubeMachinery

/// The reads and writes of the Lease itself.
extension LeaderElector {
    /// One attempt to take or keep the lease; true when this candidate holds it afterwards.
    func tryAcquireOrRenew() async -> Bool {
        let now = Date()
        var desired = LeaderElectionRecord(holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds,
                                           acquireTime: now, renewTime: now, leaseTransitions: 0)

        // Fast path: a leader whose lease is still valid renews straight from what it last
        // wrote, without reading first. Any failure falls back to the full path.
        if isLeader, let lease = observedLease, let record = observedRecord, record.holderIdentity == identity,
           observedExpiry > .now {
            desired.acquireTime = record.acquireTime
            desired.leaseTransitions = record.leaseTransitions
            if await write(desired, over: lease) { return true }
        }

        let current: JSONValue
        do {
            current = try await client.get(Lease.resource, namespace: leaseNamespace, name: leaseName)
        } catch let error as APIError where error.isNotFound {
            return await createLease(desired)
        } catch {
            logger.warning("error retrieving lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "error": "\(error)"])
            return false
        }

        let record = LeaderElectionRecord(spec: current["spec"])
        if record != observedRecord { observe(record, changedNow: true) }
        observedLease = current

        if !record.holderIdentity.isEmpty && record.holderIdentity != identity && observedExpiry > .now {
            return false  // held by someone else, and they have renewed recently enough
        }
        if record.holderIdentity == identity {
            desired.acquireTime = record.acquireTime
            desired.leaseTransitions = record.leaseTransitions
        } else {
            desired.leaseTransitions = record.leaseTransitions + 1
        }
        return await write(desired, over: current)
    }

    /// Clears the holder (keeping the transition count) so a successor can take over at once.
    func release() async {
        guard let lease = observedLease, let record = observedRecord, record.holderIdentity == identity else { return }
        let now = Date()
        let released = LeaderElectionRecord(holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
                                            leaseTransitions: record.leaseTransitions)
        if await write(released, over: lease) {
            logger.info("released leader lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "identity": "\(identity)"])
        }
    }

    var leaseDurationSeconds: Int64 {
        Swift.max(1, leaseDuration.components.seconds)
    }

    private func createLease(_ record: LeaderElectionRecord) async -> Bool {
        let lease: JSONValue = [
            "apiVersion": .string(Lease.resource.apiVersion), "kind": .string(Lease.resource.kind),
            "metadata": ["namespace": .string(leaseNamespace), "name": .string(leaseName)],
            "spec": record.applied(to: nil),
        ]
        do {
            let created = try await client.create(Lease.resource, namespace: leaseNamespace, lease)
            observedLease = created
            observe(LeaderElectionRecord(spec: created["spec"]), changedNow: false)
            return true
        } catch {
            // AlreadyExists means another candidate created it first: retry through the read path.
            logger.debug("error creating lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "error": "\(error)"])
            return false
        }
    }

    /// An update guarded by `lease`'s resourceVersion; a 409 means someone else wrote first.
    private func write(_ record: LeaderElectionRecord, over lease: JSONValue) async -> Bool {
        var updated = lease
        updated["spec"] = record.applied(to: lease["spec"])
        do {
            let stored = try await client.update(Lease.resource, updated)
            observedLease = stored
            observe(LeaderElectionRecord(spec: stored["spec"]), changedNow: false)
            return true
        } catch {
            logger.debug("error updating lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "error": "\(error)"])
            return false
        }
    }

    /// Records a new holder record and when it runs out on our clock.
    ///
    /// A record seen changing starts its holder's full lease duration now, as client-go does.
    /// The one exception: a record first seen with a renewTime already older than its duration
    /// by our wall clock is treated as expired at once, so that a restarted candidate need not
    /// wait out a lease whose holder died long ago.
    private func observe(_ record: LeaderElectionRecord, changedNow: Bool) {
        let duration = Duration.seconds(Swift.max(0, record.leaseDurationSeconds))
        var expiry = ContinuousClock.now + duration
        if changedNow, let renewed = record.renewTime,
           Date().timeIntervalSince(renewed) > Double(record.leaseDurationSeconds) {
            expiry = .now
        }
        observedRecord = record
        observedExpiry = expiry
        reportNewLeader(record.holderIdentity)
    }

    private func reportNewLeader(_ holder: String) {
        guard !holder.isEmpty, holder != reportedLeader else { return }
        reportedLeader = holder
        if holder != identity {
            logger.info("new leader elected", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "leader": "\(holder)"])
        }
        onNewLeader?(holder)
    }
}
