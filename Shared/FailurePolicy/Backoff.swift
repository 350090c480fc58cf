/// Exponential back-off: `base`, doubling with each retry up to `cap`, spread by ±`jitter` so that many clients
/// failing together do not come back together.
public struct Backoff: Sendable, Hashable {
    /// The wait before the first retry.
    public var base: Duration
    /// No wait is longer than this.
    public var cap: Duration
    /// The fraction a wait may move either way (0.2: ±20 %); 0 for none.
    public var jitter: Double

    /// - Parameter jitter: clamped to 0...1.
    public init(base: Duration, cap: Duration, jitter: Double = 0) {
        self.base = base
        self.cap = cap
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait before retry number `retry` (1 for the first): `base · 2^(retry−1)`, capped, then jittered.
    /// - Parameter random: a number in 0...1 that places the wait within the jitter (0: shortest, 1: longest).
    public func delay(retry: Int, random: Double = .random(in: 0...1)) -> Duration {
        let exponential = base * (1 << min(max(retry - 1, 0), 16))
        let capped = min(exponential, cap)
        guard jitter > 0 else { return capped }
        return min(capped * (1 - jitter + 2 * jitter * min(max(random, 0), 1)), cap)
    }

    /// The waits from the first retry on, for loops that keep trying (`for wait in backoff.delays() { … }`).
    public func delays() -> some Sequence<Duration> {
        (1...).lazy.map { delay(retry: $0) }
    }
}
