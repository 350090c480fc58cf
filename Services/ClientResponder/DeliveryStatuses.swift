import FintrakCore
import FintrakPostgres
import Foundation

/// Provider delivery reports (published by intake as `DeliveryStatusEvent`), recorded on the outbound message
/// whose provider id they name — or, for a send whose record never committed, on the message they show went out
/// (by the reference they echo, or by elimination: schema.sql's `record_delivery_status`).
struct DeliveryStatuses: Sendable {
    /// Why not `TenantDatabase`: the event names the provider's message id, not a tenant we can trust to exist, and a
    /// tenant transaction would create a `tenants` row for any number a report mentions. So the report goes through
    /// schema.sql's `record_delivery_status`, a SECURITY DEFINER function that does one narrow UPDATE across
    /// tenants: the row with that provider and provider id (ids the provider generated for messages we sent),
    /// limited to the recipient's rows when the report names the recipient, the delivery columns only. The services'
    /// login role may call it and nothing else outside a tenant transaction.
    let pool: PostgresPool

    enum Recording: Equatable {
        case recorded
        /// The report showed that a send not recorded yet went out: it is recorded as sent now, so a redelivered reply
        /// is not sent again (the send's own record may still follow, if its sender is alive).
        case reconciled
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

    /// The statuses that a report of `status` must not overwrite.
    static func later(than status: String) -> [String] {
        let rank = rank(status)
        return ranks.filter { $0.value > rank }.map(\.key).sorted()
    }

    func record(_ event: DeliveryStatusEvent) async throws -> Recording {
        let tenant = event.recipient.flatMap { PhoneNumber.e164($0) }
        let status = event.status.lowercased()
        let error = event.error.map { "delivery \(status): \($0)" }
        let rows = try await pool.query(
            "SELECT record_delivery_status($1, $2, $3, $4, $5, $6, $7::text[]) AS outcome",
            [event.provider.rawValue, event.providerMessageID, tenant, event.reference, status, error,
             "{" + Self.later(than: status).joined(separator: ",") + "}"])
        switch rows.first?["outcome"] {
        case "recorded": return .recorded
        case "reconciled": return .reconciled
        case "stale": return .stale
        default: return .unknown
        }
    }
}
