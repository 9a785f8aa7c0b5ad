import Foundation
import KubeMachinery

/// The leader-election fields of a Lease's spec (client-go's `LeaderElectionRecord`).
struct LeaderElectionRecord: Sendable, Equatable {
    var holderIdentity: String
    var leaseDurationSeconds: Int64
    var acquireTime: Date?
    var renewTime: Date?
    var leaseTransitions: Int64

    init(holderIdentity: String, leaseDurationSeconds: Int64, acquireTime: Date?, renewTime: Date?, leaseTransitions: Int64) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// Reads a Lease's `spec` (missing fields are zero, as in Go).
    init(spec: JSONValue?) {
        holderIdentity = spec?["holderIdentity"]?.stringValue ?? ""
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.intValue ?? 0
        acquireTime = spec?["acquireTime"]?.stringValue.flatMap(APITimestamp.parse)
        renewTime = spec?["renewTime"]?.stringValue.flatMap(APITimestamp.parse)
        leaseTransitions = spec?["leaseTransitions"]?.intValue ?? 0
    }

    /// `spec` with this record's fields written over it; other fields (strategy,
    /// preferredHolder) are kept.
    func applied(to spec: JSONValue?) -> JSONValue {
        var s: JSONValue = spec?.objectValue != nil ? spec! : .object([:])
        s["holderIdentity"] = .string(holderIdentity)
        s["leaseDurationSeconds"] = .int(leaseDurationSeconds)
        s["acquireTime"] = acquireTime.map { JSONValue.string(APITimestamp.microTime($0)) }
        s["renewTime"] = renewTime.map { JSONValue.string(APITimestamp.microTime($0)) }
        s["leaseTransitions"] = .int(leaseTransitions)
        return s
    }
}
