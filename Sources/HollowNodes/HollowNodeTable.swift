import Synchronization

/// The mutable state of all hollow nodes, behind one lock: per node a few numbers and flags
/// (well under a kilobyte each), and per pod on a hollow node its address and progress.
///
/// Heartbeats are due in a fixed rotation: node `i` renews at `start + interval * i / count`
/// and then every `interval`, so the order of due times never changes and a cursor walking the
/// ring finds every due node without scanning the rest.
final class HollowNodeTable: Sendable {
    enum Heartbeat: Sendable { case running, paused, stopped }

    struct Node: Sendable {
        let name: String
        var uid = ""
        var podCIDRBase: UInt32
        var heartbeat = Heartbeat.running
        var leaseDue: ContinuousClock.Instant
        var statusDue: ContinuousClock.Instant
        /// When Ready last became True, as posted in the condition.
        var readySince: String
        /// Pod addresses in use, as offsets into the node's /24 (1...254).
        var usedOffsets: Set<UInt8> = []
        var nextOffset: UInt8 = 1
    }

    struct Pod: Sendable {
        var node: Int
        var offset: UInt8
        var startedOrPending = false
        var completionScheduled = false
        var deleteSent = false
    }

    struct State: Sendable {
        var nodes: [Node] = []
        var indexByName: [String: Int] = [:]
        var pods: [String: Pod] = [:]
        var leaseCursor = 0
        var statusCursor = 0
    }

    private let state = Mutex(State())
    let renewInterval: Duration
    let statusInterval: Duration

    init(options: HollowNodeOptions, now: ContinuousClock.Instant, readySince: String) {
        renewInterval = options.renewInterval
        statusInterval = options.statusUpdateInterval
        let count = max(options.count, 1)
        state.withLock { s in
            s.nodes.reserveCapacity(options.count)
            for i in 0..<options.count {
                let name = options.nodeName(i)
                s.indexByName[name] = i
                s.nodes.append(Node(name: name, podCIDRBase: HollowNodeTemplate.podCIDRBase(i),
                                    leaseDue: now + options.renewInterval * (Double(i + 1) / Double(count)),
                                    statusDue: now + options.statusUpdateInterval * (Double(i + 1) / Double(count)),
                                    readySince: readySince))
            }
        }
    }

    var count: Int { state.withLock { $0.nodes.count } }

    func index(of name: String) -> Int? { state.withLock { $0.indexByName[name] } }

    func name(_ index: Int) -> String { state.withLock { $0.nodes[index].name } }

    func uid(_ index: Int) -> String { state.withLock { $0.nodes[index].uid } }

    func readySince(_ index: Int) -> String { state.withLock { $0.nodes[index].readySince } }

    func heartbeat(_ index: Int) -> Heartbeat { state.withLock { $0.nodes[index].heartbeat } }

    /// Records what registration learnt: the Node's uid and, when the API assigned one, its pod range.
    func registered(_ index: Int, uid: String, podCIDR: String?) {
        state.withLock { s in
            s.nodes[index].uid = uid
            if let cidr = podCIDR, let base = IPv4.cidrBase(cidr) { s.nodes[index].podCIDRBase = base }
        }
    }

    func setHeartbeat(_ index: Int, _ h: Heartbeat, readySince: String? = nil) {
        state.withLock { s in
            // A stopped kubelet stays stopped; only pausing is undone by resuming.
            if s.nodes[index].heartbeat == .stopped && h != .stopped { return }
            s.nodes[index].heartbeat = h
            if let readySince { s.nodes[index].readySince = readySince }
        }
    }

