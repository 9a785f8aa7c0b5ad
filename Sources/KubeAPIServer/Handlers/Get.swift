import KubeMachinery

extension ResourceContext {
    /// GET of one object (or of its status/scale subresource), from the watch cache after a
    /// consistent-read wait.
    func get() async throws(APIError) -> APIResponse {
        guard let name = info.name else { throw APIError.notFoundPath() }
        let rv = request.query["resourceVersion"] ?? ""
        if rv != "0" { await consistentRead() }
        guard let cached = cache.get(key(name)) else { throw notFound(name) }
        switch info.subresource {
        case "scale"?:
            return objectResponse(try Scale.scale(of: cached.object, type: type))
        case "status"?:
            return objectResponse(cached.object, bytes: cached.bytes)
        case nil:
            return objectResponse(cached.object, bytes: cached.bytes)
        default:
            throw APIError.notFoundPath()
        }
    }
}
