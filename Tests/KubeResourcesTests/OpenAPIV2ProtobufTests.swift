import Foundation
import Testing
import KubeMachinery
@testable import KubeResources

/// A protobuf message read back field by field, without a schema: enough to check the encoder
/// against gnostic's field numbers independently of the writer.
fileprivate struct WireMessage {
    enum Value: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
    }

    struct DecodeError: Error { let reason: String }

    private(set) var fields: [(number: Int, value: Value)] = []

    init(_ bytes: [UInt8]) throws {
        var i = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard i < bytes.count else { throw DecodeError(reason: "truncated varint") }
                guard shift < 64 else { throw DecodeError(reason: "varint too long") }
                let b = bytes[i]
                i += 1
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }
        while i < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            guard number > 0 else { throw DecodeError(reason: "field number 0") }
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1:
                guard i + 8 <= bytes.count else { throw DecodeError(reason: "truncated fixed64") }
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
                i += 8
                fields.append((number, .fixed64(v)))
            case 2:
                let n = Int(try varint())
                guard n >= 0, i + n <= bytes.count else { throw DecodeError(reason: "length past end") }
                fields.append((number, .bytes(Array(bytes[i..<i + n]))))
                i += n
            default: throw DecodeError(reason: "unexpected wire type \(key & 7)")
            }
        }
    }

    func values(_ n: Int) -> [Value] { fields.filter { $0.number == n }.map(\.value) }
    var numbers: Set<Int> { Set(fields.map(\.number)) }

    func strings(_ n: Int) -> [String] {
        values(n).compactMap { if case .bytes(let b) = $0 { String(decoding: b, as: UTF8.self) } else { nil } }
    }
    func string(_ n: Int) -> String? { strings(n).last }
    func messages(_ n: Int) -> [WireMessage] {
        values(n).compactMap { if case .bytes(let b) = $0 { try? WireMessage(b) } else { nil } }
    }
    func message(_ n: Int) -> WireMessage? { messages(n).last }
    func bool(_ n: Int) -> Bool? {
        if case .varint(let v)? = values(n).last { v != 0 } else { nil }
    }
    func double(_ n: Int) -> Double? {
        if case .fixed64(let v)? = values(n).last { Double(bitPattern: v) } else { nil }
    }

    /// Named* entries ({name = 1; value = 2}) of a repeated field, by name.
    func named(_ n: Int) -> [String: WireMessage] {
        var out: [String: WireMessage] = [:]
        for m in messages(n) { if let name = m.string(1), let v = m.message(2) { out[name] = v } }
        return out
    }

    /// NamedAny vendor extensions as name → YAML text.
    func extensions(_ n: Int) -> [String: String] { named(n).compactMapValues { $0.string(2) } }
}

/// Reads a gnostic Schema message back into the JSON it came from, with `x-` extension values,
/// `enum` entries and `default`s left as their YAML text.
fileprivate func decodeSchema(_ m: WireMessage) -> JSONValue {
    var o: [String: JSONValue] = [:]
    if let s = m.string(1) { o["$ref"] = .string(s) }
    if let s = m.string(2) { o["format"] = .string(s) }
    if let s = m.string(4) { o["description"] = .string(s) }
    if let d = m.message(5)?.string(2) { o["default"] = .string(d) }
    let required = m.strings(19)
    if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
    let enumValues = m.messages(20).compactMap { $0.string(2) }
    if !enumValues.isEmpty { o["enum"] = .array(enumValues.map { .string($0) }) }
    if let ap = m.message(21) {
        if let s = ap.message(1) { o["additionalProperties"] = decodeSchema(s) } else { o["additionalProperties"] = .bool(ap.bool(2) ?? false) }
    }
    if let t = m.message(22) {
        let types = t.strings(1)
        o["type"] = types.count == 1 ? .string(types[0]) : .array(types.map { .string($0) })
    }
    if let items = m.message(23) {
        let list = items.messages(1).map(decodeSchema)
        o["items"] = list.count == 1 ? list[0] : .array(list)
    }
    if let props = m.message(25) { o["properties"] = .object(props.named(1).mapValues(decodeSchema)) }
    for (name, yaml) in m.extensions(31) { o[name] = .string(yaml) }
    return .object(o)
}

