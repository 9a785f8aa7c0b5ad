import KubeMachinery
import KubeResources
import Testing

@Suite("core/v1 ↔ events.k8s.io/v1 Event conversion")
struct EventConversionTests {
    static let core: JSONValue = [
        "apiVersion": "v1", "kind": "Event", "metadata": ["name": "e", "namespace": "default"],
        "involvedObject": ["kind": "Pod", "name": "p"], "message": "started", "reason": "Started", "type": "Normal",
        "reportingComponent": "kubelet", "source": ["component": "kubelet"], "count": 3,
        "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:01:00Z",
    ]

    @Test("each core field has its events.k8s.io name", arguments: [
        ("involvedObject", "regarding"), ("message", "note"), ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"), ("count", "deprecatedCount"),
        ("firstTimestamp", "deprecatedFirstTimestamp"), ("lastTimestamp", "deprecatedLastTimestamp"),
    ])
    func fieldIsRenamed(core: String, events: String) {
        let e = EventConversion.coreToEvents(Self.core)
        #expect(e["apiVersion"] == "events.k8s.io/v1")
        #expect(e[events] == Self.core[core])
        #expect(e[core] == nil)
    }

    @Test("core → events.k8s.io → core gives back the object")
    func roundTrip() {
        #expect(EventConversion.eventsToCore(EventConversion.coreToEvents(Self.core)) == Self.core)
    }
}
