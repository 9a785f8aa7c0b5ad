/// How one protobuf message of the Kubernetes API maps onto its JSON form: for each field
/// number, the JSON name, the value type, and whether an empty value is kept.
///
/// ## Empty values
/// Kubernetes' generated marshallers write every non-pointer field, even when it holds its zero
/// value, and write pointer fields only when set. The wire therefore cannot tell `replicas: 0`
/// (a set `*int32`) from a `hostPort: 0` that only exists because the field is not a pointer.
/// The JSON this decoder produces follows these rules:
/// - Messages are kept whenever present, even when empty (`resources: {}`, `emptyDir: {}`),
///   as Go's JSON keeps both struct fields and set struct pointers. Elements of repeated
///   messages are always kept.
/// - Integers and booleans are kept whenever present, because many are pointers whose explicit
///   zero means something (`replicas: 0`, `runAsUser: 0`, `automountServiceAccountToken: false`).
///   Fields known to be non-pointer `omitempty` are marked `.omitEmpty`, so their zero is dropped
///   as Go's JSON would drop it.
/// - Strings, bytes, repeated fields and maps are dropped when empty, as `omitempty` does, except
///   fields marked `.keepEmpty` (pointer strings such as `storageClassName: ""`).
/// - `Time`/`MicroTime` at the zero instant are dropped (Go writes `null`).
/// - A field whose JSON name is empty is an embedded Go struct (`json:",inline"`): its members
///   are merged into the enclosing object.
struct ProtobufMessageDescriptor: Sendable {
    let name: String
    let fields: [Int: ProtobufField]

    init(_ name: String, _ fields: [ProtobufField]) {
        self.name = name
        self.fields = Dictionary(fields.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

struct ProtobufField: Sendable {
    enum Emptiness: Sendable {
        case omitEmpty
        case keepEmpty
    }

    let number: Int
    /// The JSON member name; empty for an inlined embedded struct.
    let jsonName: String
    let type: ProtobufFieldType
    let emptiness: Emptiness

    init(_ number: Int, _ jsonName: String, _ type: ProtobufFieldType, _ emptiness: Emptiness? = nil) {
        self.number = number
        self.jsonName = jsonName
        self.type = type
        self.emptiness = emptiness ?? type.defaultEmptiness
    }
}

indirect enum ProtobufFieldType: Sendable {
    case string
    /// `[]byte`: base64 in JSON.
    case bytes
    case bool
    case int32
    case int64
    case uint32
    case uint64
    case sint32
    case sint64
    case double
    case float
    /// Another table, by its short name (`core.v1.PodSpec`).
    case message(String)
    /// `metav1.Time`: RFC 3339 with whole seconds.
    case time
    /// `metav1.MicroTime`: RFC 3339 with six fractional digits.
    case microTime
    /// `metav1.Duration`: Go's duration string (`1h0m0s`).
    case duration
    /// `resource.Quantity`: its string form.
    case quantity
    /// `intstr.IntOrString`: a JSON number or string.
    case intOrString
    /// `runtime.RawExtension`: the raw bytes hold a JSON document (or a nested protobuf object).
    case rawExtension
    /// `metav1.FieldsV1`: raw JSON.
    case fieldsV1
    case repeated(ProtobufFieldType)
    case map(ProtobufFieldType, ProtobufFieldType)

    fileprivate var defaultEmptiness: ProtobufField.Emptiness {
        switch self {
        case .string, .bytes, .repeated, .map, .time, .microTime: return .omitEmpty
        default: return .keepEmpty
        }
    }
}
