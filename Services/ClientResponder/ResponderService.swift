import FintrakCore
import FintrakHTTPClient
import FintrakRabbitMQ
import FintrakRuntime
import Foundation
import Logging
import Metrics

/// `client-responder`: the only way out. Each reply is recorded, sent once through its provider, retried
/// from a delay queue when the provider stumbles, and dead-lettered with its last error when it cannot go.
///
/// The one window for a duplicate: the provider accepted the send but the process died before `markSent`
/// committed; the redelivered reply is then sent again. It is a single UPDATE after the HTTP call.
struct ResponderService: Sendable {
    static let name = "client-responder"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let store: OutboundStore
    let policy: RetryPolicy
    let senders: [Provider: any ReplySender]
    let logger: Logger

    init(configuration: FintrakConfiguration) throws {
        var env = EnvironmentReader(configuration.environment)
        let maxAttempts = env.integer("REPLY_MAX_ATTEMPTS", default: 6, range: 1...50)
        let timeout = env.integer("REPLY_SEND_TIMEOUT_SECONDS", default: 10, range: 1...120)
        try env.check()
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
        store = OutboundStore(database: infrastructure.database)
        policy = RetryPolicy(maxAttempts: maxAttempts)
        senders = Self.senders(configuration: configuration, http: HTTPClient(logger: logger), timeout: .seconds(timeout))
    }

    static func senders(configuration: FintrakConfiguration, http: HTTPClient, timeout: Duration) -> [Provider: any ReplySender] {
        if configuration.replyMode == .console {
            return Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, ConsoleSender() as any ReplySender) })
        }
        var senders: [Provider: any ReplySender] = [.console: ConsoleSender()]
        if let twilio = configuration.twilio { senders[.twilio] = TwilioSender(settings: twilio, http: http, timeout: timeout) }
        return senders
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let consumer = infrastructure.consumer(of: infrastructure.queues.replies, prefetch: 32)
        let worker = WorkerService(name: "consumer \(infrastructure.queues.replies)") {
            try await consumer.run { delivery in await deliver(delivery) }
        }
        try await infrastructure.run(workers: [worker], onServerRunning: onServerRunning)
    }

    func deliver(_ delivery: AMQPDelivery) async -> AMQPDisposition {
        let reply: OutboundReply
        do {
            reply = try EnvelopeCoding.decode(OutboundReply.self, from: delivery.body)
        } catch {
            logger.error("undecodable reply dead-lettered", metadata: ["error": "\(error)"])
            return .deadLetter
        }
        var logger = logger
        logger[metadataKey: "correlation_id"] = "\(reply.correlationID)"
        logger[metadataKey: "reply_id"] = "\(reply.replyID)"
        do {
            let attempt = try await store.begin(reply)
            if attempt.alreadySent {
                logger.info("reply already sent; not sending again")
                return .ack
            }
            switch await send(reply) {
            case .success(let sid):
                try await store.markSent(reply, providerSID: sid)
                Counter(label: "replies_total", dimensions: [("outcome", "sent")]).increment()
                logger.info("reply sent", metadata: ["attempt": "\(attempt.number)"])
            case .failure(let error):
                try await failed(reply, attempt: attempt.number, error: error, logger: logger)
            }
            return .ack
        } catch {
            // PostgreSQL or RabbitMQ trouble: leave the reply on the queue for another try.
            logger.error("reply bookkeeping failed; requeued", metadata: ["error": "\(error)"])
            return .requeue
        }
    }

    private func send(_ reply: OutboundReply) async -> Result<String?, DeliveryError> {
        guard let sender = senders[reply.provider] else {
            return .failure(.permanent("no credentials configured for provider \(reply.provider.rawValue)"))
        }
        do throws(DeliveryError) {
            return .success(try await sender.send(reply))
        } catch {
            return .failure(error)
        }
    }

    private func failed(_ reply: OutboundReply, attempt: Int, error: DeliveryError, logger: Logger) async throws {
        let queues = infrastructure.queues
        if case .retryable(_, let retryAfter) = error, attempt < policy.maxAttempts {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: Double.random(in: 0...1))
            let queue = queues.replyRetry(bound: RetryPolicy.queueBound(for: delay, bounds: Queues.replyRetryBounds))
            var outgoing = try queues.reply(reply)
            outgoing.routingKey = queue
            outgoing.expiration = delay
            try await store.markFailed(reply, error: error.description, dead: false)
            try await infrastructure.publisher.publish(outgoing)
            Counter(label: "replies_total", dimensions: [("outcome", "retried")]).increment()
            logger.warning("send failed; will retry", metadata: [
                "attempt": "\(attempt)", "delay_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
                "error": "\(error)",
            ])
            return
        }
        var outgoing = try queues.reply(reply)
        outgoing.routingKey = queues.deadLetters(of: queues.replies)
        outgoing.headers["x-last-error"] = String(error.description.prefix(500))
        try await infrastructure.publisher.publish(outgoing)
        try await store.markFailed(reply, error: error.description, dead: true)
        Counter(label: "replies_total", dimensions: [("outcome", "dead")]).increment()
        logger.error("reply dead-lettered", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
    }
}
