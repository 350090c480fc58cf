import FintrakCore
import FintrakPostgres
import Foundation

/// Inbound messages given up on — a handler that kept failing, an outage that outlasted its patience, or the
/// broker's delivery limit — kept in `inbound_dead_letters` with the reason, for `fintrak dead-letters inbound`.
public enum InboundDeadLetterStore {
    /// Keeps `message` inside its tenant's transaction. False when it was kept already (a redelivered dead letter),
    /// so it is counted once.
    public static func keep(_ message: InboundMessage, queue: String, reason: String,
                            session: PostgresSession) throws -> Bool {
        let json = String(decoding: try EnvelopeCoding.encode(message), as: UTF8.self)
        return try session.execute("""
            INSERT INTO inbound_dead_letters (tenant, provider, provider_message_id, correlation_id, queue, message, reason)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
            ON CONFLICT DO NOTHING
            """, [message.tenant, message.provider.rawValue, message.providerMessageID, message.correlationID, queue,
                  json, String(reason.prefix(2000))]) == 1
    }
}
