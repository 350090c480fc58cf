import FintrakCore
import FintrakPostgres
import FintrakRuntime
import Foundation

/// The `outbound_messages` row of each reply: written before the send, so a redelivered reply that
/// was already sent is recognised and not sent again.
struct OutboundStore: Sendable {
    let database: TenantDatabase

    struct Attempt: Sendable {
        var alreadySent: Bool
        /// This attempt's number, counting from 1.
        var number: Int
    }

    func begin(_ reply: OutboundReply) async throws -> Attempt {
        let attachments = String(decoding: try EnvelopeCoding.encode(reply.attachments), as: UTF8.self)
        return try await database.write(tenant: reply.tenant) { session in
            let rows = try session.query("""
                INSERT INTO outbound_messages (reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments, attempts)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 1)
                ON CONFLICT (reply_id) DO UPDATE SET
                    attempts = outbound_messages.attempts + CASE WHEN outbound_messages.status = 'sent' THEN 0 ELSE 1 END,
                    updated_at = now()
                RETURNING status, attempts
                """, [reply.replyID, reply.tenant, reply.provider.rawValue, reply.correlationID, reply.inReplyTo,
                      reply.body, attachments])
            let row = rows[0]
            return Attempt(alreadySent: try row.decode("status", as: String.self) == "sent",
                           number: try row.decode("attempts", as: Int.self))
        }
    }

    func markSent(_ reply: OutboundReply, providerSID: String?) async throws {
        try await update(reply, status: "sent", providerSID: providerSID, error: nil)
    }

    /// `failed` while retries remain, `dead` once the reply went to the dead-letter queue.
    func markFailed(_ reply: OutboundReply, error: String, dead: Bool) async throws {
        try await update(reply, status: dead ? "dead" : "failed", providerSID: nil, error: error)
    }

    private func update(_ reply: OutboundReply, status: String, providerSID: String?, error: String?) async throws {
        try await database.write(tenant: reply.tenant) { session in
            try session.execute("""
                UPDATE outbound_messages SET status = $2, provider_sid = coalesce($3, provider_sid), last_error = $4,
                       updated_at = now()
                WHERE reply_id = $1
                """, [reply.replyID, status, providerSID, error])
        }
    }
}
