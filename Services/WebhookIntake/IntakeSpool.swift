import FailurePolicy
import FintrakCore
import FintrakPostgres
import Foundation
import Logging
import Metrics
import Synchronization

/// Intake's durable spool (`intake_spool` in PostgreSQL): a message the broker or Redis cannot take right now is kept
/// here and answered 200, because a provider does not always retry (Twilio retries a 503 only when told to); the
/// `SpoolDrainer` publishes it once they are back. Only when PostgreSQL fails too does the webhook get 503.
///
/// Intake works here as `fintrak_service`, outside any tenant transaction: the drainer reads across senders.
///
/// Delivery reports the broker cannot take are kept here too (they may be what shows a reply went out), under the
/// sender "" (they keep no order and hold up nobody).
///
/// Order per sender: while a sender has messages in the spool, its new messages join them instead of overtaking
/// them. Which senders have spooled messages is kept in memory (`holds`), so the normal path pays no PostgreSQL round
/// trip; the drainer refreshes it from the table on every pass, which also brings in other replicas' spooled senders.
final class IntakeSpool: Sendable {
    /// A spooled message or delivery report and its place in the arrival order.
    struct Entry: Sendable, Equatable {
        enum Content: Sendable, Equatable {
            case message(InboundMessage)
            case status(DeliveryStatusEvent)
        }
        var id: Int64
        var content: Content

        /// Whose order it keeps: a message's sender; a report keeps none ("").
        var sender: String {
            if case .message(let message) = content { return message.tenant }
            return ""
        }
    }

    private struct Senders {
        /// Spooled messages per sender, as far as this process knows (an overcount only delays a sender a little).
        var counts: [String: Int] = [:]
        /// Senders spooled while a refresh was reading the table, which it may not have seen.
        var storedDuringRefresh: [String]?
    }

    let pool: PostgresPool
    /// `FINTRAK_QUEUE_PREFIX`: this stack's rows (stacks may share a database).
    let queuePrefix: String
    let logger: Logger
    private let senders = Mutex(Senders())
    private let depth = Gauge(label: "intake_spool_depth")

    init(pool: PostgresPool, queuePrefix: String, logger: Logger) {
        self.pool = pool
        self.queuePrefix = queuePrefix
        self.logger = logger
        depth.record(0)
    }

    /// Whether `sender` has messages in the spool, which its next message must not overtake. No I/O.
    func holds(sender: String) -> Bool {
        senders.withLock { $0.counts[sender] != nil }
    }

    /// Keeps `message` (once: a repeat of a spooled message is already there). Bounded by
    /// `RetryPolicies.spoolWriteLimit`, so a hung PostgreSQL still gets the provider its answer (503) in time.
    func store(_ message: InboundMessage) async throws {
        try await store(kind: "message", provider: message.provider, key: message.providerMessageID, sender: message.tenant,
                        json: InboundJSON.encode(message))
    }

    /// Keeps a delivery report (once per message and status), which may be the one that shows a reply went out.
    func store(_ status: DeliveryStatusEvent) async throws {
        try await store(kind: "status", provider: status.provider, key: "status:\(status.providerMessageID):\(status.status)",
                        sender: "", json: try EnvelopeCoding.encode(status))
    }

    private func store(kind: String, provider: Provider, key: String, sender: String, json: Data) async throws {
        let text = String(decoding: json, as: UTF8.self)
        let inserted = try await withDeadline(RetryPolicies.spoolWriteLimit) { [pool, queuePrefix] in
            try await pool.execute("""
                INSERT INTO intake_spool (queue_prefix, provider, provider_message_id, tenant, message, kind)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6)
                ON CONFLICT (queue_prefix, provider, provider_message_id) DO NOTHING
                """, [queuePrefix, provider.rawValue, key, sender, text, kind])
        }
        guard inserted == 1 else { return }
        senders.withLock { senders in
            senders.counts[sender, default: 0] += 1
            senders.storedDuringRefresh?.append(sender)
        }
        depth.record(senders.withLock { $0.counts.values.reduce(0, +) })
    }

    /// Re-reads which senders have spooled messages (this replica's and any other's) and sets `intake_spool_depth`.
    /// - Returns: the number of spooled messages.
    @discardableResult
    func refresh() async throws -> Int {
        senders.withLock { $0.storedDuringRefresh = [] }
        let rows: [PostgresRow]
        do {
            rows = try await pool.query(
                "SELECT tenant, count(*)::int AS n FROM intake_spool WHERE queue_prefix = $1 GROUP BY tenant", [queuePrefix])
        } catch {
            senders.withLock { $0.storedDuringRefresh = nil }
            throw error
        }
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode("tenant", as: String.self)] = try row.decode("n", as: Int.self) }
        let total = senders.withLock { senders in
            for sender in senders.storedDuringRefresh ?? [] { counts[sender, default: 0] += 1 }
            senders.counts = counts
            senders.storedDuringRefresh = nil
            return counts.values.reduce(0, +)
        }
        depth.record(total)
        return total
    }

    /// The oldest spooled messages and reports, in arrival order. A row that no longer decodes is logged and dropped
    /// (it can never be published; its body stays in the log).
    func oldest(limit: Int) async throws -> [Entry] {
        let rows = try await pool.query("""
            SELECT id, kind, message::text AS message FROM intake_spool WHERE queue_prefix = $1 ORDER BY id LIMIT $2
            """, [queuePrefix, limit])
        var entries: [Entry] = []
        for row in rows {
            let id = try row.decode("id", as: Int64.self)
            let text = try row.decode("message", as: String.self)
            let content: Entry.Content? = try row.decode("kind", as: String.self) == "status"
                ? (try? EnvelopeCoding.decode(DeliveryStatusEvent.self, from: Data(text.utf8))).map { .status($0) }
                : (try? EnvelopeCoding.decode(InboundMessage.self, from: Data(text.utf8))).map { .message($0) }
            if let content {
                entries.append(Entry(id: id, content: content))
            } else {
                logger.error("unreadable spooled message dropped", metadata: ["spool_id": "\(id)", "message": "\(text.prefix(2000))"])
                _ = try await pool.execute("DELETE FROM intake_spool WHERE id = $1", [id])
            }
        }
        return entries
    }

    /// Removes a message the drainer has published (or found published already).
    func remove(_ entry: Entry) async throws {
        _ = try await pool.execute("DELETE FROM intake_spool WHERE id = $1", [entry.id])
        let total = senders.withLock { senders in
            if let count = senders.counts[entry.sender] {
                senders.counts[entry.sender] = count > 1 ? count - 1 : nil
            }
            return senders.counts.values.reduce(0, +)
        }
        depth.record(total)
    }
}
