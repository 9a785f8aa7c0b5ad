import KubeMachinery

/// The `Schema` message (swagger's JSON-schema subset), and the primitive-typed field run shared
/// by non-body parameters, `items` of those, and response headers.
extension OpenAPIV2Protobuf {
    /// Field numbers are gnostic's `openapi.v2.Schema`.
    static func schema(_ o: Object, into w: inout Writer) {
        w.string(1, o["$ref"]?.stringValue)
        w.string(2, o["format"]?.stringValue)
        w.string(3, o["title"]?.stringValue)
        w.string(4, o["description"]?.stringValue)
        if let d = o["default"] { w.message(5) { any(d, into: &$0) } }
        w.double(6, o["multipleOf"]?.doubleValue)
        w.double(7, o["maximum"]?.doubleValue)
        w.bool(8, o["exclusiveMaximum"]?.boolValue)
        w.double(9, o["minimum"]?.doubleValue)
        w.bool(10, o["exclusiveMinimum"]?.boolValue)
        w.int64(11, o["maxLength"]?.intValue)
        w.int64(12, o["minLength"]?.intValue)
        w.string(13, o["pattern"]?.stringValue)
        w.int64(14, o["maxItems"]?.intValue)
        w.int64(15, o["minItems"]?.intValue)
        w.bool(16, o["uniqueItems"]?.boolValue)
        w.int64(17, o["maxProperties"]?.intValue)
        w.int64(18, o["minProperties"]?.intValue)
        w.strings(19, strings(o["required"]))
        for e in o["enum"]?.arrayValue ?? [] { w.message(20) { any(e, into: &$0) } }
        switch o["additionalProperties"] {
        case .bool(let allowed)?:
            w.message(21) { $0.bool(2, allowed, always: true) }
        case .object(let s)?:
            w.message(21) { w in w.message(1) { schema(s, into: &$0) } }
        default: break
        }
        if o["type"] != nil { w.message(22) { $0.strings(1, strings(o["type"])) } }
        switch o["items"] {
        case .object(let s)?:
            w.message(23) { w in w.message(1) { schema(s, into: &$0) } }
        case .array(let list)?:
            w.message(23) { w in
                for s in list { w.message(1) { schema(s.objectValue ?? [:], into: &$0) } }
            }
        default: break
        }
        for s in o["allOf"]?.arrayValue ?? [] { w.message(24) { schema(s.objectValue ?? [:], into: &$0) } }
        if let props = o["properties"]?.objectValue {
            w.message(25) { w in namedMessages(1, props, into: &w) { schema($0, into: &$1) } }
        }
        w.string(26, o["discriminator"]?.stringValue)
        w.bool(27, o["readOnly"]?.boolValue)
        if let x = o["xml"]?.objectValue {
            w.message(28) { w in
                w.string(1, x["name"]?.stringValue)
                w.string(2, x["namespace"]?.stringValue)
                w.string(3, x["prefix"]?.stringValue)
                w.bool(4, x["attribute"]?.boolValue)
                w.bool(5, x["wrapped"]?.boolValue)
                vendorExtensions(6, x, into: &w)
            }
        }
        externalDocs(29, o, into: &w)
        if let e = o["example"] { w.message(30) { any(e, into: &$0) } }
        vendorExtensions(31, o, into: &w)
    }

    /// The run `type, format, items, collectionFormat, default, maximum, exclusiveMaximum,
    /// minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems,
    /// uniqueItems, enum, multipleOf` that gnostic numbers consecutively from `base` in
    /// PrimitivesItems (1), Header (1), path/header parameters (5) and query/formData
    /// parameters (6).
    static func primitiveFields(from base: Int, _ o: Object, into w: inout Writer) {
        w.string(base, o["type"]?.stringValue)
        w.string(base + 1, o["format"]?.stringValue)
        if let items = o["items"]?.objectValue { w.message(base + 2) { primitivesItems(items, into: &$0) } }
        w.string(base + 3, o["collectionFormat"]?.stringValue)
        if let d = o["default"] { w.message(base + 4) { any(d, into: &$0) } }
        w.double(base + 5, o["maximum"]?.doubleValue)
        w.bool(base + 6, o["exclusiveMaximum"]?.boolValue)
        w.double(base + 7, o["minimum"]?.doubleValue)
        w.bool(base + 8, o["exclusiveMinimum"]?.boolValue)
        w.int64(base + 9, o["maxLength"]?.intValue)
        w.int64(base + 10, o["minLength"]?.intValue)
        w.string(base + 11, o["pattern"]?.stringValue)
        w.int64(base + 12, o["maxItems"]?.intValue)
        w.int64(base + 13, o["minItems"]?.intValue)
        w.bool(base + 14, o["uniqueItems"]?.boolValue)
        for e in o["enum"]?.arrayValue ?? [] { w.message(base + 15) { any(e, into: &$0) } }
        w.double(base + 16, o["multipleOf"]?.doubleValue)
    }

    /// PrimitivesItems: the primitive run from 1, then extensions at 18.
    static func primitivesItems(_ o: Object, into w: inout Writer) {
        primitiveFields(from: 1, o, into: &w)
        vendorExtensions(18, o, into: &w)
    }
}
