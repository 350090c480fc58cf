import FintrakCore
import FintrakPostgres
import FintrakStores
import Foundation
import MessageLayout

/// The `outbound_messages` rows of each reply: written before the send, so a redelivered reply that was already
/// sent is recognised and not sent again.
///
/// A reply that goes out as one provider message is one row, keyed by its reply id. A reply that needs several
/// (a long text in numbered parts, files sent after the text) also gets one row per message, keyed
/// `<reply id>#part<n>`: each part is marked sent on its own, so a retry or a replay sends only the parts that
/// have not gone yet, and each part keeps its provider id for delivery reports. The reply's own row is marked
/// sent once every part is (it has no provider id of its own). Attempts are counted on the reply's row.
struct OutboundStore: Sendable {
    let database: TenantDatabase

    /// One provider message of a reply that needs several.
    struct Part: Sendable {
        var id: String
        var message: OutgoingMessage
    }

    static func partID(reply: String, number: Int) -> String { partPrefix(reply: reply) + "\(number)" }
    static func partPrefix(reply: String) -> String { reply + "#part" }

    struct Attempt: Sendable {
        var alreadySent: Bool
        /// This attempt's number, counting from 1.
        var number: Int
        /// Parts (by id) that an earlier attempt already sent.
        var sentParts: Set<String>
        /// Messages (by id) whose earlier send has an unresolved intent that no report resolved in the wait: sending
        /// them again may make a second copy (counted in `unconfirmed_resends`).
        var unconfirmed: Set<String> = []
        /// Messages (by id) whose send intent `begin` already recorded: they need no `markSending`.
        var intentRecorded: Set<String> = []
    }

    /// What `begin` found.
    enum Beginning: Sendable {
        /// Go ahead (the attempt is counted).
        case attempt(Attempt)
        /// An earlier send of this reply may have reached the provider and its report may still come: look again
        /// later, within `remaining` (nothing is counted).
        case awaitingReport(remaining: Duration)
    }

    /// Records the reply (and its parts) as pending if it is new, and counts this attempt. A message of the reply
    /// whose send intent is unresolved makes it wait instead (`awaitingReport`) when `reportWait`, given the age of
    /// the youngest such intent, says how much longer.
    ///
    /// `sendsAtOnce`: the reply goes as one message, sent right after this. A new such reply (the usual case) is
    /// recorded with its send intent in one round trip, committed before the send as `markSending` would.
    func begin(_ reply: OutboundReply, parts: [Part], sendsAtOnce: Bool,
               reportWait: @escaping @Sendable (Duration) -> Duration?) async throws -> Beginning {
        let attachments = try Self.json(reply.attachments)
        if parts.isEmpty, try await insertNew(reply, attachments: attachments, withIntent: sendsAtOnce) {
            return .attempt(Attempt(alreadySent: false, number: 1, sentParts: [],
                                    intentRecorded: sendsAtOnce ? [reply.replyID] : []))
        }
        let partRows = try parts.map { ($0.id, $0.message.text, try Self.json($0.message.media)) }
        let ids = String(decoding: try JSONEncoder().encode([reply.replyID] + parts.map(\.id)), as: UTF8.self)
        return try await database.write(tenant: reply.tenant) { session in
            var unresolved: [String: Int64] = [:]
            for row in try session.query("""
                SELECT reply_id, (extract(epoch FROM now() - send_started_at) * 1000)::bigint AS age_ms FROM outbound_messages
                WHERE reply_id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND status <> 'sent' AND send_started_at IS NOT NULL
                """, [ids]) {
                unresolved[try row.decode("reply_id", as: String.self)] = try row.decode("age_ms", as: Int64.self)
            }
            if let youngest = unresolved.values.min(), let remaining = reportWait(.milliseconds(youngest)) {
                return .awaitingReport(remaining: remaining)
            }
            let rows = try session.query("""
                INSERT INTO outbound_messages (reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments, attempts,
                                               sent_to)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 1, $8)
                ON CONFLICT (reply_id) DO UPDATE SET
                    attempts = outbound_messages.attempts + CASE WHEN outbound_messages.status = 'sent' THEN 0 ELSE 1 END,
                    updated_at = now()
                RETURNING status, attempts
                """, [reply.replyID, reply.tenant, reply.provider.rawValue, reply.correlationID, reply.inReplyTo,
                      reply.body, attachments, reply.recipient])
            let row = try rows.returnedRow()
            let alreadySent = try row.decode("status", as: String.self) == "sent"
            let number = try row.decode("attempts", as: Int.self)
            guard !alreadySent, !partRows.isEmpty else {
                return .attempt(Attempt(alreadySent: alreadySent, number: number, sentParts: [], unconfirmed: Set(unresolved.keys)))
            }
            for (id, body, media) in partRows {
                try session.execute("""
                    INSERT INTO outbound_messages (reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments)
                    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
                    ON CONFLICT (reply_id) DO NOTHING
                    """, [id, reply.tenant, reply.provider.rawValue, reply.correlationID, reply.inReplyTo, body, media])
            }
            let sent = try session.queryThenCommit("""
                SELECT reply_id FROM outbound_messages WHERE starts_with(reply_id, $1) AND status = 'sent'
                """, [Self.partPrefix(reply: reply.replyID)])
            return .attempt(Attempt(alreadySent: false, number: number,
                                    sentParts: Set(try sent.map { try $0.decode("reply_id", as: String.self) }),
                                    unconfirmed: Set(unresolved.keys)))
        }
    }

