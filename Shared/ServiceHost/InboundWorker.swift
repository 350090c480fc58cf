import FailurePolicy
import FintrakCore
import FintrakObservability
import FintrakQueues
import FintrakRabbitMQ
import Foundation
import Logging
import Metrics

/// The loop shared by the services that answer inbound messages (invoice-extractor, query-generator):
/// decode, handle, publish the replies, and only then ack. Every message ends with exactly one answer:
/// a handler failure is retried a few times (the broker redelivers) and then answered with an apology.
public struct InboundWorker: Sendable {
    /// What a handler returns for a message: the reply texts (and files), in order.
    public typealias Handler = @Sendable (InboundMessage, Logger) async throws -> [OutboundReply]

    public let infrastructure: Infrastructure
    public let queue: String
    public let prefetch: Int
    public let handler: Handler
    /// Attempts before giving up with an apology (below the queue's delivery limit, so the apology is sent).
    public var attempts = RetryPolicies.handlerAttempts

    public init(infrastructure: Infrastructure, queue: String, prefetch: Int = 16, handler: @escaping Handler) {
        self.infrastructure = infrastructure
        self.queue = queue
        self.prefetch = prefetch
        self.handler = handler
    }

    /// The consumer as a ServiceLifecycle service: it stops taking messages at graceful shutdown.
    public func service() -> WorkerService {
        let consumer = infrastructure.consumer(of: queue, prefetch: prefetch)
        _ = FintrakMetrics.deadLetters(queue: queue)
        return WorkerService(name: "consumer \(queue)") {
            try await consumer.run { delivery in await handle(delivery) }
        }
    }

    func handle(_ delivery: AMQPDelivery) async -> AMQPDisposition {
        let logger = infrastructure.logger
        let started = ContinuousClock.now
        let message: InboundMessage
        do {
            message = try EnvelopeCoding.decode(InboundMessage.self, from: delivery.body)
        } catch {
            logger.error("undecodable message dead-lettered", metadata: ["queue": "\(queue)", "error": "\(error)"])
            count(kind: "unknown", outcome: "dead_lettered")
            FintrakMetrics.deadLetters(queue: queue).increment()
            return .deadLetter
        }
        let kind = message.media.isEmpty ? "text" : "media"
        if delivery.deliveryCount == 0 {
            // From intake's receipt to this consumer: how long the message waited in the queue.
            Timer(label: "queue_lag_seconds", dimensions: [("queue", queue)])
                // At most a year: an envelope's date is data, and a far-off one must not overflow the nanoseconds.
                .recordNanoseconds(Int64(min(max(0, Date().timeIntervalSince(message.receivedAt)), 31_536_000) * 1e9))
        }
        var scoped = logger
        scoped[metadataKey: "correlation_id"] = "\(message.correlationID)"
        do {
            let replies = try await handler(message, scoped)
            try await infrastructure.publisher.publish(replies.map(infrastructure.queues.reply))
            Timer(label: "handler_duration_seconds", dimensions: [("queue", queue)])
                .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            count(kind: kind, outcome: "answered")
            return .ack
        } catch {
            let attempt = delivery.deliveryCount + 1
            scoped.error("handling failed", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
            Counter(label: "handler_failures_total", dimensions: [("queue", queue)]).increment()
            guard attempt >= attempts else {
                count(kind: kind, outcome: "retried")
                return .requeue
            }
            let apology = OutboundReply(to: message, body: Replies.apology(reference: message.correlationID))
            do {
                try await infrastructure.publisher.publish(infrastructure.queues.reply(apology))
                count(kind: kind, outcome: "apologized")
                return .ack
            } catch {
                count(kind: kind, outcome: "retried")
                return .requeue
            }
        }
    }

    /// `messages_total{queue, kind, outcome}`: answered, retried (handed back to the broker), apologized (gave up
    /// with an apology), dead_lettered (undecodable).
    private func count(kind: String, outcome: String) {
        Counter(label: "messages_total", dimensions: [("queue", queue), ("kind", kind), ("outcome", outcome)]).increment()
    }
}
