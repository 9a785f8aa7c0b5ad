import KubeMachinery

/// The swagger 2.0 document in the protobuf form clients ask for with
/// `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`: a serialized gnostic
/// `openapi.v2.Document` (github.com/google/gnostic-models, openapiv2/OpenAPIv2.proto).
///
/// client-go's discovery client only ever fetches `/openapi/v2` this way; kubectl builds its
/// models from `definitions` (kube-openapi's `proto.NewOpenAPIData`: types, properties, items,
/// `$ref`s, and the `x-kubernetes-*` extensions that drive strategic merge) and, in the query
/// parameter verifier, looks for the PATCH operation of a kind that declares `fieldValidation`.
///
/// The encoder walks the JSON document the way gnostic's compiler reads swagger: known keys
/// become fields, `x-` keys become `vendor_extension` entries carrying YAML text, and anything
/// else is dropped. Map-shaped sections are written with keys in byte order, so the bytes are
/// the same on every run.
public enum OpenAPIV2Protobuf {
    /// The media type to answer with. Clients ask with the older spelling (`...spec.v2@v1.0+protobuf`),
    /// but `@` is not a token character, so Go's `mime.ParseMediaType` in client-go rejects a
    /// response labelled that way ("mime: unexpected content after media subtype"); upstream
    /// answers with this dotted form, which client-go accepts.
    public static let contentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    /// Both spellings of the media type that select this encoding in an `Accept` header.
    public static let acceptedMediaTypes: Set<String> = [
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
    ]

    /// Whether an `Accept` header asks for protobuf rather than JSON: the first entry that names
    /// either encoding wins (`*/*`, `application/*` and `application/json` choose JSON), as in
    /// upstream's negotiation, which takes the client's order.
    public static func isPreferred(byAccept accept: String) -> Bool {
        for entry in accept.split(separator: ",") {
            // Media types hold no blanks, so dropping them all trims the entry.
            let mediaType = String(entry.prefix { $0 != ";" }.filter { $0 != " " && $0 != "\t" }).lowercased()
            if acceptedMediaTypes.contains(mediaType) { return true }
            if mediaType == "application/json" || mediaType == "*/*" || mediaType == "application/*" { return false }
        }
        return false
    }

    /// Serializes a swagger 2.0 document (as `OpenAPIV2.document(for:)` builds it).
    public static func encode(_ swagger: JSONValue) -> [UInt8] {
        var w = OpenAPIV2ProtobufWriter()
        document(swagger.objectValue ?? [:], into: &w)
        return w.bytes
    }

    typealias Writer = OpenAPIV2ProtobufWriter
    typealias Object = [String: JSONValue]

    // MARK: Document

    private static func document(_ o: Object, into w: inout Writer) {
        w.string(1, o["swagger"]?.stringValue)
        if let info = o["info"]?.objectValue { w.message(2) { self.info(info, into: &$0) } }
        w.string(3, o["host"]?.stringValue)
        w.string(4, o["basePath"]?.stringValue)
        w.strings(5, strings(o["schemes"]))
        w.strings(6, strings(o["consumes"]))
        w.strings(7, strings(o["produces"]))
        if let paths = o["paths"]?.objectValue { w.message(8) { self.paths(paths, into: &$0) } }
        if let defs = o["definitions"]?.objectValue {
            w.message(9) { w in namedMessages(1, defs, into: &w) { schema($0, into: &$1) } }
        }
        if let params = o["parameters"]?.objectValue {
            w.message(10) { w in namedMessages(1, params, into: &w) { parameter($0, into: &$1) } }
        }
        if let responses = o["responses"]?.objectValue {
            w.message(11) { w in namedMessages(1, responses, into: &w) { response($0, into: &$1) } }
        }
        for requirement in o["security"]?.arrayValue ?? [] {
            w.message(12) { securityRequirement(requirement.objectValue ?? [:], into: &$0) }
        }
        if let defs = o["securityDefinitions"]?.objectValue {
            w.message(13) { w in namedMessages(1, defs, into: &w) { securityDefinition($0, into: &$1) } }
        }
        for tag in o["tags"]?.arrayValue ?? [] {
            let t = tag.objectValue ?? [:]
            w.message(14) { w in
                w.string(1, t["name"]?.stringValue)
                w.string(2, t["description"]?.stringValue)
                externalDocs(3, t, into: &w)
                vendorExtensions(4, t, into: &w)
            }
        }
        externalDocs(15, o, into: &w)
        vendorExtensions(16, o, into: &w)
    }

