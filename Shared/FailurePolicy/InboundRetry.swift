/// What becomes of an inbound message whose handler failed (invoice-extractor, query-generator). An outage — a
/// PostgreSQL or broker blip — only delays the message; only failures of the message itself use up its attempts.
public enum InboundRetry: Sendable, Equatable {
    /// The moment's fault: wait this long in a delay queue; the message's attempts stay as they are.
    case postpone(Duration)
    /// The message's own failure with attempts left: try again after this wait.
    case retry(Duration)
    /// Attempts used up (or the outage outlasted `RetryPolicies.inboundPostponements`): dead-letter it, and the
    /// dead-letter consumer answers the sender with an apology and keeps the message.
    case giveUp

    /// - Parameters:
    ///   - transient: whether this failure is the moment's fault (`TransientFailure`).
    ///   - failedAttempts: failures of the message itself before this one.
    ///   - postponements: times it was put off before this one.
    ///   - random: places the wait within the policy's jitter (0...1).
    public static func after(transient: Bool, failedAttempts: Int, postponements: Int,
                             random: Double = .random(in: 0...1)) -> InboundRetry {
        if transient, postponements < RetryPolicies.inboundPostponements {
            return .postpone(RetryPolicies.inboundPostponed.delay(retry: postponements + 1, random: random))
        }
        let attempts = failedAttempts + 1
        guard attempts < RetryPolicies.handlerAttempts else { return .giveUp }
        return .retry(RetryPolicies.handlerRetry.delay(retry: attempts, random: random))
    }
}
