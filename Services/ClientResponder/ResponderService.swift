import FintrakConfiguration
import FintrakCore
import FintrakObservability
import FintrakHTTPClient
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakServiceHost
import Foundation
import Logging
import Metrics

/// `client-responder`: the only way out. Each reply is recorded, sent once through the provider its message came
/// in on, retried from a delay queue when the provider stumbles, and dead-lettered with its last error when it
/// cannot go. It also records the providers' delivery reports and the dead letters (see `Delivery.swift`).
///
/// The window for a duplicate: the provider accepted a message but its `markSent` UPDATE did not commit (the process
/// died in between, PostgreSQL failed at that moment, or the answer was lost to a timeout). It is closed by asking
/// the provider: every send first records its intent and gives the provider our reference; a redelivered reply whose
/// intent is unresolved waits (up to `RetryPolicies.unconfirmedSendWait`) for the provider's delivery report, which
/// records the send (`DeliveryStatuses`). Only when no report comes in that time does it go again
/// (`replies_total{outcome="resent_unconfirmed"}`, `outbound_messages.unconfirmed_resends`).
struct ResponderService: Sendable {
    static let name = "client-responder"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let store: OutboundStore
    let statuses: DeliveryStatuses
    let claims: ReplyClaims
    let policy: RetryPolicy
    let templates: TemplateSettings
    let senders: [Provider: any ReplySender]
    let logger: Logger
    /// When this process started: reports that came while it was down are read before their absence counts.
    let startedAt: ContinuousClock.Instant

    init(configuration: FintrakConfiguration, settings: ResponderSettings, startedAt: ContinuousClock.Instant = .now) {
        let logger = Logger(label: Self.name)
        self.startedAt = startedAt
        self.configuration = configuration
        self.logger = logger
        // Up to 32 replies in flight, each with a few short statements: more than the default four connections.
        infrastructure = Infrastructure(configuration: configuration, logger: logger, postgresConnections: 8)
        store = OutboundStore(database: infrastructure.database)
        statuses = DeliveryStatuses(pool: infrastructure.postgres)
        claims = ReplyClaims(connection: PostgresConnection(
            url: configuration.databaseURL, applicationName: "\(Self.name)-claims", logger: logger))
        policy = RetryPolicy(maxAttempts: settings.maxAttempts)
        templates = settings.templates
        senders = Self.senders(configuration: configuration, http: HTTPClient(logger: logger), timeout: settings.sendTimeout,
                               statusCallback: settings.statusCallback)
    }

    /// One sender per provider whose credentials are configured; with `WHATSAPP_PROVIDER=console`, the console for all.
    static func senders(configuration: FintrakConfiguration, http: HTTPClient, timeout: Duration,
                        statusCallback: String?) -> [Provider: any ReplySender] {
        if configuration.replyMode == .console {
            return Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, ConsoleSender() as any ReplySender) })
        }
        var senders: [Provider: any ReplySender] = [.console: ConsoleSender()]
        if let twilio = configuration.twilio {
            senders[.twilio] = TwilioSender(settings: twilio, statusCallback: statusCallback, http: http, timeout: timeout)
        }
        if let gupshup = configuration.gupshup { senders[.gupshup] = GupshupSender(settings: gupshup, http: http, timeout: timeout) }
        if let meta = configuration.meta { senders[.meta] = MetaSender(settings: meta, http: http, timeout: timeout) }
        return senders
    }

    /// Consumes the replies, the reminders, the dead letters and the delivery reports until shutdown. `/ready` also reports
    /// whether each of those consumers is connected.
    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let queues = infrastructure.queues
        let handlers: [(queue: String, prefetch: Int, handler: @Sendable (AMQPDelivery) async -> AMQPDisposition)] = [
            (queues.replies, 32, { await deliver($0) }),
            // Reminders, notices and digests beside the replies, a few at a time: a morning of them never holds up an answer.
            (queues.reminders, 4, { await deliver($0, from: queues.reminders) }),
            (queues.deadLetters(of: queues.replies), 8, { await recordDeadLetter($0) }),
            (queues.statuses, 16, { await recordStatus($0) }),
        ]
        _ = FintrakMetrics.deadLetters(queue: queues.replies)
        var workers: [WorkerService] = []
        var checks: [DependencyCheck] = []
        for (queue, prefetch, handler) in handlers {
            let consumer = infrastructure.consumer(of: queue, prefetch: prefetch)
            workers.append(WorkerService(name: "consumer \(queue)") { try await consumer.run(handler) })
            checks.append(DependencyCheck(name: "consumer \(queue)") { consumer.isConnected })
        }
        defer { claims.close() }
        try await infrastructure.run(workers: workers, checks: checks, onServerRunning: onServerRunning)
    }
}
