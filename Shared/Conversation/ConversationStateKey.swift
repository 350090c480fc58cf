/// Where a sender's conversation state (`ConversationState`, JSON) lives in Redis and for how long. Intake reads and
/// clears it, the extractor records the last invoice in it; both go through this one definition.
package enum ConversationStateKey {
    /// The Redis key of `tenant`'s conversation.
    package static func key(tenant: String) -> String { "conversation:\(tenant)" }

    /// The state is forgotten an hour after it was last written: an "undo" the next day is not about today's bill.
    package static let lifetimeSeconds = 3_600
}
