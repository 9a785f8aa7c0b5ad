import KubeMachinery
import KubeResources

extension ResourceContext {
    enum PatchType {
        case json, merge, strategic

        init(contentType: String?) throws(APIError) {
            let ct = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch ct {
            case "application/json-patch+json": self = .json
            case "application/merge-patch+json": self = .merge
            case "application/strategic-merge-patch+json": self = .strategic
            default:
                throw APIError(code: 415, reason: "UnsupportedMediaType",
                               message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json")
            }
        }
    }

    /// Parses a patch body of the request's patch type, checking its top-level shape.
    func patchDocument() throws(APIError) -> (PatchType, JSONValue) {
        let patchType = try PatchType(contentType: request.headers.first(name: "Content-Type"))
        let doc = try parseJSONBody(request.body, asObject: false)
        switch (patchType, doc) {
        case (.json, .array), (.merge, .object), (.strategic, .object): return (patchType, doc)
        case (.json, _): throw APIError.badRequest("json: cannot unmarshal \(doc.typeName) into Go value of type jsonpatch.Patch")
        default: throw APIError.badRequest("error decoding patch: the patch must be a JSON object, got \(doc.typeName)")
        }
    }

    static func applyPatch(_ patchType: PatchType, _ doc: JSONValue, to original: JSONValue, schema: Schema?) throws(APIError) -> JSONValue {
        do {
            switch patchType {
            case .json: return try JSONPatch.apply(doc, to: original)
            case .merge: return try MergePatch.apply(doc, to: original)
            case .strategic: return try StrategicMergePatch.apply(doc, to: original, schema: schema)
            }
        } catch {
            throw error.apiError
        }
    }

    func patch() async throws(APIError) -> APIResponse {
        guard let name = info.name else { throw APIError.methodNotAllowed() }
        let (patchType, doc) = try patchDocument()
        let schema = type.schema
        let kind = type.kind
        func apply(_ original: JSONValue, schema: Schema?) throws(APIError) -> JSONValue {
            try Self.applyPatch(patchType, doc, to: original, schema: schema)
        }
        if info.subresource == "scale" {
            return try await writeScale(name: name) { scale throws(APIError) in try apply(scale, schema: nil) }
        }
        // A resourceVersion in the patch is a precondition; otherwise conflicts are retried.
        let precondition: String? = {
            if case .object = doc { return doc[path: ["metadata", "resourceVersion"]]?.stringValue }
            return nil
        }()
        return try await writeWithRetry(name: name, precondition: precondition, warnings: []) { current, warnings throws(APIError) in
            var patched = try apply(current.object, schema: schema)
            guard case .object = patched else { throw APIError.badRequest("the patched object is not a JSON object") }
            let newKind = patched["kind"]?.stringValue ?? kind
            if newKind != kind { throw APIError.badRequest("the kind of the patched object (\(newKind)) does not match the kind of the resource (\(kind))") }
            if patched[path: ["metadata", "name"]]?.stringValue != name {
                throw APIError.badRequest("the name of the object (\(patched[path: ["metadata", "name"]]?.stringValue ?? "")) does not match the name on the URL (\(name))")
            }
            warnings = try validateFields(&patched)
            return patched
        }
    }
}
