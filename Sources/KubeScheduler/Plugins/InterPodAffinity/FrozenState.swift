/// A cycle-state value behind one reference. Filter and Score read their plugin's state once per
/// node; reading a class back out of CycleState is one cast and one retain, where a struct full of
/// dictionaries is copied field by field. Never mutated: PreFilter extensions (`addPod`/`removePod`)
/// write a new box, so a cloned CycleState still shares nothing mutable.
final class FrozenState<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
