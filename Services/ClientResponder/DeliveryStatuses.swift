import FintrakCore
import FintrakPostgres
import Foundation

/// Provider delivery reports (published by intake as `DeliveryStatusEvent`), recorded on the outbound message
/// whose provider id they name.
struct DeliveryStatuses: Sendable {
    /// Connects as `DATABASE_URL`'s user, the tables' owner, outside row-level security. Why not `TenantDatabase`:
    /// the event names the provider's message id, not a tenant we can trust to exist, and a tenant transaction
    /// would create a `tenants` row for any number a report mentions. So this is one narrowly scoped owner-level
    /// UPDATE: it matches on provider and provider id (ids the provider generated for messages we sent), is further
    /// limited to the recipient's rows when the report names the recipient, and writes the delivery columns only.
    let pool: PostgresPool

    enum Outcome: Equatable {
        case recorded
        /// A later status is already recorded (reports can arrive out of order).
        case stale
        /// No outbound message has that provider id (yet: the report may race the send's own record).
        case unknown
    }

    /// How far along a status is: an earlier one never overwrites a later one. Twilio: queued, sending, sent,
    /// delivered, read, failed, undelivered; Gupshup: enqueued, sent, delivered, read, failed, deleted;
    /// Cloud API: sent, delivered, read, failed (PROTOCOLS.md and the providers' status docs).
    static let ranks: [String: Int] = [
        "accepted": 1, "queued": 1, "enqueued": 1, "scheduled": 1, "sending": 1,
        "sent": 2, "delivered": 3, "read": 4,
        "failed": 5, "undelivered": 5, "deleted": 5,
    ]

    static func rank(_ status: String) -> Int { ranks[status.lowercased()] ?? 0 }

    /// The same ranking in SQL, for the status already recorded.
    static let rankSQL: String = {
        let cases = ranks.sorted { $0.key < $1.key }.map { "WHEN '\($0.key)' THEN \($0.value)" }.joined(separator: " ")
        return "CASE lower(coalesce(delivery_status, '')) \(cases) ELSE 0 END"
    }()

    func record(_ event: DeliveryStatusEvent) async throws -> Outcome {
        let tenant = event.recipient.flatMap { PhoneNumber.e164($0) }
        let status = event.status.lowercased()
        let error = event.error.map { "delivery \(status): \($0)" }
        return try await pool.transaction { session in
            let updated = try session.execute("""
                UPDATE outbound_messages SET delivery_status = $3, last_error = coalesce($4, last_error), updated_at = now()
                WHERE provider = $1 AND provider_sid = $2 AND ($5::text IS NULL OR tenant = $5)
                  AND \(Self.rankSQL) <= $6
                """, [event.provider.rawValue, event.providerMessageID, status, error, tenant, Self.rank(status)])
            if updated > 0 { return .recorded }
            let existing = try session.query("""
                SELECT 1 FROM outbound_messages
                WHERE provider = $1 AND provider_sid = $2 AND ($3::text IS NULL OR tenant = $3)
                """, [event.provider.rawValue, event.providerMessageID, tenant])
            return existing.isEmpty ? .unknown : .stale
        }
    }
}
