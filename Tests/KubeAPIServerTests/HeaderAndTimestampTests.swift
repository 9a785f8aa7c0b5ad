import Foundation
@testable import KubeAPIServer
import Testing

@Suite("Media types and timestamps on the hot path")
struct HeaderAndTimestampTests {
    @Test("the media type is the part before parameters, spaces trimmed", arguments: [
        ("application/json", "application/json"),
        ("application/json; charset=utf-8", "application/json"),
        ("  application/yaml ;x=y", "application/yaml"),
        ("application/vnd.kubernetes.protobuf", "application/vnd.kubernetes.protobuf"),
        ("", ""),
    ])
    func essence(header: String, media: String) {
        #expect(MediaType.essence(header) == media)
    }

    @Test("byte-wise contains finds Table requests only where asked", arguments: [
        ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", true),
        ("application/json", false),
        ("as=Tabl", false),
        ("", false),
    ])
    func containsTable(accept: String, expected: Bool) {
        #expect(MediaType.contains(accept, "as=Table") == expected)
    }

    @Test("timestamps are RFC 3339 UTC seconds, zero-padded", arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (951_782_400.0, "2000-02-29T00:00:00Z"),
        (1_798_761_599.0, "2026-12-31T23:59:59Z"),
    ])
    func timestamp(seconds: Double, text: String) {
        #expect(ObjectMetaRules.timestamp(Date(timeIntervalSince1970: seconds)) == text)
    }
}
