import KubeMachinery

extension APIError {
    /// A create refused because the namespace is being deleted (upstream's
    /// `NamespaceTerminatingCause`): controllers skip it instead of retrying, since the
    /// namespace's contents are about to go anyway.
    var isNamespaceTerminating: Bool {
        details?.causes.contains { $0.reason == "NamespaceTerminating" } == true
            || (code == 403 && message.contains("because it is being terminated"))
    }
}
