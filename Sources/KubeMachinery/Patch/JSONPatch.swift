/// RFC 6902 JSON Patch (`application/json-patch+json`): an array of operations applied in order.
///
/// The patch is atomic: any failing operation fails the whole patch and the original is
/// untouched (the result is a new value). Error classes follow kube-apiserver: a body that is
/// not an array of objects is 400; anything that fails while applying, including an unknown
/// `op` or a missing `path` member, is 422, because upstream only decodes the array up front.
public enum JSONPatch {
    /// Upstream's cap on operations in one patch; more is 413.
    public static let maxOperations = 10_000

    public static func apply(_ patch: JSONValue, to original: JSONValue) throws(PatchError) -> JSONValue {
        guard case .array(let operations) = patch else {
            throw .malformed("json: cannot unmarshal \(patch.typeName) into a JSON Patch: expected an array of operations")
        }
        for op in operations where !op.isObject {
            throw .malformed("json: cannot unmarshal \(op.typeName) into a JSON Patch operation: expected an object")
        }
        if operations.count > maxOperations {
            throw PatchError(.tooManyOperations,
                             "The allowed maximum operations in a JSON patch is \(maxOperations), got \(operations.count)")
        }
        var document = original
        for op in operations {
            try applyOperation(op.objectValue!, to: &document)
        }
        return document
    }

    private static func applyOperation(_ op: [String: JSONValue], to document: inout JSONValue) throws(PatchError) {
        guard let name = op["op"]?.stringValue else {
            throw .notApplicable("operation \(JSONValue.object(op).serializedString()) has no string \"op\" member")
        }
        switch name {
        case "add":
            try add(try value(of: op, for: name), at: try pointer(op, "path", for: name), in: &document)
        case "remove":
            _ = try remove(at: try pointer(op, "path", for: name), in: &document)
        case "replace":
            let path = try pointer(op, "path", for: name)
            let newValue = try value(of: op, for: name)
            try JSONPatch.replace(at: path, in: &document, with: newValue)
        case "move":
            let from = try pointer(op, "from", for: name)
            let path = try pointer(op, "path", for: name)
            if from == path { return }
            if from.isProperPrefix(of: path) {
                throw .notApplicable("move operation cannot move \"\(from)\" into its own child \"\(path)\"")
            }
            let moved = try remove(at: from, in: &document)
            try add(moved, at: path, in: &document)
        case "copy":
            let from = try pointer(op, "from", for: name)
            let path = try pointer(op, "path", for: name)
            try add(try get(from, in: document), at: path, in: &document)
        case "test":
            let path = try pointer(op, "path", for: name)
            let expected = try value(of: op, for: name)
            let actual: JSONValue
            do { actual = try get(path, in: document) } catch { throw .notApplicable("testing value \(path) failed: \(error.message)") }
            guard actual.isSemanticallyEqual(to: expected) else {
                throw .notApplicable("testing value \(path) failed: test failed")
            }
        default:
            throw .notApplicable("unexpected operation \"\(name)\": must be one of add, remove, replace, move, copy, test")
        }
    }

    // MARK: - Operation members

    private static func pointer(_ op: [String: JSONValue], _ member: String, for name: String) throws(PatchError) -> JSONPointer {
        guard let text = op[member]?.stringValue else {
            throw .notApplicable("\(name) operation is missing its \"\(member)\" member")
        }
        return try JSONPointer(parsing: text)
    }

    /// The `value` member; an explicit `null` is a value, a missing member is an error.
    private static func value(of op: [String: JSONValue], for name: String) throws(PatchError) -> JSONValue {
        guard let v = op["value"] else { throw .notApplicable("\(name) operation is missing its \"value\" member") }
        return v
    }

    // MARK: - Pointer operations

