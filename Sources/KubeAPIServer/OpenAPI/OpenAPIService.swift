import KubeMachinery
import KubeResources
import NIOHTTP1
import Synchronization

/// Serves `/openapi/v2`, `/openapi/v3` and `/openapi/v3/<group-version>` from documents built
/// on first request and kept encoded (they never change while the server runs).
final class OpenAPIService: Sendable {
    private struct Built {
        var v2: [UInt8]
        var v2Protobuf: [UInt8]
        var v3Index: [UInt8]
        var v3: [String: (bytes: [UInt8], hash: String)]  // keyed by path (api/v1, apis/apps/v1)
    }

    private let registry: ResourceRegistry
    private let built = Mutex<Built?>(nil)

    init(registry: ResourceRegistry) { self.registry = registry }

    private func documents() -> Built {
        if let b = built.withLock({ $0 }) { return b }
        let resources = registry.all
        let v2Document = OpenAPIV2.document(for: resources)
        let v2 = v2Document.serialized()
        let v2Protobuf = OpenAPIV2Protobuf.encode(v2Document)
        var v3: [String: (bytes: [UInt8], hash: String)] = [:]
        var hashes: [String: String] = [:]
        for (gv, doc) in OpenAPIV3.documents(for: resources) {
            let h = OpenAPIV3.hash(of: doc)
            hashes[gv] = h
            v3[OpenAPIV3.path(groupVersion: gv)] = (doc.serialized(), h)
        }
        let b = Built(v2: v2, v2Protobuf: v2Protobuf, v3Index: OpenAPIV3.index(groupVersions: hashes).serialized(), v3: v3)
        built.withLock { $0 = b }
        return b
    }

    func v2Response(_ r: APIRequest) -> APIResponse {
        let accept = r.headers.first(name: "Accept") ?? ""
        if OpenAPIV2Protobuf.isPreferred(byAccept: accept) {
            return APIResponse(headers: ["Content-Type": OpenAPIV2Protobuf.contentType], body: .bytes(documents().v2Protobuf))
        }
        return .json(documents().v2)
    }

    func v3IndexResponse(_ r: APIRequest) -> APIResponse {
        .json(documents().v3Index, headers: ["Cache-Control": "no-cache, private"])
    }

    func v3Response(_ r: APIRequest, groupVersionPath: String) throws(APIError) -> APIResponse {
        guard let doc = documents().v3[groupVersionPath] else { throw APIError.notFoundPath() }
        var headers: HTTPHeaders = ["ETag": "\"\(doc.hash)\""]
        if r.query["hash"] == doc.hash {
            headers.add(name: "Cache-Control", value: "public, immutable")
        } else {
            headers.add(name: "Cache-Control", value: "no-cache, private")
        }
        return .json(doc.bytes, headers: headers)
    }
}
