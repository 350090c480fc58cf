import Conversation
import FailurePolicy
import FintrakCore
import FintrakStores
import FintrakQueues
import FintrakRabbitMQ
import FintrakRedis
import Foundation
import Logging
import Metrics

/// What every provider's webhook does with a verified message: refuse strangers, drop repeats, rate-limit, route
/// and publish. A message is either confirmed by the broker or the provider is told to retry — never dropped.
///
/// The hot path is one Redis round trip (`IntakeScripts.accept`: mark, token bucket and conversation state at once),
/// the broker-confirmed publish (many in flight on the publisher's one connection), and one `SET … XX` that turns
/// the in-flight mark into a done mark.
struct MessageIntake: Sendable {
    enum Acceptance: Equatable, Sendable {
        case enqueued(String)
        /// Seen before (or dropped by the rate limit before): answered 200, nothing happens.
        case duplicate
        /// The same message is being published by another request right now: answered 503 so the provider retries
        /// and learns the outcome, rather than a 200 for a message that might still fail.
        case inFlight
        /// Not on `ALLOWED_PHONE_NUMBERS`.
        case refused
        /// Over the sender's rate limit: dropped and counted (with one "slow down" reply per episode).
        case rateLimited
    }

    let redis: RedisClient
    let publisher: AMQPPublisher
    let queues: Queues
    let allowedPhoneNumbers: Set<String>?
    let rateLimit: IntakeSettings.RateLimit
    let logger: Logger
    /// How long a request waits for the broker's confirm before answering 503.
    let confirmTimeout: Duration
    /// For `fintrak trace`: one `received` event per enqueued message.
    let events: MessageEventLog?
    /// `intake_messages_total` by provider and outcome, made once (each lookup in the registry takes a lock).
    private let counters: [String: Counter]
    /// The hot path's Redis commands, pipelined across concurrent requests.
    private let commands: Coalescer<[String], RedisValue>
    /// The hot path's messages, published together across concurrent requests (all confirmed, or all answered 503).
    private let publishes: Coalescer<AMQPOutgoing, Void>

    init(redis: RedisClient, publisher: AMQPPublisher, queues: Queues, allowedPhoneNumbers: Set<String>?,
         rateLimit: IntakeSettings.RateLimit = .default, confirmTimeout: Duration = .seconds(5),
         events: MessageEventLog? = nil, logger: Logger) {
        self.redis = redis
        self.publisher = publisher
        self.queues = queues
        self.allowedPhoneNumbers = allowedPhoneNumbers
        self.rateLimit = rateLimit
        self.confirmTimeout = confirmTimeout
        self.events = events
        self.logger = logger
        var counters: [String: Counter] = [:]
        for provider in Provider.allCases {
            for outcome in Self.outcomes { counters[provider.rawValue + "/" + outcome] = Self.counter(provider, outcome) }
        }
        self.counters = counters
        commands = Coalescer(maxConcurrentFlushes: 4, maxBatch: 64) { commands in
            await Self.pipeline(commands, on: redis)
        }
        publishes = Coalescer(maxConcurrentFlushes: 4, maxBatch: 128) { messages in
            do {
                try await withDeadline(confirmTimeout) { try await publisher.publish(messages) }
                return messages.map { _ in .success(()) }
            } catch {
                return messages.map { _ in .failure(error) }
            }
        }
    }

    /// The same intake with another confirm limit (the spool's drainer, which no provider waits on).
    func with(confirmTimeout: Duration) -> MessageIntake {
        MessageIntake(redis: redis, publisher: publisher, queues: queues, allowedPhoneNumbers: allowedPhoneNumbers,
                      rateLimit: rateLimit, confirmTimeout: confirmTimeout, events: events, logger: logger)
    }

    /// One pipeline for many requests' commands. If one reply is an error (NOSCRIPT after Redis lost its script
    /// cache, say), which one is not known, so each command is run again on its own.
    ///
    /// The client already resends a batch that never reached Redis (and checks its connections after a restart).
    /// A batch whose connection broke after it was sent may or may not have run: it is sent once more, because every
    /// command intake batches is safe to run twice: the accept script replays its first run for the same attempt
    /// (correlation id), and `SET d XX KEEPTTL` is idempotent. Were any to fail again, the provider gets 503.
    private static func pipeline(_ commands: [[String]], on redis: RedisClient, attempt: Int = 1) async -> [Result<RedisValue, any Error>] {
        do {
            return try await redis.pipeline(commands).map { .success($0) }
        } catch let error as RedisError where error.mayHaveRun && attempt < RetryPolicies.redisPipelineAttempts {
            return await pipeline(commands, on: redis, attempt: attempt + 1)
        } catch let error as RedisError where !error.isConnectionFailure && commands.count > 1 {
            var results: [Result<RedisValue, any Error>] = []
            for command in commands {
                do { results.append(.success(try await redis.command(command))) } catch { results.append(.failure(error)) }
            }
            return results
        } catch {
            return commands.map { _ in .failure(error) }
        }
    }

