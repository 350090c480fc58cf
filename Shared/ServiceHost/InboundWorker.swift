import FailurePolicy
import FintrakCore
import FintrakObservability
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import Foundation
import Logging
import Metrics

/// The loop shared by the services that answer inbound messages (invoice-extractor, query-generator):
/// decode, handle, publish the replies, and only then ack. Every message ends with exactly one answer.
///
/// A failed handler is not handed straight back to the broker, which would spend its attempts in milliseconds
/// during a two-second outage. The moment's failures (`TransientFailure`: a lost connection, a timeout, a server
/// shutting down) wait in a delay queue and cost no attempt; failures of the message itself are tried again
/// after a short wait, and after `RetryPolicies.handlerAttempts` the message goes to its dead-letter queue, where
/// `InboundDeadLetters` keeps it and answers the sender with an apology (`InboundRetry` decides which).
public struct InboundWorker: Sendable {
    /// What a handler returns for a message: the reply texts (and files), in order.
    public typealias Handler = @Sendable (InboundMessage, Logger) async throws -> [OutboundReply]

    public let infrastructure: Infrastructure
    public let queue: String
    public let prefetch: Int
    public let handler: Handler

    /// Failures of the message itself so far, carried on the copy that waits in a delay queue.
    static let attemptsHeader = "x-fintrak-attempts"
    /// Postponements so far (failures that were the moment's fault), likewise.
    static let postponedHeader = "x-fintrak-postponed"
    /// Why the message was given up on, for the dead-letter consumer.
    static let lastErrorHeader = "x-last-error"

    public init(infrastructure: Infrastructure, queue: String, prefetch: Int = 16, handler: @escaping Handler) {
        self.infrastructure = infrastructure
        self.queue = queue
        self.prefetch = prefetch
        self.handler = handler
    }

    /// The consumer of the work queue and, beside it, of its dead-letter queue, as a ServiceLifecycle service: both
    /// stop taking messages at graceful shutdown.
    public func service() -> WorkerService {
        let consumer = infrastructure.consumer(of: queue, prefetch: prefetch)
        let deadLetters = InboundDeadLetters(infrastructure: infrastructure, queue: queue)
        let deadLetterConsumer = infrastructure.consumer(of: infrastructure.queues.deadLetters(of: queue), prefetch: 4)
        _ = FintrakMetrics.deadLetters(queue: queue)
        return WorkerService(name: "consumer \(queue)") {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await consumer.run { delivery in await handle(delivery) } }
                group.addTask { try await deadLetterConsumer.run { delivery in await deadLetters.handle(delivery) } }
            }
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
            return .deadLetter
        }
        let kind = message.media.isEmpty ? "text" : "media"
        // Headers are data: a forged count is clamped so that no arithmetic on it can overflow.
        let failedAttempts = min(max(Int(delivery.headers[Self.attemptsHeader] ?? "") ?? 0, 0), 1000)
        let postponements = min(max(Int(delivery.headers[Self.postponedHeader] ?? "") ?? 0, 0), 1000)
        if delivery.deliveryCount == 0, failedAttempts == 0, postponements == 0 {
            // From intake's receipt to this consumer: how long the message waited in the queue.
            Timer(label: "queue_lag_seconds", dimensions: [("queue", queue)])
                // At most a year: an envelope's date is data, and a far-off one must not overflow the nanoseconds.
                .recordNanoseconds(Int64(min(max(0, Date().timeIntervalSince(message.receivedAt)), 31_536_000) * 1e9))
        }
        var scoped = logger
        scoped[metadataKey: "correlation_id"] = "\(message.correlationID)"
        scoped[metadataKey: "tenant"] = "\(TenantTag.of(message.tenant))"
        do {
            let replies = try await handler(message, scoped)
            try await infrastructure.publisher.publish(replies.map(infrastructure.queues.reply))
            Timer(label: "handler_duration_seconds", dimensions: [("queue", queue)])
                .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            count(kind: kind, outcome: "answered")
            trace(message, "answered", since: started)
            scoped.info("message answered", metadata: [
                "kind": "\(kind)", "replies": "\(replies.count)",
                "duration_ms": "\((ContinuousClock.now - started).nanoseconds / 1_000_000)"])
            return .ack
        } catch {
            Counter(label: "handler_failures_total", dimensions: [("queue", queue)]).increment()
            let transient = (error as? any TransientFailure)?.isTransient ?? false
            let decision = InboundRetry.after(transient: transient, failedAttempts: failedAttempts,
                                              postponements: postponements)
            var copy = AMQPOutgoing(routingKey: queue, body: delivery.body, messageID: delivery.messageID,
                                    correlationID: delivery.correlationID,
                                    headers: [Self.attemptsHeader: "\(failedAttempts)", Self.postponedHeader: "\(postponements)"])
            let outcome: String
            switch decision {
            case .postpone(let wait):
                copy.headers[Self.postponedHeader] = "\(postponements + 1)"
                copy = infrastructure.queues.delayed(copy, by: wait)
                outcome = "postponed"
                scoped.warning("handling failed for the moment; postponed", metadata: [
                    "postponements": "\(postponements + 1)", "delay_ms": "\(wait.milliseconds)", "error": "\(error)",
                ])
            case .retry(let wait):
                copy.headers[Self.attemptsHeader] = "\(failedAttempts + 1)"
                copy = infrastructure.queues.delayed(copy, by: wait)
                outcome = "retried"
                scoped.error("handling failed; will try again", metadata: [
                    "attempt": "\(failedAttempts + 1)", "delay_ms": "\(wait.milliseconds)", "error": "\(error)",
                ])
            case .giveUp:
                copy.routingKey = infrastructure.queues.deadLetters(of: queue)
                copy.headers[Self.lastErrorHeader] = String("\(error)".prefix(500))
                outcome = "dead_lettered"
                scoped.error("handling failed for the last time; dead-lettered", metadata: [
                    "attempts": "\(failedAttempts + 1)", "postponements": "\(postponements)", "error": "\(error)",
                ])
            }
            do {
                try await infrastructure.publisher.publish(copy)
                count(kind: kind, outcome: outcome)
                trace(message, outcome, since: started)
                return .ack
            } catch {
                // The broker is away too: hand the message back to it, after a pause so an outage does not spin.
                scoped.error("cannot park the failed message; requeued", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: RetryPolicies.inboundRequeuePause)
                count(kind: kind, outcome: "requeued")
                return .requeue
            }
        }
    }

    /// One step for `fintrak trace`.
    private func trace(_ message: InboundMessage, _ event: String, since started: ContinuousClock.Instant,
                       detail: String? = nil) {
        infrastructure.events.record(MessageEvent(
            messageID: message.providerMessageID, correlationID: message.correlationID, tenant: message.tenant,
            service: infrastructure.configuration.serviceName, event: event, queue: queue,
            duration: ContinuousClock.now - started, detail: detail))
    }

    /// `messages_total{queue, kind, outcome}`: answered, postponed (an outage; no attempt used), retried (the
    /// message failed; tried again after a wait), dead_lettered (given up on: the dead-letter consumer apologises),
    /// requeued (handed back to the broker because it could not be parked).
    private func count(kind: String, outcome: String) {
        Counter(label: "messages_total", dimensions: [("queue", queue), ("kind", kind), ("outcome", outcome)]).increment()
    }
}
