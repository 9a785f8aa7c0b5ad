import KubeClient
import KubeMachinery
import Synchronization
import Testing

/// A transport that holds every request until `open()`, to stall the recorder's writer.
final class GatedTransport: KubeTransport {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var requests: [ClientRequest] = []
    }
    private let state = Mutex(State())

    var requests: [ClientRequest] { state.withLock { $0.requests } }

    func open() {
        let waiting = state.withLock { s in
            s.open = true
            defer { s.waiting = [] }
            return s.waiting
        }
        for w in waiting { w.resume() }
    }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let go = state.withLock { s -> Bool in
                s.requests.append(request)
                if s.open { return true }
                s.waiting.append(c)
                return false
            }
            if go { c.resume() }
        }
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
        let recorder = EventRecorder(client: KubeClient(transport: transport), component: "test", bufferSize: 1)
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "ns"]]
        recorder.event(regarding: pod, type: .normal, reason: "First", message: "1")
        // The writer has taken the first event and is stuck sending it.
        #expect(await awaitCondition { transport.requests.count == 1 })
        recorder.event(regarding: pod, type: .normal, reason: "Second", message: "2")  // buffered
        recorder.event(regarding: pod, type: .normal, reason: "Third", message: "3")   // dropped
        transport.open()
        await recorder.flush()
        let reasons = transport.requests.compactMap { (try? JSONValue.parse($0.body))?["reason"]?.stringValue }
        #expect(reasons == ["First", "Second"])
        #expect(transport.requests.allSatisfy { $0.method == "POST" && $0.path == "/api/v1/namespaces/ns/events" })
    }
}
