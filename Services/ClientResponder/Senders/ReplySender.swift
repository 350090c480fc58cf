import FintrakCore

/// Why a send failed, and whether trying again can help.
enum DeliveryError: Error, CustomStringConvertible {
    /// 429, 5xx, timeouts, refused connections: back off and try again (after `retryAfter` if the provider said so).
    case retryable(String, retryAfter: Duration?)
    /// Any other 4xx, a missing configuration: trying again would fail the same way.
    case permanent(String)

    var description: String {
        switch self {
        case .retryable(let reason, _): "retryable: \(reason)"
        case .permanent(let reason): "permanent: \(reason)"
        }
    }
}

/// Sends one reply through one provider; returns the provider's id for the message when it gives one.
protocol ReplySender: Sendable {
    func send(_ reply: OutboundReply) async throws(DeliveryError) -> String?
}
