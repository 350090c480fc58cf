import FintrakCore

/// What one verified webhook request carried, normalised: the messages to accept in order and the delivery
/// reports to publish. Every provider's parser ends here.
public struct WebhookContent: Equatable, Sendable {
    public var messages: [InboundMessage]
    public var statuses: [DeliveryStatusEvent]
    /// Messages intake does not pass on (reactions), by type.
    public var skipped: [String]

    public init(messages: [InboundMessage] = [], statuses: [DeliveryStatusEvent] = [], skipped: [String] = []) {
        self.messages = messages
        self.statuses = statuses
        self.skipped = skipped
    }
}
