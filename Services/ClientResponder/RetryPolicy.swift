import FailurePolicy

/// When to try a failed send again (`RetryPolicies.replySend`), never sooner than the provider's `Retry-After`,
/// waiting in the delay queue whose bound fits (`Queues.replyRetryBounds`) so nothing blocks.
struct RetryPolicy: Sendable {
    /// `REPLY_MAX_ATTEMPTS`: sends of one reply before it is dead-lettered.
    var maxAttempts: Int
    var backoff = RetryPolicies.replySend

    /// The wait before attempt `attempt + 1`, jittered by `random` in 0...1.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration {
        min(max(backoff.delay(retry: attempt, random: random), retryAfter ?? .zero), backoff.cap)
    }
}
