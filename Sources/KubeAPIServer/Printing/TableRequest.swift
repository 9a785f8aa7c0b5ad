import Foundation
import KubeMachinery
import KubeResources

/// A request for server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`),
/// and how to render objects as a meta.k8s.io Table.
struct TableRequest {
    /// `v1` or `v1beta1` of meta.k8s.io, as the client asked.
    var version: String
    /// `None`, `Metadata` (default) or `Object`: what each row carries besides its cells.
    var includeObject: String

    init?(_ request: APIRequest) {
        // Fast path: most requests (controllers, plain JSON clients) never ask for a Table.
        guard let accept = request.headers.first(name: "Accept"), MediaType.contains(accept, "as=Table") else { return nil }
        var chosen: String?
        for clause in accept.split(separator: ",") {
            var params: [String: String] = [:]
            let parts = clause.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let media = parts.first, media == "application/json" || media == "*/*" else { continue }
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { params[kv[0]] = kv[1] }
            }
            if params["as"] == "Table", params["g"] == "meta.k8s.io", let v = params["v"], v == "v1" || v == "v1beta1" {
                chosen = v
                break
            }
            if params["as"] == nil { break }  // plain JSON preferred before any Table clause
        }
        guard let v = chosen else { return nil }
        self.version = v
        self.includeObject = request.query["includeObject"] ?? "Metadata"
    }

    func table(for objects: [JSONValue], type: ResourceType, resourceVersion: String, continueToken: String?,
               remaining: Int?, includeColumns: Bool = true) -> JSONValue {
        let now = Date()
        let printer = type.printer
        var rows: [JSONValue] = []
        rows.reserveCapacity(objects.count)
        for o in objects {
            var row: JSONValue = ["cells": .array(printer.cells(o, now))]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = o
            default:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": .string("meta.k8s.io/\(version)"),
                                 "metadata": o["metadata"] ?? [:]]
            }
            rows.append(row)
        }
        var meta: JSONValue = ["resourceVersion": .string(resourceVersion)]
        if let c = continueToken { meta["continue"] = .string(c) }
        if let r = remaining { meta["remainingItemCount"] = .int(Int64(r)) }
        let columns: [JSONValue] = includeColumns ? printer.columns.map { c in
            ["name": .string(c.name), "type": .string(c.type), "format": .string(c.format),
             "description": .string(c.description), "priority": .int(Int64(c.priority))]
        } : []
        return ["kind": "Table", "apiVersion": .string("meta.k8s.io/\(version)"), "metadata": meta,
                "columnDefinitions": .array(columns), "rows": .array(rows)]
    }
}