    /// Nodes whose Lease renewal and status update are due, advancing their next due times.
    /// Paused and stopped nodes keep their slot in the rotation but are not returned.
    func takeDue(now: ContinuousClock.Instant) -> (leases: [Int], statuses: [Int], nextWake: ContinuousClock.Instant) {
        state.withLock { s in
            var leases: [Int] = []
            var statuses: [Int] = []
            let n = s.nodes.count
            guard n > 0 else { return ([], [], now + .seconds(1)) }
            for _ in 0..<n {
                let i = s.leaseCursor
                guard s.nodes[i].leaseDue <= now else { break }
                // Catch up without a burst: a node far behind is rescheduled from now.
                s.nodes[i].leaseDue = max(s.nodes[i].leaseDue + renewInterval, now)
                if s.nodes[i].heartbeat == .running { leases.append(i) }
                s.leaseCursor = (i + 1) % n
            }
            for _ in 0..<n {
                let i = s.statusCursor
                guard s.nodes[i].statusDue <= now else { break }
                s.nodes[i].statusDue = max(s.nodes[i].statusDue + statusInterval, now)
                if s.nodes[i].heartbeat == .running { statuses.append(i) }
                s.statusCursor = (i + 1) % n
            }
            let wake = min(s.nodes[s.leaseCursor].leaseDue, s.nodes[s.statusCursor].statusDue)
            return (leases, statuses, wake)
        }
    }

    // MARK: Pods

    /// Claims the start of a pod on a node: allocates its address once; nil when the pod was
    /// already started (or is being started) or the node has no free address.
    func claimStart(uid: String, node: Int) -> (hostIP: String, podIP: String)? {
        state.withLock { s in
            if let p = s.pods[uid], p.startedOrPending { return nil }
            // A record without an address (one only marked for deletion) gets a fresh one.
            let kept = s.pods[uid].map(\.offset).flatMap { $0 == 0 ? nil : $0 }
            guard let offset = kept ?? Self.allocate(&s.nodes[node]) else { return nil }
            s.pods[uid] = Pod(node: node, offset: offset, startedOrPending: true)
            return (HollowNodeTemplate.internalIP(node), IPv4.string(s.nodes[node].podCIDRBase | UInt32(offset)))
        }
    }

    /// Gives back a claim whose status write failed, so a later event may retry it.
    func unclaimStart(uid: String) {
        state.withLock { s in s.pods[uid]?.startedOrPending = false }
    }

    /// Records a pod found already running (after a restart), so its address is not handed out again.
    func adoptRunning(uid: String, node: Int, podIP: String) {
        state.withLock { s in
            guard s.pods[uid] == nil, let ip = IPv4.parse(podIP), ip & ~0xFF == s.nodes[node].podCIDRBase else {
                if s.pods[uid] == nil { s.pods[uid] = Pod(node: node, offset: 0, startedOrPending: true) }
                return
            }
            let offset = UInt8(ip & 0xFF)
            s.nodes[node].usedOffsets.insert(offset)
            s.pods[uid] = Pod(node: node, offset: offset, startedOrPending: true)
        }
    }

    /// True the first time it is asked for a pod: completion is scheduled once.
    func claimCompletion(uid: String) -> Bool {
        state.withLock { s in
            guard var p = s.pods[uid], !p.completionScheduled else { return false }
            p.completionScheduled = true
            s.pods[uid] = p
            return true
        }
    }

    /// True the first time it is asked for a pod: the final delete is sent once.
    func claimDelete(uid: String, node: Int) -> Bool {
        state.withLock { s in
            var p = s.pods[uid] ?? Pod(node: node, offset: 0)
            if p.deleteSent { return false }
            p.deleteSent = true
            s.pods[uid] = p
            return true
        }
    }

    /// Forgets a pod that is gone, freeing its address.
    func release(uid: String) {
        state.withLock { s in
            guard let p = s.pods.removeValue(forKey: uid) else { return }
            if p.offset != 0 { s.nodes[p.node].usedOffsets.remove(p.offset) }
        }
    }

    /// Forgets every pod not in `alive` (after a re-list, for deletions the watch missed).
    func releaseAll(except alive: Set<String>) {
        let gone = state.withLock { s in s.pods.keys.filter { !alive.contains($0) } }
        for uid in gone { release(uid: uid) }
    }

    var trackedPods: Int { state.withLock { $0.pods.count } }

    private static func allocate(_ node: inout Node) -> UInt8? {
        guard node.usedOffsets.count < 254 else { return nil }
        var o = node.nextOffset
        while node.usedOffsets.contains(o) { o = o >= 254 ? 1 : o + 1 }
        node.usedOffsets.insert(o)
        node.nextOffset = o >= 254 ? 1 : o + 1
        return o
    }
}
