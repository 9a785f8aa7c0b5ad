extension SchedulerCache {
    /// Brings `snapshot` up to date: only nodes changed since its generation are copied, so
    /// the cost follows the churn, not the cluster size. Returns how many nodes were copied.
    @discardableResult
    public func updateSnapshot(_ snapshot: Snapshot) -> Int {
        state.withLock { s in
            snapshot.state.withLock { snap in
                let since = snap.generation
                guard since < s.generation else { return 0 }
                // First log entry newer than the snapshot (the log is sorted by generation).
                var lo = 0, hi = s.changeLog.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if s.changeLog[mid].generation <= since { lo = mid + 1 } else { hi = mid }
                }
                var seen = Set<String>()
                var copied = 0
                for e in s.changeLog[lo...] where seen.insert(e.name).inserted {
                    let existing = snap.indexByName[e.name]
                    if var info = s.nodes[e.name], info.node != nil {
                        info.imageStates = Self.imageStates(s, node: e.name)
                        if let i = existing {
                            snap.nodeInfos[i] = info
                        } else {
                            snap.indexByName[e.name] = snap.nodeInfos.count
                            snap.nodeInfos.append(info)
                        }
                        copied += 1
                    } else if let i = existing {
                        let last = snap.nodeInfos.count - 1
                        if i != last {
                            snap.nodeInfos.swapAt(i, last)
                            snap.indexByName[snap.nodeInfos[i].name] = i
                        }
                        snap.nodeInfos.removeLast()
                        snap.indexByName[e.name] = nil
                    }
                }
                snap.generation = s.generation
                return copied
            }
        }
    }
}
