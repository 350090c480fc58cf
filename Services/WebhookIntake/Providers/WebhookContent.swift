import FintrakCore

/// What one verified webhook request carried, normalised: the messages to accept in order and the delivery
/// reports to publish. Every provider's parser ends here.
struct WebhookContent: Equatable, Sendable {
    var messages: [InboundMessage] = []
    var statuses: [DeliveryStatusEvent] = []
    /// Messages intake does not pass on (reactions), by type.
    var skipped: [String] = []
}
