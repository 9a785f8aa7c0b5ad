import KubeClient
import KubeMachinery
import Synchronization
import Testing

/// A transport that holds requests (every one, or those `stalls` picks) until `open()`, to
/// stall the recorder's writers.
final class GatedTransport: KubeTransport {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var requests: [ClientRequest] = []
        var completed: [ClientRequest] = []
    }
    private let state = Mutex(State())
    private let stalls: @Sendable (ClientRequest) -> Bool

    init(stalls: @escaping @Sendable (ClientRequest) -> Bool = { _ in true }) { self.stalls = stalls }

    /// Every request received, held or not.
    var requests: [ClientRequest] { state.withLock { $0.requests } }
    /// Requests answered so far, in the order they were.
    var completed: [ClientRequest] { state.withLock { $0.completed } }
    var heldCount: Int { state.withLock { $0.waiting.count } }

    func open() {
        let waiting = state.withLock { s in
            s.open = true
            defer { s.waiting = [] }
            return s.waiting
        }
        for w in waiting { w.resume() }
    }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        let held = stalls(request)
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let go = state.withLock { s -> Bool in
                s.requests.append(request)
                if s.open || !held { return true }
                s.waiting.append(c)
                return false
            }
            if go { c.resume() }
        }
        state.withLock { $0.completed.append(request) }
        return ClientResponse(status: 201, body: request.body)
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        throw TransportError("no streams here")
    }
}

@Suite("EventRecorder buffering")
struct EventRecorderBufferTests {
    @Test("recording never blocks: with the writer stalled, events beyond the buffer are dropped")
    func fullBufferDrops() async {
        let transport = GatedTransport()
        let recorder = EventRecorder(client: KubeClient(transport: transport), component: "test", bufferSize: 2)
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "ns"]]
        recorder.event(regarding: pod, type: .normal, reason: "First", message: "1")
        // The writer has taken the first event and is stuck sending it.
        #expect(await awaitCondition { transport.requests.count == 1 })
        recorder.event(regarding: pod, type: .normal, reason: "Second", message: "2")  // buffered
        recorder.event(regarding: pod, type: .normal, reason: "Third", message: "3")   // dropped: two outstanding
        transport.open()
        await recorder.flush()
        let reasons = transport.requests.compactMap { (try? JSONValue.parse($0.body))?["reason"]?.stringValue }
        #expect(reasons == ["First", "Second"])
        #expect(transport.requests.allSatisfy { $0.method == "POST" && $0.path == "/api/v1/namespaces/ns/events" })
    }

    @Test("a stalled write about one object does not hold back events about others; one object's events stay in order")
    func objectsAreWrittenIndependently() async {
        let transport = GatedTransport { r in (try? JSONValue.parse(r.body))?["involvedObject"]?["name"]?.stringValue == "slow" }
        let recorder = EventRecorder(client: KubeClient(transport: transport), component: "test", writers: 8)
        func pod(_ name: String) -> JSONValue { ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "ns", "uid": .string("uid-" + name)]] }
        recorder.event(regarding: pod("slow"), type: .normal, reason: "Stuck", message: "s")
        #expect(await awaitCondition { transport.heldCount == 1 })
        // Names chosen to spread over several lanes; with 8 lanes at least one differs from slow's.
        let others = (0..<16).map { "p\($0)" }
        for name in others {
            recorder.event(regarding: pod(name), type: .normal, reason: "A", message: "1")
            recorder.event(regarding: pod(name), type: .normal, reason: "B", message: "2")
        }
        #expect(await awaitCondition { transport.completed.count >= 2 })
        transport.open()
        await recorder.flush()
        let written = transport.completed.compactMap { try? JSONValue.parse($0.body) }
        let byObject = Dictionary(grouping: written, by: { $0["involvedObject"]?["name"]?.stringValue ?? "" })
            .mapValues { $0.compactMap { $0["reason"]?.stringValue } }
        for name in others { #expect(byObject[name] == ["A", "B"], "\(name)") }
        #expect(byObject["slow"] == ["Stuck"])
    }
}
