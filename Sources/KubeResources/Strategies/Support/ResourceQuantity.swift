import KubeMachinery

/// The strategies compare and add quantities with the shared `Quantity` (upstream's parsing and
/// canonical forms); this only adds the failable JSON reading they use.
typealias ResourceQuantity = Quantity

extension Quantity {
    /// nil when the value is not a quantity (upstream rejects it while decoding).
    init?(_ json: JSONValue) {
        guard let q = try? Quantity(json: json) else { return nil }
        self = q
    }
}