    /// Inserts the row of a reply that has none yet, as pending with its first attempt (and its send intent when
    /// `withIntent`), committed in one round trip; false when the reply already has a row, or its tenant none yet
    /// (a reply almost always answers a message that created it, so the tenant's upsert is left to `begin`).
    private func insertNew(_ reply: OutboundReply, attachments: String, withIntent: Bool) async throws -> Bool {
        do {
            return try await insertNewRow(reply, attachments: attachments, withIntent: withIntent)
        } catch let error as PostgresError where error.sqlState == "23503" {  // foreign_key_violation
            return false
        }
    }

    private func insertNewRow(_ reply: OutboundReply, attachments: String, withIntent: Bool) async throws -> Bool {
        try await database.write(tenant: reply.tenant, tenantExists: true) { session in
            try !session.queryThenCommit("""
                INSERT INTO outbound_messages (reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments, attempts,
                                               sent_to, send_started_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 1, $8, CASE WHEN $9 THEN now() END)
                ON CONFLICT (reply_id) DO NOTHING
                RETURNING attempts
                """, [reply.replyID, reply.tenant, reply.provider.rawValue, reply.correlationID, reply.inReplyTo,
                      reply.body, attachments, reply.recipient, withIntent]).isEmpty
        }
    }

    /// The send intent, written just before the message goes to the provider; `unconfirmed` counts a send made
    /// although an earlier one was never resolved.
    func markSending(id: String, tenant: String, unconfirmed: Bool) async throws {
        try await database.write(tenant: tenant, tenantExists: true) { session in
            try session.executeThenCommit("""
                UPDATE outbound_messages SET send_started_at = now(),
                       unconfirmed_resends = unconfirmed_resends + CASE WHEN $2 THEN 1 ELSE 0 END
                WHERE reply_id = $1
                """, [id, unconfirmed])
        }
    }

    /// The provider answered the send with an error: it did not take the message, so nothing is left to wait for.
    func clearSending(id: String, tenant: String) async throws {
        try await database.write(tenant: tenant, tenantExists: true) { session in
            try session.executeThenCommit("UPDATE outbound_messages SET send_started_at = NULL WHERE reply_id = $1 AND status <> 'sent'", [id])
        }
    }

    struct NotRecorded: Error, CustomStringConvertible {
        let id: String
        var description: String { "no outbound_messages row \(id) to mark sent" }
    }

    /// The one statement between the provider accepting a message and the record of it: kept to a single UPDATE.
    func markSent(id: String, tenant: String, providerSID: String?) async throws {
        let updated = try await database.write(tenant: tenant, tenantExists: true) { session in
            try session.executeThenCommit("""
                UPDATE outbound_messages SET status = 'sent', provider_sid = coalesce($2, provider_sid), last_error = NULL,
                       recorded_from_report = false, updated_at = now()
                WHERE reply_id = $1
                """, [id, providerSID])
        }
        guard updated == 1 else { throw NotRecorded(id: id) }
    }

    /// A failed attempt that will be retried.
    func markFailed(_ reply: OutboundReply, error: String) async throws {
        try await database.write(tenant: reply.tenant, tenantExists: true) { session in
            try session.executeThenCommit("""
                UPDATE outbound_messages SET status = 'failed', last_error = $2, updated_at = now()
                WHERE reply_id = $1 AND status <> 'sent'
                """, [reply.replyID, error])
        }
    }

    /// A reply that reached the dead-letter queue: `dead`, with its last error, where `fintrak dead-letters` finds
    /// it. Creates the row when the reply never got as far as a first attempt; never touches a reply already sent.
    func recordDead(_ reply: OutboundReply, error: String) async throws {
        let attachments = try Self.json(reply.attachments)
        try await database.write(tenant: reply.tenant) { session in
            try session.executeThenCommit("""
                INSERT INTO outbound_messages (reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments,
                                               status, last_error)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'dead', $8)
                ON CONFLICT (reply_id) DO UPDATE SET status = 'dead', last_error = excluded.last_error, updated_at = now()
                WHERE outbound_messages.status <> 'sent'
                """, [reply.replyID, reply.tenant, reply.provider.rawValue, reply.correlationID, reply.inReplyTo,
                      reply.body, attachments, error])
        }
    }

    private static func json(_ attachments: [ReplyAttachment]) throws -> String {
        String(decoding: try EnvelopeCoding.encode(attachments), as: UTF8.self)
    }
}
