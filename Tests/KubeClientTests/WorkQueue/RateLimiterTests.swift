import KubeClient
import Testing

@Suite("Rate limiters")
struct RateLimiterTests {
    @Test("exponential failure delays double from the base per failure",
          arguments: [(1, 5), (2, 10), (3, 20), (4, 40), (5, 80), (6, 160)])
    func exponentialDoubles(failures: Int, expectedMilliseconds: Int) {
        let limiter = ItemExponentialFailureRateLimiter<String>(base: .milliseconds(5), max: .seconds(1000))
        var last = Duration.zero
        for _ in 0..<failures { last = limiter.when("k") }
        #expect(last == .milliseconds(expectedMilliseconds))
        #expect(limiter.numRequeues("k") == failures)
    }

    @Test("exponential delays stop at the cap, even after very many failures")
    func exponentialCaps() {
        let limiter = ItemExponentialFailureRateLimiter<String>(base: .milliseconds(1), max: .seconds(1))
        var delays: [Duration] = []
        for _ in 0..<2000 { delays.append(limiter.when("k")) }
        #expect(delays[9] == .milliseconds(512))
        #expect(delays[10] == .seconds(1))
        #expect(delays.last == .seconds(1))
    }

    @Test("forget resets a key's backoff and does not touch other keys")
    func forgetResets() {
        let limiter = ItemExponentialFailureRateLimiter<String>(base: .milliseconds(5), max: .seconds(1000))
        _ = limiter.when("a")
        _ = limiter.when("a")
        _ = limiter.when("b")
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a") == .milliseconds(5))
        #expect(limiter.when("b") == .milliseconds(10))
    }

    @Test("the token bucket lets a burst through, then spaces requests at 1/qps, and refills over time")
    func bucketBurstThenRate() {
        let t0 = ContinuousClock.now
        let limiter = BucketRateLimiter<String>(qps: 10, burst: 3, now: t0)
        let delays = (0..<5).map { _ in limiter.when(now: t0) }
        #expect(delays == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
        // Two tokens are owed; after 1s ten have been earned, capped at the burst of 3.
        #expect(limiter.when(now: t0 + .seconds(1)) == .zero)
        #expect(limiter.when(now: t0 + .seconds(1)) == .zero)
        #expect(limiter.when(now: t0 + .seconds(1)) == .zero)
        #expect(limiter.when(now: t0 + .seconds(1)) == .milliseconds(100))
        #expect(limiter.numRequeues("k") == 0)
    }

    @Test("max-of takes the longest delay and forgets in every limiter")
    func maxOfCombines() {
        let exponential = ItemExponentialFailureRateLimiter<String>(base: .milliseconds(5), max: .seconds(1000))
        let bucket = BucketRateLimiter<String>(qps: 1, burst: 1)
        let limiter = MaxOfRateLimiter<String>([exponential, bucket])
        #expect(limiter.when("k") == .milliseconds(5))  // the bucket has a token: exponential wins
        #expect(limiter.when("k") > .milliseconds(500))  // the bucket is empty: about 1s
        #expect(limiter.numRequeues("k") == 2)
        limiter.forget("k")
        #expect(limiter.numRequeues("k") == 0)
    }

    @Test("the default controller limiter starts at 5ms per key")
    func defaultControllerLimiter() {
        let limiter = MaxOfRateLimiter<String>.defaultController()
        #expect(limiter.when("a") == .milliseconds(5))
        #expect(limiter.when("a") == .milliseconds(10))
        #expect(limiter.when("b") == .milliseconds(5))
    }

    @Test("addRateLimited counts retries and requeues after the backoff; forget resets it")
    func queueRateLimiting() async {
        let q = WorkQueue<String>(rateLimiter: ItemExponentialFailureRateLimiter(base: .milliseconds(10), max: .seconds(1)))
        q.addRateLimited("k")
        q.addRateLimited("k")
        #expect(q.numRequeues("k") == 2)
        #expect(q.metrics.retries == 2)
        #expect(await q.get() == "k")
        q.done("k")
        q.forget("k")
        #expect(q.numRequeues("k") == 0)
    }
}
