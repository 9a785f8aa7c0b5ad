import Foundation
import Testing
@testable import KubeClient

@Suite("Event spam filter: 25 per object, then one per 5 minutes")
struct EventSpamFilterTests {
    @Test func aBurstOf25PerObjectThenDrops() {
        let f = EventSpamFilter()
        let t = Date(timeIntervalSince1970: 1_000_000)
        let allowed = (0..<40).filter { _ in f.allow("rs/a", now: t) }.count
        #expect(allowed == 25)
        #expect(f.allow("rs/b", now: t), "another object has its own bucket")
    }

    @Test(arguments: [(seconds: 299.0, allowed: false), (seconds: 300.0, allowed: true), (seconds: 900.0, allowed: true)])
    func oneTokenComesBackEveryFiveMinutes(seconds: Double, allowed: Bool) {
        let f = EventSpamFilter()
        let t = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<25 { _ = f.allow("rs/a", now: t) }
        #expect(f.allow("rs/a", now: t.addingTimeInterval(seconds)) == allowed)
    }
}
