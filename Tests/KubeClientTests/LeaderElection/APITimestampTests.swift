import Foundation
import KubeClient
import Testing

@Suite("API timestamps")
struct APITimestampTests {
    @Test("MicroTime has six fractional digits and Time whole seconds, in UTC",
          arguments: [
            (1_795_313_788.123456, "2026-11-22T02:16:28.123456Z", "2026-11-22T02:16:28Z"),
            (0.0, "1970-01-01T00:00:00.000000Z", "1970-01-01T00:00:00Z"),
            (951_782_400.5, "2000-02-29T00:00:00.500000Z", "2000-02-29T00:00:00Z"),
          ])
    func formats(seconds: Double, micro: String, time: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(APITimestamp.microTime(date) == micro)
        #expect(APITimestamp.time(date) == time)
    }

    @Test("parsing accepts both forms and numeric offsets",
          arguments: [
            ("2026-11-22T02:16:28.123456Z", 1_795_313_788.123456),
            ("2026-11-22T02:16:28Z", 1_795_313_788.0),
            ("2026-11-22T03:16:28+01:00", 1_795_313_788.0),
          ])
    func parses(text: String, seconds: Double) throws {
        let d = try #require(APITimestamp.parse(text))
        #expect(abs(d.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test("malformed timestamps are rejected", arguments: ["", "2026-11-22", "2026-13-01T00:00:00Z", "2026-11-22T02:16:28", "2026-11-22T02:16:28.Z"])
    func rejects(text: String) {
        #expect(APITimestamp.parse(text) == nil)
    }
}
