import KubeMachinery

/// Strict field validation: finds fields a schema does not declare and values of the wrong JSON
/// type, reporting them the way upstream's decoder does.
///
/// `null` is accepted anywhere (Go leaves the zero value), free-form schemas accept anything, and
/// int-or-string and quantity fields accept both strings and numbers.
public enum SchemaValidator {
    public static func check(_ object: JSONValue, schema: Schema) -> [FieldProblem] {
        var walker = Walker()
        walker.walk(object, schema, path: "", goPath: [], goStruct: nil)
        return walker.problems
    }

    private struct Walker {
        var problems: [FieldProblem] = []

        mutating func walk(_ value: JSONValue, _ schema: Schema, path: String, goPath: [String], goStruct: String?) {
            if value.isNull { return }
            switch schema.kind {
            case .any:
                return
            case .string:
                guard let text = value.stringValue else { return typeError(value, schema, path, goPath, goStruct) }
                if schema.format == "byte", let offset = Base64Check.firstIllegalByte(text) {
                    problems.append(FieldProblem(kind: .wrongType, path: path, message: "illegal base64 data at input byte \(offset)"))
                }
            case .boolean:
                if value.boolValue == nil { typeError(value, schema, path, goPath, goStruct) }
            case .number:
                if value.doubleValue == nil { typeError(value, schema, path, goPath, goStruct) }
            case .integer:
                guard let i = value.intValue else { return typeError(value, schema, path, goPath, goStruct) }
                if schema.format == "int32", i < Int64(Int32.min) || i > Int64(Int32.max) {
                    typeError(value, schema, path, goPath, goStruct)
                }
            case .intOrString:
                let isQuantity = schema.definitionName == Def.quantity
                let ok = value.stringValue != nil || value.intValue != nil || (isQuantity && value.doubleValue != nil)
                if !ok { typeError(value, schema, path, goPath, goStruct) }
            case .array:
                guard let elements = value.arrayValue else { return typeError(value, schema, path, goPath, goStruct) }
                guard let items = schema.items else { return }
                for (i, element) in elements.enumerated() {
                    walk(element, items, path: "\(path)[\(i)]", goPath: goPath, goStruct: goStruct)
                }
            case .object:
                guard let members = value.objectValue else { return typeError(value, schema, path, goPath, goStruct) }
                // Fields of a named type are reported against that Go struct; map values keep the parent's.
                let structName = schema.isMap ? goStruct : (schema.goTypeName.map { String($0.split(separator: ".").last!) } ?? goStruct)
                for key in members.keys.sorted() {
                    let childPath = path.isEmpty ? key : "\(path).\(key)"
                    guard let child = schema.field(key) else {
                        problems.append(FieldProblem(kind: .unknownField, path: childPath, message: "unknown field \"\(childPath)\""))
                        continue
                    }
                    walk(members[key]!, child, path: childPath, goPath: goPath + [key], goStruct: structName)
                }
            }
        }

        mutating func typeError(_ value: JSONValue, _ schema: Schema, _ path: String, _ goPath: [String], _ goStruct: String?) {
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
            if let goStruct, !goPath.isEmpty {
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
