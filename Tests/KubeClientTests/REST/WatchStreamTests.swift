import KubeClient
import KubeMachinery
import Testing

@Suite("WatchStream: newline-delimited events across arbitrary chunk boundaries")
struct WatchStreamTests {
    static let twoEvents = #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"# + "\n" + #"{"type":"DELETED","object":{"metadata":{"name":"b"}}}"# + "\n"

    /// Splits the same bytes at every chunk size from 1 to the whole: the decoded events must not depend on it.
    @Test(arguments: [1, 2, 7, 30, 53, 54, 200])
    func chunkingDoesNotChangeEvents(_ size: Int) async throws {
        let bytes = Array(Self.twoEvents.utf8)
        let (stream, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        var i = 0
        while i < bytes.count {
            c.yield(Array(bytes[i..<min(i + size, bytes.count)]))
            i += size
        }
        c.finish()
        var got: [(WatchEvent.EventType, String)] = []
        for try await e in WatchStream(chunks: stream) { got.append((e.type, e.object[path: ["metadata", "name"]]?.stringValue ?? "")) }
        #expect(got.map(\.0) == [.added, .deleted])
        #expect(got.map(\.1) == ["a", "b"])
    }

    @Test func finalEventWithoutNewlineAndBlankLines() async throws {
        let (stream, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        c.yield(Array("\n\r\n".utf8))
        c.yield(Array(#"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"12"}}}"#.utf8))
        c.finish()
        var types: [WatchEvent.EventType] = []
        for try await e in WatchStream(chunks: stream) { types.append(e.type) }
        #expect(types == [.bookmark])
    }

    @Test func errorEventCarriesTheStatus() async throws {
        let (stream, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        c.yield(Array((#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1 (5)"}}"# + "\n").utf8))
        c.finish()
        var errors: [APIError] = []
        for try await e in WatchStream(chunks: stream) { if let err = e.error { errors.append(err) } }
        #expect(errors.count == 1)
        #expect(errors.first?.isGone == true)
        #expect(errors.first?.code == 410)
    }

    @Test(arguments: [#"{"type":"WHATEVER","object":{}}"#, #"not json"#])
    func malformedEventsThrow(_ line: String) async {
        let (stream, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        c.yield(Array((line + "\n").utf8))
        c.finish()
        await #expect(throws: (any Error).self) {
            for try await _ in WatchStream(chunks: stream) {}
        }
    }
}
