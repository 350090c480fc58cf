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

    public func service() -> WorkerService {
        let consumer = infrastructure.consumer(of: queue, prefetch: prefetch)
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
            return .deadLetter
        }
        var scoped = logger
        scoped[metadataKey: "correlation_id"] = "\(message.correlationID)"
        do {
            let replies = try await handler(message, scoped)
            try await infrastructure.publisher.publish(replies.map(infrastructure.queues.reply))
            Timer(label: "handler_duration_seconds", dimensions: [("queue", queue)])
                .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            return .ack
        } catch {
            let attempt = delivery.deliveryCount + 1
            scoped.error("handling failed", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
            Counter(label: "handler_failures_total", dimensions: [("queue", queue)]).increment()
            guard attempt >= attempts else { return .requeue }
            let apology = OutboundReply(to: message, body: Replies.apology(reference: message.correlationID))
            do {
                try await infrastructure.publisher.publish(infrastructure.queues.reply(apology))
                return .ack
            } catch {
                return .requeue
            }
        }
    }
}
