import Foundation
import KubeMachinery
import KubeStorage

/// The opaque `continue` token: the revision the list is read at and the key to start from.
struct ContinueToken {
    var revision: Int64
    var startKey: String

    var encoded: String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(startKey)]
        return Data(json.serialized()).base64EncodedString()
    }

    init(revision: Int64, startKey: String) {
        self.revision = revision
        self.startKey = startKey
    }

    init(decoding s: String) throws(APIError) {
        var padded = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), let json = try? JSONValue.parse(Array(data)),
              let rv = json["rv"]?.intValue, let start = json["start"]?.stringValue, json["v"]?.stringValue == "meta.k8s.io/v1"
        else { throw APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)") }
        self.revision = rv
        self.startKey = start
    }
}

extension ResourceContext {
    func list() async throws(APIError) -> APIResponse {
        let q = request.query
        let filter = try SelectorFilter.make(request: request, type: type)
        var limit = 0
        if let l = q["limit"], !l.isEmpty {
            guard let n = Int(l) else { throw APIError.badRequest("limit: Invalid value: \"\(l)\": strconv.ParseInt: parsing \"\(l)\": invalid syntax") }
            limit = max(n, 0)
        }
        let rv = q["resourceVersion"] ?? ""
        let match = q["resourceVersionMatch"] ?? ""
        let continueToken = try q["continue"].flatMap { s throws(APIError) -> ContinueToken? in s.isEmpty ? nil : try ContinueToken(decoding: s) }
        if continueToken != nil && !rv.isEmpty && rv != "0" {
            throw APIError.badRequest("specifying resource version is not allowed when using continue")
        }
        if !match.isEmpty && rv.isEmpty {
            throw APIError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
        }
        if !["", "Exact", "NotOlderThan"].contains(match) {
            throw APIError.badRequest("resourceVersionMatch: Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"")
        }
        let rvNumber: Int64? = rv.isEmpty ? nil : Int64(rv)
        if !rv.isEmpty && rvNumber == nil {
            throw APIError.badRequest("resourceVersion: Invalid value: \"\(rv)\": must be a non-negative integer")
        }

        var items: [CachedObject]
        var revision: Int64
        var more = false
        var nextKey: String?
        if let token = continueToken {
            (items, revision, more, nextKey) = try await pageFromStore(at: token.revision, startKey: token.startKey, limit: limit, filter: filter)
        } else if match == "Exact", let n = rvNumber {
            (items, revision, more, nextKey) = try await pageFromStore(at: n, startKey: listPrefix, limit: limit, filter: filter)
        } else {
            if let n = rvNumber, n > 0 {
                try await waitForFutureRevision(n)
            } else if rvNumber == nil {
                await consistentRead()
            }
            let snapshot = cache.list(keyPrefix: listPrefix)
            revision = snapshot.revision
            items = []
            var i = 0
            let all = snapshot.items
            while i < all.count {
                if filter.matches(all[i]) {
                    if limit > 0 && items.count == limit {
                        more = true
                        nextKey = all[i].key
                        break
                    }
                    items.append(all[i])
                }
                i += 1
            }
        }
        let token = more ? nextKey.map { ContinueToken(revision: revision, startKey: $0).encoded } : nil
        return listResponse(items, revision: revision, continueToken: token, remaining: nil)
    }

    /// A consistent page at a past revision, read from the store (continue tokens, Exact).
    private func pageFromStore(at revision: Int64, startKey: String, limit: Int, filter: WatchCache.Filter) async throws(APIError) -> ([CachedObject], Int64, Bool, String?) {
        var out: [CachedObject] = []
        var start = startKey
        do {
            while true {
                let want = limit > 0 ? limit - out.count + 1 : 0
                let page = try await server.timedStore.list(prefix: listPrefix, startKey: start, limit: want, revision: revision)
                for kv in page.items {
                    let obj = try CachedObject.decode(key: kv.key, value: kv.value, revision: kv.modRevision)
                    guard filter.matches(obj) else { continue }
                    if limit > 0 && out.count == limit { return (out, revision, true, kv.key) }
                    out.append(obj)
                }
                guard page.more, let last = page.items.last else { return (out, revision, false, nil) }
                start = last.key + "\u{0}"
            }
        } catch StorageError.compacted {
            throw APIError(code: 410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
        } catch StorageError.futureRevision(let req, _) {
            throw APIError(code: 504, reason: "Timeout", message: "Too large resource version: \(req), current: \(server.consistentReadRevision)",
                           details: .init(causes: [.init(reason: "ResourceVersionTooLarge", message: "Too large resource version")], retryAfterSeconds: 1))
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError.internalError(String(describing: error))
        }
    }

    /// Waits (up to 3 s, as upstream) for the cache to reach a revision a client names.
    func waitForFutureRevision(_ n: Int64) async throws(APIError) {
        if cache.revision >= n { return }
        let reached = await withTaskGroup(of: Bool.self) { g in
            g.addTask { await cache.waitFor(revision: n); return true }
            g.addTask { try? await Task.sleep(for: .seconds(3)); return false }
            let r = await g.next()!
            g.cancelAll()
            return r
        }
        if !reached {
            throw APIError(code: 504, reason: "Timeout", message: "Too large resource version: \(n), current: \(cache.revision)",
                           details: .init(causes: [.init(reason: "ResourceVersionTooLarge", message: "Too large resource version")], retryAfterSeconds: 1))
        }
    }

    func listResponse(_ items: [CachedObject], revision: Int64, continueToken: String?, remaining: Int?) -> APIResponse {
        if let table = TableRequest(request) {
            return .json(table.table(for: items.map(\.object), type: type, resourceVersion: String(revision), continueToken: continueToken, remaining: remaining))
        }
        if request.query.bool("pretty") {
            var meta: JSONValue = ["resourceVersion": .string(String(revision))]
            if let c = continueToken { meta["continue"] = .string(c) }
            let list: JSONValue = ["kind": .string(type.listKind), "apiVersion": .string(type.apiVersion), "metadata": meta, "items": .array(items.map(\.object))]
            return .json(list.serializedPretty(indent: 2))
        }
        // Splice the cached bytes of each item: no re-encoding of objects.
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(128) { $0 + $1.bytes.count + 1 })
        out.append(contentsOf: "{\"apiVersion\":\"\(type.apiVersion)\",\"items\":[".utf8)
        for (i, it) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: it.bytes)
        }
        out.append(contentsOf: "],\"kind\":\"\(type.listKind)\",\"metadata\":{".utf8)
        if let c = continueToken { out.append(contentsOf: "\"continue\":\"\(c)\",".utf8) }
        out.append(contentsOf: "\"resourceVersion\":\"\(revision)\"}}".utf8)
        return .json(out)
    }
}