/// The JSON schema as `decodeSchema` should read it back: YAML text where gnostic keeps YAML.
fileprivate func expectedAfterRoundTrip(_ v: JSONValue) -> JSONValue {
    guard case .object(let o) = v else { return v }
    var out: [String: JSONValue] = [:]
    for (k, child) in o {
        switch k {
        case _ where k.hasPrefix("x-"): out[k] = .string(OpenAPIV2ProtobufYAML.text(child))
        case "enum": out[k] = .array((child.arrayValue ?? []).map { .string(OpenAPIV2ProtobufYAML.text($0)) })
        case "default": out[k] = .string(OpenAPIV2ProtobufYAML.text(child))
        case "properties": out[k] = .object((child.objectValue ?? [:]).mapValues(expectedAfterRoundTrip))
        case "items", "additionalProperties": out[k] = expectedAfterRoundTrip(child)
        default: out[k] = child
        }
    }
    return .object(out)
}

struct OpenAPIV2ProtobufTests {
    static let swagger = OpenAPIV2.document(for: BuiltinResources.all)
    static let bytes = OpenAPIV2Protobuf.encode(swagger)

    fileprivate static func document() throws -> WireMessage { try WireMessage(bytes) }
    fileprivate static func definitions() throws -> [String: WireMessage] { try document().message(9)?.named(1) ?? [:] }

    // MARK: Wire format

