/// Validates an object's `metadata` the way upstream's `ValidateObjectMeta` does: name or
/// generateName per the kind's name rule, namespace presence per scope, generation, labels,
/// annotations, owner references and finalizers. Paths start at `path` (`metadata` for a
/// top-level object, `spec.template.metadata` for templates).
public func validateObjectMeta(_ metadata: JSONValue, namespaced: Bool, nameValidator: NameValidator,
                               path: String = "metadata") -> [FieldError] {
    var errs: [FieldError] = []
    let generateName = metadata["generateName"]?.stringValue ?? ""
    if !generateName.isEmpty {
        for msg in nameValidator(generateName, true) {
            errs.append(.invalid(path + ".generateName", .string(generateName), msg))
        }
    }
    let name = metadata["name"]?.stringValue ?? ""
    if name.isEmpty {
        errs.append(.required(path + ".name", "name or generateName is required"))
    } else {
        for msg in nameValidator(name, false) {
            errs.append(.invalid(path + ".name", .string(name), msg))
        }
    }
    let namespace = metadata["namespace"]?.stringValue ?? ""
    if namespaced {
        if namespace.isEmpty {
            errs.append(.required(path + ".namespace"))
        } else {
            for msg in NameValidators.dnsLabel(namespace, false) {
                errs.append(.invalid(path + ".namespace", .string(namespace), msg))
            }
        }
    } else if !namespace.isEmpty {
        errs.append(.forbidden(path + ".namespace", "not allowed on this type"))
    }
    if let generation = metadata["generation"]?.intValue {
        errs += MetadataValidation.validateNonnegative(generation, path: path + ".generation")
    }
    errs += MetadataValidation.validateLabels(MetadataValidation.stringMap(metadata["labels"]), path: path + ".labels")
    errs += MetadataValidation.validateAnnotations(MetadataValidation.stringMap(metadata["annotations"]), path: path + ".annotations")
    errs += MetadataValidation.validateOwnerReferences(metadata["ownerReferences"]?.arrayValue ?? [], path: path + ".ownerReferences")
    errs += MetadataValidation.validateFinalizers((metadata["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue),
                                                  path: path + ".finalizers")
    return errs
}

/// The metadata rules of an update: identity fields cannot change, a deleting object takes no
/// new finalizers, and the new metadata must itself be valid. Upstream's `ValidateObjectMetaUpdate`,
/// minus the resourceVersion check, which the API server applies with its own precondition logic.
public func validateObjectMetaUpdate(_ metadata: JSONValue, old: JSONValue, path: String = "metadata") -> [FieldError] {
    var errs: [FieldError] = []
    for field in ["name", "namespace", "uid", "creationTimestamp"] {
        let new = metadata[field] ?? .null
        let before = old[field] ?? .null
        if new != before {
            errs.append(.invalid(path + "." + field, new.isNull ? .string("") : new, MetadataValidation.immutableErrorMessage))
        }
    }
    if let oldDeletion = old["deletionTimestamp"], !oldDeletion.isNull {
        let new = metadata["deletionTimestamp"] ?? .null
        if new != oldDeletion {
            errs.append(.invalid(path + ".deletionTimestamp", new, MetadataValidation.immutableErrorMessage))
        }
        let oldFinalizers = Set((old["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
        let added = (metadata["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !oldFinalizers.contains($0) }
        if !added.isEmpty {
            let quoted = added.map { "\"\($0)\"" }.joined(separator: " ")
            errs.append(.forbidden(path + ".finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers [\(quoted)]"))
        }
    }
    if let generation = metadata["generation"]?.intValue {
        errs += MetadataValidation.validateNonnegative(generation, path: path + ".generation")
    }
    errs += MetadataValidation.validateLabels(MetadataValidation.stringMap(metadata["labels"]), path: path + ".labels")
    errs += MetadataValidation.validateAnnotations(MetadataValidation.stringMap(metadata["annotations"]), path: path + ".annotations")
    errs += MetadataValidation.validateOwnerReferences(metadata["ownerReferences"]?.arrayValue ?? [], path: path + ".ownerReferences")
    errs += MetadataValidation.validateFinalizers((metadata["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue),
                                                  path: path + ".finalizers")
    return errs
}
