import FintrakCore
import FintrakPostgres
import Foundation
import Logging
import Synchronization

/// One step of an inbound message's path through the services, for `fintrak trace`.
public struct MessageEvent: Codable, Sendable, Hashable {
    /// The provider's id of the inbound message (replies carry it as `in_reply_to`).
    public var messageID: String
    public var correlationID: String
    /// `TenantTag.of(tenant)`: traces find a sender's messages without storing the number.
    public var tenantTag: String
    public var service: String
    /// What happened: `received`, `answered`, `retried`, `apologized`, `sent`, `dead`, ...
    public var event: String
    /// The queue the message was put on or taken from.
    public var queue: String?
    public var durationMilliseconds: Int?
    /// A short note: the provider, the outcome's reason. Never message text.
    public var detail: String?
    public var at: Date

    public init(messageID: String, correlationID: String, tenant: String, service: String, event: String,
                queue: String? = nil, duration: Duration? = nil, detail: String? = nil, at: Date = Date()) {
        self.messageID = messageID
        self.correlationID = correlationID
        tenantTag = TenantTag.of(tenant)
        self.service = service
        self.event = event
        self.queue = queue
        durationMilliseconds = duration.map { Int($0.nanoseconds / 1_000_000) }
        self.detail = detail
        self.at = at
    }

    /// A step as read back from the table.
    public init(messageID: String, correlationID: String, tenantTag: String, service: String, event: String,
                queue: String?, durationMilliseconds: Int?, detail: String?, at: Date) {
        self.messageID = messageID
        self.correlationID = correlationID
        self.tenantTag = tenantTag
        self.service = service
        self.event = event
        self.queue = queue
        self.durationMilliseconds = durationMilliseconds
        self.detail = detail
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", correlationID = "correlation_id", tenantTag = "tenant_tag", service, event, queue,
             durationMilliseconds = "duration_ms", detail, at
    }
}

/// The `message_events` table: each service appends what it did with a message; `fintrak trace` and
/// `fintrak queues` read it. Writing is off the message's path: `record` only appends to a buffer, and `run`
/// writes the buffer every half second in one INSERT and prunes rows older than the retention once an hour.
/// Best effort by design: a trace is an aid, so a full buffer or a failed write drops events (and says so in the
/// log) rather than slow or fail a message.
public final class MessageEventLog: Sendable {
    private let pool: PostgresPool
    private let logger: Logger
    private let retention: Duration
    private let buffer = Mutex<[MessageEvent]>([])
    static let bufferLimit = 10_000

    public init(pool: PostgresPool, retention: Duration = .seconds(7 * 86_400), logger: Logger) {
        self.pool = pool
        self.retention = retention
        self.logger = logger
    }

    public func record(_ event: MessageEvent) {
        buffer.withLock { events in
            if events.count < Self.bufferLimit { events.append(event) }
        }
    }

    /// Writes until cancelled (graceful shutdown), then writes what is left once.
    public func run() async {
        var lastPrune = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            await flush()
            if ContinuousClock.now - lastPrune >= .seconds(3600) {
                lastPrune = ContinuousClock.now
                await prune()
            }
        }
        await flush()
    }

    /// Writes the buffered events now.
    public func flush() async {
        let events = buffer.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
        guard !events.isEmpty else { return }
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970   // milliseconds matter in a trace
            let json = String(decoding: try encoder.encode(events), as: UTF8.self)
            try await pool.execute("""
                INSERT INTO message_events (message_id, correlation_id, tenant_tag, service, event, queue, duration_ms, detail, at)
                SELECT message_id, correlation_id, tenant_tag, service, event, queue, duration_ms, detail, to_timestamp(at)
                FROM jsonb_to_recordset($1::jsonb) AS e(message_id text, correlation_id text, tenant_tag text, service text,
                     event text, queue text, duration_ms integer, detail text, at double precision)
                """, [json])
        } catch {
            logger.warning("message events not written", metadata: ["event": "trace_write_failed", "count": "\(events.count)",
                                                                    "error": "\(error)"])
        }
    }

    func prune() async {
        do {
            let deleted = try await pool.execute("DELETE FROM message_events WHERE at < now() - make_interval(secs => $1)",
                                                 [Int(retention.components.seconds)])
            if deleted > 0 { logger.info("old message events pruned", metadata: ["event": "trace_pruned", "count": "\(deleted)"]) }
        } catch {
            logger.warning("message events not pruned", metadata: ["event": "trace_prune_failed", "error": "\(error)"])
        }
    }
}
