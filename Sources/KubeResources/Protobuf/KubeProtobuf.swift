import KubeMachinery

/// Reads request bodies sent as `application/vnd.kubernetes.protobuf`, as client-go's typed
/// clients (and so most `kubectl create ...` commands) do, into the JSON object the same request
/// would have carried as `application/json`.
///
/// The body is the 4-byte magic `k8s\0` followed by a `runtime.Unknown` envelope:
/// `typeMeta = 1` (`apiVersion = 1`, `kind = 2`), `raw = 2` (the object's own message),
/// `contentEncoding = 3`, `contentType = 4`.
public enum KubeProtobuf {
    public static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]
    public static let contentType = "application/vnd.kubernetes.protobuf"

    /// Decodes an enveloped object, returning its JSON with `apiVersion` and `kind` set.
    /// Kinds without a message table fail with `.unknownKind` (answer 415).
    public static func decodeObject(_ body: [UInt8]) throws(ProtobufDecodeError) -> JSONValue {
        try decodeObject(body[...], depth: 0)
    }

    /// Whether `decodeObject` can read objects of this group version and kind.
    public static func supports(apiVersion: String, kind: String) -> Bool {
        ProtobufKinds.messageName(apiVersion: apiVersion, kind: kind) != nil
    }

    static func decodeObject(_ body: ArraySlice<UInt8>, depth: Int) throws(ProtobufDecodeError) -> JSONValue {
        guard body.starts(with: magic) else {
            throw ProtobufDecodeError(.missingMagic, "provided input is not protobuf: missing the k8s\\0 prefix")
        }
        let envelope = try Envelope(body.dropFirst(magic.count))
        guard envelope.contentEncoding.isEmpty else {
            throw ProtobufDecodeError(.unsupportedContentEncoding(envelope.contentEncoding),
                                      "unsupported protobuf content encoding \"\(envelope.contentEncoding)\"")
        }
        var object: [String: JSONValue]
        if envelope.contentType.contains("json") {
            // A client may wrap a JSON document in the envelope; take it as it is.
            do {
                object = try JSONValue.parse(envelope.raw).objectValue ?? [:]
            } catch {
                throw ProtobufDecodeError(.invalidEmbeddedJSON, "unable to decode protobuf body: \(error.message)")
            }
        } else {
            guard let name = ProtobufKinds.messageName(apiVersion: envelope.apiVersion, kind: envelope.kind) else {
                throw ProtobufDecodeError(.unknownKind(apiVersion: envelope.apiVersion, kind: envelope.kind),
                                          "no kind \"\(envelope.kind)\" is registered for version \"\(envelope.apiVersion)\" in the protobuf decoder")
            }
            object = try ProtobufMessageDecoder.decode(envelope.raw, as: name, depth: depth + 1)
        }
        if !envelope.apiVersion.isEmpty { object["apiVersion"] = .string(envelope.apiVersion) }
        if !envelope.kind.isEmpty { object["kind"] = .string(envelope.kind) }
        return .object(object)
    }

    /// `runtime.Unknown`.
    private struct Envelope {
        var apiVersion = ""
        var kind = ""
        var raw: ArraySlice<UInt8> = []
        var contentEncoding = ""
        var contentType = ""

        init(_ bytes: ArraySlice<UInt8>) throws(ProtobufDecodeError) {
            var reader = ProtobufWireReader(bytes)
            while let tag = try reader.nextTag() {
                guard tag.wireType == .lengthDelimited else {
                    try reader.skip(tag.wireType)
                    continue
                }
                let value = try reader.readLengthDelimited()
                switch tag.number {
                case 1:
                    var typeMeta = ProtobufWireReader(value)
                    while let inner = try typeMeta.nextTag() {
                        guard inner.wireType == .lengthDelimited, inner.number == 1 || inner.number == 2 else {
                            try typeMeta.skip(inner.wireType)
                            continue
                        }
                        let text = String(decoding: try typeMeta.readLengthDelimited(), as: UTF8.self)
                        if inner.number == 1 { apiVersion = text } else { kind = text }
                    }
                case 2: raw = value
                case 3: contentEncoding = String(decoding: value, as: UTF8.self)
                case 4: contentType = String(decoding: value, as: UTF8.self)
                default: break
                }
            }
        }
    }
}