    static func get(_ pointer: JSONPointer, in document: JSONValue) throws(PatchError) -> JSONValue {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { throw missing(pointer) }
                current = next
            case .array(let a):
                let i = try JSONPointer.arrayIndex(token, pointer: pointer)
                guard i < a.count else { throw outOfBounds(i, pointer) }
                current = a[i]
            default:
                throw missing(pointer)
            }
        }
        return current
    }

    private static func add(_ value: JSONValue, at pointer: JSONPointer, in document: inout JSONValue) throws(PatchError) {
        guard !pointer.tokens.isEmpty else {
            document = value
            return
        }
        try withParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var o):
                parent = .null
                o[token] = value
                parent = .object(o)
            case .array(var a):
                let i = token == "-" ? a.count : try JSONPointer.arrayIndex(token, pointer: pointer)
                guard i <= a.count else { throw outOfBounds(i, pointer) }
                parent = .null
                a.insert(value, at: i)
                parent = .array(a)
            default:
                throw missing(pointer)
            }
        }
    }

    @discardableResult
    private static func remove(at pointer: JSONPointer, in document: inout JSONValue) throws(PatchError) -> JSONValue {
        guard !pointer.tokens.isEmpty else {
            throw .notApplicable("remove operation cannot remove the whole document")
        }
        var removed: JSONValue = .null
        try withParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var o):
                guard let old = o[token] else { throw missing(pointer) }
                parent = .null
                o[token] = nil
                parent = .object(o)
                removed = old
            case .array(var a):
                let i = try JSONPointer.arrayIndex(token, pointer: pointer)
                guard i < a.count else { throw outOfBounds(i, pointer) }
                parent = .null
                removed = a.remove(at: i)
                parent = .array(a)
            default:
                throw missing(pointer)
            }
        }
        return removed
    }

    private static func replace(at pointer: JSONPointer, in document: inout JSONValue, with value: JSONValue) throws(PatchError) {
        guard !pointer.tokens.isEmpty else {
            document = value
            return
        }
        try withParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var o):
                guard o[token] != nil else { throw missing(pointer) }
                parent = .null
                o[token] = value
                parent = .object(o)
            case .array(var a):
                let i = try JSONPointer.arrayIndex(token, pointer: pointer)
                guard i < a.count else { throw outOfBounds(i, pointer) }
                parent = .null
                a[i] = value
                parent = .array(a)
            default:
                throw missing(pointer)
            }
        }
    }

    /// Walks to the container holding the pointer's last token and lets `body` edit it in place.
    /// Each level is detached from its parent while edited so arrays and dictionaries stay
    /// uniquely referenced and are not copied.
    private static func withParent(
        of pointer: JSONPointer, in document: inout JSONValue,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        try descend(pointer.tokens[...], pointer: pointer, in: &document, body)
    }

    private static func descend(
        _ tokens: ArraySlice<String>, pointer: JSONPointer, in node: inout JSONValue,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        let token = tokens.first!
        if tokens.count == 1 {
            try body(&node, token)
            return
        }
        switch node {
        case .object(var o):
            guard var child = o[token] else { throw missing(pointer) }
            node = .null
            o[token] = .null
            defer { o[token] = child; node = .object(o) }
            try descend(tokens.dropFirst(), pointer: pointer, in: &child, body)
        case .array(var a):
            let i = try JSONPointer.arrayIndex(token, pointer: pointer)
            guard i < a.count else { throw outOfBounds(i, pointer) }
            var child = a[i]
            node = .null
            a[i] = .null
            defer { a[i] = child; node = .array(a) }
            try descend(tokens.dropFirst(), pointer: pointer, in: &child, body)
        default:
            throw missing(pointer)
        }
    }

    private static func missing(_ pointer: JSONPointer) -> PatchError {
        .notApplicable("doc is missing path: \"\(pointer)\": missing value")
    }

    private static func outOfBounds(_ index: Int, _ pointer: JSONPointer) -> PatchError {
        .notApplicable("unable to access invalid index \(index) in path \"\(pointer)\": invalid index referenced")
    }
}
