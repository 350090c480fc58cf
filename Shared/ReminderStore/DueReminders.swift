import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import Foundation
import Logging

/// Reminders on their way out: published to their own queue (`Queues.reminders`), which client-responder consumes
/// with a consumer and prefetch of their own, so a morning of reminders never waits in front of a question's reply.
/// Once the broker confirmed them their rows are marked sent.
public struct ReminderQueue: Sendable {
    public let database: TenantDatabase
    public let publisher: AMQPPublisher
    public let queues: Queues

    public init(database: TenantDatabase, publisher: AMQPPublisher, queues: Queues) {
        self.database = database
        self.publisher = publisher
        self.queues = queues
    }

    /// After the khata wrote an entry for `messageID` (a chat message, or the web page's form), in a transaction of
    /// its own: when the entry's party is to be notified, the notice with its code, published. The one path for chat
    /// and web entries alike; repeating it (a redelivery, a form sent twice) sends the same notice, once. `provider`
    /// nil: the one the owner's latest reply went out on. Returns whether a notice went.
    public func sendNotice(forMessage messageID: String, tenant: String, provider: Provider?, now: Date,
                           zone: TimeZone) async throws -> Bool {
        let replies: [OutboundReply] = try await database.write(tenant: tenant) { session in
            let dispatch = ReminderDispatch(session: session, tenant: tenant, zone: zone)
            return try dispatch.notice(forMessage: messageID, provider: provider, now: now,
                                       random: { UInt64.random(in: .min ... .max) }).map { [$0] } ?? []
        }
        try await publish(replies, tenant: tenant)
        return !replies.isEmpty
    }

    /// Publishes `replies` (all of one tenant) and marks their reminder rows sent.
    public func publish(_ replies: [OutboundReply], tenant: String) async throws {
        guard !replies.isEmpty else { return }
        try await publisher.publish(replies.map(queues.reminder))
        let ids = replies.map(\.replyID)
        try await database.write(tenant: tenant) { session in
            try ReminderStore(session: session, tenant: tenant).markSent(replyIDs: ids)
        }
    }
}

/// The scheduler: every standing reminder, digest and held reminder due at an instant, each claimed in PostgreSQL
/// with `FOR UPDATE SKIP LOCKED` (schema.sql's `claim_due_reminder`) in the transaction that does its work as its
/// tenant and moves it on. However many schedulers run, each firing is claimed once; one due while everything was
/// down is due when it comes back, and goes once. Run by query-generator every half minute and by
/// `fintrak reminders run-due`.
///
/// The window: a reminder whose transaction committed but whose publish failed stays `queued`, and is claimed again
/// a minute later; the responder sends a reply id once, so a repeat publish sends nothing twice.
public struct DueReminders: Sendable {
    public let pool: PostgresPool
    public let queue: ReminderQueue
    public let zone: TimeZone
    public let logger: Logger

    public init(pool: PostgresPool, queue: ReminderQueue, zone: TimeZone, logger: Logger) {
        self.pool = pool
        self.queue = queue
        self.zone = zone
        self.logger = logger
    }

    /// Runs everything due at `now` (only `tenant`'s when given) and returns what it published.
    public func run(now: Date, tenant only: String? = nil) async throws -> [OutboundReply] {
        var published: [OutboundReply] = []
        // Each round claims one row; a bound keeps a misbehaving row from looping forever.
        for _ in 0..<10_000 {
            let zone = self.zone
            let batch: (tenant: String, replies: [OutboundReply])? = try await pool.transaction { session in
                guard let claim = try session.query("SELECT tenant, kind, id FROM claim_due_reminder($1, $2)", [now, only]).first
                else { return nil }
                let tenant: String = try claim.decode("tenant")
                let kind: String = try claim.decode("kind")
                let id: Int64 = try claim.decode("id")
                // From here on the transaction is the tenant's: row-level security as fintrak_app, like TenantDatabase.
                try session.execute("SELECT set_config('app.tenant_id', $1, true)", [tenant])
                try session.execute("SET LOCAL ROLE \(TenantDatabase.role)")
                let dispatch = ReminderDispatch(session: session, tenant: tenant, zone: zone)
                let replies = kind == "schedule" ? try dispatch.fire(scheduleID: id, now: now)
                    : try dispatch.release(reminderID: id, now: now).map { [$0] } ?? []
                return (tenant, replies)
            }
            guard let batch else { return published }
            do {
                try await queue.publish(batch.replies, tenant: batch.tenant)
            } catch {
                logger.error("due reminders not published; they are claimed again in a minute", metadata: [
                    "tenant": "\(TenantTag.of(batch.tenant))", "error": "\(error)"])
                throw error
            }
            published += batch.replies
        }
        return published
    }
}
