/// When to try a failed send again: exponential back-off with jitter, never sooner than the provider's
/// `Retry-After`, waiting in the delay queue whose bound fits (Queues.replyRetryBounds) so nothing blocks.
struct RetryPolicy: Sendable {
    var maxAttempts: Int
    var base: Duration = .seconds(1)
    var cap: Duration = .seconds(120)

    /// The wait before attempt `attempt + 1`, with ±20 % jitter from `random` in 0...1.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration {
        let exponential = base * (1 << min(max(attempt - 1, 0), 16))
        let capped = min(exponential, cap)
        let jittered = capped * (0.8 + 0.4 * random)
        return min(max(jittered, retryAfter ?? .zero), cap)
    }

    /// The delay queue for a wait: the smallest whose bound is at least the wait.
    static func queueBound(for delay: Duration, bounds: [Duration]) -> Duration {
        bounds.first { $0 >= delay } ?? bounds[bounds.count - 1]
    }
}
