import KubeMachinery

/// One event of a watch stream.
public struct WatchEvent: Sendable {
    public enum EventType: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }
    public var type: EventType
    /// The object (for ERROR: the Status).
    public var object: JSONValue

    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    /// For ERROR events: the Status as an error.
    public var error: APIError? {
        guard type == .error else { return nil }
        return APIError(code: Int(object["code"]?.intValue ?? 500), reason: object["reason"]?.stringValue ?? "",
                        message: object["message"]?.stringValue ?? "")
    }
}

/// The events of a watch, decoded from the newline-delimited JSON the server streams.
/// Iterate it once; it ends when the server closes the stream.
public struct WatchStream: AsyncSequence, Sendable {
    public typealias Element = WatchEvent
    let chunks: AsyncThrowingStream<[UInt8], any Error>

    public init(chunks: AsyncThrowingStream<[UInt8], any Error>) { self.chunks = chunks }

    public func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks.makeAsyncIterator()) }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
        var buffer: [UInt8] = []
        var start = 0
        var finished = false

        public mutating func next() async throws -> WatchEvent? {
            while true {
                if let line = nextLine() {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                    let json = try JSONValue.parse(line)
                    guard let t = json["type"]?.stringValue, let type = WatchEvent.EventType(rawValue: t) else {
                        throw TransportError("watch: event without a known type")
                    }
                    return WatchEvent(type: type, object: json["object"] ?? .null)
                }
                if finished { return nil }
                guard let chunk = try await chunks.next() else {
                    finished = true
                    // A final document without a trailing newline still counts.
                    if start < buffer.count { buffer.append(0x0A) }
                    continue
                }
                if start > 0 && start >= buffer.count / 2 {
                    buffer.removeFirst(start)
                    start = 0
                }
                buffer.append(contentsOf: chunk)
            }
        }

        private mutating func nextLine() -> ArraySlice<UInt8>? {
            guard let nl = buffer[start...].firstIndex(of: 0x0A) else { return nil }
            let line = buffer[start..<nl]
            start = nl + 1
            return line
        }
    }
}