    private static func info(_ o: Object, into w: inout Writer) {
        w.string(1, o["title"]?.stringValue)
        w.string(2, o["version"]?.stringValue)
        w.string(3, o["description"]?.stringValue)
        w.string(4, o["termsOfService"]?.stringValue)
        if let c = o["contact"]?.objectValue {
            w.message(5) { w in
                w.string(1, c["name"]?.stringValue)
                w.string(2, c["url"]?.stringValue)
                w.string(3, c["email"]?.stringValue)
                vendorExtensions(4, c, into: &w)
            }
        }
        if let l = o["license"]?.objectValue {
            w.message(6) { w in
                w.string(1, l["name"]?.stringValue)
                w.string(2, l["url"]?.stringValue)
                vendorExtensions(3, l, into: &w)
            }
        }
        vendorExtensions(7, o, into: &w)
    }

    // MARK: Security

    /// `{"BearerToken": []}` → SecurityRequirement{additional_properties: [NamedStringArray]}.
    private static func securityRequirement(_ o: Object, into w: inout Writer) {
        for (name, scopes) in sorted(o) {
            w.message(1) { w in
                w.string(1, name)
                w.message(2) { $0.strings(1, strings(scopes)) }
            }
        }
    }

    /// SecurityDefinitionsItem is a oneof chosen by `type` (and `flow` for OAuth2).
    private static func securityDefinition(_ o: Object, into w: inout Writer) {
        let type = o["type"]?.stringValue ?? ""
        switch type {
        case "basic":
            w.message(1) { w in
                w.string(1, type)
                w.string(2, o["description"]?.stringValue)
                vendorExtensions(3, o, into: &w)
            }
        case "apiKey":
            w.message(2) { w in
                w.string(1, type)
                w.string(2, o["name"]?.stringValue)
                w.string(3, o["in"]?.stringValue)
                w.string(4, o["description"]?.stringValue)
                vendorExtensions(5, o, into: &w)
            }
        case "oauth2":
            let flow = o["flow"]?.stringValue ?? ""
            // Field numbers of the four OAuth2 messages: which of authorizationUrl/tokenUrl each
            // carries, and where description and extensions land after them.
            let layout: (item: Int, authorizationURL: Int?, tokenURL: Int?, description: Int)
            switch flow {
            case "implicit": layout = (3, 4, nil, 5)
            case "password": layout = (4, nil, 4, 5)
            case "application": layout = (5, nil, 4, 5)
            case "accessCode": layout = (6, 4, 5, 6)
            default: return
            }
            w.message(layout.item) { w in
                w.string(1, type)
                w.string(2, flow)
                if let scopes = o["scopes"]?.objectValue {
                    w.message(3) { w in
                        for (name, text) in sorted(scopes) {
                            w.message(1) { w in
                                w.string(1, name)
                                w.string(2, text.stringValue)
                            }
                        }
                    }
                }
                if let f = layout.authorizationURL { w.string(f, o["authorizationUrl"]?.stringValue) }
                if let f = layout.tokenURL { w.string(f, o["tokenUrl"]?.stringValue) }
                w.string(layout.description, o["description"]?.stringValue)
                vendorExtensions(layout.description + 1, o, into: &w)
            }
        default:
            return
        }
    }

    // MARK: Shared shapes

    /// A map section as repeated `Named*{name = 1; value = 2}` entries in `field`.
    static func namedMessages(_ field: Int, _ o: Object, into w: inout Writer,
                              _ value: (Object, inout Writer) -> Void) {
        for (name, v) in sorted(o) {
            w.message(field) { w in
                w.string(1, name)
                w.message(2) { value(v.objectValue ?? [:], &$0) }
            }
        }
    }

    /// `x-` keys as repeated NamedAny{name, value: Any{yaml}}, in key order.
    static func vendorExtensions(_ field: Int, _ o: Object, into w: inout Writer) {
        for (name, v) in sorted(o) where name.hasPrefix("x-") {
            w.message(field) { w in
                w.string(1, name)
                w.message(2) { any(v, into: &$0) }
            }
        }
    }

    /// An `Any` message holding a JSON value as YAML text (its `yaml` field, number 2).
    static func any(_ v: JSONValue, into w: inout Writer) {
        w.string(2, OpenAPIV2ProtobufYAML.text(v))
    }

    static func externalDocs(_ field: Int, _ o: Object, into w: inout Writer) {
        guard let d = o["externalDocs"]?.objectValue else { return }
        w.message(field) { w in
            w.string(1, d["description"]?.stringValue)
            w.string(2, d["url"]?.stringValue)
            vendorExtensions(3, d, into: &w)
        }
    }

    static func sorted(_ o: Object) -> [(key: String, value: JSONValue)] {
        OpenAPIV2ProtobufYAML.sortedMembers(o)
    }

    /// A string list; a lone string counts as a list of one (swagger allows both for `type`).
    static func strings(_ v: JSONValue?) -> [String] {
        switch v {
        case .string(let s)?: return [s]
        case .array(let a)?: return a.compactMap(\.stringValue)
        default: return []
        }
    }
}
