import KubeMachinery

/// Strict field validation: finds fields a schema does not declare and values of the wrong JSON
/// type, reporting them the way upstream's decoder does.
///
/// `null` is accepted anywhere (Go leaves the zero value), free-form schemas accept anything, and
/// int-or-string and quantity fields accept both strings and numbers.
public enum SchemaValidator {
    public static func check(_ object: JSONValue, schema: Schema) -> [FieldProblem] {
        var walker = Walker()
        walker.walk(object, schema, structSchema: nil)
        // Members are visited in dictionary order; report in path order so messages are stable.
        return walker.problems.sorted { $0.path < $1.path }
    }

    /// Walks a value against its schema. Paths are kept as a stack of segments and only turned
    /// into strings when a problem is found: valid objects (nearly all) cost no string work.
    private struct Walker {
        enum Segment {
            case key(String)
            case index(Int)
        }

        var problems: [FieldProblem] = []
        var segments: [Segment] = []

        var path: String {
            var out = ""
            for s in segments {
                switch s {
                case .key(let k): out += out.isEmpty ? k : "." + k
                case .index(let i): out += "[\(i)]"
                }
            }
            return out
        }

        /// Object keys only, as Go's decoder names a field path.
        var goPath: [String] {
            segments.compactMap { if case .key(let k) = $0 { return k } else { return nil } }
        }

        mutating func walk(_ value: JSONValue, _ schema: Schema, structSchema: Schema?) {
            if value.isNull { return }
            switch schema.kind {
            case .any:
                return
            case .string:
                guard let text = value.stringValue else { return typeError(value, schema, structSchema) }
                if schema.format == "byte", let offset = Base64Check.firstIllegalByte(text) {
                    problems.append(FieldProblem(kind: .wrongType, path: path, message: "illegal base64 data at input byte \(offset)"))
                }
            case .boolean:
                if value.boolValue == nil { typeError(value, schema, structSchema) }
            case .number:
                if value.doubleValue == nil { typeError(value, schema, structSchema) }
            case .integer:
                guard let i = value.intValue else { return typeError(value, schema, structSchema) }
                if schema.format == "int32", i < Int64(Int32.min) || i > Int64(Int32.max) {
                    typeError(value, schema, structSchema)
                }
            case .intOrString:
                let isQuantity = schema.definitionName == Def.quantity
                let ok = value.stringValue != nil || value.intValue != nil || (isQuantity && value.doubleValue != nil)
                if !ok { typeError(value, schema, structSchema) }
            case .array:
                guard let elements = value.arrayValue else { return typeError(value, schema, structSchema) }
                guard let items = schema.items else { return }
                for (i, element) in elements.enumerated() {
                    segments.append(.index(i))
                    walk(element, items, structSchema: structSchema)
                    segments.removeLast()
                }
            case .object:
                guard let members = value.objectValue else { return typeError(value, schema, structSchema) }
                // Fields of a named type are reported against that Go struct; map values keep the parent's.
                let fieldsStruct = schema.isMap || schema.definitionName == nil ? structSchema : schema
                for (key, member) in members {
                    segments.append(.key(key))
                    if let child = schema.field(key) {
                        walk(member, child, structSchema: fieldsStruct)
                    } else {
                        let p = path
                        problems.append(FieldProblem(kind: .unknownField, path: p, message: "unknown field \"\(p)\""))
                    }
                    segments.removeLast()
                }
            }
        }

        mutating func typeError(_ value: JSONValue, _ schema: Schema, _ structSchema: Schema?) {
            let found: String
            switch value {
            case .int(let i): found = "number \(i)"
            case .double(let d): found = "number \(d)"
            case .bool: found = "bool"
            case .string: found = "string"
            case .array: found = "array"
            case .object: found = "object"
            case .null: found = "null"
            }
            let target = schema.goTypeDescription
            let message: String
            let goPath = self.goPath
            if let goStruct = structSchema?.goTypeName.map({ String($0.split(separator: ".").last!) }), !goPath.isEmpty {
                message = "json: cannot unmarshal \(found) into Go struct field \(goStruct).\(goPath.joined(separator: ".")) of type \(target)"
            } else {
                message = "json: cannot unmarshal \(found) into Go value of type \(target)"
            }
            problems.append(FieldProblem(kind: .wrongType, path: path, message: message))
        }
    }
}

extension Schema {
    /// `v1.PodSpec` for `io.k8s.api.core.v1.PodSpec`: Go's package-qualified type name.
    var goTypeName: String? {
        guard let name = definitionName else { return nil }
        let parts = name.split(separator: ".")
        guard parts.count >= 2 else { return name }
        return "\(parts[parts.count - 2]).\(parts[parts.count - 1])"
    }

    /// The Go type a value of this schema decodes into, as named in decode errors.
    var goTypeDescription: String {
        if let goTypeName { return goTypeName }
        switch kind {
        case .string: return format == "byte" ? "[]uint8" : "string"
        case .integer: return format == "int32" ? "int32" : "int64"
        case .number: return "float64"
        case .boolean: return "bool"
        case .intOrString: return "intstr.IntOrString"
        case .any: return "interface {}"
        case .array: return "[]" + (items?.goTypeDescription ?? "interface {}")
        case .object:
            if let value = additionalProperties, properties.isEmpty { return "map[string]" + value.goTypeDescription }
            return "struct"
        }
    }
}
