import FailurePolicy
import FintrakCore
import FintrakObservability
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import Logging
import Metrics

/// The consumer of an inbound work queue's dead letters: whatever reaches them — given up on by `InboundWorker`,
/// or by the broker at the queue's delivery limit (a message that crashed its handler again and again) — is kept
/// in `inbound_dead_letters` for `fintrak dead-letters inbound`, counted in `dead_letters_total{queue}`, and
/// answered with the promised apology and reference id. The apology's reply id is the one the answer would have
/// had, so a sender who was answered after all is not answered twice (the responder sends a reply id once).
struct InboundDeadLetters: Sendable {
    let infrastructure: Infrastructure
    /// The work queue whose dead letters these are.
    let queue: String

    func handle(_ delivery: AMQPDelivery) async -> AMQPDisposition {
        var logger = infrastructure.logger
        let reason = delivery.headers[InboundWorker.lastErrorHeader]
            ?? "dead-lettered by the broker: \(delivery.headers["x-first-death-reason"] ?? "unknown reason")"
        guard let message = try? EnvelopeCoding.decode(InboundMessage.self, from: delivery.body) else {
            // No sender to answer and nothing to replay: dropped, logged by its ids and size, never its text.
            logger.error("unreadable inbound dead letter dropped",
                         metadata: delivery.unreadableSummary.merging(["queue": "\(queue)", "reason": "\(reason)"]) { $1 })
            FintrakMetrics.deadLetters(queue: queue).increment()
            return .ack
        }
        logger[metadataKey: "correlation_id"] = "\(message.correlationID)"
        do {
            let queue = queue
            let kept = try await infrastructure.database.write(tenant: message.tenant) { session in
                try InboundDeadLetterStore.keep(message, queue: queue, reason: reason, session: session)
            }
            if kept {
                FintrakMetrics.deadLetters(queue: queue).increment()
                logger.error("inbound message given up on; kept, and answered with an apology", metadata: [
                    "queue": "\(queue)", "reason": "\(reason)",
                ])
            }
            let apology = OutboundReply(to: message, body: Replies.apology(reference: message.correlationID))
            try await infrastructure.publisher.publish(infrastructure.queues.reply(apology))
            return .ack
        } catch {
            // PostgreSQL or the broker is away: keep the dead letter (its queue has no delivery limit) and slow down.
            logger.error("cannot keep an inbound dead letter yet; will try again", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: RetryPolicies.deadLetterRecordPause)
            return .requeue
        }
    }
}
