/// A half-open range of keys in byte order, the order etcd and SQLite's BINARY collation use.
///
/// Keys are compared as UTF-8 bytes rather than with Swift's `String` ordering (which is
/// Unicode-aware) so that both backends, and etcd later, agree on list order and paging.
struct KeyRange: Sendable, Equatable {
    /// Inclusive lower bound.
    var lower: [UInt8]
    /// Exclusive upper bound; nil when the range runs to the end of the key space.
    var upper: [UInt8]?

    /// Keys starting with `prefix`, beginning at `startKey` when it lies after the prefix start.
    init(prefix: String, startKey: String? = nil) {
        let prefixBytes = Array(prefix.utf8)
        upper = KeyRange.prefixEnd(prefixBytes)
        if let startKey {
            let start = Array(startKey.utf8)
            lower = prefixBytes.lexicographicallyPrecedes(start) ? start : prefixBytes
        } else {
            lower = prefixBytes
        }
    }

    /// True when no key can fall in the range (a start key past the prefix).
    var isEmpty: Bool {
        guard let upper else { return false }
        return !lower.lexicographicallyPrecedes(upper)
    }

    func contains(_ key: String) -> Bool {
        contains(bytes: Array(key.utf8))
    }

    func contains(bytes key: [UInt8]) -> Bool {
        if key.lexicographicallyPrecedes(lower) { return false }
        if let upper, !key.lexicographicallyPrecedes(upper) { return false }
        return true
    }

    /// The smallest byte string greater than every string with this prefix, as etcd computes
    /// range ends: drop trailing 0xFF bytes, then increment the last byte.
    static func prefixEnd(_ prefix: [UInt8]) -> [UInt8]? {
        var end = prefix
        while let last = end.last {
            if last < 0xFF {
                end[end.count - 1] = last + 1
                return end
            }
            end.removeLast()
        }
        return nil
    }
}

extension String {
    /// Byte-order comparison, matching SQLite's BINARY collation and etcd.
    func precedesInKeyOrder(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