    /// A provider's retries come within this; the mark lasts a day (the "SET NX with a day's expiry").
    static let seenExpiry = 86_400
    /// A publish never takes this long (the confirm timeout is far shorter): an in-flight mark older than this was
    /// left by a process that died, and a retry takes it over.
    static let inFlightWindowMilliseconds = 30_000
    /// At most one "slow down" reply per sender in this time.
    static let slowDownNoticeSeconds = 60
    /// At most one refusal a day per stranger.
    static let refusalSeconds = 86_400

    static func seenKey(_ message: InboundMessage) -> String {
        "intake:seen:\(message.provider.rawValue):\(message.providerMessageID)"
    }

    static func rateKey(_ tenant: String) -> String { "intake:rate:\(tenant)" }
    static func slowDownKey(_ tenant: String) -> String { "intake:slowdown:\(tenant)" }
    static func refusedKey(_ tenant: String) -> String { "intake:refused:\(tenant)" }

    static let slowDownReply =
        "You're sending messages faster than I can keep up with, so I skipped some. Please wait a minute, then send again what I missed."

    func accept(_ incoming: InboundMessage) async throws -> Acceptance {
        if let allowed = allowedPhoneNumbers, !allowed.contains(incoming.tenant) {
            return try await refuse(incoming)
        }
        let change = Routing.stateChange(text: incoming.text, media: incoming.media)
        let seenKey = Self.seenKey(incoming)
        let reply = try await run(
            IntakeScripts.accept,
            keys: [seenKey, Self.rateKey(incoming.tenant), Self.slowDownKey(incoming.tenant),
                   ConversationStateKey.key(tenant: incoming.tenant), seenKey + ":attempt"],
            arguments: [incoming.correlationID, "\(Self.seenExpiry)", "\(Self.inFlightWindowMilliseconds)",
                        rateLimit.isOn ? "\(rateLimit.burst)" : "0", "\(rateLimit.perMinute)",
                        "\(Self.slowDownNoticeSeconds)", change.scriptArgument])
        guard case .array(let parts) = reply, case .string(let verdict)? = parts.first else {
            throw RedisError(message: "unexpected reply from the accept script: \(reply)", isConnectionFailure: false)
        }
        switch verdict {
        case "duplicate":
            count(incoming, "duplicate")
            return .duplicate
        case "inflight":
            count(incoming, "in_flight")
            return .inFlight
        case "limited":
            count(incoming, "rate_limited")
            if parts.count > 1, parts[1] == .integer(1) { try await slowDown(incoming, seenKey: seenKey) }
            return .rateLimited
        case "accepted":
            guard parts.count >= 2, case .string(let mark) = parts[1] else {
                throw RedisError(message: "unexpected reply from the accept script: \(reply)", isConnectionFailure: false)
            }
            let previous = parts.count > 2 ? parts[2].text : nil
            var message = incoming
            message.conversation = previous.flatMap { try? EnvelopeCoding.decode(ConversationState.self, from: Data($0.utf8)) }
            let destination = Routing.destination(text: message.text, media: message.media, state: message.conversation)
            let queue = destination == .invoices ? queues.invoices : queues.questions
            do {
                try await publishes.submit(Self.outgoing(message, to: queue))
            } catch {
                // Not enqueued: forget the message (and put the state back) so the provider's retry is processed.
                do {
                    _ = try await IntakeScripts.undo.run(
                        on: redis, keys: [seenKey, Self.rateKey(message.tenant), ConversationStateKey.key(tenant: message.tenant)],
                        arguments: [mark, previous ?? "", change.scriptArgument, "\(ConversationStateKey.lifetimeSeconds)",
                                    rateLimit.isOn ? "\(rateLimit.burst)" : "0"])
                } catch let undoError {
                    // The in-flight mark then expires from the window and the provider's retry takes it over.
                    logger.error("could not undo the mark of an unpublished message", metadata: [
                        "correlation_id": "\(message.correlationID)", "error": "\(undoError)"])
                }
                throw error
            }
            do {
                _ = try await commands.submit(["SET", seenKey, "d", "XX", "KEEPTTL"])
            } catch {
                // Enqueued all the same; a retry within the window gets 503, after it is processed again.
                logger.warning("could not mark a published message done", metadata: [
                    "correlation_id": "\(message.correlationID)", "error": "\(error)"])
            }
            count(incoming, destination == .invoices ? "invoice" : "question")
            events?.record(MessageEvent(messageID: message.providerMessageID, correlationID: message.correlationID,
                                        tenant: message.tenant, service: "webhook-intake", event: "received", queue: queue,
                                        detail: message.provider.rawValue + (message.media.isEmpty ? " text" : " media"),
                                        at: message.receivedAt))
            return .enqueued(queue)
        default:
            throw RedisError(message: "unexpected reply from the accept script: \(reply)", isConnectionFailure: false)
        }
    }

