import FintrakCore
import FintrakRabbitMQ
import FintrakRedis
import FintrakRuntime
import Foundation
import Logging
import Metrics

/// What every provider's webhook does with a verified message: refuse strangers, drop repeats, route it,
/// and publish it. A message is either confirmed by the broker or the provider is told to retry — never dropped.
struct MessageIntake: Sendable {
    enum Outcome: Equatable {
        case enqueued(String)
        case duplicate
        case refused
    }

    let redis: RedisClient
    let publisher: AMQPPublisher
    let queues: Queues
    let allowedPhoneNumbers: Set<String>?
    let logger: Logger

    static let seenExpiry = 86_400
    static let conversationExpiry = 3_600

    static func seenKey(_ message: InboundMessage) -> String {
        "intake:seen:\(message.provider.rawValue):\(message.providerMessageID)"
    }

    static func conversationKey(_ tenant: String) -> String { "conversation:\(tenant)" }

    func accept(_ incoming: InboundMessage) async throws -> Outcome {
        var message = incoming
        let seenKey = Self.seenKey(message)
        guard try await redis.set(seenKey, message.correlationID, expireSeconds: Self.seenExpiry, onlyIfAbsent: true) else {
            Counter(label: "intake_messages_total", dimensions: [("outcome", "duplicate")]).increment()
            return .duplicate
        }
        do {
            if let allowed = allowedPhoneNumbers, !allowed.contains(message.tenant) {
                try await refuse(message)
                return .refused
            }
            let state = try await conversation(of: message.tenant)
            message.conversation = state
            let decision = Routing.decide(text: message.text, hasMedia: !message.media.isEmpty, state: state)
            let queue = decision.destination == .invoices ? queues.invoices : queues.questions
            try await publisher.publish(queues.inbound(message, to: queue))
            try await remember(decision.nextState, for: message.tenant)
            Counter(label: "intake_messages_total", dimensions: [("outcome", "enqueued")]).increment()
            return .enqueued(queue)
        } catch {
            // Not enqueued: forget the message so the provider's retry is processed, not dropped as a repeat.
            try? await redis.delete(seenKey)
            throw error
        }
    }

    private func conversation(of tenant: String) async throws -> ConversationState? {
        guard let json = try await redis.get(Self.conversationKey(tenant)) else { return nil }
        return try? EnvelopeCoding.decode(ConversationState.self, from: Data(json.utf8))
    }

    private func remember(_ state: ConversationState?, for tenant: String) async throws {
        let key = Self.conversationKey(tenant)
        guard let state else {
            try await redis.delete(key)
            return
        }
        let json = String(decoding: try EnvelopeCoding.encode(state), as: UTF8.self)
        try await redis.set(key, json, expireSeconds: Self.conversationExpiry)
    }

    /// One polite refusal a day per stranger; nothing else about them is stored.
    private func refuse(_ message: InboundMessage) async throws {
        Counter(label: "intake_messages_total", dimensions: [("outcome", "refused")]).increment()
        guard try await redis.set("intake:refused:\(message.tenant)", "1", expireSeconds: 86_400, onlyIfAbsent: true)
        else { return }
        let reply = OutboundReply(to: message, body: Replies.notAllowed)
        try await publisher.publish(queues.reply(reply))
    }
}
