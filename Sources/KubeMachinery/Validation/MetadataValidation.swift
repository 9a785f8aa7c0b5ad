/// Validators for the maps and lists inside `metadata`, shared by object metadata and by
/// selectors and templates elsewhere. Each takes the field path to report at; messages are
/// upstream's (`apimachinery/pkg/api/validation` and `.../meta/v1/validation`).
public enum MetadataValidation {
    /// Upstream's limit on the summed byte length of all annotation keys and values.
    public static let totalAnnotationSizeLimit = 256 * 1024

    public static let negativeErrorMessage = "must be greater than or equal to 0"
    public static let immutableErrorMessage = "field is immutable"

    /// Label keys must be qualified names and values valid label values. Upstream reports every
    /// problem at the map's own path (`metadata.labels`), not at the key.
    public static func validateLabels(_ labels: [String: String], path: String) -> [FieldError] {
        var errs: [FieldError] = []
        for key in labels.keys.sorted() {
            errs += validateLabelName(key, path: path)
            for msg in NameValidation.isValidLabelValue(labels[key]!) {
                errs.append(.invalid(path, .string(labels[key]!), msg))
            }
        }
        return errs
    }

    public static func validateLabelName(_ name: String, path: String) -> [FieldError] {
        NameValidation.isQualifiedName(name).map { .invalid(path, .string(name), $0) }
    }

    /// Annotation keys are qualified names compared case-insensitively; the total size is capped.
    public static func validateAnnotations(_ annotations: [String: String], path: String) -> [FieldError] {
        var errs: [FieldError] = []
        var total = 0
        for key in annotations.keys.sorted() {
            for msg in NameValidation.isQualifiedName(key.lowercased()) {
                errs.append(.invalid(path, .string(key), msg))
            }
            total += key.utf8.count + annotations[key]!.utf8.count
        }
        if total > totalAnnotationSizeLimit {
            errs.append(.tooLong(path, max: totalAnnotationSizeLimit))
        }
        return errs
    }

    /// Finalizer names are qualified names; orphan and foreground deletion exclude each other.
    public static func validateFinalizers(_ finalizers: [String], path: String) -> [FieldError] {
        var errs: [FieldError] = []
        for f in finalizers {
            errs += NameValidation.isQualifiedName(f).map { .invalid(path, .string(f), $0) }
        }
        if finalizers.contains("orphan") && finalizers.contains("foregroundDeletion") {
            errs.append(.invalid(path, .array(finalizers.map { .string($0) }),
                                 "finalizer orphan and foregroundDeletion cannot be both set"))
        }
        return errs
    }

    /// Each owner reference needs apiVersion (with a version), kind, name and uid; at most one
    /// may be the controller.
    public static func validateOwnerReferences(_ refs: [JSONValue], path: String) -> [FieldError] {
        var errs: [FieldError] = []
        var firstController: String?
        for ref in refs {
            let apiVersion = ref["apiVersion"]?.stringValue ?? ""
            let kind = ref["kind"]?.stringValue ?? ""
            let name = ref["name"]?.stringValue ?? ""
            let uid = ref["uid"]?.stringValue ?? ""
            // "v1" has version v1; "apps/v1" has v1; "apps/" has none.
            let version = apiVersion.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            if version.isEmpty || apiVersion.split(separator: "/", omittingEmptySubsequences: false).count > 2 {
                errs.append(.invalid(path + ".apiVersion", .string(apiVersion), "version must not be empty"))
            }
            if kind.isEmpty { errs.append(.invalid(path + ".kind", .string(kind), "kind must not be empty")) }
            if name.isEmpty { errs.append(.invalid(path + ".name", .string(name), "name must not be empty")) }
            if uid.isEmpty { errs.append(.invalid(path + ".uid", .string(uid), "uid must not be empty")) }
            if ref["controller"]?.boolValue == true {
                let current = kind + "/" + name
                if let first = firstController {
                    errs.append(.invalid(path, .array(refs),
                        "Only one reference can have Controller set to true. Found \"true\" in references for \(first) and \(current)"))
                } else {
                    firstController = current
                }
            }
        }
        return errs
    }

    public static func validateNonnegative(_ value: Int64, path: String) -> [FieldError] {
        value < 0 ? [.invalid(path, .int(value), negativeErrorMessage)] : []
    }

    /// A `map[string]string` from JSON; non-string values are left to schema validation.
    static func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let o = value?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in o { if let s = v.stringValue { out[k] = s } }
        return out
    }
}