    /// What `Queues.inbound` builds, with the envelope written by `InboundJSON` (the same JSON, much cheaper).
    static func outgoing(_ message: InboundMessage, to queue: String) -> AMQPOutgoing {
        AMQPOutgoing(routingKey: queue, body: InboundJSON.encode(message),
                     messageID: "\(message.provider.rawValue):\(message.providerMessageID)",
                     correlationID: message.correlationID)
    }

    /// Delivery reports go to client-responder as they are; a repeat is harmless there.
    func publish(statuses: [DeliveryStatusEvent]) async throws {
        guard !statuses.isEmpty else { return }
        let messages = try statuses.map { status in
            AMQPOutgoing(routingKey: queues.statuses, body: try EnvelopeCoding.encode(status),
                         messageID: "\(status.provider.rawValue):\(status.providerMessageID):\(status.status)")
        }
        try await publishConfirmed(messages)
        for status in statuses {
            Self.statusCounter(status.provider).increment()
        }
    }

    /// `EVALSHA` through the pipeline (`RedisScript` falls back to `EVAL` when Redis does not know it).
    private func run(_ script: RedisScript, keys: [String], arguments: [String]) async throws -> RedisValue {
        try await script.run(on: redis, keys: keys, arguments: arguments, sending: commands.submit)
    }

    private func publishConfirmed(_ messages: [AMQPOutgoing]) async throws {
        try await withDeadline(confirmTimeout) { [publisher] in try await publisher.publish(messages) }
    }

    /// One polite refusal a day per stranger; nothing else about them is stored.
    private func refuse(_ message: InboundMessage) async throws -> Acceptance {
        count(message, "refused")
        let key = Self.refusedKey(message.tenant)
        guard try await redis.set(key, "1", expireSeconds: Self.refusalSeconds, onlyIfAbsent: true) else { return .refused }
        do {
            try await publishConfirmed([queues.reply(OutboundReply(to: message, body: Replies.notAllowed))])
        } catch {
            _ = try? await redis.delete(key)
            throw error
        }
        return .refused
    }

    /// The one "slow down" reply of an episode; if it cannot be published, the provider retries this message.
    private func slowDown(_ message: InboundMessage, seenKey: String) async throws {
        do {
            try await publishConfirmed([queues.reply(OutboundReply(to: message, body: Self.slowDownReply))])
        } catch {
            _ = try? await redis.pipeline([["DEL", seenKey], ["DEL", Self.slowDownKey(message.tenant)]])
            throw error
        }
    }

    private func count(_ message: InboundMessage, _ outcome: String) {
        (counters[message.provider.rawValue + "/" + outcome] ?? Self.counter(message.provider, outcome)).increment()
    }

    static let outcomes = ["duplicate", "in_flight", "rate_limited", "refused", "invoice", "question"]

    private static func counter(_ provider: Provider, _ outcome: String) -> Counter {
        Counter(label: "intake_messages_total", dimensions: [("provider", provider.rawValue), ("outcome", outcome)])
    }

    private static func statusCounter(_ provider: Provider) -> Counter {
        Counter(label: "intake_statuses_total", dimensions: [("provider", provider.rawValue)])
    }
}

extension StateChange {
    /// How `IntakeScripts.accept` reads it.
    var scriptArgument: String {
        switch self {
        case .keep: ""
        case .clear: "-"
        }
    }
}

extension RedisValue {
    fileprivate var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
