import KubeMachinery

/// `paths`: path items, operations, parameters and responses.
///
/// kubectl's query-parameter verifier reads exactly this part: for each path it takes the
/// PATCH operation, matches its `x-kubernetes-group-version-kind` extension (a YAML map) against
/// the kind, and looks for a query parameter named `fieldValidation` (or a `$ref` to a global
/// one). So non-body parameters must land in the right `oneof` arm, by their `in`.
extension OpenAPIV2Protobuf {
    /// Operation fields of PathItem, by HTTP method.
    private static let operationFields: [(method: String, field: Int)] = [
        ("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("options", 6), ("head", 7), ("patch", 8),
    ]

    /// Paths{vendor_extension = 1; path = 2 (NamedPathItem)}.
    static func paths(_ o: Object, into w: inout Writer) {
        vendorExtensions(1, o, into: &w)
        for (name, item) in sorted(o) where !name.hasPrefix("x-") {
            w.message(2) { w in
                w.string(1, name)
                w.message(2) { pathItem(item.objectValue ?? [:], into: &$0) }
            }
        }
    }

    private static func pathItem(_ o: Object, into w: inout Writer) {
        w.string(1, o["$ref"]?.stringValue)
        for (method, field) in operationFields {
            if let op = o[method]?.objectValue { w.message(field) { operation(op, into: &$0) } }
        }
        for p in o["parameters"]?.arrayValue ?? [] { w.message(9) { parametersItem(p.objectValue ?? [:], into: &$0) } }
        vendorExtensions(10, o, into: &w)
    }

    private static func operation(_ o: Object, into w: inout Writer) {
        w.strings(1, strings(o["tags"]))
        w.string(2, o["summary"]?.stringValue)
        w.string(3, o["description"]?.stringValue)
        externalDocs(4, o, into: &w)
        w.string(5, o["operationId"]?.stringValue)
        w.strings(6, strings(o["produces"]))
        w.strings(7, strings(o["consumes"]))
        for p in o["parameters"]?.arrayValue ?? [] { w.message(8) { parametersItem(p.objectValue ?? [:], into: &$0) } }
        if let r = o["responses"]?.objectValue { w.message(9) { responses(r, into: &$0) } }
        w.strings(10, strings(o["schemes"]))
        w.bool(11, o["deprecated"]?.boolValue)
        for requirement in o["security"]?.arrayValue ?? [] {
            w.message(12) { w in
                for (name, scopes) in sorted(requirement.objectValue ?? [:]) {
                    w.message(1) { w in
                        w.string(1, name)
                        w.message(2) { $0.strings(1, strings(scopes)) }
                    }
                }
            }
        }
        vendorExtensions(13, o, into: &w)
    }

    /// ParametersItem: a JsonReference (2) for `$ref`, else a Parameter (1).
    private static func parametersItem(_ o: Object, into w: inout Writer) {
        if let ref = o["$ref"]?.stringValue {
            w.message(2) { w in
                w.string(1, ref)
                w.string(2, o["description"]?.stringValue)
            }
        } else {
            w.message(1) { parameter(o, into: &$0) }
        }
    }

    /// Parameter: BodyParameter (1) or NonBodyParameter (2), whose arm is chosen by `in`:
    /// header (1), formData (2), query (3), path (4).
    static func parameter(_ o: Object, into w: inout Writer) {
        let location = o["in"]?.stringValue ?? ""
        if location == "body" {
            w.message(1) { w in
                w.string(1, o["description"]?.stringValue)
                w.string(2, o["name"]?.stringValue)
                w.string(3, location)
                w.bool(4, o["required"]?.boolValue)
                if let s = o["schema"]?.objectValue { w.message(5) { schema(s, into: &$0) } }
                vendorExtensions(6, o, into: &w)
            }
            return
        }
        // Query and formData carry `allowEmptyValue` at 5, which shifts their primitive run by one.
        let arm: Int, hasAllowEmpty: Bool
        switch location {
        case "header": (arm, hasAllowEmpty) = (1, false)
        case "formData": (arm, hasAllowEmpty) = (2, true)
        case "query": (arm, hasAllowEmpty) = (3, true)
        case "path": (arm, hasAllowEmpty) = (4, false)
        default: return
        }
        w.message(2) { w in
            w.message(arm) { w in
                w.bool(1, o["required"]?.boolValue)
                w.string(2, location)
                w.string(3, o["description"]?.stringValue)
                w.string(4, o["name"]?.stringValue)
                if hasAllowEmpty { w.bool(5, o["allowEmptyValue"]?.boolValue) }
                let base = hasAllowEmpty ? 6 : 5
                primitiveFields(from: base, o, into: &w)
                vendorExtensions(base + 17, o, into: &w)
            }
        }
    }

    /// Responses{response_code = 1 (NamedResponseValue); vendor_extension = 2}.
    private static func responses(_ o: Object, into w: inout Writer) {
        for (code, value) in sorted(o) where !code.hasPrefix("x-") {
            let r = value.objectValue ?? [:]
            w.message(1) { w in
                w.string(1, code)
                w.message(2) { w in
                    if let ref = r["$ref"]?.stringValue {
                        w.message(2) { w in
                            w.string(1, ref)
                            w.string(2, r["description"]?.stringValue)
                        }
                    } else {
                        w.message(1) { response(r, into: &$0) }
                    }
                }
            }
        }
        vendorExtensions(2, o, into: &w)
    }

    /// Response{description, schema (SchemaItem), headers, examples, vendor_extension}.
    static func response(_ o: Object, into w: inout Writer) {
        w.string(1, o["description"]?.stringValue)
        if let s = o["schema"]?.objectValue {
            // SchemaItem arm 1 (Schema); swagger's `type: file` responses (arm 2) never occur here.
            w.message(2) { w in w.message(1) { schema(s, into: &$0) } }
        }
        if let headers = o["headers"]?.objectValue {
            w.message(3) { w in
                namedMessages(1, headers, into: &w) { h, w in
                    primitiveFields(from: 1, h, into: &w)
                    w.string(18, h["description"]?.stringValue)
                    vendorExtensions(19, h, into: &w)
                }
            }
        }
        if let examples = o["examples"]?.objectValue {
            w.message(4) { w in
                for (mediaType, example) in sorted(examples) {
                    w.message(1) { w in
                        w.string(1, mediaType)
                        w.message(2) { any(example, into: &$0) }
                    }
                }
            }
        }
        vendorExtensions(5, o, into: &w)
    }
}