    @Test(arguments: [
        (UInt64(0), [UInt8(0x00)]), (UInt64(1), [UInt8(0x01)]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
    func varintsUseSevenBitGroupsLeastSignificantFirst(value: UInt64, expected: [UInt8]) {
        var w = OpenAPIV2ProtobufWriter()
        w.varint(value)
        #expect(w.bytes == expected)
    }

    @Test func zeroScalarsAreOmittedButEmptyMessagesAndOneofFalseAreWritten() throws {
        var w = OpenAPIV2ProtobufWriter()
        w.string(1, "")
        w.int64(2, 0)
        w.bool(3, false)
        w.double(4, 0)
        w.message(5) { _ in }
        w.bool(6, false, always: true)
        w.int64(7, -1)
        #expect(w.bytes == [0x2A, 0x00, 0x30, 0x00, 0x38] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func doublesAreLittleEndianFixed64() throws {
        var w = OpenAPIV2ProtobufWriter()
        w.double(6, 1.5)
        let m = try WireMessage(w.bytes)
        #expect(w.bytes.first == 0x31)  // field 6, wire type 1
        #expect(m.double(6) == 1.5)
    }

    // MARK: YAML for Any values

    @Test(arguments: [
        (JSONValue.string("merge"), "merge\n"),
        (.string(""), "\"\"\n"),
        (.string("true"), "\"true\"\n"),
        (.string("1.0"), "\"1.0\"\n"),
        (.string("retainKeys,merge"), "\"retainKeys,merge\"\n"),
        (.string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"\n"),
        (.bool(true), "true\n"),
        (.int(-3), "-3\n"),
        (.array([.string("containerPort"), .string("protocol")]), "- containerPort\n- protocol\n"),
        (.array([.object(["group": "", "version": "v1", "kind": "Pod"])]),
         "- group: \"\"\n  kind: Pod\n  version: v1\n"),
        (.object(["group": "apps", "kind": "Deployment", "version": "v1"]), "group: apps\nkind: Deployment\nversion: v1\n"),
        (.object(["a": .array([1, 2]), "b": .object(["c": .array([])])]), "a:\n  - 1\n  - 2\nb:\n  c: []\n"),
        (.array([.array([1]), .object([:])]), "-\n  - 1\n- {}\n"),
    ])
    func yamlTextKeepsStringsAsStringsAndNestsInBlockStyle(value: JSONValue, expected: String) {
        #expect(OpenAPIV2ProtobufYAML.text(value) == expected)
    }

    // MARK: The built-in document

    @Test func documentCarriesSwaggerVersionInfoAndSecurity() throws {
        let doc = try Self.document()
        #expect(doc.string(1) == "2.0")
        #expect(doc.message(2)?.string(1) == "Kubernetes")
        #expect(doc.message(2)?.string(2) == OpenAPIDocuments.defaultServerVersion)
        let bearer = try #require(doc.message(13)?.named(1)["BearerToken"]?.message(2))  // api_key_security arm
        #expect(bearer.string(1) == "apiKey")
        #expect(bearer.string(2) == "authorization")
        #expect(bearer.string(3) == "header")
        let requirement = try #require(doc.message(12)?.named(1)["BearerToken"])
        #expect(requirement.strings(1).isEmpty)
    }

    @Test func deploymentDefinitionCarriesItsGroupVersionKindAsYAML() throws {
        let deployment = try #require(try Self.definitions()["io.k8s.api.apps.v1.Deployment"])
        #expect(deployment.message(22)?.strings(1) == ["object"])
        #expect(deployment.extensions(31)["x-kubernetes-group-version-kind"] == "- group: apps\n  kind: Deployment\n  version: v1\n")
        let props = try #require(deployment.message(25)?.named(1))
        #expect(Set(props.keys).isSuperset(of: ["apiVersion", "kind", "metadata", "spec", "status"]))
        #expect(props["spec"]?.string(1) == "#/definitions/io.k8s.api.apps.v1.DeploymentSpec")
    }

    @Test func podSpecContainersKeepPatchStrategyMergeKeyAndItemReference() throws {
        let defs = try Self.definitions()
        let podSpec = try #require(defs["io.k8s.api.core.v1.PodSpec"])
        let containers = try #require(podSpec.message(25)?.named(1)["containers"])
        #expect(containers.message(22)?.strings(1) == ["array"])
        #expect(containers.message(23)?.messages(1).map { $0.string(1) } == ["#/definitions/io.k8s.api.core.v1.Container"])
        let ext = containers.extensions(31)
        #expect(ext["x-kubernetes-patch-strategy"] == "merge\n")
        #expect(ext["x-kubernetes-patch-merge-key"] == "name\n")
        #expect(podSpec.strings(19).contains("containers"))
    }

    /// kube-openapi's `NewOpenAPIData` rejects a document whose references dangle or whose
    /// arrays lack exactly one item schema; these are the checks kubectl would fail on.
    @Test func everyDefinitionParsesUnderKubeOpenAPIRules() throws {
        let defs = try Self.definitions()
        #expect(defs.count > 50)
        var problems: [String] = []
        func check(_ s: WireMessage, at path: String) {
            if let ref = s.string(1) {
                let name = ref.hasPrefix("#/definitions/") ? String(ref.dropFirst("#/definitions/".count)) : ref
                if defs[name] == nil { problems.append("\(path): dangling \(ref)") }
                if s.message(22) != nil { problems.append("\(path): $ref beside a type") }
            }
            let types = s.message(22)?.strings(1) ?? []
            if types.count > 1 { problems.append("\(path): several types") }
            if types == ["array"] {
                let items = s.message(23)?.messages(1) ?? []
                if items.count != 1 { problems.append("\(path): array with \(items.count) items") }
            }
            for item in s.message(23)?.messages(1) ?? [] { check(item, at: path + "[]") }
            if let ap = s.message(21)?.message(1) { check(ap, at: path + "{}") }
            for (name, p) in s.message(25)?.named(1) ?? [:] { check(p, at: path + "." + name) }
        }
        for (name, s) in defs { check(s, at: name) }
        #expect(problems == [])
    }

    @Test func everyDefinitionDecodesBackToItsJSONSchema() throws {
        let defs = try Self.definitions()
        let json = try #require(Self.swagger["definitions"]?.objectValue)
        #expect(Set(defs.keys) == Set(json.keys))
        let mismatched = json.keys.sorted().filter { defs[$0].map(decodeSchema) != expectedAfterRoundTrip(json[$0]!) }
        #expect(mismatched == [])
        if let first = mismatched.first {
            #expect(defs[first].map(decodeSchema) == expectedAfterRoundTrip(json[first]!), "first mismatch: \(first)")
        }
    }

    @Test(arguments: [
        ("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", true),  // client-go's request
        ("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", true),
        ("application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0.9, application/json", true),
        ("application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf", false),
        ("*/*", false),
        ("", false),
    ])
    func acceptHeaderChoosesProtobufOnlyWhenItComesBeforeJSON(accept: String, protobuf: Bool) {
        #expect(OpenAPIV2Protobuf.isPreferred(byAccept: accept) == protobuf)
    }

    /// Go's mime.ParseMediaType (used by client-go on the response) rejects `@` in a subtype.
    @Test func responseMediaTypeIsTheSpellingGoCanParse() {
        #expect(!OpenAPIV2Protobuf.contentType.contains("@"))
        #expect(OpenAPIV2Protobuf.acceptedMediaTypes.contains(OpenAPIV2Protobuf.contentType))
    }

    /// What kubectl's query-parameter verifier reads to decide on server-side field validation.
    @Test func deploymentPatchOperationDeclaresFieldValidationAsAQueryParameter() throws {
        let paths = try #require(try Self.document().message(8)?.named(2))
        let item = try #require(paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"])
        let patch = try #require(item.message(8))
        #expect(patch.extensions(13)["x-kubernetes-group-version-kind"] == "group: apps\nkind: Deployment\nversion: v1\n")
        let params = patch.messages(8).compactMap { $0.message(1) }  // ParametersItem → Parameter
        let queryNames = params.compactMap { $0.message(2)?.message(3)?.string(4) }  // NonBody → query arm → name
        #expect(queryNames.contains("fieldValidation"))
        let body = try #require(params.compactMap { $0.message(1) }.first)  // BodyParameter
        #expect(body.string(2) == "body")
        #expect(body.bool(4) == true)
        #expect(body.message(5)?.string(1) == "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch")
        #expect(patch.strings(7).contains("application/apply-patch+yaml"))
        // Path-level parameters use the path arm (4) with `type` at field 5.
        let pathParams = item.messages(9).compactMap { $0.message(1)?.message(2)?.message(4) }
        #expect(pathParams.compactMap { $0.string(4) }.sorted() == ["name", "namespace"])
        #expect(pathParams.allSatisfy { $0.string(5) == "string" && $0.bool(1) == true })
        let ok = try #require(patch.message(9)?.named(1)["200"]?.message(1))  // ResponseValue → Response
        #expect(ok.string(1) == "OK")
        #expect(ok.message(2)?.message(1)?.string(1) == "#/definitions/io.k8s.api.apps.v1.Deployment")
    }

    /// Shapes the built-in document does not use, checked against gnostic's field numbers.
    @Test func lessCommonShapesLandInTheirOneofArmsAndFields() throws {
        let swagger: JSONValue = [
            "swagger": "2.0",
            "parameters": ["pretty": ["name": "pretty", "in": "query", "type": "string", "enum": ["true", "false"]]],
            "paths": [
                "x-paths-note": "kept",
                "/upload": ["post": [
                    "parameters": [
                        ["$ref": "#/parameters/pretty"],
                        ["name": "X-Trace", "in": "header", "type": "string"],
                        ["name": "file", "in": "formData", "type": "array", "items": ["type": "integer", "format": "int32"],
                         "allowEmptyValue": true, "maxItems": 3, "default": [1]],
                    ],
                    "responses": ["default": ["$ref": "#/responses/Error"],
                                  "201": ["description": "Created", "headers": ["Location": ["type": "string", "description": "where"]]]],
                ]],
            ],
            "definitions": ["Closed": ["type": "object", "additionalProperties": false, "minimum": 1.5, "maxLength": 4,
                                       "default": ["a": 1], "x-kubernetes-int-or-string": true]],
            "securityDefinitions": ["oauth": ["type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a",
                                              "tokenUrl": "https://t", "scopes": ["read": "Read access"]]],
            "tags": [["name": "core", "description": "Core API"]],
        ]
        let doc = try WireMessage(OpenAPIV2Protobuf.encode(swagger))

        let pretty = try #require(doc.message(10)?.named(1)["pretty"]?.message(2)?.message(3))  // NonBody → query
        #expect(pretty.string(6) == "string")
        #expect(pretty.messages(21).compactMap { $0.string(2) } == ["\"true\"\n", "\"false\"\n"])

        let paths = try #require(doc.message(8))
        #expect(paths.extensions(1)["x-paths-note"] == "kept\n")
        let post = try #require(paths.named(2)["/upload"]?.message(4))
        let items = post.messages(8)
        #expect(items.count == 3)
        #expect(items[0].message(2)?.string(1) == "#/parameters/pretty")  // JsonReference arm
        #expect(items[1].message(1)?.message(2)?.message(1)?.string(5) == "string")  // header: type at 5
        let form = try #require(items[2].message(1)?.message(2)?.message(2))  // formData arm
        #expect(form.bool(5) == true)
        #expect(form.string(6) == "array")
        #expect(form.message(8)?.string(1) == "integer")  // PrimitivesItems.type
        #expect(form.message(8)?.string(2) == "int32")
        #expect(form.message(10)?.string(2) == "- 1\n")
        #expect(form.values(18) == [.varint(3)])  // max_items

        let responses = try #require(post.message(9)?.named(1))
        #expect(responses["default"]?.message(2)?.string(1) == "#/responses/Error")
        let created = try #require(responses["201"]?.message(1))
        let location = try #require(created.message(3)?.named(1)["Location"])
        #expect(location.string(1) == "string")
        #expect(location.string(18) == "where")

        let closed = try #require(doc.message(9)?.named(1)["Closed"])
        #expect(closed.message(21)?.values(2) == [.varint(0)])  // boolean arm, false but present
        #expect(closed.double(9) == 1.5)
        #expect(closed.values(11) == [.varint(4)])
        #expect(closed.message(5)?.string(2) == "a: 1\n")
        #expect(closed.extensions(31)["x-kubernetes-int-or-string"] == "true\n")

        let oauth = try #require(doc.message(13)?.named(1)["oauth"]?.message(6))  // access code arm
        #expect(oauth.string(2) == "accessCode")
        #expect(oauth.string(4) == "https://a")
        #expect(oauth.string(5) == "https://t")
        #expect(oauth.message(3)?.messages(1).first?.string(2) == "Read access")
        #expect(doc.messages(14).first?.string(2) == "Core API")
    }

    @Test func encodingIsDeterministic() {
        #expect(OpenAPIV2Protobuf.encode(Self.swagger) == Self.bytes)
    }

    // MARK: protoc, when installed

    static let protoc: String? = ["/usr/bin/protoc", "/usr/local/bin/protoc"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A subset of gnostic's messages, declared here with its field numbers and types, so that
    /// protoc checks that each field's wire type matches its declared type.
    static let subsetProto = """
        syntax = "proto3";
        package subset;
        message Any { string yaml = 2; }
        message NamedAny { string name = 1; Any value = 2; }
        message Info { string title = 1; string version = 2; }
        message TypeItem { repeated string value = 1; }
        message ItemsItem { repeated Schema schema = 1; }
        message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
        message NamedSchema { string name = 1; Schema value = 2; }
        message Properties { repeated NamedSchema additional_properties = 1; }
        message Schema {
          string _ref = 1; string format = 2; string description = 4; repeated string required = 19;
          repeated Any enum = 20; AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22;
          ItemsItem items = 23; Properties properties = 25; repeated NamedAny vendor_extension = 31;
        }
        message Definitions { repeated NamedSchema additional_properties = 1; }
        message Document { string swagger = 1; Info info = 2; Definitions definitions = 9; }
        """

    @Test(.enabled(if: OpenAPIV2ProtobufTests.protoc != nil, "protoc is not installed"))
    func protocDecodesTheDocument() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-pb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.subsetProto.write(to: dir.appendingPathComponent("subset.proto"), atomically: true, encoding: .utf8)

        let raw = try runProtoc(["--decode_raw"], in: dir)
        #expect(raw.status == 0)
        #expect(raw.output.contains("io.k8s.api.apps.v1.Deployment"))

        let typed = try runProtoc(["--proto_path=\(dir.path)", "--decode=subset.Document", "subset.proto"], in: dir)
        #expect(typed.status == 0, "\(typed.output)")
        #expect(typed.output.contains("swagger: \"2.0\""))
        #expect(typed.output.contains("name: \"io.k8s.api.apps.v1.Deployment\""))
        #expect(typed.output.contains("_ref: \"#/definitions/io.k8s.api.apps.v1.DeploymentSpec\""))
    }

    private func runProtoc(_ arguments: [String], in dir: URL) throws -> (status: Int32, output: String) {
        let input = dir.appendingPathComponent("document.pb")
        try Data(Self.bytes).write(to: input)
        let output = dir.appendingPathComponent("out-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.protoc))
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.standardInput = try FileHandle(forReadingFrom: input)
        let out = try FileHandle(forWritingTo: output)
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        try out.close()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
    }
}
